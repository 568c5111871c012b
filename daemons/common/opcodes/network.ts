// Network opcodes (Ganeti's OpNetwork*): IPv4 pools with reservations, connected to node groups.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpNetworkAdd = defineOpcode('OP_NETWORK_ADD', {
  network_name: t.nonEmpty(),
  network: t.nonEmpty(),
  gateway: t.str().optional(),
  network6: t.str().optional(),
  gateway6: t.str().optional(),
  mac_prefix: t.str().optional(),
  add_reserved_ips: t.list(t.str()).optional(),
  conflicts_check: t.bool().default(true),
  tags: t.list(t.str()).default([]),
}, { summaryField: 'network_name' });

export const OpNetworkRemove = defineOpcode('OP_NETWORK_REMOVE', {
  network_name: t.nonEmpty(),
  force: t.bool().default(false),
}, { summaryField: 'network_name' });

export const OpNetworkSetParams = defineOpcode('OP_NETWORK_SET_PARAMS', {
  network_name: t.nonEmpty(),
  gateway: t.str().optional(),
  network6: t.str().optional(),
  gateway6: t.str().optional(),
  mac_prefix: t.str().optional(),
  add_reserved_ips: t.list(t.str()).optional(),
  remove_reserved_ips: t.list(t.str()).optional(),
}, { summaryField: 'network_name' });

export const OpNetworkConnect = defineOpcode('OP_NETWORK_CONNECT', {
  group_name: t.nonEmpty(),
  network_name: t.nonEmpty(),
  network_mode: t.str(),
  network_link: t.str(),
  network_vlan: t.str().default(''),
  conflicts_check: t.bool().default(true),
}, { summaryField: 'network_name' });

export const OpNetworkDisconnect = defineOpcode('OP_NETWORK_DISCONNECT', {
  group_name: t.nonEmpty(),
  network_name: t.nonEmpty(),
}, { summaryField: 'network_name' });

/** Ganeti's LUNetworkRename (gnt-network rename, RAPI /2/networks/NAME/rename). */
export const OpNetworkRename = defineOpcode('OP_NETWORK_RENAME', {
  network_name: t.nonEmpty(),
  new_name: t.nonEmpty(),
}, { summaryField: 'network_name' });
