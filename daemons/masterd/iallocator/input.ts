// The iallocator input document (Ganeti's lib/masterd/iallocator.py): the cluster, its node
// groups, nodes with their live capacity, instances, and the request. Free memory is what the
// CapacityTracker leaves (live totals minus config commitments minus pending reservations),
// so parallel jobs never see the same memory twice.
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import { BE_DEFAULTS } from '../../common/constants.js';
import type { BeParams, ClusterConfig, IPolicy } from '../../common/objects.js';
import { CapacityTracker } from '../capacity.js';

export type NodeInfos = Map<string, NodeInfoResponse__Output | string | undefined>;
type Usage = ReturnType<CapacityTracker['usage']>;

function groupIpolicy(cl: IPolicy, g: Partial<IPolicy>): IPolicy { return { ...cl, ...g }; }

/** Disk space an instance needs on its nodes (Ganeti's ComputeDiskSize). */
export function diskSpaceTotal(template: string, sizes: number[]): number {
  if (template === 'diskless') return 0;
  const sum = sizes.reduce((a, b) => a + b, 0);
  return template === 'drbd' ? sum + 128 * sizes.length : sum;
}

/** The three backend parameters the allocator reads, filled as fillBeParams fills them
 * (instance, then cluster default, then the built-in default) without copying all of them:
 * this runs for every instance on every allocation. */
function beOf(cl: ClusterConfig['cluster'], i: ClusterConfig['instances'][string]): Pick<BeParams, 'vcpus' | 'maxmem' | 'spindle_use'> {
  const d = cl.beparams.default;
  const own = i.beparams;
  return {
    vcpus: own.vcpus ?? d.vcpus ?? BE_DEFAULTS.vcpus,
    maxmem: own.maxmem ?? d.maxmem ?? BE_DEFAULTS.maxmem,
    spindle_use: own.spindle_use ?? d.spindle_use ?? BE_DEFAULTS.spindle_use,
  };
}

export function buildInput(cfg: Readonly<ClusterConfig>, infos: NodeInfos, usage: Usage, request: Record<string, unknown>): Record<string, unknown> {
  const cl = cfg.cluster;
  const ratio = cl.ipolicy['vcpu-ratio'] || 4;
  // One pass over the instances (filled backend parameters computed once per instance).
  const cfgVcpus = new Map<string, number>();
  const filled = Object.values(cfg.instances).map((i) => {
    const be = beOf(cl, i);
    cfgVcpus.set(i.primary_node, (cfgVcpus.get(i.primary_node) ?? 0) + be.vcpus);
    return [i, be] as const;
  });
  const nodes: Record<string, unknown> = {};
  for (const n of Object.values(cfg.nodes)) {
    const info = infos.get(n.uuid);
    const live = info && typeof info !== 'string' ? info : null;
    const base = {
      tags: [...n.tags], primary_ip: n.primary_ip, secondary_ip: n.secondary_ip, offline: n.offline || !live,
      drained: n.drained, master_candidate: n.master_candidate, master_capable: n.master_capable, vm_capable: n.vm_capable,
      ndparams: { spindle_count: 1, exclusive_storage: false, ...cl.ndparams, ...n.ndparams }, group: n.group,
    };
    if (!live) { nodes[n.name] = base; continue; }
    const u = usage.get(n.uuid);
    const free = CapacityTracker.free(live, u, ratio);
    const file = live.storage.find((s) => s.type === 'file' && s.reported);
    const pendingVcpus = Math.max(0, (u?.vcpus ?? 0) - (cfgVcpus.get(n.uuid) ?? 0));
    nodes[n.name] = {
      ...base, total_memory: Number(live.memory_total), reserved_memory: Number(live.memory_dom0), free_memory: free.memory,
      total_disk: file ? Number(file.total) : 0, free_disk: file && free.disk !== null ? free.disk : 0,
      total_cpus: live.cpu_total, reserved_cpus: pendingVcpus, total_spindles: 0, free_spindles: 0,
      i_pri_memory: 0, i_pri_up_memory: 0,
    };
  }
  const nodeName = (uuid: string) => cfg.nodes[uuid]?.name ?? uuid;
  const instances: Record<string, unknown> = {};
  for (const [i, be] of filled) {
    const sizes = i.disks.map((d) => d.size);
    instances[i.name] = {
      tags: [...i.tags], admin_state: i.admin_state, vcpus: be.vcpus, memory: be.maxmem, spindle_use: be.spindle_use, os: i.os,
      nodes: [i.primary_node, ...i.secondary_nodes].map(nodeName), nics: i.nics.map((x) => ({ mac: x.mac, ip: x.ip, network: x.network })),
      disks: i.disks.map((d) => ({ size: d.size, mode: d.mode, spindles: d.spindles })), disk_template: i.disk_template,
      disk_space_total: diskSpaceTotal(i.disk_template, sizes), hypervisor: i.hypervisor,
    };
  }
  const nodegroups: Record<string, unknown> = {};
  for (const g of Object.values(cfg.nodegroups)) {
    nodegroups[g.uuid] = { name: g.name, alloc_policy: g.alloc_policy, networks: Object.keys(g.networks ?? {}), ipolicy: groupIpolicy(cl.ipolicy, g.ipolicy), tags: [...g.tags] };
  }
  return {
    version: 2, cluster_name: cl.cluster_name, cluster_tags: [...cl.tags], enabled_hypervisors: [...cl.enabled_hypervisors],
    ipolicy: cl.ipolicy, nodegroups, nodes, instances, request,
  };
}
