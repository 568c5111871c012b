// The instance as the node daemons receive it (the one Instance message of node.proto):
// cluster defaults filled in, disks with their logical ids (each node derives the paths).
import { fillBeParams, fillNicParams, type ClusterConfig, type Instance } from '../common/objects.js';
import { fillHvParams } from '../hypervisor/descriptors.js';
import type { Disk } from '../../proto/generated/ganeti/Disk.js';
import type { Instance as ProtoInstance } from '../../proto/generated/ganeti/Instance.js';

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

export function diskToProto(d: Instance['disks'][number]): Disk {
  return {
    uuid: d.uuid, name: d.name, dev_type: d.dev_type, size: d.size, logical_id: d.logical_id,
    iv_name: d.iv_name, mode: d.mode, params_json: JSON.stringify(d.params ?? {}),
  };
}
