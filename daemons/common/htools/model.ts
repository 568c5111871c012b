// The cluster model of Ganeti's htools (Node.hs, Instance.hs, Types.hs): nodes and instances
// with the derived quantities the cluster score is computed from, and the add/remove
// operations with Ganeti's hard and soft checks. Pure and dependency-free, so that the
// htools programs and the master's allocator share it.

export const DISK_TEMPLATES = ['diskless', 'file', 'sharedfile', 'plain', 'blockdev', 'drbd', 'rbd', 'ext', 'gluster'] as const;
export type DiskTemplate = (typeof DISK_TEMPLATES)[number];

/** How an instance's disks survive its node (Ganeti's templateMirrorType). */
export type MirrorType = 'none' | 'internal' | 'external';
export function mirrorType(dt: DiskTemplate): MirrorType {
  if (dt === 'drbd') return 'internal';
  if (dt === 'file' || dt === 'plain') return 'none';
  return 'external';
}
/** Templates whose instances the balancer may move (Instance.movableDiskTemplates). */
const MOVABLE: ReadonlySet<DiskTemplate> = new Set(['drbd', 'blockdev', 'sharedfile', 'rbd', 'ext', 'gluster']);
/** Templates whose space htools counts against the node's disk (Instance.localStorageTemplates). */
const LOCAL_STORAGE: ReadonlySet<DiskTemplate> = new Set(['drbd', 'plain']);
export const usesLocalStorage = (dt: DiskTemplate) => LOCAL_STORAGE.has(dt);

