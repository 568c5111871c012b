// Node capacity as the allocator and the create/startup checks see it: the node's totals
// (from NodeInfo) minus what the config already commits there (instances that are up),
// minus temporary reservations of jobs still being created. Decisions and reservations
// happen in one synchronous step, so parallel jobs cannot over-commit a node.
import type { NodeInfoResponse__Output } from '../../proto/generated/ganeti/NodeInfoResponse.js';
import type { ClusterConfig } from '../common/objects.js';

export interface NodeFree {
  memory: number;       // MiB free for new instances
  vcpus: number;        // vcpus that may still be placed (ipolicy vcpu-ratio × cpus − used)
  disk: number | null;  // MiB in file storage, null when the node does not report it
}

interface Usage { memory: number; vcpus: number; disk: number }
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
  usage(cfg: Readonly<ClusterConfig>): Map<string, Usage> {
    const out = new Map<string, Usage>();
    const get = (uuid: string) => {
      let u = out.get(uuid);
      if (!u) { u = { memory: 0, vcpus: 0, disk: 0 }; out.set(uuid, u); }
      return u;
    };
    const be = cfg.cluster.beparams.default;
    for (const inst of Object.values(cfg.instances)) {
      const u = get(inst.primary_node);
      if (inst.admin_state === 'up') u.memory += inst.beparams.maxmem ?? be.maxmem;
      u.vcpus += inst.beparams.vcpus ?? be.vcpus;
      // Only file disks use the node's own space; sharedfile and ext disks live on shared storage.
      if (inst.disk_template === 'file') {
        for (const d of inst.disks) u.disk += d.size;
      }
    }
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
