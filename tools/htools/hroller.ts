// hroller: Ganeti's rolling-reboot planner — groups of nodes that can be rebooted at the same
// time. Nodes sharing a DRBD instance (and, unless --offline-maintenance, the primaries of
// instances sharing a secondary) must not reboot together: the node graph is coloured with
// Ganeti's three greedy algorithms (LF, Dsatur, Dcolor) and the smallest colouring is kept;
// groups are then split until their non-redundant instances can move away.
import { findGroup, HtoolsInputError } from '../../daemons/common/htools/cluster.js';
import {
  addPri, addSec, hasSecondary, NO_SECONDARY, removePri, removeSec, type Instance, type Node,
} from '../../daemons/common/htools/model.js';
import { DATA_OPTIONS, has, last, listOpt, parseOptions, usage, UsageError, verbosity, type OptSpec } from './options.js';
import { loadData, saveData } from './load.js';
import type { ToolIo } from './run.js';

const SPECS: OptSpec[] = [
  ...DATA_OPTIONS.filter((o) => o.long !== 'simulate'),
  { long: 'offline-maintenance', help: 'schedule offline maintenance, i.e., pretend that all instance are offline' },
  { long: 'no-headers', help: 'do not show a header line' },
  { long: 'node-tags', arg: 'required', help: 'restrict to nodes with the given tags' },
  { long: 'group', short: 'G', arg: 'required', help: 'the target node group (name or UUID)' },
  { long: 'print-moves', help: 'print the moves of the instances' },
  { long: 'full-evacuation', help: 'fully evacuate the nodes to be rebooted' },
  { long: 'skip-non-redundant', help: 'skip nodes that host a non-redundant instance' },
  { long: 'ignore-non-redundant', help: 'pretend that there are no non-redundant instances in the cluster' },
  { long: 'force', short: 'f', help: 'force the execution of this program, even if warnings would otherwise prevent it' },
  { long: 'one-step-only', help: 'only do the first step' },
];

/** A graph as Data.Graph builds it: vertices lo..hi, each with its neighbours (edges kept with
 * their repetitions: a vertex's degree counts them). */
export interface Graph { lo: number; adj: number[][] }

export function buildGraph(lo: number, hi: number, edges: [number, number][]): Graph {
  const adj: number[][] = Array.from({ length: hi - lo + 1 }, () => []);
  for (const [a, b] of edges) adj[a - lo]!.unshift(b);   // accumArray (flip (:)): the last edge first
  return { lo, adj };
}
export const showGraph = (g: Graph) => `array (${g.lo},${g.lo + g.adj.length - 1}) [${g.adj.map((a, k) => `(${g.lo + k},[${a.join(',')}])`).join(',')}]`;

type Colors = Map<number, number>;
function colorOf(g: Graph, c: Colors, v: number): number {
  const used = new Set<number>();
  for (const u of g.adj[v - g.lo]!) { const x = c.get(u); if (x !== undefined) used.add(x); }
  let k = 0;
  while (used.has(k)) k++;
  return k;
}
const vertices = (g: Graph) => g.adj.map((_, k) => g.lo + k);
const degree = (g: Graph, v: number) => g.adj[v - g.lo]!.length;

/** Graph.colorLF: greedy, largest degree first (ties: the higher vertex first). */
export function colorLF(g: Graph): Colors {
  const asc = vertices(g).map((v, k) => ({ v, k, d: degree(g, v) })).sort((a, b) => a.d - b.d || a.k - b.k).map((x) => x.v);
  const c: Colors = new Map();
  for (let k = asc.length - 1; k >= 0; k--) c.set(asc[k]!, colorOf(g, c, asc[k]!));
  return c;
}

function colorDynamic(g: Graph, key: (c: Colors, v: number) => [number, number]): Colors {
  const c: Colors = new Map();
  const left = vertices(g);
  while (left.length) {
    let bi = 0; let bk = key(c, left[0]!);
    for (let i = 1; i < left.length; i++) {
      const k = key(c, left[i]!);
      if (k[0] > bk[0] || (k[0] === bk[0] && k[1] >= bk[1])) { bi = i; bk = k; }   // maximumBy: the last of the largest
    }
    const v = left.splice(bi, 1)[0]!;
    c.set(v, colorOf(g, c, v));
  }
  return c;
}
/** Graph.colorDsatur: most distinct neighbour colours first, then degree. */
export const colorDsatur = (g: Graph) => colorDynamic(g, (c, v) => {
  const n = g.adj[v - g.lo]!; const s = new Set<number>();
  for (const u of n) { const x = c.get(u); if (x !== undefined) s.add(x); }
  return [s.size, n.length];
});
/** Graph.colorDcolor: most coloured neighbours first, then degree. */
export const colorDcolor = (g: Graph) => colorDynamic(g, (c, v) => {
  const n = g.adj[v - g.lo]!;
  return [n.filter((u) => c.has(u)).length, n.length];
});

