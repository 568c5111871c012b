// Ganeti's cluster score (Cluster/Metrics.hs of Ganeti 3.0): a weighted sum of statistics over
// the nodes — standard deviations of free memory, free disk, vcpu ratio, load and spindle use,
// counts of N+1 failures and of instances on offline nodes, tag conflicts, reserved memory.
// Lower is better. Statistics can be updated when one node changes (the balancer and the
// allocator try thousands of moves); committed states are recomputed in full, in Ganeti's
// order, so that the printed numbers are Ganeti's.
import { conflictingPrimaries, conflictsAfterAdd, isOffline, pCpu, pDsk, pMem, pMemForth, pRem, type Instance, type Node, type PriAdded } from './model.js';

type Kind = 'std' | 'sum';
interface Component { name: string; weight: number; kind: Kind; online: boolean }

/** Ganeti 3.0's components, in its order (hinfo prints them so); valuesInto fills them. */
export const COMPONENTS: readonly Component[] = [
  { name: 'free_mem_cv', weight: 0.5, kind: 'std', online: true },
  { name: 'free_disk_cv', weight: 0.5, kind: 'std', online: true },
  { name: 'n1_cnt', weight: 1, kind: 'sum', online: true },
  { name: 'reserved_mem_cv', weight: 1, kind: 'std', online: true },
  { name: 'offline_all_cnt', weight: 4, kind: 'sum', online: false },
  { name: 'offline_pri_cnt', weight: 16, kind: 'sum', online: false },
  { name: 'vcpu_ratio_cv', weight: 0.5, kind: 'std', online: true },
  { name: 'cpu_load_cv', weight: 1, kind: 'std', online: true },
  { name: 'mem_load_cv', weight: 1, kind: 'std', online: true },
  { name: 'disk_load_cv', weight: 1, kind: 'std', online: true },
  { name: 'net_load_cv', weight: 1, kind: 'std', online: true },
  { name: 'pri_tags_score', weight: 2, kind: 'sum', online: true },
  { name: 'spindles_cv', weight: 0.5, kind: 'std', online: true },
  { name: 'free_mem_cv_forth', weight: 0.5, kind: 'std', online: true },
  { name: 'free_disk_cv_forth', weight: 0.5, kind: 'std', online: true },
  { name: 'vcpu_ratio_cv_forth', weight: 0.5, kind: 'std', online: true },
  { name: 'spindles_cv_forth', weight: 0.5, kind: 'std', online: true },
  { name: 'location_score', weight: 1, kind: 'sum', online: true },
  { name: 'location_exclusion_score', weight: 1, kind: 'sum', online: true },
  { name: 'reserved_mem_rtotal', weight: 0.25, kind: 'sum', online: true },
];
const K = COMPONENTS.length;
const W = Float64Array.from(COMPONENTS, (c) => c.weight);
const IS_STD = COMPONENTS.map((c) => c.kind === 'std');
const ONLINE = COMPONENTS.map((c) => c.online);

/** The scalar state a node's score values depend on (a Node, or a scratch copy of one). */
export type NodeState = Pick<Node, 'fMem' | 'tMem' | 'fDsk' | 'tDsk' | 'exclStorage' | 'fSpindles' | 'tSpindles' | 'failN1'
  | 'rMem' | 'uCpu' | 'tCpu' | 'cpuSpeed' | 'load' | 'dskLoad' | 'instSpindles' | 'hiSpindles' | 'offline' | 'xMem' | 'offMem'>;

/** One node's value of every component, in COMPONENTS order. */
export function valuesInto(out: Float64Array, n: NodeState, pCnt: number, sCnt: number, conflicts: number): Float64Array {
  const pm = pMem(n as Node); const pd = pDsk(n as Node); const pr = pRem(n as Node);
  const pc = pCpu(n as Node) / n.cpuSpeed; const sp = n.instSpindles / n.hiSpindles;
  const cnt = pCnt + sCnt;
  out[0] = pm; out[1] = pd; out[2] = n.failN1 ? cnt : 0; out[3] = pr; out[4] = cnt; out[5] = pCnt; out[6] = pc;
  out[7] = n.load; out[8] = n.load; out[9] = n.dskLoad; out[10] = n.load; out[11] = conflicts; out[12] = sp;
  out[13] = pMemForth(n as Node); out[14] = pd; out[15] = pc; out[16] = sp; out[17] = 0; out[18] = 0; out[19] = pr;
  return out;
}

