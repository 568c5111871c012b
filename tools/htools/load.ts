// Where an htool gets its cluster from: a text data file (-t), the live master (-L), the remote
// API (-m), an iallocator request (-I) or a simulated empty cluster (--simulate); then -O marks
// nodes offline. -S saves a state.
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { RAPI_PORT } from '../../daemons/common/constants.js';
import { parseInput } from '../../daemons/common/htools/iallocator.js';
import { finishCluster, HtoolsInputError, setOfflineNodes, type ClusterData } from '../../daemons/common/htools/cluster.js';
import { parseText, serializeText } from '../../daemons/common/htools/text-format.js';
import {
  createInstance, createNode, defaultIPolicy, DISK_TEMPLATES, INSTANCE_STATUSES, NO_SECONDARY,
  type AllocPolicy, type DiskTemplate, type Group, type InstanceStatus, type IPolicy,
} from '../../daemons/common/htools/model.js';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { has, last, listOpt, UsageError, type Parsed } from './options.js';

/** --simulate=POLICY,NODES,DISK,MEM,CPU (several allowed: one group each), CLI.hs/Simu.hs. */
export function simulate(specs: string[]): ClusterData {
  const groups: Group[] = [];
  const cd: ClusterData = { groups, nodes: [], instances: [], tags: [], ipolicy: defaultIPolicy() };
  specs.forEach((spec, gi) => {
    const f = spec.split(',');
    if (f.length < 5 || f.length > 6) throw new UsageError(`Invalid cluster specification '${spec}': expected POLICY,NODES,DISK,MEM,CPU[,SPINDLES]`);
    const pol = ({ p: 'preferred', a: 'last_resort', u: 'unallocable' } as Record<string, AllocPolicy>)[f[0]!] ?? f[0] as AllocPolicy;
    if (!['preferred', 'last_resort', 'unallocable'].includes(pol)) {
      throw new UsageError(`Invalid allocation policy '${f[0]}' in '${spec}' (allowed: p, a, u, preferred, last_resort, unallocable)`);
    }
    const [cnt, dsk, mem, cpu, spn] = f.slice(1).map((x) => {
      const v = Number(x);
      if (!Number.isInteger(v) || v < 0) throw new UsageError(`Invalid number '${x}' in cluster specification '${spec}'`);
      return v;
    });
    if (!cnt) throw new UsageError(`Invalid cluster specification '${spec}': at least one node is needed`);
    const uuid = `fake-uuid-${String(gi + 1).padStart(2, '0')}`;
    groups.push({ idx: gi, name: `group-${String(gi + 1).padStart(2, '0')}`, uuid, allocPolicy: pol, tags: [], networks: [], ipolicy: defaultIPolicy() });
    for (let k = 0; k < cnt; k++) {
      cd.nodes.push(createNode({
        name: `node-${String(gi + 1).padStart(2, '0')}-${String(k + 1).padStart(3, '0')}`, tMem: mem!, nMem: 0, fMem: mem!,
        tDsk: dsk!, fDsk: dsk!, tCpu: cpu!, nCpu: 1, offline: false, spindles: spn ?? 1, freeSpindles: 0, group: gi, ipolicy: defaultIPolicy(),
      }));
    }
  });
  return finishCluster(cd);
}

const n0 = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
type Rec = Record<string, unknown>;

function ipolicyFrom(v: unknown): IPolicy {
  const d = defaultIPolicy();
  if (!v || typeof v !== 'object') return d;
  const p = v as Record<string, unknown>;
  const spec = (s: unknown, def: IPolicy['std']) => {
    const o = (s ?? {}) as Record<string, number>;
    return { mem: o['memory-size'] ?? def.mem, cpu: o['cpu-count'] ?? def.cpu, disk: o['disk-size'] ?? def.disk,
      diskCount: o['disk-count'] ?? def.diskCount, nicCount: o['nic-count'] ?? def.nicCount, spindleUse: o['spindle-use'] ?? def.spindleUse };
  };
  const mm = Array.isArray(p.minmax) ? (p.minmax as { min: unknown; max: unknown }[]).map((x) => ({ min: spec(x.min, d.minmax[0]!.min), max: spec(x.max, d.minmax[0]!.max) })) : d.minmax;
  const dts = Array.isArray(p['disk-templates']) ? (p['disk-templates'] as string[]).filter((t): t is DiskTemplate => (DISK_TEMPLATES as readonly string[]).includes(t)) : d.diskTemplates;
  return { minmax: mm, std: spec(p.std, d.std), diskTemplates: dts, vcpuRatio: n0(p['vcpu-ratio']) || d.vcpuRatio, spindleRatio: n0(p['spindle-ratio']) || d.spindleRatio };
}

