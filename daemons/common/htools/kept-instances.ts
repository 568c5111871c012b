// finishCluster for the master's in-process allocations, kept from one request to the next.
// Every add asks hail for a node, and hail's model of the cluster puts every instance on its
// nodes (setPri, setSec, their sums): at 10,000 instances that pass was the largest
// O(instances) cost of an add (≈ 0.8 ms: docs/scaling.md, round 16). The instances change
// little between two requests (the new ones go last; a start changes one in place), so the
// part of each node its instances make is kept, and only a node whose instances changed is
// made again. The nodes themselves (free memory, policies) are new in every request.
import { exclusionPrefixes, finishNode, type ClusterData } from './cluster.js';
import type { ParsedInstance } from './iallocator.js';
import {
  addInstancePart, addPrimaryNeed, createNode, setPolicy, setPri, setSec, NO_SECONDARY,
  type Group, type Instance, type IPolicy, type Node,
} from './model.js';

/** Puts a parsed instance on its nodes by name (pNode, sNode), refusing unknown ones as the
 * document's parser does. */
export type PlaceOnNodes = (inst: Instance, nodes: readonly string[], name: string) => Instance;

/** Changed instances past which all nodes are made again rather than node by node. */
const REBUILD_PAST = 64;

export class KeptInstances {
  /** The list the kept state was made from; null when there is none (or a failed update). */
  private list: readonly ParsedInstance[] | null = null;
  /** What else the state depends on: the nodes (names, order, exclusive storage) and the exclusion prefixes. */
  private key = '';
  private prefixes: string[] = [];
  private instances: Instance[] = [];
  private pNodes: number[] = [];
  private sNodes: number[] = [];
  private exclTags: string[][] = [];
  /** Per node: the node as its instances alone make it (setPri/setSec on an empty node), and primaryNeed's sums. */
  private parts: Node[] = [];
  private needs: [number, number][] = [];

  /** What finishCluster({groups, nodes, instances of `list` placed by `place`, tags, ipolicy}) returns. */
  finish(groups: Group[], nodes: Node[], list: readonly ParsedInstance[], tags: string[], ipolicy: IPolicy,
    place: PlaceOnNodes): ClusterData {
    const prefixes = exclusionPrefixes(tags);
    const key = JSON.stringify([nodes.map((n) => [n.name, n.exclStorage]), prefixes]);
    const last = this.list;
    this.list = null;   // until this update has finished: a throw leaves nothing half-made to reuse
    if (!last || key !== this.key || list.length < last.length) this.rebuild(nodes, list, key, prefixes, place);
    else this.update(nodes, last, list, place);
    this.list = list;

    groups.forEach((g, i) => { g.idx = i; });
    // The instance objects are shared with the parsed list, which other requests place too:
    // each request sets what finishCluster would have set.
    const instances = this.instances.slice();
    for (let i = 0; i < instances.length; i++) {
      const inst = instances[i]!;
      inst.idx = i; inst.pNode = this.pNodes[i]!; inst.sNode = this.sNodes[i]!; inst.exclTags = this.exclTags[i]!;
    }
    for (let j = 0; j < nodes.length; j++) {
      const n = nodes[j]!;
      n.idx = j;
      setPolicy(n, groups[n.group]?.ipolicy ?? ipolicy);
      addInstancePart(n, this.parts[j]!);
      finishNode(n, instances, this.needs[j]!);
    }
    return { groups, nodes, instances, tags, ipolicy };
  }

  private rebuild(nodes: Node[], list: readonly ParsedInstance[], key: string, prefixes: string[], place: PlaceOnNodes): void {
    this.key = key; this.prefixes = prefixes;
    this.instances = []; this.pNodes = []; this.sNodes = []; this.exclTags = [];
    for (let i = 0; i < list.length; i++) this.placeAt(i, list[i]!, place);
    this.parts = nodes.map((n) => emptyPart(n)); this.needs = nodes.map(() => [0, 0]);
    for (let i = 0; i < list.length; i++) this.addTo(i);
  }

  private update(nodes: Node[], last: readonly ParsedInstance[], list: readonly ParsedInstance[], place: PlaceOnNodes): void {
    const dirty = new Set<number>();
    let changed = 0;
    for (let i = 0; i < last.length; i++) {
      if (list[i] === last[i]) continue;
      if (++changed > REBUILD_PAST) { this.rebuild(nodes, list, this.key, this.prefixes, place); return; }
      dirty.add(this.pNodes[i]!); dirty.add(this.sNodes[i]!);
      this.placeAt(i, list[i]!, place);
      dirty.add(this.pNodes[i]!); dirty.add(this.sNodes[i]!);
    }
    dirty.delete(NO_SECONDARY);
    for (let i = last.length; i < list.length; i++) {
      this.placeAt(i, list[i]!, place);
      this.addTo(i);
    }
    for (const j of dirty) {
      // In instance order, as finishCluster adds them.
      this.parts[j] = emptyPart(nodes[j]!); this.needs[j] = [0, 0];
      for (let i = 0; i < this.instances.length; i++) {
        if (this.pNodes[i] === j || this.sNodes[i] === j) this.addTo(i, j);
      }
    }
  }

  /** The instance of position i: placed on its nodes, its index and exclusion tags set. */
  private placeAt(i: number, p: ParsedInstance, place: PlaceOnNodes): void {
    const inst = place(p.inst, p.nodes, p.name);
    inst.idx = i;
    const prefixes = this.prefixes;
    inst.exclTags = prefixes.length ? inst.tags.filter((t) => prefixes.some((x) => t.startsWith(x))) : [];
    this.instances[i] = inst; this.pNodes[i] = inst.pNode; this.sNodes[i] = inst.sNode; this.exclTags[i] = inst.exclTags;
  }

  /** Adds instance i to the parts of its nodes (only `only`'s, when given). */
  private addTo(i: number, only?: number): void {
    const inst = this.instances[i]!;
    const p = this.pNodes[i]!; const s = this.sNodes[i]!;
    if (only === undefined || only === p) { setPri(this.parts[p]!, inst); addPrimaryNeed(this.needs[p]!, inst); }
    if (s !== NO_SECONDARY && (only === undefined || only === s)) setSec(this.parts[s]!, inst);
  }
}

/** A node with the same storage kind as n and nothing else: what setPri and setSec add up on. */
function emptyPart(n: Node): Node {
  return createNode({ name: n.name, tMem: 0, nMem: 0, fMem: 0, tDsk: 0, fDsk: 0, tCpu: 0, nCpu: 0, offline: false,
    group: n.group, exclStorage: n.exclStorage, ipolicy: n.ipolicy });
}
