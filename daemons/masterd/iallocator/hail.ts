// The first allocator, named after Ganeti's hail: among the nodes that can take the
// instance (online, not drained, vm_capable, enough memory/vcpus/disk), pick the one with
// the most free memory. The full htools arrive later behind the same function.
import { OpPrereqError } from '../../common/errors.js';
import type { NodeFree } from '../capacity.js';

export interface AllocRequest {
  name: string;
  memory: number;
  vcpus: number;
  disk: number;          // MiB of disks that use node-local storage
}

export interface AllocCandidate { uuid: string; name: string; free: NodeFree; unusable?: string }

export function hailAllocate(req: AllocRequest, nodes: AllocCandidate[], allocatorName = 'hail'): AllocCandidate {
  const reasons: string[] = [];
  let best: AllocCandidate | null = null;
  for (const n of nodes) {
    const why = n.unusable ?? unfit(req, n.free);
    if (why) { reasons.push(`${n.name}: ${why}`); continue; }
    if (!best || n.free.memory > best.free.memory || (n.free.memory === best.free.memory && n.name < best.name)) best = n;
  }
  if (!best) {
    throw new OpPrereqError(
      `Can't compute nodes using iallocator '${allocatorName}': no node can host instance ${req.name} `
      + `(memory ${req.memory} MiB, ${req.vcpus} vcpus, disk ${req.disk} MiB): ${reasons.join('; ') || 'no nodes'}`,
      { ecode: 'insufficient_resources' });
  }
  return best;
}

export function unfit(req: AllocRequest, free: NodeFree): string | null {
  if (free.memory < req.memory) return `not enough memory (free ${free.memory} MiB, needed ${req.memory} MiB)`;
  if (free.vcpus < req.vcpus) return `not enough vcpus (free ${free.vcpus}, needed ${req.vcpus})`;
  if (req.disk > 0 && free.disk !== null && free.disk < req.disk) {
    return `not enough disk (free ${free.disk} MiB, needed ${req.disk} MiB)`;
  }
  return null;
}