/** The fields the live sources ask for (Backend/Luxi.hs and Backend/Rapi.hs ask for the same ones). */
const GROUP_FIELDS = ['name', 'uuid', 'alloc_policy', 'tags', 'ipolicy'];
const NODE_FIELDS = ['name', 'mtotal', 'mnode', 'mfree', 'dtotal', 'dfree', 'ctotal', 'cnos', 'offline', 'drained', 'vm_capable', 'group.uuid', 'tags'];
const INSTANCE_FIELDS = ['name', 'beparams', 'disk_usage', 'status', 'pnode', 'snodes', 'tags', 'disk_template'];

/** A cluster from the live sources' records (drained and non-vm-capable nodes count as offline). */
export function fromRecords(gr: Rec[], nr: Rec[], ir: Rec[], info: Rec, master: string | null): ClusterData {
  const groups: Group[] = gr.map((g, idx) => ({
    idx, name: String(g.name), uuid: String(g.uuid), allocPolicy: String(g.alloc_policy) as AllocPolicy, tags: (g.tags as string[]) ?? [], networks: [], ipolicy: ipolicyFrom(g.ipolicy),
  }));
  const gIdx = new Map(groups.map((g) => [g.uuid, g.idx]));
  const nodes = nr.map((n) => createNode({
    name: String(n.name), tMem: n0(n.mtotal), nMem: n0(n.mnode), fMem: n0(n.mfree), tDsk: n0(n.dtotal), fDsk: n0(n.dfree), tCpu: n0(n.ctotal) || 1, nCpu: n0(n.cnos),
    offline: !!n.offline || !!n.drained || n.vm_capable === false, isMaster: String(n.name) === master, group: gIdx.get(String(n['group.uuid'])) ?? 0, tags: (n.tags as string[]) ?? [],
    ipolicy: defaultIPolicy(),
  }));
  const nIdx = new Map(nodes.map((n, i) => [n.name, i]));
  const instances = ir.map((r) => {
    const b = (r.beparams ?? {}) as Record<string, unknown>;
    const snodes = (r.snodes as string[]) ?? [];
    return createInstance({
      name: String(r.name), mem: n0(b.maxmem), dsk: n0(r.disk_usage), vcpus: n0(b.vcpus) || 1,
      status: ((INSTANCE_STATUSES as readonly string[]).includes(String(r.status)) ? r.status : 'ERROR_down') as InstanceStatus,
      autoBalance: b.auto_balance !== false, pNode: nIdx.get(String(r.pnode)) ?? 0,
      sNode: snodes.length ? (nIdx.get(snodes[0]!) ?? NO_SECONDARY) : NO_SECONDARY,
      template: ((DISK_TEMPLATES as readonly string[]).includes(String(r.disk_template)) ? r.disk_template : 'diskless') as DiskTemplate,
      tags: (r.tags as string[]) ?? [], spindleUse: n0(b.spindle_use) || 1,
    });
  });
  return finishCluster({ groups, nodes, instances, tags: (info.tags as string[]) ?? [], ipolicy: ipolicyFrom(info.ipolicy) });
}

/** The live cluster through the master's query API (Ganeti's Luxi backend, Backend/Luxi.hs). */
export async function loadLive(master: MasterApi): Promise<ClusterData> {
  const recs = async (what: string, fields: string[]) => (await master.query(what, fields)).rows
    .map((row) => Object.fromEntries(row.map((c, k) => [fields[k]!, c.value])));
  const [gr, nr, ir, info] = await Promise.all([
    recs('group', GROUP_FIELDS), recs('node', [...NODE_FIELDS, 'master']), recs('instance', INSTANCE_FIELDS), master.clusterInfo(),
  ]);
  return fromRecords(gr, nr, ir, info, (nr.find((r) => r.master === true)?.name as string | undefined) ?? null);
}

