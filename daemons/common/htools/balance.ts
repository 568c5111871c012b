// Ganeti's balancing (Cluster.hs tryBalance/checkMove): each round tries every allowed move of
// every movable, auto-balanced instance to every allowed node, keeps the one that lowers the
// cluster score most (first found on ties), and stops when no move gains enough.
import {
  addPri, addPriEval, addSec, allNodes, hasSecondary, mirrorType, NO_SECONDARY, removePri, removeSec,
  type Instance, type Node, type OpResult, type PriAdded,
} from './model.js';
import {
  cachedValues, COMPONENTS, computeStats, copyStats, scoreAfter, scoreOf, updateStats, valuesAfterAddPri, type Stats,
} from './score.js';
import { bestFailoverToAny, classKey } from './front-moves.js';

export type IMove =
  | { kind: 'Failover' }
  | { kind: 'FailoverToAny'; node: number }
  | { kind: 'ReplacePrimary'; node: number }
  | { kind: 'ReplaceSecondary'; node: number }
  | { kind: 'ReplaceAndFailover'; node: number }
  | { kind: 'FailoverAndReplace'; node: number };

export interface Placement { inst: number; pNode: number; sNode: number; move: IMove; score: number }

export interface BalanceOptions {
  maxRounds: number;          // -1: unlimited
  minScore: number;
  minGain: number;
  minGainLimit: number;
  diskMoves: boolean;
  instanceMoves: boolean;
  restrictedMigration: boolean;
  evacMode: boolean;
  ignoreSoftErrors: boolean;
  /** Try every move (as Ganeti does) instead of pairing only undominated sources and targets
   * (front-moves.ts; the same answer, much faster on big clusters). */
  exhaustive: boolean;
}
export const defaultBalanceOptions = (): BalanceOptions => ({
  maxRounds: -1, minScore: 1e-9, minGain: 0.01, minGainLimit: 0.1, diskMoves: true, instanceMoves: true,
  restrictedMigration: false, evacMode: false, ignoreSoftErrors: false, exhaustive: false,
});

export interface Applied { changes: [Node, Node][]; pNode: number; sNode: number }

function checkMigration(_a: Node, _b: Node): boolean { return true; } // migration tags: none in this build

