// Allocation of new instances (Cluster.tryAlloc for one-node templates, iterateAlloc and
// tieredAlloc of hspace): the node whose resulting cluster score is lowest, among the nodes
// that pass the hard and soft checks, keeping the cluster globally N+1 redundant (GlobalN1:
// every node's instances could be moved elsewhere if it failed).
import {
  addPri, addPriEval, FAIL_MODES, instMatchesPolicy, primaryNeed, removePri, type FailMode, type Instance, type IPolicy, type Node,
  type PriAdded,
} from './model.js';
import { cachedValues, COMPONENTS, computeStats, scoreAfter, updateStats, valuesAfterAddPri, type Stats } from './score.js';

export interface AllocResult { node: Node; newNode: Node; score: number }
export interface AllocAttempt { best: AllocResult | null; failures: FailMode[] }

/** Could every node be emptied onto the others (memory/disk as hard limits)? */
export function redundant(nodes: Node[], il: Instance[], candidates: number[]): boolean {
  const online = candidates.filter((i) => !nodes[i]!.offline);
  if (online.length <= 1) return true;   // no other node to fail over to: nothing to check
  // Fast exact answer: when one other node could take all of a failed node's instances (its
  // free memory and disk exceed what they need), the greedy evacuation can always use that node
  // for whatever is left, so it succeeds. The two nodes with the most free memory suffice.
  let max1 = -Infinity; let max1i = -1; let max2 = -Infinity; let max2i = -1;
  for (let q = 0; q < online.length; q++) {
    const i = online[q]!; const f = nodes[i]!.fMem;
    if (f > max1) { max2 = max1; max2i = max1i; max1 = f; max1i = i; } else if (f > max2) { max2 = f; max2i = i; }
  }
  for (let q = 0; q < online.length; q++) {
    const i = online[q]!; const n = nodes[i]!;
    const need = primaryNeed(n, il); const needMem = need[0]; const needDsk = need[1];
    if (needMem === 0 && needDsk === 0) continue;
    const j = i === max1i ? max2i : max1i;
    const x = j >= 0 ? nodes[j]! : null;
    if (x && x.group === n.group && !x.exclStorage && needMem < x.fMem && needDsk < x.fDsk) continue;
    if (!canEvacuate(nodes, il, n, online)) return false;
  }
  return true;
}

/** Could n's primaries be placed on the other online nodes of its group, one by one in Ganeti's
 * order (newest first, as Ganeti keeps a node's list), each where the score is lowest (hard
 * limits only)? The order matters: hspace's second tier on --simulate=p,10,… stops after one
 * instance in Ganeti because the newest, smaller instance takes the one node the older needs. */
export function canEvacuate(nodes: Node[], il: Instance[], n: Node, online: number[]): boolean {
  const work = online.filter((i) => i !== n.idx && nodes[i]!.group === n.group).map((i) => nodes[i]!);
  const insts = n.pList.map((ix) => il[ix]!).reverse();
  const stats = computeStats(work);
  const d = {} as PriAdded; const nv = new Float64Array(COMPONENTS.length);
  for (const inst of insts) {
    let bestK = -1; let bestS = 0;
    for (let k = 0; k < work.length; k++) {
      const t = work[k]!;
      if (addPriEval(t, inst, true, d)) continue;
      const s = scoreAfter(stats, t.offline, cachedValues(t), valuesAfterAddPri(nv, t, inst, d), null, null, null);
      if (bestK < 0 || s < bestS) { bestK = k; bestS = s; }
    }
    if (bestK < 0) return false;
    const r = addPri(work[bestK]!, inst, true);
    if (!r.ok) return false;
    updateStats(stats, work[bestK]!, r.value);
    work[bestK] = r.value;
  }
  return true;
}

