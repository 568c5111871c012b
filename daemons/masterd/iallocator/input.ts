// The iallocator input document (Ganeti's lib/masterd/iallocator.py): the cluster, its node
// groups, nodes with their live capacity, instances, and the request. Free memory is what the
// CapacityTracker leaves (live totals minus config commitments minus pending reservations),
// so parallel jobs never see the same memory twice.
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import { BE_DEFAULTS } from '../../common/constants.js';
import type { BeParams, ClusterConfig, IPolicy } from '../../common/objects.js';
import { CapacityTracker, InstanceUsage } from '../capacity.js';
import { parseInstance, type ParsedInstance } from '../../common/htools/iallocator.js';
import { KeptInstances } from '../../common/htools/kept-instances.js';
import type { ConfigStore, InstanceDerived } from '../config/config-store.js';

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

type ConfigInstance = ClusterConfig['instances'][string];
type Be = ReturnType<typeof beOf>;

/** One instance of the input document (what Ganeti's iallocator.py writes for it). */
interface InstanceRecord {
  tags: string[]; admin_state: string; vcpus: number; memory: number; spindle_use: number; os: string; nodes: string[];
  nics: { mac: string; ip: string | null; network: string | null }[];
  disks: { size: number; mode: string; spindles: number | null }[];
  disk_template: string; disk_space_total: number; hypervisor: string;
}

function instanceRecord(i: ConfigInstance, be: Be, nodeName: (uuid: string) => string): InstanceRecord {
  return {
    tags: [...i.tags], admin_state: i.admin_state, vcpus: be.vcpus, memory: be.maxmem, spindle_use: be.spindle_use, os: i.os,
    nodes: [i.primary_node, ...i.secondary_nodes].map(nodeName), nics: i.nics.map((x) => ({ mac: x.mac, ip: x.ip, network: x.network })),
    disks: i.disks.map((d) => ({ size: d.size, mode: d.mode, spindles: d.spindles })), disk_template: i.disk_template,
    disk_space_total: diskSpaceTotal(i.disk_template, i.disks.map((d) => d.size)), hypervisor: i.hypervisor,
  };
}

/** Whether instanceRecord(i, be, nodeName) would make a record equal to rec, without making
 * it (plain loops: this runs for every instance on every add). */
function sameRecord(rec: InstanceRecord, i: ConfigInstance, be: Be, nodeName: (uuid: string) => string): boolean {
  if (rec.admin_state !== i.admin_state || rec.vcpus !== be.vcpus || rec.memory !== be.maxmem || rec.spindle_use !== be.spindle_use
    || rec.os !== i.os || rec.disk_template !== i.disk_template || rec.hypervisor !== i.hypervisor) return false;
  if (rec.tags.length !== i.tags.length || rec.nodes.length !== 1 + i.secondary_nodes.length
    || rec.nics.length !== i.nics.length || rec.disks.length !== i.disks.length) return false;
  for (let k = 0; k < i.tags.length; k++) if (rec.tags[k] !== i.tags[k]) return false;
  if (rec.nodes[0] !== nodeName(i.primary_node)) return false;
  for (let k = 0; k < i.secondary_nodes.length; k++) if (rec.nodes[k + 1] !== nodeName(i.secondary_nodes[k]!)) return false;
  for (let k = 0; k < i.nics.length; k++) {
    const r = rec.nics[k]!, x = i.nics[k]!;
    if (r.mac !== x.mac || r.ip !== x.ip || r.network !== x.network) return false;
  }
  // disk_space_total follows from the template and the sizes.
  for (let k = 0; k < i.disks.length; k++) {
    const r = rec.disks[k]!, d = i.disks[k]!;
    if (r.size !== d.size || r.mode !== d.mode || r.spindles !== d.spindles) return false;
  }
  return true;
}

/** The instances with their filled backend parameters, and the vcpus they commit per node. */
function filledInstances(cfg: Readonly<ClusterConfig>) {
  const cfgVcpus = new Map<string, number>();
  const filled = Object.values(cfg.instances).map((i) => {
    const be = beOf(cfg.cluster, i);
    cfgVcpus.set(i.primary_node, (cfgVcpus.get(i.primary_node) ?? 0) + be.vcpus);
    return [i, be] as const;
  });
  return { filled, cfgVcpus };
}