/** colorVertMap: colour -> its vertices, both ascending. */
export function colorGroups(c: Colors): number[][] {
  const m = new Map<number, number[]>();
  for (const v of [...c.keys()].sort((a, b) => a - b)) { const col = c.get(v)!; const l = m.get(col) ?? []; l.push(v); m.set(col, l); }
  return [...m.keys()].sort((a, b) => a - b).map((k) => m.get(k)!);
}

/** Ganeti keeps a node's instance lists newest first (ours are appended to): its order. */
const ganetiOrder = (l: number[]) => [...l].reverse();

const drbdEdges = (il: Instance[]): [number, number][] => il.flatMap((i) => (hasSecondary(i) ? [[i.pNode, i.sNode], [i.sNode, i.pNode]] as [number, number][] : []));

/** Node.mkNodeGraph / mkRebootNodeGraph over the selected nodes. */
export function nodeGraph(all: Node[], sel: Node[], il: Instance[], offlineMaintenance: boolean): Graph | null {
  if (!sel.length) return null;
  const inSel = new Set(sel.map((n) => n.idx));
  let edges = drbdEdges(il);
  if (!offlineMaintenance) {
    // union: the DRBD edges, then the shared-secondary cliques' edges not already there
    const have = new Set(edges.map(([a, b]) => `${a},${b}`));
    for (const n of all) {
      const prim = ganetiOrder(n.sList).map((ix) => il[ix]!.pNode);
      for (const a of prim) for (const b of prim) {
        const k = `${a},${b}`;
        if (!have.has(k)) { have.add(k); edges.push([a, b]); }
      }
    }
  }
  edges = edges.filter(([a, b]) => inSel.has(a) && inSel.has(b));
  const ids = sel.map((n) => n.idx);
  return buildGraph(Math.min(...ids), Math.max(...ids), edges);
}

interface Conf { nl: Node[]; il: Instance[] }
const setNodes = (c: Conf, pairs: [number, Node][], idx: number, inst: Instance): Conf => {
  const nl = c.nl.slice(); for (const [k, n] of pairs) nl[k] = n;
  const il = c.il.slice(); il[idx] = inst;
  return { nl, il };
};

/** Moves a non-redundant instance to the first of the nodes that takes it (hard checks only). */
function locate(c: Conf, ix: number, targets: number[]): Conf | null {
  for (const t of targets) {
    const inst = c.il[ix]!; const old = inst.pNode;
    const r = addPri(c.nl[t]!, inst, true);
    if (!r.ok) continue;
    return setNodes(c, [[old, removePri(c.nl[old]!, inst)], [t, r.value]], ix, { ...inst, pNode: t });
  }
  return null;
}
/** Hroller.replaceSecondary, as Ganeti 3.0 computes it (the old secondary's entry is rebuilt
 * from the primary node). */
function findSecondary(c: Conf, ix: number, targets: number[]): Conf | null {
  for (const t of targets) {
    const inst = c.il[ix]!; const pdx = inst.pNode; const oldS = inst.sNode;
    if (pdx === t) continue;
    const r = addSec(c.nl[t]!, inst, pdx, true);
    if (!r.ok) continue;
    return setNodes(c, [[oldS, removeSec(c.nl[pdx]!, inst)], [t, r.value]], ix, { ...inst, sNode: t });
  }
  return null;
}

type Getter = (c: Conf, ndx: number) => number[];
type Relocate = (c: Conf, ix: number, targets: number[]) => Conf | null;
const nonRedundant: Getter = (c, ndx) => ganetiOrder(c.nl[ndx]!.pList).filter((ix) => !hasSecondary(c.il[ix]!));
const secondaries: Getter = (c, ndx) => ganetiOrder(c.nl[ndx]!.sList);

