// gnt-debug locks [--no-headers] [--separator=S] [-o FIELDS]: the locks held or waited for
// in the master now (the "lock" query resource), as Ganeti's gnt_debug.ListLocks: owners
// comma-joined, pending waiters as "mode:owner,owner" groups.
import { listVerb } from '../framework/generic-list.js';
import { ARGS_NONE } from '../framework/spec.js';

const names = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String).join(',') : '-');
export const verb = { ...listVerb({
  resource: 'lock',
  defaultFields: ['name', 'mode', 'owner', 'pending'],
  overrides: {
    mode: { format: (v: unknown) => (v ? String(v) : '-') },
    owner: { format: names },
    pending: {
      format: (v: unknown) => (Array.isArray(v) && v.length
        ? (v as [string, string[]][]).map(([mode, owners]) => `${mode}:${owners.join(',')}`).join(' ') : '-'),
    },
  },
  withUnits: false,
}), args: ARGS_NONE };   // Ganeti's locks takes no names
