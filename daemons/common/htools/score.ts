// Ganeti's cluster score (Cluster/Metrics.hs of Ganeti 3.0): a weighted sum of statistics over
// the nodes — standard deviations of free memory, free disk, vcpu ratio, load and spindle use,
// counts of N+1 failures and of instances on offline nodes, tag conflicts, reserved memory.
// Lower is better. Statistics can be updated when one node changes (the balancer and the
// allocator try thousands of moves); committed states are recomputed in full, in Ganeti's
// order, so that the printed numbers are Ganeti's.
import { conflictingPrimaries, pCpu, pDsk, pMem, pRem, type Node } from './model.js';

type Kind = 'std' | 'sum';
interface Component { name: string; weight: number; kind: Kind; online: boolean; value: (n: Node) => number }

const count = (n: Node) => n.pList.length + n.sList.length;
/** Ganeti 3.0's components, in its order (hinfo prints them so). */
export const COMPONENTS: readonly Component[] = [
  { name: 'free_mem_cv', weight: 0.5, kind: 'std', online: true, value: pMem },
  { name: 'free_disk_cv', weight: 0.5, kind: 'std', online: true, value: pDsk },
  { name: 'n1_cnt', weight: 1, kind: 'sum', online: true, value: (n) => (n.failN1 ? count(n) : 0) },
  { name: 'reserved_mem_cv', weight: 1, kind: 'std', online: true, value: pRem },
  { name: 'offline_all_cnt', weight: 4, kind: 'sum', online: false, value: count },
  { name: 'offline_pri_cnt', weight: 16, kind: 'sum', online: false, value: (n) => n.pList.length },
  { name: 'vcpu_ratio_cv', weight: 0.5, kind: 'std', online: true, value: (n) => pCpu(n) / n.cpuSpeed },
  { name: 'cpu_load_cv', weight: 1, kind: 'std', online: true, value: (n) => n.load },
  { name: 'mem_load_cv', weight: 1, kind: 'std', online: true, value: (n) => n.load },
  { name: 'disk_load_cv', weight: 1, kind: 'std', online: true, value: (n) => n.dskLoad },
  { name: 'net_load_cv', weight: 1, kind: 'std', online: true, value: (n) => n.load },
  { name: 'pri_tags_score', weight: 2, kind: 'sum', online: true, value: conflictingPrimaries },
  { name: 'spindles_cv', weight: 0.5, kind: 'std', online: true, value: (n) => n.instSpindles / n.hiSpindles },
  { name: 'free_mem_cv_forth', weight: 0.5, kind: 'std', online: true, value: pMem },
  { name: 'free_disk_cv_forth', weight: 0.5, kind: 'std', online: true, value: pDsk },
  { name: 'vcpu_ratio_cv_forth', weight: 0.5, kind: 'std', online: true, value: (n) => pCpu(n) / n.cpuSpeed },
  { name: 'spindles_cv_forth', weight: 0.5, kind: 'std', online: true, value: (n) => n.instSpindles / n.hiSpindles },
  { name: 'location_score', weight: 1, kind: 'sum', online: true, value: () => 0 },
  { name: 'location_exclusion_score', weight: 1, kind: 'sum', online: true, value: () => 0 },
  { name: 'reserved_mem_rtotal', weight: 0.25, kind: 'sum', online: true, value: pRem },
];
const K = COMPONENTS.length;

/** Per-component accumulators: count, sum and (for std) the variance, as Ganeti keeps them. */
export interface Stats { n: Float64Array; s: Float64Array; v: Float64Array }

export function nodeValues(n: Node, out = new Float64Array(K)): Float64Array {
  for (let k = 0; k < K; k++) out[k] = COMPONENTS[k]!.value(n);
  return out;
}

export function computeStats(nodes: readonly Node[]): Stats {
  const st: Stats = { n: new Float64Array(K), s: new Float64Array(K), v: new Float64Array(K) };
  const vals = nodes.map((n) => nodeValues(n));
  for (let k = 0; k < K; k++) {
    const c = COMPONENTS[k]!;
    let cnt = 0; let sum = 0;
    for (let j = 0; j < nodes.length; j++) {
      if (nodes[j]!.offline === c.online) continue;
      cnt += 1; sum += vals[j]![k]!;
    }
    st.n[k] = cnt; st.s[k] = sum;
    if (c.kind === 'std' && cnt > 0) {
      const mean = sum / cnt;
      let nv = 0;
      for (let j = 0; j < nodes.length; j++) {
        if (nodes[j]!.offline === c.online) continue;
        const d = vals[j]![k]! - mean; nv += d * d;
      }
      st.v[k] = nv / cnt;
    }
  }
  return st;
}

export function componentValue(st: Stats, k: number): number {
  const c = COMPONENTS[k]!;
  if (c.kind === 'sum') return st.s[k]!;
  return st.n[k]! > 0 ? Math.sqrt(st.v[k]!) : NaN;
}

export function scoreOf(st: Stats): number {
  let total = 0;
  for (let k = 0; k < K; k++) {
    const v = componentValue(st, k);
    total += (Number.isNaN(v) ? 0 : v) * COMPONENTS[k]!.weight;
  }
  return total;
}

/** The cluster score of a node list, computed in full. */
export const compCV = (nodes: readonly Node[]) => scoreOf(computeStats(nodes));

/** Replaces one node's contribution by another's (Statistics.update), in place. */
export function updateStats(st: Stats, oldN: Node, newN: Node, a = nodeValues(oldN), b = nodeValues(newN)): void {
  for (let k = 0; k < K; k++) {
    const c = COMPONENTS[k]!;
    if (oldN.offline === c.online) continue;
    const x = a[k]!; const x2 = b[k]!;
    if (c.kind === 'sum') { st.s[k] = st.s[k]! + x2 - x; continue; }
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
