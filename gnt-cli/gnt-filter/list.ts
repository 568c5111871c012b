// gnt-filter list: the rules in the order the queue applies them.
import { listVerb } from '../framework/generic-list.js';

const json = { format: (v: unknown) => JSON.stringify(v) };
export const verb = listVerb({
  resource: 'filter',
  defaultFields: ['uuid', 'priority', 'predicates', 'action'],
  overrides: { predicates: json, action: { format: (v: unknown) => (Array.isArray(v) ? v.join(' ') : String(v)) }, reason_trail: json },
  withUnits: false,
});
