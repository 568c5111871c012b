// Instance NIC and disk fields: aggregates (nic.macs, disk.sizes…) and Ganeti's per-index
// fields (nic.mac/0 … nic.mac/7, disk.size/0 … disk.size/15). An index past the
// instance's last device is unavail, not an error.
import type { Disk, Instance, Nic, NicParams } from '../../common/objects.js';
import type { InstanceContext } from './instance-context.js';
import { makeField, ordinal, UNAVAIL, type Field, type FieldKind } from './types.js';

type IF = Field<InstanceContext, Instance>;

export const MAX_NICS = 8;
export const MAX_DISKS = 16;

/** Extra space a disk template uses on the node beyond the disk sizes (ComputeDiskSize). */
const DRBD_META_SIZE = 128;

export function diskUsage(inst: Instance): number {
  switch (inst.disk_template) {
    case 'diskless':
    case 'blockdev':
      return 0;
    case 'drbd':
      return inst.disks.reduce((s, d) => s + d.size + DRBD_META_SIZE, 0);
    default:
      return inst.disks.reduce((s, d) => s + d.size, 0);
  }
}

const bridgeOf = (p: NicParams): string | null => (p.mode === 'bridged' ? p.link : null);
const vlanOf = (p: NicParams): string | null => (p.mode === 'bridged' || p.mode === 'openvswitch' ? p.vlan : null);
const orUnavail = (v: unknown): unknown => (v === null || v === undefined ? UNAVAIL : v);

function nicFields(): IF[] {
  const f = makeField<InstanceContext, Instance>;
  const params = (c: InstanceContext, i: Instance): NicParams[] => c.filled(i).nics;
  const out: IF[] = [
    f('nic.count', 'NICs', 'number', 'Number of network interfaces', (_c, i) => i.nics.length),
    f('nic.macs', 'NIC_MACs', 'other', "List containing each network interface's MAC address", (_c, i) => i.nics.map((n) => n.mac)),
    f('nic.ips', 'NIC_IPs', 'other', "List containing each network interface's IP address", (_c, i) => i.nics.map((n) => n.ip)),
    f('nic.names', 'NIC_Names', 'other', "List containing each network interface's name", (_c, i) => i.nics.map((n) => n.name)),
    f('nic.uuids', 'NIC_UUIDs', 'other', "List containing each network interface's UUID", (_c, i) => i.nics.map((n) => n.uuid)),
    f('nic.modes', 'NIC_modes', 'other', "List containing each network interface's mode", (c, i) => params(c, i).map((p) => p.mode)),
    f('nic.links', 'NIC_links', 'other', "List containing each network interface's link", (c, i) => params(c, i).map((p) => p.link)),
    f('nic.vlans', 'NIC_VLANs', 'other', "List containing each network interface's VLAN", (c, i) => params(c, i).map(vlanOf)),
    f('nic.bridges', 'NIC_bridges', 'other', "List containing each network interface's bridge", (c, i) => params(c, i).map(bridgeOf)),
    f('nic.networks', 'NIC_networks', 'other', "List containing each interface's network", (_c, i) => i.nics.map((n) => n.network)),
    f('nic.networks.names', 'NIC_networks_names', 'other', "List containing each interface's network",
      (c, i) => i.nics.map((n) => c.networkName(n.network))),
  ];
  const per: [string, string, string, (c: InstanceContext, n: Nic, p: NicParams) => unknown][] = [
    ['ip', 'NicIP', 'IP address', (_c, n) => orUnavail(n.ip)],
    ['mac', 'NicMAC', 'MAC address', (_c, n) => n.mac],
    ['name', 'NicName', 'Name address', (_c, n) => orUnavail(n.name)],
    ['uuid', 'NicUUID', 'UUID address', (_c, n) => orUnavail(n.uuid)],
    ['mode', 'NicMode', 'Mode', (_c, _n, p) => p.mode],
    ['link', 'NicLink', 'Link', (_c, _n, p) => p.link],
    ['bridge', 'NicBridge', 'Bridge', (_c, _n, p) => orUnavail(bridgeOf(p))],
    ['vlan', 'NicVLAN', 'VLAN', (_c, _n, p) => (p.mode === 'openvswitch' ? p.vlan : UNAVAIL)],
    ['network', 'NicNetwork', 'Network', (_c, n) => orUnavail(n.network)],
    ['network.name', 'NicNetworkName', 'Network name', (c, n) => orUnavail(c.networkName(n.network))],
  ];
  for (let idx = 0; idx < MAX_NICS; idx++) {
    for (const [key, title, what, get] of per) {
      out.push(f(`nic.${key}/${idx}`, `${title}/${idx}`, 'text', `${what} of ${ordinal(idx + 1)} network interface`,
        (c, i) => {
          const nic = i.nics[idx];
          return nic ? get(c, nic, c.filled(i).nics[idx]!) : UNAVAIL;
        }));
    }
  }
  return out;
}

function diskFields(): IF[] {
  const f = makeField<InstanceContext, Instance>;
  const out: IF[] = [
    f('disk_usage', 'DiskUsage', 'unit', 'Total disk space used by instance on each of its nodes; this is not the'
      + ' disk size visible to the instance, but the usage on the node', (_c, i) => diskUsage(i)),
    f('disk.count', 'Disks', 'number', 'Number of disks', (_c, i) => i.disks.length),
    f('disk.sizes', 'Disk_sizes', 'other', 'List of disk sizes', (_c, i) => i.disks.map((d) => d.size)),
    f('disk.spindles', 'Disk_spindles', 'other', 'List of disk spindles', (_c, i) => i.disks.map((d) => d.spindles)),
    f('disk.names', 'Disk_names', 'other', 'List of disk names', (_c, i) => i.disks.map((d) => d.name)),
    f('disk.uuids', 'Disk_UUIDs', 'other', 'List of disk UUIDs', (_c, i) => i.disks.map((d) => d.uuid)),
  ];
  const per: [string, string, FieldKind, string, (d: Disk) => unknown][] = [
    ['size', 'Disk', 'unit', 'Disk size', (d) => orUnavail(d.size)],
    ['spindles', 'DiskSpindles', 'number', 'Spindles', (d) => orUnavail(d.spindles)],
    ['name', 'DiskName', 'text', 'Name', (d) => orUnavail(d.name)],
    ['uuid', 'DiskUUID', 'text', 'UUID', (d) => orUnavail(d.uuid)],
  ];
  for (let idx = 0; idx < MAX_DISKS; idx++) {
    for (const [key, title, kind, what, get] of per) {
      out.push(f(`disk.${key}/${idx}`, `${title}/${idx}`, kind, `${what} of ${ordinal(idx + 1)} disk`,
        (_c, i) => { const d = i.disks[idx]; return d ? get(d) : UNAVAIL; }));
    }
  }
  return out;
}

export function deviceFields(): IF[] {
  return [...nicFields(), ...diskFields()];
}

/** Legacy names for the first devices (Ganeti's aliases). */
export const DEVICE_ALIASES: [string, string][] = [
  ['sda_size', 'disk.size/0'], ['sdb_size', 'disk.size/1'],
  ['ip', 'nic.ip/0'], ['mac', 'nic.mac/0'], ['bridge', 'nic.bridge/0'],
  ['nic_mode', 'nic.mode/0'], ['nic_link', 'nic.link/0'], ['nic_network', 'nic.network/0'],
];