/** The document without its instances. cfgVcpus: the vcpus the config's instances commit per node. */
function documentParts(cfg: Readonly<ClusterConfig>, infos: NodeInfos, usage: Usage, cfgVcpus: ReadonlyMap<string, number>) {
  const cl = cfg.cluster;
  const ratio = cl.ipolicy['vcpu-ratio'] || 4;
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
  const nodegroups: Record<string, unknown> = {};
  for (const g of Object.values(cfg.nodegroups)) {
    nodegroups[g.uuid] = { name: g.name, alloc_policy: g.alloc_policy, networks: Object.keys(g.networks ?? {}), ipolicy: groupIpolicy(cl.ipolicy, g.ipolicy), tags: [...g.tags] };
  }
  const nodeName = (uuid: string) => cfg.nodes[uuid]?.name ?? uuid;
  const doc = (instances: Record<string, unknown>, request: Record<string, unknown>): Record<string, unknown> => ({
    version: 2, cluster_name: cl.cluster_name, cluster_tags: [...cl.tags], enabled_hypervisors: [...cl.enabled_hypervisors],
    ipolicy: cl.ipolicy, nodegroups, nodes, instances, request,
  });
  return { nodeName, doc };
}

export function buildInput(cfg: Readonly<ClusterConfig>, infos: NodeInfos, usage: Usage, request: Record<string, unknown>): Record<string, unknown> {
  const { filled, cfgVcpus } = filledInstances(cfg);
  const { nodeName, doc } = documentParts(cfg, infos, usage, cfgVcpus);
  const instances: Record<string, unknown> = {};
  for (const [i, be] of filled) instances[i.name] = instanceRecord(i, be, nodeName);
  return doc(instances, request);
}

/** Per config instance object: its last record and hail's parse of it. The config is
 * changed in place, so a hit counts only while sameRecord holds. */
const parsedByInstance = new WeakMap<ConfigInstance, { rec: InstanceRecord; parsed: ParsedInstance }>();

/**
 * buildInput for the in-process hail's allocate requests: the document without its
 * instances section, and the instances as hail parses them (hailAnswer(doc, instances)
 * gives the answer hailAnswer(buildInput(...)) gives). Each instance is parsed once per
 * change of its config entry: building and parsing a record for every instance on every
 * add cost O(instances) objects per add (at 10,000 instances the main cost of an add).
 * Throws hail's IAllocatorError for an instance hail refuses (use buildInput then).
 */
export function buildHailInput(cfg: Readonly<ClusterConfig>, infos: NodeInfos, usage: Usage, request: Record<string, unknown>,
  store?: ConfigStore): { doc: Record<string, unknown>; instances: ParsedInstance[]; kept?: KeptInstances } {
  if (store && store.get() === cfg) {
    // Kept up to date by the store instance by instance: no pass over the instances per add,
    // and hail's model of them kept from one add to the next (kept).
    const parsed = store.derived('iallocator.hail-instances', HAIL_DEPS, () => new HailInstances(cfg));
    const { doc } = documentParts(cfg, infos, usage, InstanceUsage.of(store).configVcpus(cfg));
    return { doc: doc({}, request), instances: parsed.list(), kept: parsed.kept };
  }
  const { filled, cfgVcpus } = filledInstances(cfg);
  const { nodeName, doc } = documentParts(cfg, infos, usage, cfgVcpus);
  const instances = filled.map(([i, be]) => parsedOf(i, be, nodeName));
  return { doc: doc({}, request), instances };
}

/** Hail's parse of one instance, reused while the instance still makes the same record. */
function parsedOf(i: ConfigInstance, be: Be, nodeName: (uuid: string) => string): ParsedInstance {
  const m = parsedByInstance.get(i);
  if (m && m.parsed.name === i.name && sameRecord(m.rec, i, be, nodeName)) return m.parsed;
  const rec = instanceRecord(i, be, nodeName);
  const parsed = parseInstance(i.name, rec as unknown as Record<string, unknown>);
  parsedByInstance.set(i, { rec, parsed });
  return parsed;
}

/** What an instance's record reads besides the instance: the cluster's backend defaults and the node names. */
const HAIL_DEPS = ['cluster', 'nodes'] as const;

/** Hail's parsed instances in config order, kept up to date by the store (ConfigStore.derived). */
class HailInstances implements InstanceDerived {
  private readonly byUuid = new Map<string, ParsedInstance>();
  private cached: ParsedInstance[] | null = null;
  /** Hail's model of these instances, kept between adds (a new config, a new HailInstances, a new one). */
  readonly kept = new KeptInstances();

  constructor(private readonly cfg: Readonly<ClusterConfig>) {
    for (const i of Object.values(cfg.instances)) this.update(i.uuid, i);
  }

  update(uuid: string, inst: Readonly<ConfigInstance> | undefined): void {
    this.cached = null;
    // Map order follows the config's instances object: a changed entry keeps its place, a new one goes last.
    if (!inst) { this.byUuid.delete(uuid); return; }
    const nodeName = (u: string) => this.cfg.nodes[u]?.name ?? u;
    this.byUuid.set(uuid, parsedOf(inst as ConfigInstance, beOf(this.cfg.cluster, inst as ConfigInstance), nodeName));
  }

  list(): ParsedInstance[] { return (this.cached ??= [...this.byUuid.values()]); }
}