/** Cluster.applyMoveEx: the changed nodes, or null when the move is impossible. */
export function applyMove(nl: Node[], inst: Instance, mv: IMove, force: boolean): Applied | null {
  const oldP = nl[inst.pNode]!;
  const ok = <T>(r: OpResult<T>): T | null => (r.ok ? r.value : null);
  switch (mv.kind) {
    case 'FailoverToAny': {
      const tgt = nl[mv.node]!;
      if (!checkMigration(oldP, tgt)) return null;
      const np = ok(addPri(tgt, inst, oldP.offline || force));
      if (!np) return null;
      return { changes: [[oldP, removePri(oldP, inst)], [tgt, np]], pNode: mv.node, sNode: inst.sNode };
    }
    case 'Failover': {
      const oldS = nl[inst.sNode]!;
      const intP = removePri(oldP, inst); const intS = removeSec(oldS, inst);
      const np = ok(addPri(intS, inst, oldP.offline || force));
      if (!np) return null;
      const moved = { ...inst, pNode: inst.sNode, sNode: inst.pNode };
      const ns = ok(addSec(intP, moved, inst.sNode));
      if (!ns) return null;
      return { changes: [[oldP, ns], [oldS, np]], pNode: inst.sNode, sNode: inst.pNode };
    }
    case 'ReplaceSecondary': {
      const oldS = nl[inst.sNode]!; const tgt = nl[mv.node]!;
      const ns = ok(addSec(tgt, inst, inst.pNode, oldS.offline || force));
      if (!ns) return null;
      return { changes: [[tgt, ns], [oldS, removeSec(oldS, inst)]], pNode: inst.pNode, sNode: mv.node };
    }
    case 'ReplacePrimary': {
      const oldS = nl[inst.sNode]!; const tgt = nl[mv.node]!;
      const f = oldP.offline || force;
      const intP = removePri(oldP, inst); const intS = removeSec(oldS, inst);
      const tmpS = ok(addPri(intS, inst, f));
      if (!tmpS) return null;
      const np = ok(addPri(tgt, inst, f));
      if (!np) return null;
      const ns = ok(addSec(removePri(tmpS, inst), inst, mv.node, f));
      if (!ns) return null;
      return { changes: [[oldP, intP], [oldS, ns], [tgt, np]], pNode: mv.node, sNode: inst.sNode };
    }
    case 'ReplaceAndFailover': {
      const oldS = nl[inst.sNode]!; const tgt = nl[mv.node]!;
      const intP = removePri(oldP, inst); const intS = removeSec(oldS, inst);
      const np = ok(addPri(tgt, inst, force));
      if (!np) return null;
      const ns = ok(addSec(intP, inst, mv.node, oldS.offline || force));
      if (!ns) return null;
      return { changes: [[tgt, np], [oldP, ns], [oldS, intS]], pNode: mv.node, sNode: inst.pNode };
    }
    case 'FailoverAndReplace': {
      const oldS = nl[inst.sNode]!; const tgt = nl[mv.node]!;
      const f = oldP.offline || force;
      const intP = removePri(oldP, inst); const intS = removeSec(oldS, inst);
      const np = ok(addPri(intS, inst, f));
      if (!np) return null;
      const ns = ok(addSec(tgt, inst, inst.sNode, f));
      if (!ns) return null;
      return { changes: [[tgt, ns], [oldS, np], [oldP, intP]], pNode: inst.sNode, sNode: mv.node };
    }
  }
}

function possibleMoves(inst: Instance, useSecondary: boolean, instMoves: boolean, restMig: boolean, primaryDrained: boolean, tdx: number): IMove[] {
  const mt = mirrorType(inst.template);
  if (mt === 'none') return [];
  if (mt === 'external') return instMoves ? [{ kind: 'FailoverToAny', node: tdx }] : [];
  if (!instMoves) return [{ kind: 'ReplaceSecondary', node: tdx }];
  if (restMig && !primaryDrained) return [{ kind: 'ReplaceSecondary', node: tdx }];
  if (useSecondary && (!restMig)) {
    return [{ kind: 'ReplaceSecondary', node: tdx }, { kind: 'ReplaceAndFailover', node: tdx },
      { kind: 'ReplacePrimary', node: tdx }, { kind: 'FailoverAndReplace', node: tdx }];
  }
  if (useSecondary) {
    return [{ kind: 'ReplaceSecondary', node: tdx }, { kind: 'ReplaceAndFailover', node: tdx }, { kind: 'FailoverAndReplace', node: tdx }];
  }
  return [{ kind: 'ReplaceSecondary', node: tdx }, { kind: 'ReplaceAndFailover', node: tdx }];
}

export interface Table { nodes: Node[]; instances: Instance[]; score: number; plc: Placement[] }

interface Best { score: number; inst: Instance; mv: IMove; ap: Applied }

/** A key of everything a move's outcome depends on: instances with equal keys move alike. */
const keyCache = new WeakMap<Instance, { p: number; s: number; key: string }>();
function instKey(i: Instance): string {
  const c = keyCache.get(i);
  if (c && c.p === i.pNode && c.s === i.sNode) return c.key;
  const key = `${i.pNode}|${i.sNode}|${classKey(i)}`;
  keyCache.set(i, { p: i.pNode, s: i.sNode, key });
  return key;
}

