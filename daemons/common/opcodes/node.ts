import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpNodeAdd = defineOpcode('OP_NODE_ADD', {
  node_name: t.nonEmpty(),
  primary_ip: t.str().optional(),
  secondary_ip: t.str().optional(),
  readd: t.bool().default(false),
  group: t.str().optional(),
  master_capable: t.bool().optional(),
  vm_capable: t.bool().optional(),
  ndparams: t.dict().optional(),
  node_setup: t.bool().default(true),
  hv_state: t.dict().optional(),
  disk_state: t.dict().optional(),
  // Ganeti's client checks the host key itself; here the master joins the node over SSH.
  ssh_key_check: t.bool().default(true),
}, { summaryField: 'node_name' });

export const OpNodeRemove = defineOpcode('OP_NODE_REMOVE', {
  node_name: t.nonEmpty(),
  node_uuid: t.str().optional(),
}, { summaryField: 'node_name' });

export const OpNodeSetParams = defineOpcode('OP_NODE_SET_PARAMS', {
  node_name: t.nonEmpty(),
  node_uuid: t.str().optional(),
  force: t.bool().default(false),
  master_candidate: t.bool().optional(),
  offline: t.bool().optional(),
  drained: t.bool().optional(),
  auto_promote: t.bool().default(false),
  master_capable: t.bool().optional(),
  vm_capable: t.bool().optional(),
  secondary_ip: t.str().optional(),
  ndparams: t.dict().optional(),
  powered: t.bool().optional(),
  hv_state: t.dict().optional(),
  disk_state: t.dict().optional(),
}, { summaryField: 'node_name' });

export const OpNodeQueryvols = defineOpcode('OP_NODE_QUERYVOLS', {
  nodes: t.list(t.str()).default([]),
  output_fields: t.list(t.str()),
});

export const OpNodeQueryStorage = defineOpcode('OP_NODE_QUERY_STORAGE', {
  nodes: t.list(t.str()).default([]),
  storage_type: t.str().optional(),
  name: t.str().optional(),
  output_fields: t.list(t.str()),
});

// ---- Emptying a node (issue 9): the master turns one opcode into one job per instance
// (Ganeti's ResultWithJobs); the result is {jobs: [[true, id] | [false, error], ...]}. ----
/** Ganeti's LUNodeMigrate: an OP_INSTANCE_MIGRATE job for every primary instance of the node. */
export const OpNodeMigrate = defineOpcode('OP_NODE_MIGRATE', {
  node_name: t.nonEmpty(),
  node_uuid: t.str().optional(),
  mode: t.oneOf(['live', 'non-live']).optional(),
  live: t.bool().optional(),
  target_node: t.str().optional(),
  target_node_uuid: t.str().optional(),
  allow_runtime_changes: t.bool().default(true),
  ignore_ipolicy: t.bool().default(false),
  iallocator: t.str().optional(),
}, { summaryField: 'node_name' });

/** Ganeti's node evacuation modes (constants.NODE_EVAC_MODES). */
export const NODE_EVAC_MODES = ['primary-only', 'secondary-only', 'all'] as const;

/** Ganeti's LUNodeEvacuate: a job for every instance to move off the node. */
export const OpNodeEvacuate = defineOpcode('OP_NODE_EVACUATE', {
  early_release: t.bool().default(false),
  node_name: t.nonEmpty(),
  node_uuid: t.str().optional(),
  remote_node: t.str().optional(),
  remote_node_uuid: t.str().optional(),
  iallocator: t.str().optional(),
  mode: t.oneOf([...NODE_EVAC_MODES]),
  ignore_soft_errors: t.bool().default(false),
  ignore_ipolicy: t.bool().default(false),
}, { summaryField: 'node_name' });

type EvacArgs = { remote_node?: string | null; iallocator?: string | null; early_release?: boolean };

/** OP_NODE_EVACUATE's argument rules, checked by the master and, before it asks, by gnt-node. */
export function nodeEvacuateArgsProblem(op: EvacArgs): string | null {
  if (op.remote_node && op.iallocator) return 'Give either the iallocator or the new secondary, not both';
  if (op.early_release) return '--early-release applies to DRBD secondaries only, which this build does not have';
  return null;
}
