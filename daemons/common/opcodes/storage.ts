// ExtStorage provider diagnosis (Ganeti's OpExtStorageDiagnose), behind gnt-storage.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const EXT_STORAGE_FIELDS = ['name', 'node_status', 'nodegroup_status', 'parameters'] as const;

export const OpExtStorageDiagnose = defineOpcode('OP_EXT_STORAGE_DIAGNOSE', {
  output_fields: t.list(t.oneOf(EXT_STORAGE_FIELDS)),
  names: t.list(t.str()).default([]),
});
