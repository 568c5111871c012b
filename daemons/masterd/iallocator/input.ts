// The iallocator input document (Ganeti's lib/masterd/iallocator.py): the cluster, its node
// groups, nodes with their live capacity, instances, and the request. Free memory is what the
// CapacityTracker leaves (live totals minus config commitments minus pending reservations),
// so parallel jobs never see the same memory twice.
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import { fillBeParams, type ClusterConfig, type IPolicy } from '../../common/objects.js';
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

export function buildInput(cfg: Readonly<ClusterConfig>, infos: NodeInfos, usage: Usage, request: Record<string, unknown>): Record<string, unknown> {
  const cl = cfg.cluster;
  const ratio = cl.ipolicy['vcpu-ratio'] || 4;
  const cfgVcpus = new Map<string, number>();
  for (const i of Object.values(cfg.instances)) {
    cfgVcpus.set(i.primary_node, (cfgVcpus.get(i.primary_node) ?? 0) + fillBeParams(cl, i).vcpus);
  }
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
  for (const i of Object.values(cfg.instances)) {
    const be = fillBeParams(cl, i);
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
