// Node capacity as the allocator and the create/startup checks see it: the node's totals
// (from NodeInfo) minus what the config already commits there (instances that are up),
// minus temporary reservations of jobs still being created. Decisions and reservations
// happen in one synchronous step, so parallel jobs cannot over-commit a node.
import type { NodeInfoResponse__Output } from '../../proto/generated/ganeti/NodeInfoResponse.js';
import { BE_DEFAULTS } from '../common/constants.js';
import type { ClusterConfig, Instance } from '../common/objects.js';
import type { ConfigStore, InstanceDerived } from './config/config-store.js';

export interface NodeFree {
  memory: number;       // MiB free for new instances
  vcpus: number;        // vcpus that may still be placed (ipolicy vcpu-ratio × cpus − used)
  disk: number | null;  // MiB in file storage, null when the node does not report it
}

export interface Usage { memory: number; vcpus: number; disk: number }
interface Reservation extends Usage { node: string }

export class CapacityTracker {
  private readonly reservations = new Map<string, Reservation[]>();   // by owner

  reserve(owner: string, r: Reservation): void {
    const list = this.reservations.get(owner) ?? [];
    list.push(r);
    this.reservations.set(owner, list);
  }

  release(owner: string): void { this.reservations.delete(owner); }

  /** What the config and the reservations commit on every node, in one pass over the
   * instances (the allocator asks for all nodes at once; per-node passes were O(n²)). */
  usage(cfg: Readonly<ClusterConfig>, inConfig?: InstanceUsage): Map<string, Usage> {
    const out = inConfig ? inConfig.totals(cfg) : InstanceUsage.sum(cfg);
    const get = (uuid: string) => {
      let u = out.get(uuid);
      if (!u) { u = { memory: 0, vcpus: 0, disk: 0 }; out.set(uuid, u); }
      return u;
    };
    for (const list of this.reservations.values()) {
      for (const r of list) {
        const u = get(r.node);
        u.memory += r.memory; u.vcpus += r.vcpus; u.disk += r.disk;
      }
    }
    return out;
  }

  /** Free capacity of one node given its live NodeInfo answer and the usage map. */
  static free(info: NodeInfoResponse__Output, used: Usage | undefined, vcpuRatio: number): NodeFree {
    const u = used ?? { memory: 0, vcpus: 0, disk: 0 };
    const file = info.storage.find((s) => s.type === 'file' && s.reported);
    return {
      memory: Number(info.memory_total) - Number(info.memory_dom0) - u.memory,
      vcpus: Math.floor(info.cpu_total * vcpuRatio) - u.vcpus,
      disk: file ? Number(file.total) - u.disk : null,
    };
  }
}

/** One instance's share of its primary node: null where the cluster default applies. */
interface Share { node: string; memory: number | null; up: boolean; vcpus: number | null; disk: number }
/** A node's sums: explicit values, plus how many instances take the cluster default. */
interface NodeSums { memory: number; memoryDefaults: number; vcpus: number; vcpuDefaults: number; disk: number }

/**
 * What the config's instances commit per primary node, kept up to date instance by instance
 * (ConfigStore.derived): an add reads the sums instead of passing over every instance.
 * Cluster defaults are applied when the sums are read, so a change of the cluster's
 * backend parameters needs no rebuild. Same figures as sum(), which the tests compare.
 */
export class InstanceUsage implements InstanceDerived {
  private readonly shares = new Map<string, Share>();
  private readonly nodes = new Map<string, NodeSums>();

  static of(store: ConfigStore): InstanceUsage {
    return store.derived('capacity.instance-usage', [], (insts) => {
      const u = new InstanceUsage();
      for (const i of insts) u.update(i.uuid, i);
      return u;
    });
  }

  /** The same sums by one pass over the instances. */
  static sum(cfg: Readonly<ClusterConfig>): Map<string, Usage> {
    const out = new Map<string, Usage>();
    const be = cfg.cluster.beparams.default;
    for (const inst of Object.values(cfg.instances)) {
      let u = out.get(inst.primary_node);
      if (!u) { u = { memory: 0, vcpus: 0, disk: 0 }; out.set(inst.primary_node, u); }
      if (inst.admin_state === 'up') u.memory += inst.beparams.maxmem ?? be.maxmem;
      u.vcpus += inst.beparams.vcpus ?? be.vcpus;
      // Only file disks use the node's own space; sharedfile and ext disks live on shared storage.
      if (inst.disk_template === 'file') {
        for (const d of inst.disks) u.disk += d.size;
      }
    }
    return out;
  }

  update(uuid: string, inst: Readonly<Instance> | undefined): void {
    const old = this.shares.get(uuid);
    if (old) this.add(old, -1);
    if (!inst) { this.shares.delete(uuid); return; }
    let disk = 0;
    if (inst.disk_template === 'file') for (const d of inst.disks) disk += d.size;
    const share: Share = { node: inst.primary_node, memory: inst.beparams.maxmem ?? null, up: inst.admin_state === 'up',
      vcpus: inst.beparams.vcpus ?? null, disk };
    this.shares.set(uuid, share);
    this.add(share, 1);
  }

  private add(s: Share, sign: 1 | -1): void {
    let n = this.nodes.get(s.node);
    if (!n) { n = { memory: 0, memoryDefaults: 0, vcpus: 0, vcpuDefaults: 0, disk: 0 }; this.nodes.set(s.node, n); }
    if (s.up) { if (s.memory === null) n.memoryDefaults += sign; else n.memory += sign * s.memory; }
    if (s.vcpus === null) n.vcpuDefaults += sign; else n.vcpus += sign * s.vcpus;
    n.disk += sign * s.disk;
  }

  /** The vcpus the instances commit per node, the cluster's default applied. */
  configVcpus(cfg: Readonly<ClusterConfig>): Map<string, number> {
    const d = cfg.cluster.beparams.default.vcpus ?? BE_DEFAULTS.vcpus;
    return new Map([...this.nodes].map(([node, n]) => [node, n.vcpus + n.vcpuDefaults * d]));
  }

  /** The sums with the cluster's defaults applied: a new map, one entry per node. */
  totals(cfg: Readonly<ClusterConfig>): Map<string, Usage> {
    const be = cfg.cluster.beparams.default;
    const out = new Map<string, Usage>();
    for (const [node, n] of this.nodes) {
      out.set(node, {
        memory: n.memory + (n.memoryDefaults ? n.memoryDefaults * be.maxmem : 0),
        vcpus: n.vcpus + (n.vcpuDefaults ? n.vcpuDefaults * be.vcpus : 0), disk: n.disk,
      });
    }
    return out;
  }
}