export function nodeValues(n: Node, out = new Float64Array(K)): Float64Array {
  return valuesInto(out, n, n.pList.length, n.sList.length, conflictingPrimaries(n));
}

// Nodes are replaced, never changed, once the tools start scoring (every add/remove returns a
// copy), so a node object's values can be kept with it.
const cache = new WeakMap<Node, Float64Array>();
/** nodeValues, computed once per node object. */
export function cachedValues(n: Node): Float64Array {
  let v = cache.get(n);
  if (!v) { v = nodeValues(n); cache.set(n, v); }
  return v;
}

const scratch: NodeState = { fMem: 0, tMem: 0, fDsk: 0, tDsk: 0, exclStorage: false, fSpindles: 0, tSpindles: 0, failN1: false,
  rMem: 0, uCpu: 0, tCpu: 0, cpuSpeed: 0, load: 0, dskLoad: 0, instSpindles: 0, hiSpindles: 0, offline: false, xMem: 0, offMem: 0 };
/** The values of addPri(t, i) from addPriEval's scalars, without building the node. */
export function valuesAfterAddPri(out: Float64Array, t: Node, i: Instance, d: PriAdded): Float64Array {
  const x = scratch;
  x.fMem = d.fMem; x.tMem = t.tMem; x.fDsk = d.fDsk; x.tDsk = t.tDsk; x.exclStorage = t.exclStorage; x.fSpindles = d.fSpindles;
  x.tSpindles = t.tSpindles; x.failN1 = d.failN1; x.rMem = t.rMem; x.uCpu = d.uCpu; x.tCpu = t.tCpu; x.cpuSpeed = t.cpuSpeed;
  x.load = t.load + 1; x.dskLoad = t.dskLoad + 1; x.instSpindles = d.instSpindles; x.hiSpindles = t.hiSpindles; x.offline = t.offline; x.xMem = t.xMem ?? 0;
  x.offMem = isOffline(i) ? t.offMem + i.mem : t.offMem;
  return valuesInto(out, x, t.pList.length + 1, t.sList.length, conflictsAfterAdd(t, i, cachedValues(t)[11]!));
}

// The balancer asks for the statistics of the same list every round, with one or two nodes
// replaced: the values of the last list, by position, spare most WeakMap look-ups.
let lastNodes: (Node | undefined)[] = []; let lastVals: Float64Array[] = [];
function valuesOf(nodes: readonly Node[]): Float64Array[] {
  const vals = new Array<Float64Array>(nodes.length);
  for (let j = 0; j < nodes.length; j++) { const n = nodes[j]!; vals[j] = n === lastNodes[j] ? lastVals[j]! : cachedValues(n); }
  lastNodes = nodes.slice(); lastVals = vals;
  return vals;
}

/** Per-component accumulators: count, sum and (for std) the variance, as Ganeti keeps them. */
export interface Stats { n: Float64Array; s: Float64Array; v: Float64Array }

export function computeStats(nodes: readonly Node[]): Stats {
  const st: Stats = { n: new Float64Array(K), s: new Float64Array(K), v: new Float64Array(K) };
  const vals = valuesOf(nodes);
  const { n: cnt, s: sum, v: nv } = st;
  // Node by node, each component summed in node order (the order Ganeti sums in). Components
  // whose node values are equal by construction (SAME_AS) have equal sums and variances: each
  // is computed once and copied (a 20-component inner loop per node costs, in cold code).
  let online = 0;
  for (let j = 0; j < nodes.length; j++) {
    const off = nodes[j]!.offline; const x = vals[j]!;
    if (!off) online++;
    const ks = off ? OFFLINE_FIRST : ONLINE_FIRST;
    for (let q = 0; q < ks.length; q++) { const k = ks[q]!; sum[k] = sum[k]! + x[k]!; }
  }
  const offline = nodes.length - online;
  const mean = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    cnt[k] = ONLINE[k] ? online : offline;
    sum[k] = sum[SAME_AS[k]!]!;
    mean[k] = sum[k]! / cnt[k]!;
  }
  for (let j = 0; j < nodes.length; j++) {
    const x = vals[j]!;
    const ks = nodes[j]!.offline ? STD_OFFLINE_FIRST : STD_ONLINE_FIRST;
    for (let q = 0; q < ks.length; q++) { const k = ks[q]!; const d = x[k]! - mean[k]!; nv[k] = nv[k]! + d * d; }
  }
  for (let k = 0; k < K; k++) nv[k] = nv[SAME_AS[k]!]!;
  for (let k = 0; k < K; k++) nv[k] = IS_STD[k] && cnt[k]! > 0 ? nv[k]! / cnt[k]! : 0;
  return st;
}

