// gnt-backup: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-backup',
  verbs: {
    list: {
      usage: '', description: 'Lists instance exports available in the ganeti cluster',
      load: () => import('./list.js'),
    },
    'list-fields': { usage: '[fields...]', description: 'Lists all available fields for exports', load: () => import('./list-fields.js') },
    export: { usage: '-n <target_node> [opts...] <name>', description: 'Exports an instance to an image', load: () => import('./export.js') },
    import: {
      usage: '[...] -t disk-type -n node[:secondary-node] <name>', description: 'Imports an instance from an exported image',
      load: () => import('./import.js'),
    },
    remove: { usage: '<name>', description: 'Remove exports of named instance from the filesystem.', load: () => import('./remove.js') },
  },
  aliases: {},
};
