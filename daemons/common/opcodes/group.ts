// Node group opcodes (Ganeti's OpGroup*).
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const ALLOC_POLICIES = ['preferred', 'last_resort', 'unallocable'] as const;

/** What gnt-group add and modify both set (Ganeti's OpGroupAdd and OpGroupSetParams). */
const GROUP_PARAMS = {
  group_name: t.nonEmpty(),
  alloc_policy: t.oneOf(ALLOC_POLICIES).optional(),
  ndparams: t.dict().optional(),
  diskparams: t.dict().optional(),
  ipolicy: t.dict().optional(),
  hv_state: t.dict().optional(),
  disk_state: t.dict().optional(),
};

export const OpGroupAdd = defineOpcode('OP_GROUP_ADD', GROUP_PARAMS, { summaryField: 'group_name' });

export const OpGroupAssignNodes = defineOpcode('OP_GROUP_ASSIGN_NODES', {
  group_name: t.nonEmpty(),
  force: t.bool().default(false),
  nodes: t.list(t.str()),
}, { summaryField: 'group_name' });

export const OpGroupSetParams = defineOpcode('OP_GROUP_SET_PARAMS', GROUP_PARAMS, { summaryField: 'group_name' });

export const OpGroupRemove = defineOpcode('OP_GROUP_REMOVE', {
  group_name: t.nonEmpty(),
}, { summaryField: 'group_name' });

export const OpGroupRename = defineOpcode('OP_GROUP_RENAME', {
  group_name: t.nonEmpty(),
  new_name: t.nonEmpty(),
}, { summaryField: 'group_name' });

/** Ganeti's LUGroupEvacuate: plans moving every instance of the group to other groups. */
export const OpGroupEvacuate = defineOpcode('OP_GROUP_EVACUATE', {
  group_name: t.nonEmpty(),
  early_release: t.bool().default(false),
  iallocator: t.str().optional(),
  target_groups: t.list(t.nonEmpty()).optional(),
  sequential: t.bool().default(false),
  force_failover: t.bool().default(false),
}, { summaryField: 'group_name' });