/** Tries every node for a new single-node instance; the best passes the N+1 check if asked. */
export function tryAlloc(nodes: Node[], il: Instance[], inst: Instance, candidates: number[],
  o: { capacity: boolean; force?: boolean; stats?: Stats }): AllocAttempt {
  const stats = o.stats ?? computeStats(nodes);
  const failures: FailMode[] = [];
  const oks: { i: number; score: number }[] = [];
  const d = {} as PriAdded; const nv = new Float64Array(COMPONENTS.length);
  const polCache = new Map<IPolicy, FailMode | null>();
  const force = !!o.force;
  for (let q = 0; q < candidates.length; q++) {
    const i = candidates[q]!; const n = nodes[i]!;
    let pol = polCache.get(n.ipolicy);
    if (pol === undefined) { const r = instMatchesPolicy(inst, n.ipolicy); pol = r.ok ? null : r.fail; polCache.set(n.ipolicy, pol); }
    if (pol) { failures.push(pol); continue; }
    const fail = addPriEval(n, inst, force, d);
    if (fail) { failures.push(fail); continue; }
    oks.push({ i, score: scoreAfter(stats, n.offline, cachedValues(n), valuesAfterAddPri(nv, n, inst, d), null, null, null) });
  }
  const result = (c: { i: number; score: number }): AllocResult => {
    const r = addPri(nodes[c.i]!, inst, force);
    if (!r.ok) throw new Error(`internal error: addPri of ${inst.name} on ${nodes[c.i]!.name} failed after its check passed`);
    return { node: nodes[c.i]!, newNode: r.value, score: c.score };
  };
  const n1ok = (c: AllocResult): boolean => {
    const saved = nodes[c.node.idx]!;
    nodes[c.node.idx] = c.newNode;
    il.push(inst);
    const ok = redundant(nodes, il, candidates);
    il.pop();
    nodes[c.node.idx] = saved;
    return ok;
  };
  // Ganeti collects the solutions newest first and sorts them by score (stably), so among equal
  // scores the last node wins. The first of that order is found without sorting (sorting 1,000
  // solutions was a third of hail's placement, in cold code); the whole order is built only
  // when that one fails the N+1 check (or, never seen, a score is NaN).
  let b = -1; let nan = false;
  for (let k = oks.length - 1; k >= 0; k--) {
    const sc = oks[k]!.score;
    if (sc !== sc) nan = true;
    else if (b < 0 || sc < oks[b]!.score) b = k;
  }
  let from = 0;
  if (!nan) {
    if (!o.capacity) return { best: b >= 0 ? result(oks[b]!) : null, failures };
    if (b < 0) return { best: null, failures };
    const first = result(oks[b]!);
    if (n1ok(first)) return { best: first, failures };
    failures.push('FailN1');
    from = 1;   // the first of the order below, just tried
  }
  oks.reverse();
  oks.sort((x, y) => x.score - y.score);
  if (!o.capacity) return { best: oks[0] ? result(oks[0]) : null, failures };
  for (let k = from; k < oks.length; k++) {
    const c = result(oks[k]!);
    if (n1ok(c)) return { best: c, failures };
    failures.push('FailN1');
  }
  return { best: null, failures };
}

export const collapseFailures = (f: FailMode[]): [FailMode, number][] =>
  FAIL_MODES.map((m) => [m, f.filter((x) => x === m).length]);

export interface IterResult { allocated: Instance[]; failures: [FailMode, number][] }

/** hspace's iterateAlloc: instances of one spec until one cannot be placed (or limit). */
export function iterateAlloc(nodes: Node[], il: Instance[], spec: Instance, candidates: number[],
  o: { capacity: boolean; limit?: number }, start = il.length): IterResult {
  const allocated: Instance[] = [];
  for (;;) {
    if (o.limit !== undefined && allocated.length >= o.limit) return { allocated, failures: collapseFailures([]) };
    const inst: Instance = { ...spec, idx: il.length, name: `new-${start + allocated.length}` };
    const r = tryAlloc(nodes, il, inst, candidates, { capacity: o.capacity && inst.template !== 'drbd' });
    if (!r.best) return { allocated, failures: collapseFailures(r.failures) };
    inst.pNode = r.best.node.idx;
    nodes[inst.pNode] = r.best.newNode;
    il.push(inst);
    allocated.push(inst);
  }
}

const UNIT: Record<string, number> = { FailMem: 64, FailDisk: 256, FailCPU: 1 };
/** Instance.shrinkByType. */
export function shrinkByType(i: Instance, f: FailMode): Instance | null {
  const u = UNIT[f];
  if (u === undefined) return null;
  const key = f === 'FailMem' ? 'mem' : f === 'FailDisk' ? 'dsk' : 'vcpus';
  const v = i[key] - u;
  if (v < u) return null;
  return { ...i, [key]: v };
}

/** hspace's tieredAlloc: allocate, then shrink the spec along the most frequent failure. */
export function tieredAlloc(nodes: Node[], il: Instance[], spec: Instance, candidates: number[], o: { capacity: boolean }):
  { allocated: Instance[]; failures: [FailMode, number][] } {
  const all: Instance[] = [];
  let cur = spec;
  for (;;) {
    const r = iterateAlloc(nodes, il, cur, candidates, o, all.length);
    all.push(...r.allocated);
    const sorted = [...r.failures].sort((a, b) => a[1] - b[1]).map((x) => x[0]);
    const main = sorted[sorted.length - 1]!;
    let next = shrinkByType(cur, main);
    if (next && canAllocOne(nodes, il, next, candidates, o)) { cur = next; continue; }
    // sufficesShrinking: shrink one resource repeatedly while it keeps failing for that reason
    next = null;
    for (const f of [...sorted].reverse()) {
      let t = shrinkByType(cur, f);
      while (t) {
        const a = tryAlloc(nodes, il, { ...t, idx: il.length }, candidates, { capacity: o.capacity && t.template !== 'drbd' });
        if (a.best) { next = t; break; }
        if (!a.failures.includes(f)) break;
        t = shrinkByType(t, f);
      }
      if (next) break;
    }
    if (!next) return { allocated: all, failures: r.failures };
    cur = next;
  }
}

function canAllocOne(nodes: Node[], il: Instance[], spec: Instance, candidates: number[], o: { capacity: boolean }): boolean {
  return !!tryAlloc(nodes, il, { ...spec, idx: il.length }, candidates, { capacity: o.capacity && spec.template !== 'drbd' }).best;
}

export { removePri };
