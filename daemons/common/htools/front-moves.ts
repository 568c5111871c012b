// The balancer's best move on a big cluster, without trying every instance on every node.
// When every candidate is an externally mirrored instance (a move is a failover to any node), a
// move's score depends on its source only through the change of the source's values, and on its
// target only through the change of the target's (score.ts changeCoords). Among instances of one
// resource class, a target whose change is no worse in every coordinate than two other targets'
// can never be the unique best (one of those two is not the source, and is at least as good);
// likewise for sources. So only the sources and targets of each class that are not dominated
// twice (a small "front") are paired and scored exactly — the answer is the exhaustive search's,
// ties included (lowest instance position, then lowest node position, win).
import { addPriEval, removePri, type Instance, type Node, type PriAdded, mirrorType } from './model.js';
import { cachedValues, CHANGE_DIMS, changeCoords, COMPONENTS, scoreAfter, valuesAfterAddPri, type Stats } from './score.js';

/** Everything of an instance a move's outcome depends on, but its nodes. */
export const classKey = (i: Instance) =>
  `${i.mem}|${i.dsk}|${i.vcpus}|${i.status}|${i.template}|${i.spindleUse}|${i.spindles}|${i.autoBalance}|${i.exclTags.join(',')}`;

interface Side { pos: number; node: number; off: boolean; old: Float64Array; nw: Float64Array; coords: Float64Array; sum: number }
interface Source extends Side { inst: Instance }

// Instance classes get small numbers, so that the per-round bookkeeping uses no strings.
const classIds = new Map<string, number>();
const instClass = new WeakMap<Instance, number>();
function classOf(i: Instance): number {
  let c = instClass.get(i);
  if (c === undefined) {
    const k = classKey(i);
    c = classIds.get(k);
    if (c === undefined) { c = classIds.size; classIds.set(k, c); }
    instClass.set(i, c);
  }
  return c;
}

// Per node object (nodes are replaced, never changed) and class: that side of a move.
const srcCache = new WeakMap<Node, Map<number, Source>>();
const tgtCache = new WeakMap<Node, Map<number, Side | null>>();

function side(node: number, off: boolean, old: Float64Array, nw: Float64Array): Side {
  const coords = changeCoords(off, old, nw, new Float64Array(CHANGE_DIMS));
  let sum = 0;
  for (const c of coords) sum += c;
  return { pos: 0, node, off, old, nw, coords, sum };
}

function sourceSide(src: Node, inst: Instance, ck: number): Source {
  let m = srcCache.get(src);
  if (!m) { m = new Map(); srcCache.set(src, m); }
  let s = m.get(ck);
  if (!s) { s = { ...side(src.idx, src.offline, cachedValues(src), cachedValues(removePri(src, inst))), inst }; m.set(ck, s); }
  return s;
}

const scratch = {} as PriAdded;
/** fk: the class number, doubled, plus one when soft errors are ignored (force). */
function targetSide(tgt: Node, inst: Instance, force: boolean, fk: number): Side | null {
  let m = tgtCache.get(tgt);
  if (!m) { m = new Map(); tgtCache.set(tgt, m); }
  let s = m.get(fk);
  if (s === undefined) {
    s = addPriEval(tgt, inst, force, scratch) ? null
      : side(tgt.idx, tgt.offline, cachedValues(tgt), valuesAfterAddPri(new Float64Array(COMPONENTS.length), tgt, inst, scratch));
    m.set(fk, s);
  }
  return s;
}

/** The candidates dominated by fewer than two others (y dominates x: no coordinate larger, and
 * an earlier position when all are equal). Those dominated twice have two undominated-twice
 * dominators too (dominance is a strict order), so dropping them keeps, for any excluded node,
 * one candidate at least as good. Most candidates are dominated twice by one of the few with
 * the smallest coordinate sums, so those are tried first; only the rest are checked in full. */
function front<T extends Side>(cands: T[]): T[] {
  const n = cands.length;
  if (n <= 2) return cands;
  const first = cands[0]!.coords;
  const list: number[] = [];
  for (let d = 0; d < CHANGE_DIMS; d++) {
    const v = first[d]!;
    for (const c of cands) if (c.coords[d] !== v) { list.push(d); break; }
  }
  const dims = Int32Array.from(list);
  const sums = Float64Array.from(cands, (c) => c.sum).sort();
  const limit = sums[Math.min(n, PROBES) - 1]!;
  const probes = cands.filter((c) => c.sum <= limit).sort((x, y) => x.sum - y.sum || x.pos - y.pos);
  return cands.filter((x) => !dominatedTwice(x, probes, dims) && !dominatedTwice(x, cands, dims));
}

