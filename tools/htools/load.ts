// Where an htool gets its cluster from: a text data file (-t), the live master (-L), or a
// simulated empty cluster (--simulate); then -O marks nodes offline. -S saves a state.
import { readFileSync, writeFileSync } from 'node:fs';
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

type Row = unknown[];
const cells = (rows: { value: unknown }[][]): Row[] => rows.map((r) => r.map((c) => c.value));
const n0 = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

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

/** The live cluster through the master's query API (Ganeti's Luxi backend, Backend/Luxi.hs). */
export async function loadLive(master: MasterApi): Promise<ClusterData> {
  const [gq, nq, iq, info] = await Promise.all([
    master.query('group', ['name', 'uuid', 'alloc_policy', 'tags', 'ipolicy']),
    master.query('node', ['name', 'mtotal', 'mnode', 'mfree', 'dtotal', 'dfree', 'ctotal', 'cnos', 'offline', 'drained', 'vm_capable', 'group.uuid', 'tags', 'master']),
    master.query('instance', ['name', 'beparams', 'disk_usage', 'status', 'pnode', 'snodes', 'tags', 'disk_template']),
    master.clusterInfo(),
  ]);
  const groups: Group[] = cells(gq.rows).map(([name, uuid, ap, tags, ipol], idx) => ({
    idx, name: String(name), uuid: String(uuid), allocPolicy: (String(ap) as AllocPolicy), tags: (tags as string[]) ?? [], networks: [], ipolicy: ipolicyFrom(ipol),
  }));
  const gIdx = new Map(groups.map((g) => [g.uuid, g.idx]));
  const nodes = cells(nq.rows).map(([name, mt, mn, mf, dt, df, ct, cn, off, drained, vmc, gu, tags, isMaster]) => createNode({
    name: String(name), tMem: n0(mt), nMem: n0(mn), fMem: n0(mf), tDsk: n0(dt), fDsk: n0(df), tCpu: n0(ct) || 1, nCpu: n0(cn),
    offline: !!off || !!drained || vmc === false, isMaster: !!isMaster, group: gIdx.get(String(gu)) ?? 0, tags: (tags as string[]) ?? [],
    ipolicy: defaultIPolicy(),
  }));
  const nIdx = new Map(nodes.map((n, i) => [n.name, i]));
  const instances = cells(iq.rows).map(([name, be, du, st, pn, sn, tags, dt]) => {
    const b = (be ?? {}) as Record<string, unknown>;
    const snodes = (sn as string[]) ?? [];
    return createInstance({
      name: String(name), mem: n0(b.maxmem), dsk: n0(du), vcpus: n0(b.vcpus) || 1,
      status: ((INSTANCE_STATUSES as readonly string[]).includes(String(st)) ? st : 'ERROR_down') as InstanceStatus,
      autoBalance: b.auto_balance !== false, pNode: nIdx.get(String(pn)) ?? 0,
      sNode: snodes.length ? (nIdx.get(snodes[0]!) ?? NO_SECONDARY) : NO_SECONDARY,
      template: ((DISK_TEMPLATES as readonly string[]).includes(String(dt)) ? dt : 'diskless') as DiskTemplate,
      tags: (tags as string[]) ?? [], spindleUse: n0(b.spindle_use) || 1,
    });
  });
  const cl = info as Record<string, unknown>;
  return finishCluster({ groups, nodes, instances, tags: (cl.tags as string[]) ?? [], ipolicy: ipolicyFrom(cl.ipolicy) });
}

export interface Loaded { cd: ClusterData; master: MasterApi | null }

/** Loads the data the options name; exactly one source. */
export async function loadData(p: Parsed, masterSocket: () => string, opts: { allowSimulate?: boolean } = {}): Promise<Loaded> {
  const sources = ['text-data', 'luxi', ...(opts.allowSimulate ? ['simulate'] : [])].filter((k) => has(p, k));
  if (sources.length > 1) throw new UsageError(`Only one data source can be given (got ${sources.map((s) => `--${s}`).join(', ')})`);
  let loaded: Loaded;
  if (has(p, 'text-data')) {
    const f = last(p, 'text-data')!;
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch (err) { throw new HtoolsInputError(`Cannot read the data file ${f}: ${(err as Error).message}`); }
    loaded = { cd: parseText(text), master: null };
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
