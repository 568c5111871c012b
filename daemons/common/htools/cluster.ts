// The cluster data all htools work on (Loader.hs ClusterData), and the Loader's merge step:
// instances assigned to their nodes, the N+1 reservations built, policies applied.
import {
  buildPeers, createInstance, createNode, isOffline, setPolicy, setPri, setPrimaryNeed, setSec, usesLocalStorage, NO_SECONDARY,
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

/** Assigns indices, puts every instance on its nodes, applies the group policies and the
 * exclusion tags (cluster tags htools:iextags:PREFIX, Ganeti's exTags), builds peers. */
export function finishCluster(cd: ClusterData, opts: { exclusionTags?: string[] } = {}): ClusterData {
  cd.groups.forEach((g, i) => { g.idx = i; });
  cd.nodes.forEach((n, i) => { n.idx = i; setPolicy(n, cd.groups[n.group]?.ipolicy ?? cd.ipolicy); });
  const prefixes = opts.exclusionTags ?? cd.tags.filter((t) => t.startsWith('htools:iextags:')).map((t) => t.slice('htools:iextags:'.length));
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
    buildPeers(n, cd.instances);
    // The memory of the running primaries (xMem) and, with their local disk, what they need
    // elsewhere if the node fails (primaryNeed: the N+1 check reads it for every node).
    let used = 0; let dsk = 0;
    const pl = n.pList;
    for (let k = 0; k < pl.length; k++) {
      const i = cd.instances[pl[k]!]!;
      if (!isOffline(i)) used += i.mem;
      if (usesLocalStorage(i.template)) dsk += i.dsk;
    }
    setPrimaryNeed(n, used, dsk);
    n.xMem = Math.trunc(n.tMem) - n.nMem - n.fMem - used;
    n.reportedFMem ??= n.fMem;
  }
  return cd;
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