function dominatedTwice(x: Side, among: Side[], dims: Int32Array): boolean {
  const xc = x.coords; const nd = dims.length;
  let doms = 0;
  for (const y of among) {
    if (y === x) continue;
    const yc = y.coords;
    let k = 0; let equal = true;
    for (; k < nd; k++) {
      const d = dims[k]!; const a = yc[d]!; const b = xc[d]!;
      if (a > b) break;
      if (a < b) equal = false;
    }
    if (k === nd && (!equal || y.pos < x.pos) && ++doms >= 2) return true;
  }
  return false;
}
const PROBES = 16;

// The balancer passes the same victim list every round (unless evacuating): its classes are
// worked out once, and per node object the first victim (lowest index) of each class it hosts.
interface VictimInfo { at: (Instance | undefined)[]; cls: Int32Array }
const victimInfos = new WeakMap<Instance[], VictimInfo | null>();
function victimInfo(victims: Instance[]): VictimInfo | null {
  let vi = victimInfos.get(victims);
  if (vi === undefined) {
    vi = null;
    if (victims.every((i) => mirrorType(i.template) === 'external')) {
      const size = victims.reduce((m, i) => Math.max(m, i.idx + 1), 0);
      vi = { at: new Array<Instance | undefined>(size), cls: new Int32Array(size) };
      for (const i of victims) { vi.at[i.idx] = i; vi.cls[i.idx] = classOf(i); }
    }
    victimInfos.set(victims, vi);
  }
  return vi;
}
const firstsCache = new WeakMap<Node, { vi: VictimInfo; firsts: Instance[] }>();
function nodeFirsts(node: Node, vi: VictimInfo): Instance[] {
  const c = firstsCache.get(node);
  if (c && c.vi === vi) return c.firsts;
  const byClass = new Map<number, Instance>();
  for (const ix of node.pList) {
    const inst = vi.at[ix];
    if (!inst) continue;
    const k = vi.cls[ix]!; const cur = byClass.get(k);
    if (!cur || inst.idx < cur.idx) byClass.set(k, inst);
  }
  const firsts = [...byClass.values()];
  firstsCache.set(node, { vi, firsts });
  return firsts;
}

export interface FrontMove { score: number; inst: Instance; target: number }

/** The best failover-to-any move, or undefined when a candidate is not externally mirrored
 * (then the caller searches exhaustively); null when no move beats `bound`. */
export function bestFailoverToAny(nodes: Node[], stats: Stats, allowed: number[], victims: Instance[], ignoreSoftErrors: boolean,
  bound: number): FrontMove | null | undefined {
  const classes = new Map<number, { rep: Instance; force: boolean; srcs: Source[] }>();
  const vi = victimInfo(victims);
  if (!vi) return undefined;
  for (let ni = 0; ni < nodes.length; ni++) {
    const src = nodes[ni]!;
    const force = src.offline || ignoreSoftErrors;
    for (const inst of nodeFirsts(src, vi)) {
      const ck = vi.cls[inst.idx]!;
      const fk = 2 * ck + (force ? 1 : 0);
      let c = classes.get(fk);
      if (!c) { c = { rep: inst, force, srcs: [] }; classes.set(fk, c); }
      const so = sourceSide(src, inst, ck);
      so.pos = inst.idx; so.inst = inst;   // the first such instance in order (ties go to it)
      c.srcs.push(so);
    }
  }
  let best: FrontMove | null = null; let bestScore = bound; let bestPos = 0; let bestT = 0;
  for (const [fk, c] of classes) {
    const tgts: Side[] = [];
    for (let tp = 0; tp < allowed.length; tp++) {
      const s = targetSide(nodes[allowed[tp]!]!, c.rep, c.force, fk);
      if (s) { s.pos = tp; tgts.push(s); }
    }
    if (!tgts.length) continue;
    const ft = front(tgts);
    for (const s of front(c.srcs)) {
      for (const t of ft) {
        if (t.node === s.node || t.node === s.inst.sNode) continue;
        const sc = scoreAfter(stats, s.off, s.old, s.nw, t.off, t.old, t.nw);
        if (sc < bestScore || (best && sc === bestScore && (s.pos < bestPos || (s.pos === bestPos && t.pos < bestT)))) {
          bestScore = sc; bestPos = s.pos; bestT = t.pos; best = { score: sc, inst: s.inst, target: t.node };
        }
      }
    }
  }
  return best;
}
