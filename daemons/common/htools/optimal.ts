// Metrics.optimalCVScore: the lowest score a cluster can reach given the memory its DRBD
// secondaries must keep reserved; hbal stops when it is within --min-score of it.
import type { Instance, Node } from './model.js';

export function optimalCVScore(nodes: readonly Node[], _il: readonly Instance[]): number {
  if (nodes.length <= 1) return 0;
  const mems = nodes.map((n) => n.tMem);
  const total = mems.reduce((a, b) => a + b, 0);
  const lessOne = total - Math.max(...mems);
  if (lessOne <= 0) return 0;
  let drbd = 0;
  for (const n of nodes) for (const v of n.peers.values()) drbd += v;
  return 0.25 * (drbd / lessOne - drbd / total);
}
