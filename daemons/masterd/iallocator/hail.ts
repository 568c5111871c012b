// The capacity check for an explicitly named node (-n): does its free capacity hold the
// instance? (Choosing a node is the allocator's: iallocator/run.ts, htools' hail.)
import type { NodeFree } from '../capacity.js';

export interface AllocRequest {
  name: string;
  memory: number;
  vcpus: number;
  disk: number;          // MiB of disks that use node-local storage
}

export function unfit(req: AllocRequest, free: NodeFree): string | null {
  if (free.memory < req.memory) return `not enough memory (free ${free.memory} MiB, needed ${req.memory} MiB)`;
  if (free.vcpus < req.vcpus) return `not enough vcpus (free ${free.vcpus}, needed ${req.vcpus})`;
  if (req.disk > 0 && free.disk !== null && free.disk < req.disk) {
    return `not enough disk (free ${free.disk} MiB, needed ${req.disk} MiB)`;
  }
  return null;
}
