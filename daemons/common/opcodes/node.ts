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