export function componentValue(st: Stats, k: number): number {
  if (!IS_STD[k]) return st.s[k]!;
  return st.n[k]! > 0 ? Math.sqrt(st.v[k]!) : NaN;
}

export function scoreOf(st: Stats): number {
  let total = 0;
  for (let k = 0; k < K; k++) {
    const v = componentValue(st, k);
    total += (Number.isNaN(v) ? 0 : v) * W[k]!;
  }
  return total;
}

/** The cluster score of a node list, computed in full. */
export const compCV = (nodes: readonly Node[]) => scoreOf(computeStats(nodes));

/** Replaces one node's contribution by another's (Statistics.update), in place. */
export function updateStats(st: Stats, oldN: Node, newN: Node, a = cachedValues(oldN), b = cachedValues(newN)): void {
  for (let k = 0; k < K; k++) {
    if (oldN.offline === ONLINE[k]) continue;
    const x = a[k]!; const x2 = b[k]!;
    if (!IS_STD[k]) { st.s[k] = st.s[k]! + x2 - x; continue; }
    const n = st.n[k]!; const s = st.s[k]!;
    const ds = x2 - x; const dss = x2 * x2 - x * x;
    const dnnvar = (n * dss - 2 * s * ds) - ds * ds;
    st.s[k] = s + ds;
    st.v[k] = Math.max(0, st.v[k]! + dnnvar / (n * n));
  }
}

export function copyStats(st: Stats): Stats {
  return { n: st.n.slice(), s: st.s.slice(), v: st.v.slice() };
}

// Components whose node values are equal by construction (valuesInto) have equal statistics:
// scoreAfter computes each such group once. STD_FIRST are the std components it computes.
const SAME_AS = COMPONENTS.map((_, k) => ({ 8: 7, 10: 7, 14: 1, 15: 6, 16: 12 } as Record<number, number>)[k] ?? k);
const STD_FIRST = COMPONENTS.map((_, k) => k).filter((k) => IS_STD[k] && SAME_AS[k] === k);
const SUMS = COMPONENTS.map((_, k) => k).filter((k) => !IS_STD[k]);
// computeStats: the components it sums for an online (offline) node, and of those the std ones.
const ONLINE_FIRST = COMPONENTS.map((_, k) => k).filter((k) => ONLINE[k] && SAME_AS[k] === k);
const OFFLINE_FIRST = COMPONENTS.map((_, k) => k).filter((k) => !ONLINE[k] && SAME_AS[k] === k);
const STD_ONLINE_FIRST = ONLINE_FIRST.filter((k) => IS_STD[k]);
const STD_OFFLINE_FIRST = OFFLINE_FIRST.filter((k) => IS_STD[k]);
const part = new Float64Array(K);

/** The score after replacing up to two nodes' values (old1 -> new1, then old2 -> new2), without
 * changing st or allocating: the same arithmetic, in the same order, as updateStats + scoreOf.
 * Pass off2 = null for a single change. */
export function scoreAfter(st: Stats, off1: boolean, old1: Float64Array, new1: Float64Array,
  off2: boolean | null, old2: Float64Array | null, new2: Float64Array | null): number {
  firstChange(st, off1, old1, new1);
  return afterFirst(st, off2, old2, new2);
}

// The sums and variances after the first change (firstChange), for afterFirst.
const firstS = new Float64Array(K); const firstV = new Float64Array(K);