/** Hroller.greedyClearNodes: the nodes (in order) whose instances can all be moved away at once. */
function greedyClear(get: Getter, reloc: Relocate, ndxs: number[], targets: number[], conf: Conf): { grp: number[]; conf: Conf } {
  if (!ndxs.length) return { grp: [], conf };
  const [ndx, ...rest] = ndxs as [number, ...number[]];
  const others = targets.filter((t) => t !== ndx);
  const g = conf.nl[ndx]!.group;
  const sameGroup = others.filter((t) => conf.nl[t]!.group === g);
  let c: Conf | null = conf;
  for (const ix of get(conf, ndx)) { c = reloc(c, ix, sameGroup); if (!c) break; }
  if (c) { const r = greedyClear(get, reloc, rest, others, c); return { grp: [ndx, ...r.grp], conf: r.conf }; }
  return greedyClear(get, reloc, rest, targets, conf);
}

/** Hroller.partitionNodes: splits ndxs into groups that can each be cleared; null if one cannot. */
function partition(get: Getter, reloc: Relocate, ndxs: number[], targets: number[], conf: Conf): { grp: number[]; conf: Conf }[] | null {
  const out: { grp: number[]; conf: Conf }[] = [];
  let left = ndxs;
  while (left.length) {
    const r = greedyClear(get, reloc, left, targets, conf);
    if (!r.grp.length) return null;
    out.push(r);
    const used = new Set(r.grp);
    left = left.filter((x) => !used.has(x));
  }
  return out;
}

/** Hroller.migrateOffNodes: every DRBD primary of the nodes swaps to its secondary (forced). */
function migrateOff(grp: number[], c0: Conf): Conf | null {
  let c = c0;
  for (const ix of grp.flatMap((n) => ganetiOrder(c0.nl[n]!.pList).filter((i) => hasSecondary(c0.il[i]!)))) {
    const inst = c.il[ix]!; const pdx = inst.pNode; const sdx = inst.sNode;
    const s2 = addPri(removeSec(c.nl[sdx]!, inst), inst, true);
    if (!s2.ok) return null;
    const p2 = addSec(removePri(c.nl[pdx]!, inst), inst, sdx, true);
    if (!p2.ok) return null;
    c = setNodes(c, [[pdx, p2.value], [sdx, s2.value]], ix, { ...inst, pNode: sdx, sNode: pdx });
  }
  return c;
}

/** Hroller.getMoves: the instances whose nodes changed (a plain primary/secondary swap is no move). */
function moves(before: Conf, after: Conf): string[] {
  const out: string[] = [];
  before.il.forEach((i, ix) => {
    const j = after.il[ix]!;
    const sec = hasSecondary(i);
    if (!(i.pNode !== j.pNode || (sec && i.sNode !== j.sNode))) return;
    if (j.pNode === i.sNode && j.sNode === i.pNode) return;
    const pn = after.nl[j.pNode]!.name;
    out.push(sec ? `  ${j.name} ${pn} ${j.sNode === NO_SECONDARY ? '' : after.nl[j.sNode]!.name}` : `  ${j.name} ${pn}`);
  });
  return out;
}

function stats(colorings: [string, number[][]][]): string {
  const bySize = colorings.map((x, k) => ({ x, k })).sort((a, b) => b.x[1].length - a.x[1].length || a.k - b.k).map((y) => y.x);
  const st = ([name, groups]: [string, number[][]]) => `${name}: ${groups.length} (${groups.map((g) => g.length).join(',')})`;
  let old = 0; let s = '';
  for (let k = bySize.length - 1; k >= 0; k--) {
    const el = bySize[k]!; const size = el[1].length;
    if (old === 0) s = st(el);
    else s += `${old === size ? ' TIE ' : ' LOOSE '}${st(el)}`;
    old = size;
  }
  return s;
}

