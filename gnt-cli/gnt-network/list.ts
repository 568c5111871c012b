// gnt-network list: the network query as a table (Ganeti's default fields).
import { listVerb } from '../framework/generic-list.js';

export const verb = listVerb({
  resource: 'network',
  defaultFields: ['name', 'network', 'gateway', 'network6', 'gateway6', 'mac_prefix', 'group_list', 'tags'],
  overrides: {
    group_list: { format: (v: unknown) => (v as [string, string, string][]).map(([g, m, l]) => `${g} (${m}, ${l})`).join(', ') },
  },
  joined: ['inst_list', 'tags'],
  withUnits: false,
});
