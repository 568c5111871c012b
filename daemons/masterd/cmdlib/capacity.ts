// Node capacity as the allocator and the create/startup checks see it: the node's totals
// (from NodeInfo) minus what the config already commits there (instances that are up),
// minus temporary reservations of jobs still being created. Decisions and reservations
// happen in one synchronous step, so parallel jobs cannot over-commit a node.
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import { fillBeParams, type ClusterConfig } from '../../common/objects.js';

export interface NodeFree {
  memory: number;       // MiB free for new instances
  vcpus: number;        // vcpus that may still be placed (ipolicy vcpu-ratio × cpus − used)
  disk: number | null;  // MiB in file storage, null when the node does not report it
}

interface Reservation { node: string; memory: number; vcpus: number; disk: number }

export class CapacityTracker {
  private readonly reservations = new Map<string, Reservation[]>();   // by owner

  reserve(owner: string, r: Reservation): void {
    const list = this.reservations.get(owner) ?? [];
    list.push(r);
    this.reservations.set(owner, list);
  }

  release(owner: string): void { this.reservations.delete(owner); }

  /** Free capacity of one node; `info` is the node's live NodeInfo answer. */
  free(cfg: Readonly<ClusterConfig>, nodeUuid: string, info: NodeInfoResponse__Output, vcpuRatio: number): NodeFree {
    let memory = Number(info.memory_total) - Number(info.memory_dom0);
    let vcpus = Math.floor(info.cpu_total * vcpuRatio);
    const file = info.storage.find((s) => s.type === 'file' && s.reported);
    let disk = file ? Number(file.total) : null;
    for (const inst of Object.values(cfg.instances)) {
      if (inst.primary_node !== nodeUuid) continue;
      const be = fillBeParams(cfg.cluster, inst);
      if (inst.admin_state === 'up') memory -= be.maxmem;
      vcpus -= be.vcpus;
      if (disk !== null && (inst.disk_template === 'file' || inst.disk_template === 'sharedfile')) {
        for (const d of inst.disks) disk -= d.size;
      }
    }
    for (const list of this.reservations.values()) {
      for (const r of list) {
        if (r.node !== nodeUuid) continue;
        memory -= r.memory; vcpus -= r.vcpus;
        if (disk !== null) disk -= r.disk;
      }
    }
    return { memory, vcpus, disk };
  }
}
