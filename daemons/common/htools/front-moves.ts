// The balancer's best move on a big cluster, without trying every instance on every node.
// When every candidate is an externally mirrored instance (a move is a failover to any node), a
// move's score depends on its source only through the change of the source's values, and on its
// target only through the change of the target's (score.ts changeCoords). Among instances of one
// resource class, a target whose change is no worse in every coordinate than two other targets'
// can never be the unique best (one of those two is not the source, and is at least as good);
// likewise for sources. So only the sources and targets of each class that are not dominated
// twice (a small "front") are paired and scored exactly — the answer is the exhaustive search's,
// ties included (lowest instance position, then lowest node position, win).
// A side's coordinates do not depend on the cluster statistics, only on its node, so the fronts
// are kept from round to round: a move changes two nodes, and only their candidates and those
// that had one of them as a witness of being dominated twice are looked at again.
import { addPriEval, removePri, type Instance, type Node, type PriAdded, mirrorType } from './model.js';
import { afterFirst, cachedValues, CHANGE_DIMS, changeCoords, COMPONENTS, firstChange, valuesAfterAddPri, type Stats } from './score.js';

/** Everything of an instance a move's outcome depends on, but its nodes. */
export const classKey = (i: Instance) =>
  `${i.mem}|${i.dsk}|${i.vcpus}|${i.status}|${i.template}|${i.spindleUse}|${i.spindles}|${i.autoBalance}|${i.exclTags.join(',')}`;

/** One node's change (old -> new values) when a class of instance leaves it or arrives on it. */
interface Change { node: number; off: boolean; old: Float64Array; nw: Float64Array; coords: Float64Array; sum: number }
/** A change as a candidate of one search: its key (node index for sources, position in the
 * allowed list for targets), its tie-break position, and for a source the instance moved. */
interface Cand extends Change { key: number; pos: number; inst: Instance | null }

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
const srcCache = new WeakMap<Node, Map<number, Change>>();
const tgtCache = new WeakMap<Node, Map<number, Change | null>>();

function change(node: number, off: boolean, old: Float64Array, nw: Float64Array): Change {
  const coords = changeCoords(off, old, nw, new Float64Array(CHANGE_DIMS));
  let sum = 0;
  for (const c of coords) sum += c;
  return { node, off, old, nw, coords, sum };
}

function sourceChange(src: Node, inst: Instance, ck: number): Change {
  let m = srcCache.get(src);
  if (!m) { m = new Map(); srcCache.set(src, m); }
  let s = m.get(ck);
  if (!s) { s = change(src.idx, src.offline, cachedValues(src), cachedValues(removePri(src, inst))); m.set(ck, s); }
  return s;
}

const scratch = {} as PriAdded;
/** fk: the class number, doubled, plus one when soft errors are ignored (force). */
function targetChange(tgt: Node, inst: Instance, force: boolean, fk: number): Change | null {
  let m = tgtCache.get(tgt);
  if (!m) { m = new Map(); tgtCache.set(tgt, m); }
  let s = m.get(fk);
  if (s === undefined) {
    s = addPriEval(tgt, inst, force, scratch) ? null
      : change(tgt.idx, tgt.offline, cachedValues(tgt), valuesAfterAddPri(new Float64Array(COMPONENTS.length), tgt, inst, scratch));
    m.set(fk, s);
  }
  return s;
}

/** y dominates x: no coordinate larger (over dims, the others being equal for all), and a
 * smaller one or an earlier position. A strict order. */
function dominates(y: Cand, x: Cand, dims: Int32Array): boolean {
  const yc = y.coords; const xc = x.coords;
  let equal = true;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!; const a = yc[d]!; const b = xc[d]!;
    if (a > b) return false;
    if (a < b) equal = false;
  }
  return !equal || y.pos < x.pos;
}
const bySumPos = (a: Cand, b: Cand) => a.sum - b.sum || a.pos - b.pos;

/** The candidates of one class on one side, with a superset of those dominated fewer than two
 * times (`front`). Every candidate outside it has two current witnesses that dominate it; when a
 * witness's node changes, its dependents are looked at again. Those dominated twice are dominated
 * twice by front members (dominance is a strict order: the minimal dominators, or the minimal one
 * and the minimal one above it), so a candidate is only compared with the front; candidates are
 * placed in order of coordinate sums (a dominator never has a larger one), the lowest first. */
class FrontSet {
  readonly cand: (Cand | null)[];
  front: Cand[] = [];
  private readonly inFront: Uint8Array;
  private readonly w1: Int32Array; private readonly w2: Int32Array;
  private readonly deps: (number[] | undefined)[];   // made on first use: a class may have few candidates
  private readonly mark: Uint32Array; private stamp = 0;
  // the coordinates some candidate differs in from the first one seen: only those are compared
  private readonly varies = new Uint8Array(CHANGE_DIMS); private dims = new Int32Array(0); private ref: Float64Array | null = null;

