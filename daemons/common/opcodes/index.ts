// Importing this module registers every opcode.
export * from './define.js';
export * from './schema.js';
export * from './cluster.js';
export * from './node.js';
export * from './instance.js';
export * from './group.js';
export * from './tags.js';
export * from './filter.js';
export * from './network.js';
export * from './storage.js';
export * from './test.js';
export * from './backup.js';
export * from './oob.js';
export * from './restricted-command.js';
