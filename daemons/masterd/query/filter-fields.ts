// Job filter rule query fields (Ganeti's FILTER fields).
import type { FilterRule } from '../../common/objects.js';
import { fieldMap, makeField, type Field, type FieldMap } from './types.js';

type FF = Field<null, FilterRule>;

function build(): FieldMap<null, FilterRule> {
  const f = makeField<null, FilterRule>;
  const fields: FF[] = [
    f('uuid', 'UUID', 'text', 'Filter UUID', (_c, r) => r.uuid),
    f('watermark', 'Watermark', 'number', 'Highest job ID used at the time when the filter was added', (_c, r) => r.watermark),
    f('priority', 'Priority', 'number', 'Priority of filter', (_c, r) => r.priority),
    f('predicates', 'Predicates', 'other', 'List of filter predicates', (_c, r) => r.predicates),
    f('action', 'Action', 'other', 'Filter action', (_c, r) => r.action),
    f('reason_trail', 'ReasonTrail', 'other', 'Reason why this filter was added', (_c, r) => r.reason_trail),
  ];
  return fieldMap(fields);
}

export const FILTER_FIELDS: FieldMap<null, FilterRule> = build();
