// Keeping the master-candidate pool filled (Ganeti's AdjustCandidatePool): promote
// master-capable, online, undrained nodes until the pool size is reached.
import type { ClusterConfig } from '../../../common/objects.js';

export function promoteCandidates(c: ClusterConfig, exclude?: string): string[] {
  const nodes = Object.values(c.nodes);
  let count = nodes.filter((n) => n.master_candidate).length;
  const promoted: string[] = [];
  for (const n of nodes.sort((a, b) => a.name.localeCompare(b.name))) {
    if (count >= c.cluster.candidate_pool_size) break;
    if (n.uuid === exclude || n.master_candidate || !n.master_capable || n.offline || n.drained) continue;
    n.master_candidate = true;
    n.serial_no += 1;
    count += 1;
    promoted.push(n.name);
  }
  return promoted;
}

/** Ganeti's check before demoting a candidate: would the pool fall below what it could be? */
export function demotionShortfall(c: Readonly<ClusterConfig>, uuid: string): { remaining: number; should: number } {
  const nodes = Object.values(c.nodes);
  const remaining = nodes.filter((n) => n.master_candidate && n.uuid !== uuid).length;
  const possible = nodes.filter((n) => n.uuid !== uuid && n.master_capable && !n.offline && !n.drained).length;
  return { remaining, should: Math.min(c.cluster.candidate_pool_size, possible) };
}