/** The score after an applied move, without changing stats. */
export function moveScore(stats: Stats, ap: Applied): number {
  const ch = ap.changes;
  if (ch.length === 1) return scoreAfter(stats, ch[0]![0].offline, cachedValues(ch[0]![0]), cachedValues(ch[0]![1]), null, null, null);
  if (ch.length === 2) {
    return scoreAfter(stats, ch[0]![0].offline, cachedValues(ch[0]![0]), cachedValues(ch[0]![1]),
      ch[1]![0].offline, cachedValues(ch[1]![0]), cachedValues(ch[1]![1]));
  }
  const st = copyStats(stats);
  for (const [a, b] of ch) updateStats(st, a, b);
  return scoreOf(st);
}

/** Cluster.checkMove: the best single move over the candidates, or null. */
export function bestMove(tbl: Table, stats: Stats, allowed: number[], victims: Instance[], o: BalanceOptions): Best | null {
  let best: { score: number; inst: Instance; mv: IMove; ap: Applied | null } | null = null;
  let bestScore = tbl.score;
  const allowedSet = new Set(allowed);
  const seen = new Set<string>();
  const nl = tbl.nodes;
  const tryOne = (inst: Instance, mv: IMove) => {
    const ap = applyMove(nl, inst, mv, o.ignoreSoftErrors);
    if (!ap) return;
    const sc = moveScore(stats, ap);
    if (sc < bestScore) { bestScore = sc; best = { score: sc, inst, mv, ap }; }
  };
  if (!o.exhaustive && o.instanceMoves) {
    const f = bestFailoverToAny(nl, stats, allowed, victims, o.ignoreSoftErrors, bestScore);
    if (f !== undefined) {
      if (!f) return null;
      const mv: IMove = { kind: 'FailoverToAny', node: f.target };
      const ap = applyMove(nl, f.inst, mv, o.ignoreSoftErrors);
      if (!ap) throw new Error(`internal error: the move of ${f.inst.name} failed after its check passed`);
      return { score: f.score, inst: f.inst, mv, ap };
    }
  }
  const d = {} as PriAdded; const tv = new Float64Array(COMPONENTS.length);
  for (const inst of victims) {
    const key = instKey(inst);
    if (seen.has(key)) continue;
    seen.add(key);
    const useSecondary = allowedSet.has(inst.sNode) && o.instanceMoves;
    const mt = mirrorType(inst.template);
    if (mt === 'internal' && useSecondary) tryOne(inst, { kind: 'Failover' });
    // a failover to any node moves no disk: Ganeti 3.0 tries it even with --no-disk-moves
    if (mt === 'external' && o.instanceMoves) {
      // FailoverToAny to every target, scored without building the target's new node: the
      // source's side is the same for every target.
      const src = nl[inst.pNode]!;
      const srcOld = cachedValues(src); const srcNew = cachedValues(removePri(src, inst));
      const force = src.offline || o.ignoreSoftErrors;
      for (const t of allowed) {
        if (t === inst.pNode || t === inst.sNode) continue;
        const tgt = nl[t]!;
        if (addPriEval(tgt, inst, force, d)) continue;
        const sc = scoreAfter(stats, src.offline, srcOld, srcNew, tgt.offline, cachedValues(tgt), valuesAfterAddPri(tv, tgt, inst, d));
        if (sc < bestScore) { bestScore = sc; best = { score: sc, inst, mv: { kind: 'FailoverToAny', node: t }, ap: null }; }
      }
      continue;
    }
    if (!o.diskMoves) continue;
    const primaryDrained = nl[inst.pNode]!.offline;
    for (const t of allowed) {
      if (t === inst.pNode || t === inst.sNode) continue;
      for (const mv of possibleMoves(inst, useSecondary, o.instanceMoves, o.restrictedMigration, primaryDrained, t)) tryOne(inst, mv);
    }
  }
  const b = best as { score: number; inst: Instance; mv: IMove; ap: Applied | null } | null;
  if (!b) return null;
  const ap = b.ap ?? applyMove(nl, b.inst, b.mv, o.ignoreSoftErrors);
  if (!ap) throw new Error(`internal error: the move of ${b.inst.name} failed after its check passed`);
  return { score: b.score, inst: b.inst, mv: b.mv, ap };
}