/** Ganeti's formatUri: an ADDRESS without a scheme is https://ADDRESS:5080. */
export const rapiUri = (master: string, path: string) => (master.includes('://') ? master : `https://${master}:${RAPI_PORT}`) + path;

/** GET of one RAPI resource as JSON (the certificate is not checked, as Ganeti's htools do not). */
function rapiGet(master: string, path: string): Promise<unknown> {
  const uri = rapiUri(master, path);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new HtoolsInputError(`failed to load data from the RAPI at ${uri}: ${why}`));
    const get = uri.startsWith('http://') ? httpGet : httpsGet;
    const req = get(uri, { rejectUnauthorized: false, headers: { Accept: 'application/json' }, timeout: 60_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => {
        if (res.statusCode !== 200) { fail(`HTTP ${res.statusCode}: ${body.trim().slice(0, 200)}`); return; }
        try { resolve(JSON.parse(body)); } catch (err) { fail(`invalid JSON: ${(err as Error).message}`); }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => fail(err.message));
  });
}

/** The live cluster through the remote API (-m ADDRESS, Ganeti's Rapi backend). */
export async function loadRapi(master: string): Promise<ClusterData> {
  const list = async (path: string) => {
    const v = await rapiGet(master, path);
    if (!Array.isArray(v)) throw new HtoolsInputError(`failed to load data from the RAPI: ${path} did not return a list`);
    return v as Rec[];
  };
  const [gr, nr, ir, info] = await Promise.all([list('/2/groups?bulk=1'), list('/2/nodes?bulk=1'), list('/2/instances?bulk=1'), rapiGet(master, '/2/info')]);
  const i = (info ?? {}) as Rec;
  return fromRecords(gr, nr, ir, i, typeof i.master === 'string' ? i.master : null);
}

export interface Loaded { cd: ClusterData; master: MasterApi | null }

/** Loads the data the options name; exactly one source. */
export async function loadData(p: Parsed, masterSocket: () => string, opts: { allowSimulate?: boolean } = {}): Promise<Loaded> {
  const sources = ['text-data', 'luxi', 'master', 'ialloc-src', 'simulate'].filter((k) => has(p, k));
  if (has(p, 'simulate') && !opts.allowSimulate) throw new UsageError('--simulate is not supported by this program');
  if (sources.length > 1) throw new UsageError(`Only one data source can be given (got ${sources.map((s) => `--${s}`).join(', ')})`);
  let loaded: Loaded;
  if (has(p, 'text-data')) {
    const f = last(p, 'text-data')!;
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch (err) { throw new HtoolsInputError(`Cannot read the data file ${f}: ${(err as Error).message}`); }
    loaded = { cd: parseText(text), master: null };
  } else if (has(p, 'master')) {
    loaded = { cd: await loadRapi(last(p, 'master')!), master: null };
  } else if (has(p, 'ialloc-src')) {
    const f = last(p, 'ialloc-src')!;
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch (err) { throw new HtoolsInputError(`Cannot read the iallocator request ${f}: ${(err as Error).message}`); }
    loaded = { cd: parseInput(text).cd, master: null };
  } else if (has(p, 'simulate')) {
    loaded = { cd: simulate(p.opts.get('simulate')!), master: null };
  } else {
    const sock = last(p, 'luxi') || masterSocket();
    const { connectMaster } = await import('../../daemons/common/client/master-client.js');
    const master = connectMaster(sock);
    loaded = { cd: await loadLive(master), master };
  }
  const off = listOpt(p, 'offline');
  if (off.length) setOfflineNodes(loaded.cd, off);
  return loaded;
}

export function saveData(p: Parsed, cd: ClusterData, suffix: string): string | null {
  const f = last(p, 'save');
  if (!f) return null;
  const name = `${f}.${suffix}`;
  writeFileSync(name, serializeText(cd));
  return name;
}
