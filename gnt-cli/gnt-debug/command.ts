// gnt-debug: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-debug',
  verbs: {
    delay: { usage: '[opts...] <duration>', description: 'Executes a TestDelay OpCode', load: () => import('./delay.js') },
    iallocator: { usage: '[opts...] <instance>', description: 'Executes a TestAllocator OpCode', load: () => import('./iallocator.js') },
    'submit-job': {
      usage: '<op_list_file...>', description: 'Submits jobs built from json files containing a list of serialized opcodes',
      load: () => import('./submit-job.js'),
    },
    'test-jobqueue': { usage: '', description: 'Test a few aspects of the job queue', load: () => import('./test-jobqueue.js') },
    'test-osparams': { usage: '--os-parameters-secret=<params>', description: 'Test secret os parameter transmission', load: () => import('./test-osparams.js') },
    wconfd: { usage: '<cmd> <args...>', description: 'Directly talk to WConfD', load: () => import('./wconfd.js') },
    locks: { usage: '[--no-headers] [--separator=SEPARATOR] [-o FIELDS] [--interval SECONDS]', description: 'Show a list of locks in the master daemon', load: () => import('./locks.js') },
  },
  aliases: { allocator: 'iallocator' },
};
