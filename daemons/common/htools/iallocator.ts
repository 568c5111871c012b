// Ganeti's iallocator protocol (lib/masterd/iallocator.py, Backend/IAlloc.hs): the input
// document (cluster, nodegroups, nodes, instances, request) and the answer
// ({success, info, result}) for the request types allocate, multi-allocate, relocate,
// node-evacuate and change-group. hail is this module run as a program; the master runs it
// in-process for `-I hail` with the same answer.
import { exclusionPrefixes, finishCluster, type ClusterData } from './cluster.js';
import type { KeptInstances } from './kept-instances.js';
import {
  addPri, addSec, createNode, defaultIPolicy, DISK_TEMPLATES, mirrorType, NO_SECONDARY,
  newInstance, type AllocPolicy, type DiskTemplate, type Group, type Instance, type IPolicy, type Node,
} from './model.js';
import { collapseFailures, tryAlloc } from './allocate.js';
import { applyMove } from './balance.js';
import { computeStats, copyStats, scoreOf, updateStats } from './score.js';

export class IAllocatorError extends Error { override name = 'IAllocatorError'; }

type Obj = Record<string, unknown>;
const obj = (v: unknown, what: string): Obj => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new IAllocatorError(`invalid data: ${what} is not an object`);
  return v as Obj;
};
function field<T>(o: Obj, k: string, what: string, check: (v: unknown) => boolean, kind: string): T {
  const v = o[k];
  if (!check(v)) throw new IAllocatorError(`invalid data for ${what}: '${k}' must be ${kind}, got ${JSON.stringify(v)}`);
  return v as T;
}
// Number.isFinite without the call (x - x is 0 exactly for finite x): run ~100,000 times by hail.
const isNum = (v: unknown) => typeof v === 'number' && v - v === 0;
const num = (o: Obj, k: string, w: string) => field<number>(o, k, w, isNum, 'a number');
const str = (o: Obj, k: string, w: string) => field<string>(o, k, w, (v) => typeof v === 'string', 'a string');
const strs = (o: Obj, k: string, w: string, def?: string[]) => (o[k] === undefined && def ? def
  : field<string[]>(o, k, w, (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'a list of strings'));

function ipolicyOf(v: unknown): IPolicy {
  const d = defaultIPolicy();
  if (!v || typeof v !== 'object') return d;
  const p = v as Obj;
  const spec = (s: unknown, def: IPolicy['std']) => {
    const o = (s ?? {}) as Record<string, number>;
    return { mem: o['memory-size'] ?? def.mem, cpu: o['cpu-count'] ?? def.cpu, disk: o['disk-size'] ?? def.disk,
      diskCount: o['disk-count'] ?? def.diskCount, nicCount: o['nic-count'] ?? def.nicCount, spindleUse: o['spindle-use'] ?? def.spindleUse };
  };
  return {
    minmax: Array.isArray(p.minmax) ? (p.minmax as Obj[]).map((x) => ({ min: spec(x.min, d.minmax[0]!.min), max: spec(x.max, d.minmax[0]!.max) })) : d.minmax,
    std: spec(p.std, d.std),
    diskTemplates: Array.isArray(p['disk-templates']) ? (p['disk-templates'] as string[]).filter((t): t is DiskTemplate => (DISK_TEMPLATES as readonly string[]).includes(t)) : d.diskTemplates,
    vcpuRatio: isNum(p['vcpu-ratio']) ? p['vcpu-ratio'] as number : d.vcpuRatio,
    spindleRatio: isNum(p['spindle-ratio']) ? p['spindle-ratio'] as number : d.spindleRatio,
  };
}

function template(o: Obj, w: string): DiskTemplate {
  const t = str(o, 'disk_template', w);
  if (!(DISK_TEMPLATES as readonly string[]).includes(t)) throw new IAllocatorError(`invalid data for ${w}: unknown disk template '${t}'`);
  return t as DiskTemplate;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrList = (v: unknown): v is string[] => {
  if (!Array.isArray(v)) return false;
  for (let k = 0; k < v.length; k++) if (typeof v[k] !== 'string') return false;
  return true;
};

/** An instance of the document (or of a request). Checked field by field without closures:
 * a request names up to tens of thousands of instances, and this runs for each. */
function baseInstance(name: string, o: Obj): Instance {
  const mem = o.memory; const dsk = o.disk_space_total; const vcpus = o.vcpus; const dt = o.disk_template;
  const adm = o.admin_state; const tags = o.tags; const disks = o.disks;
  if (!isNum(mem) || !isNum(dsk) || !isNum(vcpus) || (adm !== undefined && !isStr(adm)) || (tags !== undefined && !isStrList(tags))
    || !isStr(dt) || !(DISK_TEMPLATES as readonly string[]).includes(dt)) {
    const w = `instance '${name}'`;   // the first failed check, named (only built on this path)
    num(o, 'memory', w); num(o, 'disk_space_total', w); num(o, 'vcpus', w);
    if (adm !== undefined) str(o, 'admin_state', w);
    strs(o, 'tags', w, []);
    template(o, w);
  }
  let diskSizes: number[] | undefined;
  // One disk of the total's size (most instances) says no more than the total: no list built.
  if (Array.isArray(disks) && !(disks.length === 1 && (disks[0] as Obj | null)?.size === dsk)) {
    diskSizes = new Array<number>(disks.length);
    for (let k = 0; k < disks.length; k++) { const sz = (disks[k] as Obj | null)?.size; diskSizes[k] = isNum(sz) ? sz as number : 0; }
  }
  const su = o.spindle_use;
  return newInstance(name, mem as number, dsk as number, vcpus as number,
    adm === 'offline' ? 'ADMIN_offline' : adm === 'down' ? 'ADMIN_down' : 'running', true, NO_SECONDARY, NO_SECONDARY,
    dt as DiskTemplate, (tags as string[] | undefined) ?? [], isNum(su) ? su as number : 1, null, o.forthcoming === true, diskSizes);
}

export type IRequest =
  | { type: 'allocate'; inst: Instance; requiredNodes: number; group: string | null; restrictTo: string[] | null }
  | { type: 'multi-allocate'; insts: { inst: Instance; requiredNodes: number; group: string | null }[] }
  | { type: 'relocate'; inst: number; requiredNodes: number; relocateFrom: number[] }
  | { type: 'node-evacuate'; insts: number[]; mode: 'primary-only' | 'secondary-only' | 'all' }
  | { type: 'change-group'; insts: number[]; targetGroups: number[] };

export function parseInput(text: string): { cd: ClusterData; req: IRequest } {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (err) {
    throw new IAllocatorError(`Parsing input IAllocator message: ${(err as Error).message}`);
  }
  return parseDocument(parsed);
}

/** An instance of the input document as baseInstance parsed it, with the names of its
 * nodes: the master's in-process allocations keep these from one request to the next
 * (iallocator/input.ts) instead of building and parsing a record per instance each time. */
export interface ParsedInstance { readonly name: string; readonly inst: Instance; readonly nodes: readonly string[] }

/** baseInstance for the master's in-process allocations (see ParsedInstance). */
export function parseInstance(name: string, record: Record<string, unknown>): ParsedInstance {
  return { name, inst: baseInstance(name, record), nodes: strs(record, 'nodes', `instance '${name}'`) };
}

/** parseInput on an already parsed document (plain JSON values: what JSON.parse would give).
 * parsedInstances, when given, stand for the document's instances (allocate and
 * multi-allocate requests only: they change no existing instance, so the same objects can
 * serve the next request); with `kept`, the model of them is kept from one call to the next
 * (kept-instances.ts) instead of made anew. */
export function parseDocument(parsed: unknown, parsedInstances?: readonly ParsedInstance[], kept?: KeptInstances): { cd: ClusterData; req: IRequest } {
  const doc = obj(parsed, 'the iallocator message');
  const groups: Group[] = Object.entries(obj(doc.nodegroups, 'nodegroups')).map(([uuid, gv], idx) => {
    const g = obj(gv, `group '${uuid}'`);
    const ap = str(g, 'alloc_policy', `group '${uuid}'`) as AllocPolicy;
    return { idx, name: str(g, 'name', `group '${uuid}'`), uuid, allocPolicy: ap, tags: strs(g, 'tags', `group '${uuid}'`, []), networks: strs(g, 'networks', `group '${uuid}'`, []), ipolicy: ipolicyOf(g.ipolicy) };
  });
  const gIdx = new Map(groups.map((g) => [g.uuid, g.idx]));
  // Every node's policy is its group's (finishCluster): one placeholder for all until then.
  const placeholder = defaultIPolicy();
  const nodeDoc = obj(doc.nodes, 'nodes');
  const nodes: Node[] = [];
  for (const name in nodeDoc) {
    const n = obj(nodeDoc[name], `node '${name}'`);
    const offline = n.offline === true; const drained = n.drained === true; const vm = n.vm_capable !== false;
    const live = !offline && vm;
    const g = typeof n.group === 'string' ? gIdx.get(n.group) : undefined;
    if (g === undefined) {
      const w = `node '${name}'`;
      str(n, 'group', w);
      throw new IAllocatorError(`invalid data for ${w}: unknown group '${String(n.group)}'`);
    }
    const tMem = n.total_memory; const nMem = n.reserved_memory; const fMem = n.free_memory;
    const tDsk = n.total_disk; const fDsk = n.free_disk; const tCpu = n.total_cpus;
    if (live && !(isNum(tMem) && isNum(nMem) && isNum(fMem) && isNum(tDsk) && isNum(fDsk) && isNum(tCpu))) {
      const w = `node '${name}'`;   // the first failed check, named (only built on this path)
      for (const k of ['total_memory', 'reserved_memory', 'free_memory', 'total_disk', 'free_disk', 'total_cpus']) num(n, k, w);
    }
    const tags = n.tags === undefined ? [] : isStrList(n.tags) ? n.tags : strs(n, 'tags', `node '${name}'`, []);
    const nd = (n.ndparams ?? {}) as Obj;
    nodes.push(createNode({
      name, tMem: live ? tMem as number : 0, nMem: live ? nMem as number : 0, fMem: live ? fMem as number : 0,
      tDsk: live ? tDsk as number : 0, fDsk: live ? fDsk as number : 0, tCpu: live ? tCpu as number : 0,
      nCpu: live && isNum(n.reserved_cpus) ? n.reserved_cpus as number : 0, offline: !live || drained,
      spindles: isNum(nd.spindle_count) ? nd.spindle_count as number : 1, freeSpindles: live && isNum(n.free_spindles) ? n.free_spindles as number : 0,
      group: g, tags, exclStorage: nd.exclusive_storage === true, ipolicy: placeholder,
    }));
  }
  const nIdx = new Map(nodes.map((n, i) => [n.name, i]));
  const onNodes = (inst: Instance, ns: readonly string[], name: string): Instance => {
    if (!ns.length) throw new IAllocatorError(`empty node list for instance ${name}`);
    const p = nIdx.get(ns[0]!);
    if (p === undefined) throw new IAllocatorError(`Unknown node '${ns[0]}' for instance ${name}`);
    inst.pNode = p;
    inst.sNode = ns[1] !== undefined ? (nIdx.get(ns[1]) ?? NO_SECONDARY) : NO_SECONDARY;
    return inst;
  };
  const rqType = (doc.request as Obj | undefined)?.type;
  if (parsedInstances && rqType !== 'allocate' && rqType !== 'multi-allocate') {
    // Only these requests leave the existing instances as they are; the others move them.
    throw new IAllocatorError(`pre-parsed instances are only for allocate and multi-allocate requests, not ${String(rqType)}`);
  }
  let instances: Instance[] = [];
  if (parsedInstances) {
    if (!kept) instances = parsedInstances.map((x) => onNodes(x.inst, x.nodes, x.name));
  } else {
    // One loop without intermediate arrays: this is most of hail's parse of a large request.
    const instDoc = obj(doc.instances, 'instances');
    instances = [];
    for (const name in instDoc) {
      const iv = instDoc[name];
      const o = iv && typeof iv === 'object' && !Array.isArray(iv) ? iv as Obj : obj(iv, `instance '${name}'`);
      instances.push(onNodes(baseInstance(name, o), isStrList(o.nodes) ? o.nodes : strs(o, 'nodes', `instance '${name}'`), name));
    }
  }
  const tags = strs(doc, 'cluster_tags', 'the cluster', []);
  const cd = parsedInstances && kept ? kept.finish(groups, nodes, parsedInstances, tags, ipolicyOf(doc.ipolicy), onNodes)
    : finishCluster({ groups, nodes, instances, tags, ipolicy: ipolicyOf(doc.ipolicy) });
  const rq = obj(doc.request, 'request');
  const type = str(rq, 'type', 'the request');
  // Built when a request names instances (not for allocations: 10,000 entries per add).
  let iByName: Map<string, number> | null = null;
  const inst = (n: string) => { const i = (iByName ??= new Map(cd.instances.map((x) => [x.name, x.idx]))).get(n); if (i === undefined) throw new IAllocatorError(`Unknown instance '${n}'`); return i; };
  const prefixes = exclusionPrefixes(tags);
  const withTags = (i: Instance) => { i.exclTags = i.tags.filter((t) => prefixes.some((p) => t.startsWith(p))); return i; };
  switch (type) {
    case 'allocate': {
      const name = str(rq, 'name', 'the request');
      return { cd, req: { type, inst: withTags(baseInstance(name, rq)), requiredNodes: num(rq, 'required_nodes', 'the request'),
        group: typeof rq.group_name === 'string' ? rq.group_name : null,
        restrictTo: Array.isArray(rq['restrict-to-nodes']) ? rq['restrict-to-nodes'] as string[] : null } };
    }
    case 'multi-allocate':
      return { cd, req: { type, insts: field<Obj[]>(rq, 'instances', 'the request', Array.isArray, 'a list').map((r) => ({
        inst: withTags(baseInstance(str(r, 'name', 'a request'), r)), requiredNodes: num(r, 'required_nodes', 'a request'),
        group: typeof rq.group_name === 'string' ? rq.group_name : null })) } };
    case 'relocate':
      return { cd, req: { type, inst: inst(str(rq, 'name', 'the request')), requiredNodes: num(rq, 'required_nodes', 'the request'),
        relocateFrom: strs(rq, 'relocate_from', 'the request').map((n) => { const i = nIdx.get(n); if (i === undefined) throw new IAllocatorError(`Unknown node '${n}'`); return i; }) } };
    case 'node-evacuate': {
      const mode = str(rq, 'evac_mode', 'the request');
      if (!['primary-only', 'secondary-only', 'all'].includes(mode)) throw new IAllocatorError(`Invalid evacuation mode '${mode}' (allowed: primary-only, secondary-only, all)`);
      return { cd, req: { type, insts: strs(rq, 'instances', 'the request').map(inst), mode: mode as 'all' } };
    }
    case 'change-group':
      return { cd, req: { type, insts: strs(rq, 'instances', 'the request').map(inst),
        targetGroups: strs(rq, 'target_groups', 'the request', []).map((g) => {
          const x = cd.groups.find((y) => y.uuid === g || y.name === g);
          if (!x) throw new IAllocatorError(`Unknown node group '${g}'`);
          return x.idx;
        }) } };
    default:
      throw new IAllocatorError(`Invalid request type '${type}' (allowed: allocate, multi-allocate, relocate, node-evacuate, change-group)`);
  }
}

export interface IAnswer { success: boolean; info: string; result: unknown }

const POLICY_ORDER: Record<AllocPolicy, number> = { preferred: 0, last_resort: 1, unallocable: 2 };

interface Placed { nodes: Node[]; score: number; group: Group; failures: string; successes?: number; nfail?: number; log?: string }

/** The best placement of a new instance over the allowed groups (Cluster.findBestAllocGroup). */
function place(cd: ClusterData, inst: Instance, required: number, groupName: string | null, restrict: string[] | null): Placed | string {
  const msgs: string[] = [];
  let best: Placed | null = null;
  inst.idx = cd.instances.length;
  for (const g of cd.groups) {
    if (groupName !== null && g.name !== groupName && g.uuid !== groupName) continue;
    if (g.allocPolicy === 'unallocable' && groupName === null) continue;
    const cand = cd.nodes.filter((n) => n.group === g.idx && !n.offline && (!restrict || restrict.includes(n.name))).map((n) => n.idx);
    let sol: Placed | null = null; let fails: string;
    if (required === 1) {
      const r = tryAlloc(cd.nodes, cd.instances, inst, cand, { capacity: inst.template !== 'drbd' });
      fails = collapseFailures(r.failures).filter(([, c]) => c > 0).map(([m, c]) => `${m}: ${c}`).join(', ');
      if (r.best) sol = { nodes: [r.best.newNode], score: r.best.score, group: g, failures: fails, successes: cand.length - r.failures.length, nfail: r.failures.length };
    } else {
      const stats = computeStats(cd.nodes); const f: string[] = [];
      for (const p of cand) for (const s of cand) {
        if (p === s) continue;
        const pr = addPri(cd.nodes[p]!, inst); if (!pr.ok) { f.push(pr.fail); continue; }
        const sr = addSec(cd.nodes[s]!, inst, p); if (!sr.ok) { f.push(sr.fail); continue; }
        const st = copyStats(stats); updateStats(st, cd.nodes[p]!, pr.value); updateStats(st, cd.nodes[s]!, sr.value);
        const sc = scoreOf(st);
        if (!sol || sc < sol.score) sol = { nodes: [pr.value, sr.value], score: sc, group: g, failures: '' };
      }
      fails = collapseFailures(f as never[]).filter(([, c]) => c > 0).map(([m, c]) => `${m}: ${c}`).join(', ');
      if (sol) sol.failures = fails;
    }
    msgs.push(`Group ${g.name} (${g.allocPolicy}): ${sol ? `score: ${sol.score.toFixed(8)}, successes ${sol.successes ?? 1}, failures ${sol.nfail ?? 0} (${fails}) for node(s) ${sol.nodes.map((n) => n.name).join('/')}` : `No valid allocation solutions, failure reasons: ${fails || 'unknown reasons'}`}`);
    if (sol) sol.log = msgs[msgs.length - 1];
    if (sol && (!best || POLICY_ORDER[g.allocPolicy] < POLICY_ORDER[best.group.allocPolicy]
      || (POLICY_ORDER[g.allocPolicy] === POLICY_ORDER[best.group.allocPolicy] && sol.score < best.score))) best = sol;
  }
  return best ?? (msgs.join(', ') || `no groups for allocation${groupName ? ` (group ${groupName})` : ''}`);
}

function commit(cd: ClusterData, inst: Instance, nodes: Node[]): void {
  inst.idx = cd.instances.length;
  inst.pNode = nodes[0]!.idx; inst.sNode = nodes[1]?.idx ?? NO_SECONDARY;
  for (const n of nodes) cd.nodes[n.idx] = n;
  cd.instances.push(inst);
}

/** Moves an instance off the nodes `from` within its group (or to `groups`), as
 * Cluster.nodeEvacInstance does; returns the opcodes and its new nodes. */
function evacuate(cd: ClusterData, idx: number, mode: 'primary-only' | 'secondary-only' | 'all', avoid: Set<number>, groups: number[] | null):
  { nodes: number[]; ops: Obj[] } | string {
  const inst = cd.instances[idx]!;
  const mt = mirrorType(inst.template);
  if (mt === 'none') return `Instances of type ${inst.template} cannot be relocated`;
  const home = cd.nodes[inst.pNode]!.group;
  const targets = cd.nodes.filter((n) => !n.offline && !avoid.has(n.idx) && (groups ? groups.includes(n.group) : n.group === home)).map((n) => n.idx);
  const stats = computeStats(cd.nodes);
  let best: { sc: number; ap: NonNullable<ReturnType<typeof applyMove>>; t: number; kind: 'FailoverToAny' | 'ReplaceSecondary' } | null = null;
  const kind = mt === 'external' ? 'FailoverToAny' : 'ReplaceSecondary';
  if (mt === 'external' && mode === 'secondary-only') return `Instances of type ${inst.template} have no secondary node`;
  if (mt === 'internal' && mode !== 'secondary-only') return 'Moving the primary of a DRBD instance is done with failover; only secondary-only is supported for DRBD here';
  for (const t of targets) {
    if (t === inst.pNode || t === inst.sNode) continue;
    const ap = applyMove(cd.nodes, inst, { kind, node: t }, false);
    if (!ap) continue;
    const st = copyStats(stats);
    for (const [a, b] of ap.changes) updateStats(st, a, b);
    const sc = scoreOf(st);
    if (!best || sc <= best.sc) best = { sc, ap, t, kind };
  }
  if (!best) return `No valid node to move instance ${inst.name} to`;
  for (const [, n] of best.ap.changes) cd.nodes[n.idx] = n;
  inst.pNode = best.ap.pNode; inst.sNode = best.ap.sNode;
  const tn = cd.nodes[best.t]!.name;
  const ops: Obj[] = kind === 'FailoverToAny'
    ? [inst.status === 'running' ? { OP_ID: 'OP_INSTANCE_MIGRATE', instance_name: inst.name, target_node: tn, allow_runtime_changes: false, ignore_ipolicy: false, cleanup: false, allow_failover: true, ignore_hvversions: true }
      : { OP_ID: 'OP_INSTANCE_FAILOVER', instance_name: inst.name, target_node: tn, ignore_consistency: false, ignore_ipolicy: false, cleanup: false }]
    : [{ OP_ID: 'OP_INSTANCE_REPLACE_DISKS', instance_name: inst.name, mode: 'replace_new_secondary', remote_node: tn, disks: [], early_release: false, ignore_ipolicy: false }];
  return { nodes: inst.sNode === NO_SECONDARY ? [inst.pNode] : [inst.pNode, inst.sNode], ops };
}

export function runRequest(cd: ClusterData, req: IRequest): IAnswer {
  switch (req.type) {
    case 'allocate': {
      if (req.requiredNodes !== 1 && req.requiredNodes !== 2) return { success: false, info: `Unsupported number of nodes, only one or two supported (got ${req.requiredNodes})`, result: [] };
      const r = place(cd, req.inst, req.requiredNodes, req.group, req.restrictTo);
      if (typeof r === 'string') return { success: false, info: r, result: [] };
      return { success: true, info: `Selected group: ${r.group.name}, ${r.log ?? ''}`, result: r.nodes.map((n) => n.name) };
    }
    case 'multi-allocate': {
      const ok: [string, string[]][] = []; const failed: [string, string][] = [];
      for (const x of req.insts) {
        const r = place(cd, x.inst, x.requiredNodes, x.group, null);
        if (typeof r === 'string') { failed.push([x.inst.name, r]); continue; }
        commit(cd, x.inst, r.nodes);
        ok.push([x.inst.name, r.nodes.map((n) => n.name)]);
      }
      return { success: true, info: `${failed.length} instances failed to allocate and ${ok.length} were allocated successfully`, result: [ok, failed] };
    }
    case 'relocate': {
      const r = evacuate(cd, req.inst, mirrorType(cd.instances[req.inst]!.template) === 'internal' ? 'secondary-only' : 'primary-only', new Set(req.relocateFrom), null);
      if (typeof r === 'string') return { success: false, info: r, result: [] };
      const inst = cd.instances[req.inst]!;
      const moved = mirrorType(inst.template) === 'internal' ? inst.sNode : inst.pNode;
      return { success: true, info: 'success', result: [cd.nodes[moved]!.name] };
    }
    case 'node-evacuate':
    case 'change-group': {
      const avoid = new Set<number>();
      if (req.type === 'node-evacuate') {
        for (const i of req.insts) {
          const inst = cd.instances[i]!;
          if (req.mode !== 'secondary-only') avoid.add(inst.pNode);
          if (req.mode !== 'primary-only' && inst.sNode !== NO_SECONDARY) avoid.add(inst.sNode);
        }
      }
      const moved: [string, string, string[]][] = []; const failed: [string, string][] = []; const jobs: Obj[][] = [];
      const groups = req.type === 'change-group'
        ? (req.targetGroups.length ? req.targetGroups : cd.groups.map((g) => g.idx)).filter((g) => !req.insts.some((i) => cd.nodes[cd.instances[i]!.pNode]!.group === g))
        : null;
      for (const i of req.insts) {
        const inst = cd.instances[i]!;
        const r = evacuate(cd, i, req.type === 'node-evacuate' ? req.mode : 'primary-only', avoid, groups);
        if (typeof r === 'string') { failed.push([inst.name, r]); continue; }
        moved.push([inst.name, cd.groups[cd.nodes[r.nodes[0]!]!.group]!.name, r.nodes.map((n) => cd.nodes[n]!.name)]);
        jobs.push(r.ops);
      }
      return { success: true, info: `${failed.length} instances failed to move and ${moved.length} were moved successfully`, result: [moved, failed, jobs] };
    }
  }
}

/** The whole program: input text (or the document it holds, for the master's in-process
 * run, which then skips serialising and parsing it) to the answer (hail). */
export function hailAnswer(input: string | Record<string, unknown>, parsedInstances?: readonly ParsedInstance[], kept?: KeptInstances): IAnswer {
  try {
    const { cd, req } = typeof input === 'string' ? parseInput(input) : parseDocument(input, parsedInstances, kept);
    const ans = runRequest(cd, req);
    return ans.success ? { ...ans, info: `Request successful: ${ans.info}` } : ans;
  } catch (err) {
    if (err instanceof IAllocatorError) return { success: false, info: err.message, result: [] };
    throw err;
  }
}