  constructor(size: number) {
    this.cand = new Array<Cand | null>(size).fill(null);
    this.inFront = new Uint8Array(size);
    this.w1 = new Int32Array(size).fill(-1); this.w2 = new Int32Array(size).fill(-1);
    this.deps = new Array<number[] | undefined>(size);
    this.mark = new Uint32Array(size);
  }

  private widen(c: Cand): void {
    if (!this.ref) { this.ref = c.coords; return; }
    let grew = false;
    for (let d = 0; d < CHANGE_DIMS; d++) if (!this.varies[d] && c.coords[d] !== this.ref[d]) { this.varies[d] = 1; grew = true; }
    if (grew) this.dims = Int32Array.from(this.varies.keys()).filter((d) => this.varies[d]);
  }

  /** Records two front members that dominate x as its witnesses; false when there are not two. */
  private witness(x: Cand): boolean {
    let first: Cand | null = null;
    for (const y of this.front) {
      if (y === x || !dominates(y, x, this.dims)) continue;
      if (!first) { first = y; continue; }
      this.w1[x.key] = first.key; this.w2[x.key] = y.key;
      this.depend(first.key, x.key); this.depend(y.key, x.key);
      return true;
    }
    return false;
  }

  private depend(on: number, k: number): void {
    let l = this.deps[on];
    if (!l) { l = []; this.deps[on] = l; }
    if (l.length >= 4 * this.cand.length) {   // drop the stale entries now and then
      l = [...new Set(l.filter((d) => this.w1[d] === on || this.w2[d] === on))];
      this.deps[on] = l;
    }
    l.push(k);
  }

  /** Replaces the candidates of some keys (null: none) and restores the front. */
  set(keys: readonly number[], cands: readonly (Cand | null)[]): void {
    const stamp = ++this.stamp;
    const again: number[] = [];
    let left = false;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!; const c = cands[j]!;
      if (this.cand[k] === c) continue;
      if (this.inFront[k]) { this.inFront[k] = 0; left = true; }
      this.cand[k] = c; this.w1[k] = -1; this.w2[k] = -1;
      const dk = this.deps[k];
      if (dk) {
        for (const d of dk) if (this.w1[d] === k || this.w2[d] === k) { this.w1[d] = -1; this.w2[d] = -1; again.push(d); }
        dk.length = 0;
      }
      if (c) { this.widen(c); again.push(k); }
    }
    if (left) this.front = this.front.filter((x) => this.inFront[x.key]);
    const pending: Cand[] = [];
    for (const k of again) {
      const c = this.cand[k];
      if (c && this.mark[k] !== stamp && !this.inFront[k] && this.w1[k]! < 0) { this.mark[k] = stamp; pending.push(c); }
    }
    if (!pending.length) return;
    pending.sort(bySumPos);
    const fresh: Cand[] = [];
    for (const x of pending) if (!this.witness(x)) { this.inFront[x.key] = 1; this.front.push(x); fresh.push(x); }
    if (!fresh.length || this.front.length === fresh.length) return;
    // members a newcomer dominates may be dominated twice now
    const keep: Cand[] = [];
    for (const x of this.front) {
      if (fresh.some((y) => y !== x && dominates(y, x, this.dims)) && this.witness(x)) this.inFront[x.key] = 0;
      else keep.push(x);
    }
    this.front = keep;
  }
}

// The balancer passes the same victim list every round (unless evacuating): its classes are
// worked out once, and per node object the first victim (lowest index) of each class it hosts.
interface VictimInfo { at: (Instance | undefined)[]; cls: Int32Array }
function victimInfo(victims: Instance[]): VictimInfo | null {
  if (!victims.every((i) => mirrorType(i.template) === 'external')) return null;
  const size = victims.reduce((m, i) => Math.max(m, i.idx + 1), 0);
  const vi: VictimInfo = { at: new Array<Instance | undefined>(size), cls: new Int32Array(size) };
  for (const i of victims) { vi.at[i.idx] = i; vi.cls[i.idx] = classOf(i); }
  return vi;
}
function nodeFirsts(node: Node, vi: VictimInfo): Instance[] {
  const byClass = new Map<number, Instance>();
  for (const ix of node.pList) {
    const inst = vi.at[ix];
    if (!inst) continue;
    const k = vi.cls[ix]!; const cur = byClass.get(k);
    if (!cur || inst.idx < cur.idx) byClass.set(k, inst);
  }
  return [...byClass.values()];
}

interface ClassSearch { rep: Instance; force: boolean; srcs: FrontSet; tgts: FrontSet }
/** What the search keeps between the rounds of one balancing run (one victim list). */
interface Search {
  nodes: Node[]; allowed: number[]; ignoreSoftErrors: boolean; vi: VictimInfo | null;
  /** The node objects the fronts were built from. */
  seen: (Node | undefined)[];
  tpOf: Int32Array;
  classes: Map<number, ClassSearch>;
}
const searches = new WeakMap<Instance[], Search>();

