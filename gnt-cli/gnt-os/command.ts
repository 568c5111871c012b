// gnt-os: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-os',
  verbs: {
    list: { usage: '', description: 'Lists all valid operating systems on the cluster', load: () => import('./list.js') },
    diagnose: { usage: '', description: 'Diagnose all operating systems', load: () => import('./diagnose.js') },
    info: { usage: '', description: 'Show detailed information about operating systems', load: () => import('./info.js') },
    modify: { usage: '[-H <hv:params>] [-O <params>] [--hidden=yes|no] [--blacklisted=yes|no] <os>', description: 'Modify the OS parameters', load: () => import('./modify.js') },
  },
  aliases: { show: 'info' },
};
