// Network query fields (Ganeti's NETWORK_FIELDS): the pool's counts and map, the groups a
// network is connected to (with mode and link) and the instances using it.
import type { ClusterConfig, Network } from '../../common/objects.js';
import { AddressPool } from '../address-pool.js';
import { niceSort } from './nice-sort.js';
import { fieldMap, makeField, SERIAL_DOC, timestampFields, type Field, type FieldMap } from './types.js';

export class NetworkContext {
  constructor(readonly cfg: Readonly<ClusterConfig>) {}
  groups(net: Network): [string, string, string][] {
    const out: [string, string, string][] = [];
    for (const g of Object.values(this.cfg.nodegroups)) {
      const p = (g.networks ?? {})[net.uuid] as { mode?: string; link?: string } | undefined;
      if (p) out.push([g.name, p.mode ?? '', p.link ?? '']);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  instances(net: Network): string[] {
    return niceSort(Object.values(this.cfg.instances).filter((i) => i.nics.some((n) => n.network === net.uuid)).map((i) => i.name));
  }
}

type NF = Field<NetworkContext, Network>;
const pool = (n: Network) => new AddressPool(n);

function build(): FieldMap<NetworkContext, Network> {
  const f = makeField<NetworkContext, Network>;
  const fields: NF[] = [
    f('name', 'Network', 'text', 'Name', (_c, n) => n.name),
    f('network', 'Subnet', 'text', 'IPv4 subnet', (_c, n) => n.network),
    f('gateway', 'Gateway', 'other', 'IPv4 gateway', (_c, n) => n.gateway),
    f('network6', 'IPv6Subnet', 'other', 'IPv6 subnet', (_c, n) => n.network6),
    f('gateway6', 'IPv6Gateway', 'other', 'IPv6 gateway', (_c, n) => n.gateway6),
    f('mac_prefix', 'MacPrefix', 'other', 'MAC address prefix', (_c, n) => n.mac_prefix),
    f('free_count', 'FreeCount', 'number', 'Number of available addresses', (_c, n) => pool(n).freeCount()),
    f('reserved_count', 'ReservedCount', 'number', 'Number of reserved addresses', (_c, n) => pool(n).reservedCount()),
    f('map', 'Map', 'text', 'Actual mapping', (_c, n) => pool(n).map()),
    f('external_reservations', 'ExternalReservations', 'text', 'External reservations',
      (_c, n) => pool(n).externalReservations().join(', ')),
    f('group_list', 'GroupList', 'other', 'List of nodegroups (group name, NIC mode, NIC link)', (c, n) => c.groups(n)),
    f('group_cnt', 'NodeGroups', 'number', 'Number of nodegroups', (c, n) => c.groups(n).length),
    f('inst_list', 'InstanceList', 'other', 'List of instances', (c, n) => c.instances(n)),
    f('inst_cnt', 'Instances', 'number', 'Number of instances', (c, n) => c.instances(n).length),
    f('tags', 'Tags', 'other', 'Tags', (_c, n) => [...(n.tags ?? [])]),
    f('serial_no', 'SerialNo', 'number', SERIAL_DOC('Network'), (_c, n) => n.serial_no),
    f('uuid', 'UUID', 'text', 'Network UUID', (_c, n) => n.uuid),
    ...timestampFields<NetworkContext, Network>(),
  ];
  return fieldMap(fields);
}

export const NETWORK_FIELDS: FieldMap<NetworkContext, Network> = build();
