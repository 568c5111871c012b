// The cluster data all htools work on (Loader.hs ClusterData), and the Loader's merge step:
// instances assigned to their nodes, the N+1 reservations built, policies applied.
import {
  addPrimaryNeed, buildPeers, createInstance, createNode, setPolicy, setPri, setPrimaryNeed, setSec, NO_SECONDARY,
  type Group, type Instance, type IPolicy, type Node,
} from './model.js';

export interface ClusterData {
  groups: Group[];
  nodes: Node[];
  instances: Instance[];
  tags: string[];
  ipolicy: IPolicy;
}

export class HtoolsInputError extends Error {
  override name = 'HtoolsInputError';
}

/** The exclusion tag prefixes the cluster tags name (htools:iextags:PREFIX). */
export function exclusionPrefixes(clusterTags: readonly string[]): string[] {
  return clusterTags.filter((t) => t.startsWith('htools:iextags:')).map((t) => t.slice('htools:iextags:'.length));
}

/** Assigns indices, puts every instance on its nodes, applies the group policies and the
 * exclusion tags (cluster tags htools:iextags:PREFIX, Ganeti's exTags), builds peers. */
export function finishCluster(cd: ClusterData, opts: { exclusionTags?: string[] } = {}): ClusterData {
  cd.groups.forEach((g, i) => { g.idx = i; });
  cd.nodes.forEach((n, i) => { n.idx = i; setPolicy(n, cd.groups[n.group]?.ipolicy ?? cd.ipolicy); });
  const prefixes = opts.exclusionTags ?? exclusionPrefixes(cd.tags);
  for (let i = 0; i < cd.instances.length; i++) {
    const inst = cd.instances[i]!;
    inst.idx = i;
    if (prefixes.length) inst.exclTags = inst.tags.filter((t) => prefixes.some((p) => t.startsWith(p)));
    else if (inst.exclTags.length) inst.exclTags = [];
    const p = cd.nodes[inst.pNode];
    if (!p) throw new HtoolsInputError(`Instance ${inst.name}: unknown primary node`);
    setPri(p, inst);
    if (inst.sNode !== NO_SECONDARY) {
      const s = cd.nodes[inst.sNode];
      if (!s) throw new HtoolsInputError(`Instance ${inst.name}: unknown secondary node`);
      setSec(s, inst);
    }
  }
  for (let j = 0; j < cd.nodes.length; j++) {
    const n = cd.nodes[j]!;
    const need: [number, number] = [0, 0];
    const pl = n.pList;
    for (let k = 0; k < pl.length; k++) addPrimaryNeed(need, cd.instances[pl[k]!]!);
    finishNode(n, cd.instances, need);
  }
  return cd;
}

/** The rest of a node once its instances are on it: the N+1 reservation (peers) and, from the
 * memory of its running primaries and their local disk (need: primaryNeed's values, which
 * the N+1 check reads for every node), the memory nobody accounts for (xMem). */
export function finishNode(n: Node, instances: Instance[], need: [number, number]): void {
  buildPeers(n, instances);
  setPrimaryNeed(n, need[0], need[1]);
  n.xMem = Math.trunc(n.tMem) - n.nMem - n.fMem - need[0];
  n.reportedFMem ??= n.fMem;
}

/** Marks nodes offline by name (-O), refusing unknown names. */
export function setOfflineNodes(cd: ClusterData, names: string[]): void {
  for (const nm of names) {
    const n = cd.nodes.find((x) => x.name === nm || x.name.split('.')[0] === nm);
    if (!n) throw new HtoolsInputError(`Unknown node '${nm}' given to --offline (known: ${cd.nodes.map((x) => x.name).join(', ')})`);
    n.offline = true;
  }
}

export function findGroup(cd: ClusterData, nameOrUuid: string): Group {
  const g = cd.groups.find((x) => x.name === nameOrUuid || x.uuid === nameOrUuid);
  if (!g) throw new HtoolsInputError(`Unknown node group '${nameOrUuid}' (known: ${cd.groups.map((x) => x.name).join(', ')})`);
  return g;
}

export { createNode, createInstance };

/** The part of the cluster in one node group (ClusterUtils.splitCluster), re-indexed. Instances
 * whose secondary lies outside the group keep their primary and are not moved. */
export function groupData(cd: ClusterData, gidx: number): ClusterData {
  const map = new Map<number, number>();
  const nodes: Node[] = [];
  for (const n of cd.nodes) {
    if (n.group !== gidx) continue;
    map.set(n.idx, nodes.length);
    nodes.push({ ...n, pList: [], sList: [], peers: new Map(), uCpu: n.nCpu, load: 0, dskLoad: 0, instSpindles: 0, offMem: 0, pTags: new Map(), rMem: 0, failN1: true });
  }
  const instances: Instance[] = [];
  for (const i of cd.instances) {
    const p = map.get(i.pNode);
    if (p === undefined) continue;
    const s = i.sNode === NO_SECONDARY ? NO_SECONDARY : map.get(i.sNode);
    instances.push({ ...i, pNode: p, sNode: s ?? NO_SECONDARY, movable: s === undefined ? false : i.movable });
  }
  return finishCluster({ groups: cd.groups, nodes, instances, tags: cd.tags, ipolicy: cd.ipolicy });
}