export async function hroller(argv: string[], io: ToolIo): Promise<number> {
  const p = parseOptions('hroller', SPECS, argv);
  if (has(p, 'help')) { io.out(usage('hroller', SPECS)); return 0; }
  if (p.args.length) throw new UsageError("This program doesn't take any arguments.");
  const verbose = verbosity(p);
  const { cd, master } = await loadData(p, io.masterSocket);
  master?.close();
  const masters = cd.nodes.filter((n) => n.isMaster).map((n) => n.name);
  if (!masters.length) {
    const msg = 'No master node found (maybe not supported by backend).';
    if (!has(p, 'force')) throw new HtoolsInputError(msg);
    io.err(`Warning: ${msg}\n`);
  } else if (masters.length > 1) throw new HtoolsInputError(`Found more than one master node: [${masters.map((m) => JSON.stringify(m)).join(',')}]`);
  saveData(p, cd, 'original');
  const gName = last(p, 'group');
  const group = gName === undefined ? null : cd.groups.find((g) => g.name === gName || g.uuid === gName);
  if (group === undefined) throw new HtoolsInputError('Cannot find target group.');
  const conf: Conf = { nl: cd.nodes, il: cd.instances };
  const tags = has(p, 'node-tags') ? listOpt(p, 'node-tags') : null;
  const sel = cd.nodes.filter((n) => !n.offline
    && (!has(p, 'skip-non-redundant') || nonRedundant(conf, n.idx).length === 0)
    && (tags === null || n.tags.some((t) => tags.includes(t)))
    && (group === null || n.group === group.idx));
  const g = nodeGraph(cd.nodes, sel, cd.instances, has(p, 'offline-maintenance'));
  if (!g) throw new HtoolsInputError('Cannot create node graph');
  if (verbose > 2) io.out(`Node Graph: ${showGraph(g)}\n`);
  const colorings: [string, number[][]][] = [['LF', colorGroups(colorLF(g))], ['Dsatur', colorGroups(colorDsatur(g))], ['Dcolor', colorGroups(colorDcolor(g))]];
  let smallest = colorings[0]![1];
  for (const [, c] of colorings) if (c.length < smallest.length) smallest = c;
  const allNdx = cd.nodes.filter((n) => !n.offline).map((n) => n.idx);
  let groups: { grp: number[]; conf: Conf }[];
  if (has(p, 'ignore-non-redundant')) groups = smallest.map((grp) => ({ grp, conf }));
  else {
    const parts = smallest.map((grp) => partition(nonRedundant, locate, grp, allNdx, conf));
    if (parts.some((x) => x === null)) throw new HtoolsInputError('Not enough capacity to move non-redundant instances');
    groups = parts.flatMap((x) => x!);
  }
  if (has(p, 'full-evacuation')) {
    const mig = groups.map((x) => ({ grp: x.grp, conf: migrateOff(x.grp, x.conf) }));
    if (mig.some((x) => x.conf === null)) throw new HtoolsInputError('Failed to migrate instances off nodes');
    const parts = mig.map((x) => partition(secondaries, findSecondary, x.grp, allNdx, x.conf!));
    if (parts.some((x) => x === null)) throw new HtoolsInputError('Not enough capacity to move secondaries');
    groups = parts.flatMap((x) => x!);
  }
  const selSet = new Set(sel.map((n) => n.idx));
  const withNodes = groups.map((x) => ({ nodes: x.grp.filter((i) => selSet.has(i)).map((i) => cd.nodes[i]!), conf: x.conf }))
    .map((x, k) => ({ ...x, k })).sort((a, b) => b.nodes.length - a.nodes.length || a.k - b.k);
  // masterLast: the master last in its group, its group last
  const ordered = withNodes.map((x) => ({ ...x, nodes: [...x.nodes.filter((n) => !n.isMaster), ...x.nodes.filter((n) => n.isMaster)], hasMaster: x.nodes.some((n) => n.isMaster) }));
  const out = [...ordered.filter((x) => !x.hasMaster), ...ordered.filter((x) => x.hasMaster)];
  if (verbose > 1) io.out(`${stats(colorings)}\n`);
  const show = (x: (typeof out)[number]) => {
    if (has(p, 'one-step-only')) for (const n of x.nodes) io.out(`${n.name}\n`);
    else io.out(`${x.nodes.map((n) => n.name).join(',')}\n`);
    if (has(p, 'print-moves')) for (const l of moves(conf, x.conf)) io.out(`${l}\n`);
  };
  if (has(p, 'one-step-only')) {
    if (!has(p, 'no-headers')) io.out("'First Reboot Group'\n");
    if (out[0]) show(out[0]);
  } else {
    if (!has(p, 'no-headers')) io.out("'Node Reboot Groups'\n");
    out.forEach(show);
  }
  return 0;
}
