// Job filter rule opcodes (Ganeti manages them with its ReplaceFilter/DeleteFilter calls;
// here they are opcodes, which filter rules never hold back: see jqueue/filters.ts).
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpFilterSet = defineOpcode('OP_FILTER_SET', {
  /** Replace this rule (created when absent); a new uuid when not given. */
  uuid: t.str().optional(),
  priority: t.int(0).default(0),
  predicates: t.list(t.any()).default([]),
  action: t.any(),
  reason_trail: t.list(t.any()).default([]),
}, { summaryField: 'uuid' });

export const OpFilterDelete = defineOpcode('OP_FILTER_DELETE', {
  uuid: t.nonEmpty(),
}, { summaryField: 'uuid' });