/** The first half of scoreAfter: many second changes can follow one first (afterFirst). */
export function firstChange(st: Stats, off1: boolean, old1: Float64Array, new1: Float64Array): void {
  // Indexed loops here and in afterFirst: a short-lived hail runs them mostly before they are
  // optimized, where an array iterator per loop costs more than the arithmetic.
  for (let j = 0; j < SUMS.length; j++) {
    const k = SUMS[j]!;
    let s = st.s[k]!;
    if (off1 !== ONLINE[k]) s = s + new1[k]! - old1[k]!;
    firstS[k] = s;
  }
  for (let j = 0; j < STD_FIRST.length; j++) {
    const k = STD_FIRST[j]!;
    const n = st.n[k]!;
    let s = st.s[k]!; let v = st.v[k]!;
    const x = old1[k]!; const x2 = new1[k]!;
    if (n > 0 && off1 !== ONLINE[k] && x !== x2) {   // an unchanged value leaves s and v as they are
      const ds = x2 - x; const dss = x2 * x2 - x * x;
      v = Math.max(0, v + ((n * dss - 2 * s * ds) - ds * ds) / (n * n)); s = s + ds;
    }
    firstS[k] = s; firstV[k] = v;
  }
}

/** scoreAfter's second half: the score after the last firstChange and then old2 -> new2. */
export function afterFirst(st: Stats, off2: boolean | null, old2: Float64Array | null, new2: Float64Array | null): number {
  for (let j = 0; j < SUMS.length; j++) {
    const k = SUMS[j]!;
    let s = firstS[k]!;
    if (off2 !== null && off2 !== ONLINE[k]) s = s + new2![k]! - old2![k]!;
    part[k] = Number.isNaN(s) ? 0 : s;
  }
  for (let j = 0; j < STD_FIRST.length; j++) {
    const k = STD_FIRST[j]!;
    const n = st.n[k]!;
    if (!(n > 0)) { part[k] = 0; continue; }
    let s = firstS[k]!; let v = firstV[k]!;
    let x: number; let x2: number;
    if (off2 !== null && off2 !== ONLINE[k] && (x = old2![k]!) !== (x2 = new2![k]!)) {
      const ds = x2 - x; const dss = x2 * x2 - x * x;
      v = Math.max(0, v + ((n * dss - 2 * s * ds) - ds * ds) / (n * n)); s = s + ds;
    }
    const c = Math.sqrt(v);
    part[k] = Number.isNaN(c) ? 0 : c;
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += part[SAME_AS[k]!]! * W[k]!;
  return total;
}

/** The score after replacing some nodes, without changing st. */
export function scoreWith(st: Stats, changes: [Node, Node][]): number {
  const t = copyStats(st);
  for (const [o, n] of changes) updateStats(t, o, n);
  return scoreOf(t);
}

/** Ganeti's printStats table rows: name, value (%.8f), weight (x%.2f). */
export function detailedScore(nodes: readonly Node[]): { name: string; value: number; weight: number }[] {
  const st = computeStats(nodes);
  return COMPONENTS.map((c, k) => ({ name: c.name, value: componentValue(st, k), weight: c.weight }));
}

/** The coordinates of one node's change (old -> new values) that a move's score grows with:
 * per std component dss (= new² − old²) and −ds (the new variance grows with the sum of squares
 * and, all values being non-negative, shrinks as the sum grows), per sum component its change.
 * A change that is no larger in every coordinate than another's gives a score no larger, whatever
 * the rest of the move: the balancer uses this to skip dominated sources and targets. */
export function changeCoords(off: boolean, old: Float64Array, nw: Float64Array, out: Float64Array): Float64Array {
  let d = 0;
  for (const k of STD_FIRST) {
    const applies = off !== ONLINE[k];
    const x = old[k]!; const x2 = nw[k]!;
    out[d++] = applies ? x2 * x2 - x * x : 0;
    out[d++] = applies ? x - x2 : 0;
  }
  for (const k of SUMS) out[d++] = off !== ONLINE[k] ? nw[k]! - old[k]! : 0;
  return out;
}
export const CHANGE_DIMS = 2 * STD_FIRST.length + SUMS.length;