export const INSTANCE_STATUSES = ['running', 'ADMIN_down', 'ADMIN_offline', 'ERROR_up', 'ERROR_down', 'ERROR_wrongnode',
  'ERROR_nodedown', 'ERROR_nodeoffline', 'USER_down'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export type FailMode = 'FailMem' | 'FailDisk' | 'FailCPU' | 'FailN1' | 'FailTags' | 'FailMig' | 'FailDiskCount'
  | 'FailSpindles' | 'FailInternal';
export const FAIL_MODES: FailMode[] = ['FailMem', 'FailDisk', 'FailCPU', 'FailN1', 'FailTags', 'FailMig', 'FailDiskCount',
  'FailSpindles', 'FailInternal'];

export interface ISpec { mem: number; cpu: number; disk: number; diskCount: number; nicCount: number; spindleUse: number }
export interface IPolicy {
  minmax: { min: ISpec; max: ISpec }[];
  std: ISpec;
  diskTemplates: DiskTemplate[];
  vcpuRatio: number;
  spindleRatio: number;
}
/** Ganeti's default instance policy (constants ipolicyDefaults). */
export function defaultIPolicy(): IPolicy {
  return {
    minmax: [{ min: { mem: 128, cpu: 1, disk: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 },
      max: { mem: 32768, cpu: 8, disk: 1048576, diskCount: 16, nicCount: 8, spindleUse: 12 } }],
    std: { mem: 128, cpu: 1, disk: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 },
    diskTemplates: [...DISK_TEMPLATES], vcpuRatio: 4, spindleRatio: 32,
  };
}

export type AllocPolicy = 'preferred' | 'last_resort' | 'unallocable';
export interface Group { idx: number; name: string; uuid: string; allocPolicy: AllocPolicy; tags: string[]; networks: string[]; ipolicy: IPolicy }

export interface Node {
  idx: number; name: string; group: number;
  tMem: number; nMem: number; fMem: number; tDsk: number; fDsk: number; tCpu: number; nCpu: number; uCpu: number;
  cpuSpeed: number; tSpindles: number; fSpindles: number; exclStorage: boolean;
  offline: boolean; isMaster: boolean; tags: string[];
  pList: number[]; sList: number[];
  /** primary node index -> memory its instances would need here on failover */
  peers: Map<number, number>;
  rMem: number; failN1: boolean; instSpindles: number;
  /** Memory of the offline primaries (not in use, but counted by the *_forth components). */
  offMem: number;
  hiCpu: number; hiSpindles: number; loDsk: number;
  load: number;          // sum of the instances' dynamic utilisation (cpu = mem = disk = net)
  dskLoad: number;       // the disk part also counts secondaries
  pTags: Map<string, number>;
  ipolicy: IPolicy;
  /** Memory neither free, nor the node's, nor its instances' (Ganeti's xMem), set at load time. */
  xMem?: number;
  /** The free memory the node reported at load time (Ganeti 3.0 prints it as f_mem). */
  reportedFMem?: number;
}

export interface Instance {
  idx: number; name: string; mem: number; dsk: number; vcpus: number; status: InstanceStatus;
  autoBalance: boolean; pNode: number; sNode: number; template: DiskTemplate; tags: string[];
  spindleUse: number; spindles: number | null; forthcoming: boolean; movable: boolean; exclTags: string[];
  /** The sizes of the disks, when known (policy checks are per disk); else [dsk]. */
  diskSizes?: number[];
}

export const NO_SECONDARY = -1;
/** Reserved disk ratio (Types.defReservedDiskRatio). */
export const DEF_RESERVED_DISK_RATIO = 0;

export function createNode(p: {
  name: string; tMem: number; nMem: number; fMem: number; tDsk: number; fDsk: number; tCpu: number; nCpu?: number;
  offline: boolean; spindles?: number; freeSpindles?: number; group: number; exclStorage?: boolean; isMaster?: boolean;
  tags?: string[]; cpuSpeed?: number; ipolicy: IPolicy;
}): Node {
  const nCpu = p.nCpu ?? 1;
  const n: Node = {
    idx: -1, name: p.name, group: p.group, tMem: p.tMem, nMem: p.nMem, fMem: p.fMem, tDsk: p.tDsk, fDsk: p.fDsk,
    tCpu: p.tCpu, nCpu, uCpu: nCpu, cpuSpeed: p.cpuSpeed ?? 1, tSpindles: p.spindles ?? 1, fSpindles: p.freeSpindles ?? 0,
    exclStorage: !!p.exclStorage, offline: p.offline, isMaster: !!p.isMaster, tags: p.tags ?? [],
    pList: [], sList: [], peers: new Map(), rMem: 0, failN1: true, instSpindles: 0, offMem: 0,
    hiCpu: 0, hiSpindles: 0, loDsk: Math.floor(DEF_RESERVED_DISK_RATIO * p.tDsk), load: 0, dskLoad: 0,
    pTags: new Map(), ipolicy: p.ipolicy,
  };
  setPolicy(n, p.ipolicy);
  return n;
}

export function setPolicy(n: Node, pol: IPolicy): void {
  n.ipolicy = pol;
  n.hiCpu = Math.floor(pol.vcpuRatio * n.tCpu);
  n.hiSpindles = pol.spindleRatio * n.tSpindles;
}

export function createInstance(p: {
  name: string; mem: number; dsk: number; vcpus: number; status: InstanceStatus; autoBalance: boolean;
  pNode: number; sNode: number; template: DiskTemplate; tags?: string[]; spindleUse?: number; spindles?: number | null;
  forthcoming?: boolean; diskSizes?: number[] | undefined;
}): Instance {
  return newInstance(p.name, p.mem, p.dsk, p.vcpus, p.status, p.autoBalance, p.pNode, p.sNode, p.template, p.tags ?? [],
    p.spindleUse ?? 1, p.spindles ?? null, !!p.forthcoming, p.diskSizes);
}

/** No exclusion tags: one shared (frozen) list, as most instances have none; lists of tags are
 * replaced, never changed. */
const NO_EXCL_TAGS: string[] = Object.freeze([]) as unknown as string[];

/** createInstance with its fields in order, without a parameters object: the iallocator loader
 * builds tens of thousands of instances, mostly before V8 has optimized the loop. diskSizes is
 * kept only when it says more than [dsk] (its only reader, instMatchesPolicy, reads [dsk] then). */
export function newInstance(name: string, mem: number, dsk: number, vcpus: number, status: InstanceStatus, autoBalance: boolean,
  pNode: number, sNode: number, template: DiskTemplate, tags: string[], spindleUse: number, spindles: number | null,
  forthcoming: boolean, diskSizes: number[] | undefined): Instance {
  const i: Instance = {
    idx: -1, name, mem, dsk, vcpus, status, autoBalance, pNode, sNode, template, tags, spindleUse, spindles, forthcoming,
    movable: MOVABLE.has(template), exclTags: NO_EXCL_TAGS,
  };
  if (diskSizes && !(diskSizes.length === 1 && diskSizes[0] === dsk)) i.diskSizes = diskSizes;
  return i;
}

export const isOffline = (i: Instance) => i.status === 'ADMIN_offline';
export const isRunning = (i: Instance) => i.status === 'running' || i.status === 'ERROR_up';
/** Memory kept reserved on the secondary for a failover (Instance.usesSecMem). */
export const usesSecMem = (i: Instance) => !isOffline(i) && i.autoBalance;
export const hasSecondary = (i: Instance) => i.template === 'drbd';
export const allNodes = (i: Instance) => (hasSecondary(i) ? [i.pNode, i.sNode] : [i.pNode]);

// ---- derived per-node quantities -------------------------------------------------------
/** The free memory ratio the *_forth components use: offline instances' memory counts as used. */
export const pMemForth = (n: Pick<Node, 'fMem' | 'tMem' | 'offMem'>) => (n.fMem - n.offMem) / n.tMem;
/** Free memory ratio; memory the instances use beyond what the node reports (a negative xMem)
 * is not free (Ganeti 3.0's unallocated memory, hinfo's u_mem). */
export const pMem = (n: Pick<Node, 'fMem' | 'tMem' | 'xMem'>) => (n.fMem + Math.min(0, n.xMem ?? 0)) / n.tMem;
export const pDsk = (n: Node) => (n.exclStorage
  ? (n.tSpindles === 0 ? 1 : n.fSpindles / n.tSpindles)
  : (n.tDsk === 0 ? 1 : n.fDsk / n.tDsk));
export const pCpu = (n: Node) => n.uCpu / n.tCpu;
export const pRem = (n: Node) => n.rMem / n.tMem;
export const availMem = (n: Node) => Math.max(0, n.fMem - n.rMem);
export const availDisk = (n: Node) => (n.fDsk < n.loDsk ? 0 : n.fDsk - n.loDsk);
export const availCpu = (n: Node) => (n.hiCpu >= n.uCpu ? n.hiCpu - n.uCpu : 0);
export const conflictingPrimaries = (n: Node) => {
  if (!n.pTags.size) return 0;
  let s = 0; for (const v of n.pTags.values()) s += v - 1; return s;
};

// What the primaries of a node object need elsewhere if it fails: memory (running ones) and
// local disk (nodes are replaced, never changed, so the sums are kept with the object; the
// loader, which sums them anyway, seeds them: setPrimaryNeed).
const needCache = new WeakMap<Node, [number, number]>();
export function primaryNeed(n: Node, il: Instance[]): [number, number] {
  let need = needCache.get(n);
  if (need === undefined) {
    need = [0, 0];
    const pl = n.pList;
    for (let j = 0; j < pl.length; j++) addPrimaryNeed(need, il[pl[j]!]!);
    needCache.set(n, need);
  }
  return need;
}
/** primaryNeed's values for n, as the loader summed them over n's primaries. */
export function setPrimaryNeed(n: Node, mem: number, dsk: number): void { needCache.set(n, [mem, dsk]); }
/** One primary's share of primaryNeed: its memory while it runs, its disk if local. */
export function addPrimaryNeed(need: [number, number], i: Instance): void {
  if (!isOffline(i)) need[0] += i.mem;
  if (usesLocalStorage(i.template)) need[1] += i.dsk;
}

/** A copy that can be changed without touching the original (lists are copied on write). */
export function cloneNode(n: Node): Node {
  return { ...n, pList: n.pList.slice(), sList: n.sList.slice(), peers: new Map(n.peers), pTags: new Map(n.pTags) };
}

function addTags(m: Map<string, number>, tags: string[]): void { for (let j = 0; j < tags.length; j++) { const t = tags[j]!; m.set(t, (m.get(t) ?? 0) + 1); } }
function delTags(m: Map<string, number>, tags: string[]): void {
  for (const t of tags) { const v = m.get(t) ?? 0; if (v > 1) m.set(t, v - 1); else m.delete(t); }
}
function maxPeer(peers: Map<number, number>): number { let m = 0; for (const v of peers.values()) if (v > m) m = v; return m; }

/** Loader-time assignment: no checks, free memory and disk as reported. */
export function setPri(n: Node, i: Instance): void {
  n.pList.push(i.idx);
  if (!isOffline(i)) n.uCpu += i.vcpus; else n.offMem += i.mem;
  n.load += 1; n.dskLoad += 1;
  if (usesLocalStorage(i.template) && !n.exclStorage) n.instSpindles += i.spindleUse;
  if (i.exclTags.length) addTags(n.pTags, i.exclTags);
}
export function setSec(n: Node, i: Instance): void {
  n.sList.push(i.idx);
  n.dskLoad += 1;
  if (usesLocalStorage(i.template) && !n.exclStorage) n.instSpindles += i.spindleUse;
}
/** Adds to n what setPri and setSec put on `part`, a node made with createNode({nCpu: 0, ...})
 * that holds only instances (the master keeps such parts from one allocation to the next:
 * kept-instances.ts); n gets that node's lists as copies. Every field setPri or setSec changes. */
export function addInstancePart(n: Node, part: Node): void {
  n.pList = part.pList.slice(); n.sList = part.sList.slice();
  n.uCpu += part.uCpu; n.offMem += part.offMem; n.load += part.load; n.dskLoad += part.dskLoad;
  n.instSpindles += part.instSpindles;
  n.pTags = new Map(part.pTags);
}
/** Node.buildPeers: the N+1 memory reservation from the secondaries. */
export function buildPeers(n: Node, il: Instance[]): void {
  const sl = n.sList;
  if (!sl.length) {   // most nodes of a cluster without DRBD: no map to build or scan
    if (n.peers.size) n.peers = new Map();
    n.rMem = 0; n.failN1 = n.fMem < 0;
    return;
  }
  n.peers = new Map();
  for (let j = 0; j < sl.length; j++) {
    const i = il[sl[j]!]!;
    const mem = usesSecMem(i) && !i.forthcoming ? i.mem : 0;
    n.peers.set(i.pNode, (n.peers.get(i.pNode) ?? 0) + mem);
  }
  n.rMem = maxPeer(n.peers);
  n.failN1 = n.fMem < n.rMem;
}

export type OpResult<T> = { ok: true; value: T } | { ok: false; fail: FailMode };
const bad = (fail: FailMode): { ok: false; fail: FailMode } => ({ ok: false, fail });

/** The scalars of a node after addPri (the rest follows from the instance). */
export interface PriAdded { fMem: number; fDsk: number; fSpindles: number; instSpindles: number; failN1: boolean; uCpu: number }

/** Node.addPriEx's checks: fills `out` with the node's new scalars, or says why it cannot be. */
export function addPriEval(t: Node, i: Instance, force: boolean, out: PriAdded): FailMode | null {
  const strict = !force;
  const usesDisk = usesLocalStorage(i.template);
  const online = !isOffline(i);
  const newMem = online ? t.fMem - i.mem : t.fMem;
  const newDsk = usesDisk ? t.fDsk - i.dsk : t.fDsk;
  const newFreeSp = t.exclStorage ? (usesDisk ? t.fSpindles - (i.spindles ?? Infinity) : t.fSpindles) : t.fSpindles;
  const newInstSp = !t.exclStorage && usesDisk ? t.instSpindles + i.spindleUse : t.instSpindles;
  const newFailN1 = newMem <= t.rMem;
  const newUCpu = online ? t.uCpu + i.vcpus : t.uCpu;
  const lCpu = t.ipolicy.vcpuRatio;
  if (newMem <= 0) return 'FailMem';
  if (usesDisk && newDsk <= 0) return 'FailDisk';
  if (strict && usesDisk && newDsk < t.loDsk) return 'FailDisk';
  if (usesDisk && t.exclStorage && newFreeSp < 0) return 'FailSpindles';
  if (strict && usesDisk && newInstSp > t.hiSpindles) return 'FailDisk';
  if (strict && newFailN1 && !t.failN1) return 'FailMem';
  if (strict && lCpu >= 0 && lCpu < newUCpu / t.tCpu) return 'FailCPU';
  if (strict && i.exclTags.length && i.exclTags.some((x) => t.pTags.has(x))) return 'FailTags';
  out.fMem = newMem; out.fDsk = newDsk; out.fSpindles = newFreeSp; out.instSpindles = newInstSp; out.failN1 = newFailN1; out.uCpu = newUCpu;
  return null;
}

/** conflictingPrimaries of t once the tags of i are added (without copying t's tag map). */
export function conflictsAfterAdd(t: Node, i: Instance, base: number): number {
  if (!i.exclTags.length) return base;
  let c = base;
  const added = new Map<string, number>();
  for (const x of i.exclTags) {
    const a = added.get(x) ?? 0;
    if ((t.pTags.get(x) ?? 0) + a >= 1) c += 1;
    added.set(x, a + 1);
  }
  return c;
}

/** Node.addPriEx: the node with instance i added as primary, or why it cannot be. */
export function addPri(t: Node, i: Instance, force = false): OpResult<Node> {
  const d = {} as PriAdded;
  const fail = addPriEval(t, i, force, d);
  if (fail) return bad(fail);
  const n = cloneNode(t);
  n.pList.push(i.idx); n.fMem = d.fMem; n.fDsk = d.fDsk; n.failN1 = d.failN1; n.uCpu = d.uCpu;
  n.load += 1; n.dskLoad += 1; n.instSpindles = d.instSpindles; n.fSpindles = d.fSpindles;
  if (isOffline(i)) n.offMem = t.offMem + i.mem;
  addTags(n.pTags, i.exclTags);
  return { ok: true, value: n };
}

/** Node.removePri. */
export function removePri(t: Node, i: Instance): Node {
  const n = cloneNode(t);
  const k = n.pList.indexOf(i.idx);
  if (k >= 0) n.pList.splice(k, 1);
  const usesDisk = usesLocalStorage(i.template);
  if (!isOffline(i)) { n.fMem = t.fMem + i.mem; n.uCpu = t.uCpu - i.vcpus; } else n.offMem = t.offMem - i.mem;
  if (usesDisk) n.fDsk = t.fDsk + i.dsk;
  if (usesDisk && t.exclStorage && i.spindles !== null) n.fSpindles = t.fSpindles + i.spindles;
  if (usesDisk && !t.exclStorage) n.instSpindles = t.instSpindles - i.spindleUse;
  n.failN1 = n.fMem <= n.rMem;
  n.load -= 1; n.dskLoad -= 1;
  delTags(n.pTags, i.exclTags);
  return n;
}

/** Node.addSecEx. */
export function addSec(t: Node, i: Instance, pdx: number, force = false): OpResult<Node> {
  const strict = !force;
  const secMem = usesSecMem(i) ? i.mem : 0;
  const newPeem = (t.peers.get(pdx) ?? 0) + secMem;
  const newDsk = t.fDsk - i.dsk;
  const newInstSp = !t.exclStorage && usesLocalStorage(i.template) ? t.instSpindles + i.spindleUse : t.instSpindles;
  const newFreeSp = t.exclStorage ? t.fSpindles - (i.spindles ?? Infinity) : t.fSpindles;
  const newRMem = Math.max(t.rMem, newPeem);
  const newFailN1 = t.fMem <= newRMem;
  if (!hasSecondary(i)) return bad('FailDisk');
  if (newDsk <= 0) return bad('FailDisk');
  if (strict && newDsk < t.loDsk) return bad('FailDisk');
  if (t.exclStorage && newFreeSp < 0) return bad('FailSpindles');
  if (strict && newInstSp > t.hiSpindles) return bad('FailDisk');
  if (strict && secMem >= t.fMem) return bad('FailMem');
  if (strict && newFailN1 && !t.failN1) return bad('FailMem');
  const n = cloneNode(t);
  n.sList.push(i.idx); n.fDsk = newDsk; n.peers.set(pdx, newPeem); n.failN1 = newFailN1; n.rMem = newRMem;
  n.dskLoad += 1; n.instSpindles = newInstSp; n.fSpindles = newFreeSp;
  return { ok: true, value: n };
}

/** Node.removeSec. */
export function removeSec(t: Node, i: Instance): Node {
  const n = cloneNode(t);
  const k = n.sList.indexOf(i.idx);
  if (k >= 0) n.sList.splice(k, 1);
  if (usesLocalStorage(i.template)) n.fDsk = t.fDsk + i.dsk;
  if (!t.exclStorage && usesLocalStorage(i.template)) n.instSpindles = t.instSpindles - i.spindleUse;
  if (t.exclStorage && i.spindles !== null) n.fSpindles = t.fSpindles + i.spindles;
  const old = t.peers.get(i.pNode) ?? 0;
  const nw = usesSecMem(i) ? old - i.mem : old;
  if (nw > 0) n.peers.set(i.pNode, nw); else n.peers.delete(i.pNode);
  n.rMem = old < t.rMem ? t.rMem : maxPeer(n.peers);
  n.failN1 = t.fMem <= n.rMem;
  n.dskLoad -= 1;
  return n;
}

/** Instance.instMatchesPolicy: the instance fits one of the min/max pairs and a template. */
export function instMatchesPolicy(i: Instance, pol: IPolicy): OpResult<null> {
  let last: FailMode = 'FailInternal';
  for (const { min, max } of pol.minmax) {
    const disks = i.template === 'diskless' ? [] : (i.diskSizes ?? [i.dsk]);
    const f = i.mem < min.mem || i.mem > max.mem ? 'FailMem'
      : disks.some((d) => d < min.disk || d > max.disk) ? 'FailDisk'
        : i.vcpus < min.cpu || i.vcpus > max.cpu ? 'FailCPU'
          : i.spindleUse < min.spindleUse || i.spindleUse > max.spindleUse ? 'FailSpindles' : null;
    if (!f) { last = 'FailInternal'; return pol.diskTemplates.includes(i.template) ? { ok: true, value: null } : bad('FailDisk'); }
    last = f;
  }
  return pol.minmax.length ? bad(last) : (pol.diskTemplates.includes(i.template) ? { ok: true, value: null } : bad('FailDisk'));
}
