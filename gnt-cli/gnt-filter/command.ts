// gnt-filter: the verbs, their usage and description (Ganeti's commands table).
import type { CommandSpec } from '../framework/spec.js';

export const spec: CommandSpec = {
  prog: 'gnt-filter',
  verbs: {
    add: { usage: '[--priority=N] [--predicates=JSON] [--action=ACTION]', description: 'Adds a new filter rule', load: () => import('./add.js') },
    replace: { usage: '[--priority=N] [--predicates=JSON] [--action=ACTION] <filter-uuid>', description: 'Replaces a filter rule, or creates one if it doesn\'t already exist', load: () => import('./replace.js') },
    delete: { usage: '<filter-uuid>', description: 'Removes a filter rule', load: () => import('./delete.js') },
    list: { usage: '[<filter-uuid>...]', description: 'Lists the job filter rules. The available fields can be shown using the "list-fields" command (see the man page for details). The default list is (in order): uuid, priority, predicates, action.', load: () => import('./list.js') },
    'list-fields': { usage: '[<field>...]', description: 'Lists all available fields for filters', load: () => import('./list-fields.js') },
    info: { usage: '[<filter-uuid>...]', description: 'Shows information about the filter(s)', load: () => import('./info.js') },
  },
  aliases: { show: 'info' },
  envOverride: ['list'],
};
