// Helpers shared by logical units (Ganeti's cmdlib/common.py): expanding names, node
// targets for RPC, the instance as a node needs it, node state checks.
import { OpPrereqError } from '../../common/errors.js';
import { fillBeParams, fillNicParams, type ClusterConfig, type Instance, type Node } from '../../common/objects.js';
import { fillHvParams } from '../../hypervisor/descriptors.js';
import type { Instance as ProtoInstance } from '../../../proto/generated/ganeti/Instance.js';
import type { NodeTarget } from '../rpc/node-rpc.js';

export function nodeTarget(node: Node): NodeTarget {
  return { name: node.name, ip: node.primary_ip, offline: node.offline };
}

export function getNode(cfg: Readonly<ClusterConfig>, uuid: string): Node {
  const n = cfg.nodes[uuid];
  if (!n) throw new OpPrereqError(`Node with UUID ${uuid} not found in the configuration`, { ecode: 'unknown_entity' });
  return n;
}

export function onlineNodes(cfg: Readonly<ClusterConfig>): Node[] {
  return Object.values(cfg.nodes).filter((n) => !n.offline);
}

export function checkNodeOnline(node: Node, msg = 'Can\'t use offline node'): void {
  if (node.offline) throw new OpPrereqError(`${msg} ${node.name}`, { ecode: 'wrong_state' });
}

export function checkNodeNotDrained(node: Node): void {
  if (node.drained) throw new OpPrereqError(`Can't use drained node ${node.name}`, { ecode: 'wrong_state' });
}

export function checkNodeVmCapable(node: Node): void {
  if (!node.vm_capable) throw new OpPrereqError(`Can't use non-vm_capable node ${node.name}`, { ecode: 'wrong_state' });
}

/** The instance with filled parameters, as InstanceStart & co. expect it. */
export function instanceToProto(cfg: Readonly<ClusterConfig>, inst: Instance): ProtoInstance {
  const be = fillBeParams(cfg.cluster, inst);
  return {
    name: inst.name,
    uuid: inst.uuid,
    hypervisor: inst.hypervisor,
    os: inst.os,
    primary_node: cfg.nodes[inst.primary_node]?.name ?? '',
    hvparams_json: JSON.stringify(fillHvParams(cfg.cluster, inst)),
    memory: be.maxmem,
    vcpus: be.vcpus,
    nics: inst.nics.map((n) => {
      const p = fillNicParams(cfg.cluster, n);
      return { uuid: n.uuid, name: n.name, mac: n.mac, ip: n.ip ?? '', mode: p.mode, link: p.link, vlan: p.vlan, network: n.network ?? '' };
    }),
    disks: inst.disks.map(diskToProto),
    osparams_json: JSON.stringify({ ...(cfg.cluster.osparams[inst.os.split('+')[0]!] ?? {}), ...inst.osparams }),
    network_port: inst.network_port ?? 0,
    admin_state: inst.admin_state,
  };
}

export function diskToProto(d: Instance['disks'][number]) {
  return {
    uuid: d.uuid, name: d.name, dev_type: d.dev_type, size: d.size, logical_id: d.logical_id,
    iv_name: d.iv_name, mode: d.mode, params_json: JSON.stringify(d.params ?? {}),
  };
}

/** Paths of an instance's disks on its primary node, in order (file disks: the file). */
export function diskPaths(inst: Instance): string[] {
  return inst.disks.map((d) => d.logical_id[1] ?? '');
}

/** Ganeti's FormatUnit for feedback lines: 1.0G, 512M. */
export function formatSize(mib: number): string {
  if (mib < 1024) return `${mib}M`;
  if (mib < 1024 * 1024) return `${(mib / 1024).toFixed(1)}G`;
  return `${(mib / 1024 / 1024).toFixed(1)}T`;
}