function searchFor(nodes: Node[], allowed: number[], victims: Instance[], ignoreSoftErrors: boolean): Search {
  const s = searches.get(victims);
  if (s && s.nodes === nodes && s.allowed === allowed && s.ignoreSoftErrors === ignoreSoftErrors && s.seen.length === nodes.length) return s;
  const tpOf = new Int32Array(nodes.length).fill(-1);
  allowed.forEach((ni, tp) => { tpOf[ni] = tp; });
  const fresh: Search = { nodes, allowed, ignoreSoftErrors, vi: victimInfo(victims), seen: new Array<Node | undefined>(nodes.length),
    tpOf, classes: new Map() };
  searches.set(victims, fresh);
  return fresh;
}

function targetCand(s: Search, ni: number, c: ClassSearch, fk: number): Cand | null {
  const ch = targetChange(s.nodes[ni]!, c.rep, c.force, fk);
  return ch && { ...ch, key: s.tpOf[ni]!, pos: s.tpOf[ni]!, inst: null };
}

/** Brings the fronts up to date with the nodes that changed since the last round. */
function update(s: Search): void {
  const { nodes, vi } = s;
  const changed: number[] = [];
  for (let ni = 0; ni < nodes.length; ni++) if (nodes[ni] !== s.seen[ni]) { changed.push(ni); s.seen[ni] = nodes[ni]; }
  if (!changed.length || !vi) return;
  const srcSets = new Map<number, { keys: number[]; cands: (Cand | null)[] }>();
  const built = new Set<ClassSearch>();   // classes first seen now: their targets are current
  for (const ni of changed) {
    const src = nodes[ni]!;
    const force = src.offline || s.ignoreSoftErrors;
    const here = new Map<number, Cand>();
    for (const inst of nodeFirsts(src, vi)) {
      const ck = vi.cls[inst.idx]!;
      const fk = 2 * ck + (force ? 1 : 0);
      if (!s.classes.has(fk)) {
        const c: ClassSearch = { rep: inst, force, srcs: new FrontSet(nodes.length), tgts: new FrontSet(s.allowed.length) };
        s.classes.set(fk, c); built.add(c);
        c.tgts.set(s.allowed.map((_, tp) => tp), s.allowed.map((ti) => targetCand(s, ti, c, fk)));
      }
      // the first such instance in order (ties go to it)
      here.set(fk, { ...sourceChange(src, inst, ck), key: ni, pos: inst.idx, inst });
    }
    for (const [fk, c] of s.classes) {
      const cand = here.get(fk) ?? null;
      if (!cand && !c.srcs.cand[ni]) continue;
      let l = srcSets.get(fk);
      if (!l) { l = { keys: [], cands: [] }; srcSets.set(fk, l); }
      l.keys.push(ni); l.cands.push(cand);
    }
  }
  for (const [fk, l] of srcSets) s.classes.get(fk)!.srcs.set(l.keys, l.cands);
  const tchanged = changed.filter((ni) => s.tpOf[ni]! >= 0);
  const tkeys = tchanged.map((ni) => s.tpOf[ni]!);
  for (const [fk, c] of s.classes) if (!built.has(c)) c.tgts.set(tkeys, tchanged.map((ni) => targetCand(s, ni, c, fk)));
}

export interface FrontMove { score: number; inst: Instance; target: number }

/** The best failover-to-any move, or undefined when a candidate is not externally mirrored
 * (then the caller searches exhaustively); null when no move beats `bound`. Between calls with
 * the same victims, nodes and allowed arrays, only the changed nodes are looked at again. */
export function bestFailoverToAny(nodes: Node[], stats: Stats, allowed: number[], victims: Instance[], ignoreSoftErrors: boolean,
  bound: number): FrontMove | null | undefined {
  const s = searchFor(nodes, allowed, victims, ignoreSoftErrors);
  if (!s.vi) return undefined;
  update(s);
  let best: FrontMove | null = null; let bestScore = bound; let bestPos = 0; let bestT = 0;
  for (const c of s.classes.values()) {
    const ft = c.tgts.front;
    if (!ft.length) continue;
    for (const so of c.srcs.front) {
      const inst = so.inst!;
      firstChange(stats, so.off, so.old, so.nw);   // scoreAfter, the source's half once
      for (const t of ft) {
        if (t.node === so.node || t.node === inst.sNode) continue;
        const sc = afterFirst(stats, t.off, t.old, t.nw);
        if (sc < bestScore || (best && sc === bestScore && (so.pos < bestPos || (so.pos === bestPos && t.pos < bestT)))) {
          bestScore = sc; bestPos = so.pos; bestT = t.pos; best = { score: sc, inst, target: t.node };
        }
      }
    }
  }
  return best;
}
