// GlobalN1.canEvacuateNode for one node: its DRBD instances fail over to their secondaries
// (with the usual checks), then its other instances must fit on the other online nodes of its
// group. hcheck counts the nodes for which this fails ("Nodes not directly evacuateable").
import { canEvacuate } from './allocate.js';
import { applyMove } from './balance.js';
import { hasSecondary, type Instance, type Node } from './model.js';

export function canEvacuateNode(nodes: readonly Node[], il: readonly Instance[], n: Node): boolean {
  const nl = nodes.slice();
  for (const ix of n.pList) {
    const inst = il[ix]!;
    if (!hasSecondary(inst)) continue;
    const ap = applyMove(nl, inst, { kind: 'Failover' }, false);
    if (!ap) return false;
    for (const [old, nw] of ap.changes) nl[old.idx] = nw;
  }
  const online = nl.filter((x) => !x.offline).map((x) => x.idx);
  return canEvacuate(nl, il as Instance[], nl[n.idx]!, online);
}
