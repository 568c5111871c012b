// Importing this module registers every opcode.
export * from './define.js';
export * from './schema.js';
export * from './cluster.js';
export * from './node.js';
export * from './instance.js';
export * from './backup.js';