/** Commits a move: new node objects in the list, the instance's new nodes; also gives the
 * statistics of the new state (the next round's). */
function commit(tbl: Table, b: { inst: Instance; mv: IMove; ap: Applied }): { p: Placement; stats: Stats } {
  for (const [, n] of b.ap.changes) tbl.nodes[n.idx] = n;
  const inst = tbl.instances[b.inst.idx]!;
  inst.pNode = b.ap.pNode; inst.sNode = b.ap.sNode;
  const stats = computeStats(tbl.nodes);
  tbl.score = scoreOf(stats);
  const p: Placement = { inst: inst.idx, pNode: inst.pNode, sNode: inst.sNode, move: b.mv, score: tbl.score };
  tbl.plc.push(p);
  return { p, stats };
}
/** Commits a move: new node objects in the list, the instance's new nodes. */
export const commitMove = (tbl: Table, b: { inst: Instance; mv: IMove; ap: Applied }): Placement => commit(tbl, b).p;

export interface BalanceScope { nodes: number[]; movable: (i: Instance) => boolean }

/** Runs the balancing rounds (Hbal's iterateDepth); onMove sees each accepted move. */
export function balance(tbl: Table, scope: BalanceScope, o: BalanceOptions, onMove?: (p: Placement) => void): void {
  const online = scope.nodes.filter((i) => !tbl.nodes[i]!.offline);
  const offlineSet = new Set(scope.nodes.filter((i) => tbl.nodes[i]!.offline));
  // the same list every round (the front search keeps what it learns about it), unless evacuating
  const movable = tbl.instances.filter((i) => scope.movable(i) && i.movable && i.autoBalance);
  let stats = computeStats(tbl.nodes);   // then the committed state's, from commit
  for (;;) {
    if (!((o.maxRounds < 0 || tbl.plc.length < o.maxRounds) && tbl.score > o.minScore)) return;
    const victims = o.evacMode ? movable.filter((i) => allNodes(i).some((n) => offlineSet.has(n))) : movable;
    const b = bestMove(tbl, stats, online, victims, o);
    if (!b) return;
    const ini = tbl.score;
    if (!(b.score < ini && (ini > o.minGainLimit || ini - b.score >= o.minGain))) return;
    const c = commit(tbl, b);
    stats = c.stats;
    onMove?.(c.p);
  }
}

/** Hbal's move description ("a=") and the gnt-instance commands of one placement. */
export function describeMove(inst: Instance, mv: IMove, nodeName: (i: number) => string, pNode: number, sNode: number): { moves: string; cmds: string[] } {
  const npri = nodeName(pNode); const nsec = sNode === NO_SECONDARY ? '' : nodeName(sNode);
  const mig = inst.status === 'running' || inst.status === 'ERROR_up' ? 'migrate -f' : 'failover -f';
  const g = (x: string) => `gnt-instance ${x} ${inst.name}`;
  switch (mv.kind) {
    case 'Failover': return { moves: 'f', cmds: [g(mig)] };
    case 'FailoverToAny': return { moves: `fa:${npri}`, cmds: [`gnt-instance ${mig} -n ${npri} ${inst.name}`] };
    case 'FailoverAndReplace': return { moves: `f r:${nsec}`, cmds: [g(mig), `gnt-instance replace-disks -n ${nsec} ${inst.name}`] };
    case 'ReplaceSecondary': return { moves: `r:${nsec}`, cmds: [`gnt-instance replace-disks -n ${nsec} ${inst.name}`] };
    case 'ReplaceAndFailover': return { moves: `r:${npri} f`, cmds: [`gnt-instance replace-disks -n ${npri} ${inst.name}`, g(mig)] };
    case 'ReplacePrimary': return { moves: `f r:${npri} f`, cmds: [g(mig), `gnt-instance replace-disks -n ${npri} ${inst.name}`, g(mig)] };
  }
}

export { hasSecondary };
