// hspace: how many more instances fit on the cluster — tiered (from the policy's maximum spec,
// shrinking along the failure reason) and of the standard spec — with Ganeti's HTS_* keys
// (--machine-readable) or its human-readable report.
import { tieredAlloc, iterateAlloc } from '../../daemons/common/htools/allocate.js';
import { totalResources, type CStats } from '../../daemons/common/htools/cstats.js';
import { cloneNode, createInstance, DISK_TEMPLATES, type DiskTemplate, type FailMode, type Instance, type ISpec } from '../../daemons/common/htools/model.js';
import type { ClusterData } from '../../daemons/common/htools/cluster.js';
import { DATA_OPTIONS, has, last, numberOpt, parseOptions, usage, UsageError, type OptSpec } from './options.js';
import { loadData, saveData } from './load.js';
import type { ToolIo } from './run.js';

const SPECS: OptSpec[] = [
  ...DATA_OPTIONS,
  { long: 'machine-readable', arg: 'optional', help: 'enable machine readable output (pass either "yes" or "no")' },
  { long: 'disk-template', arg: 'required', help: 'select the desired disk template' },
  { long: 'standard-alloc', arg: 'required', help: 'standard allocation spec: DISK,RAM,CPU[,SPINDLES]' },
  { long: 'tiered-alloc', arg: 'required', help: 'tiered allocation spec: DISK,RAM,CPU[,SPINDLES]' },
  { long: 'max-length', short: 'l', arg: 'required', help: 'cap the number of instances allocated' },
  { long: 'print-nodes', short: 'p', arg: 'optional', help: 'print the final node list' },
  { long: 'no-capacity-checks', help: 'disregard global N+1 redundancy when allocating' },
];

const f8 = (x: number) => (Number.isFinite(x) ? x.toFixed(8) : 'NaN');
/** Haskell's show for a Double. */
function showD(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return x.toFixed(1);
  if (Math.abs(x) >= 0.1 && Math.abs(x) < 1e7) return String(x);
  const [m, e] = x.toExponential().split('e');
  return `${m!.includes('.') ? m : `${m}.0`}e${Number(e)}`;
}

function statKeys(p: string, c: CStats): [string, string][] {
  return [
    [`${p}_SCORE`, f8(c.score)], [`${p}_INST_CNT`, String(c.ninst)],
    [`${p}_MEM_FREE`, String(c.fmem)], [`${p}_MEM_AVAIL`, String(c.amem)], [`${p}_MEM_RESVD`, String(c.fmem - c.amem)],
    [`${p}_MEM_INST`, String(c.imem)], [`${p}_MEM_OVERHEAD`, String(c.xmem + c.nmem)], [`${p}_MEM_EFF`, f8(c.imem / c.tmem)],
    [`${p}_DSK_FREE`, String(c.fdsk)], [`${p}_DSK_AVAIL`, String(c.adsk)], [`${p}_DSK_RESVD`, String(c.fdsk - c.adsk)],
    [`${p}_DSK_INST`, String(c.idsk)], [`${p}_DSK_EFF`, f8(c.idsk / c.tdsk)],
    [`${p}_SPN_FREE`, String(c.fspn)], [`${p}_SPN_INST`, String(c.ispn)], [`${p}_SPN_EFF`, f8(c.ispn / c.tspn)],
    [`${p}_CPU_INST`, String(c.icpu)], [`${p}_CPU_EFF`, f8(c.icpu / c.vcpu)],
    [`${p}_MNODE_MEM_AVAIL`, String(c.mmem)], [`${p}_MNODE_DSK_AVAIL`, String(c.mdsk)],
  ];
}

function parseSpec(opt: string, v: string, base: ISpec): ISpec {
  const f = v.split(',');
  if (f.length < 3 || f.length > 4) throw new UsageError(`Invalid value '${v}' for --${opt}: expected DISK,RAM,CPU[,SPINDLES]`);
  const [d, m, c, s] = f.map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`Invalid number '${x}' in --${opt}=${v}`);
    return n;
  });
  return { ...base, disk: d!, mem: m!, cpu: c!, spindleUse: s ?? base.spindleUse };
}

export async function hspace(argv: string[], io: ToolIo): Promise<number> {
  const p = parseOptions('hspace', SPECS, argv);
  if (has(p, 'help')) { io.out(usage('hspace', SPECS)); return 0; }
  if (p.args.length) throw new UsageError("This program doesn't take any arguments.");
  const mrOpt = last(p, 'machine-readable');
  if (mrOpt !== undefined && !['', 'yes', 'no'].includes(mrOpt)) throw new UsageError(`Invalid value '${mrOpt}' for --machine-readable (allowed: yes, no)`);
  const mr = mrOpt !== undefined && mrOpt !== 'no';
  const dtOpt = last(p, 'disk-template');
  if (dtOpt !== undefined && !(DISK_TEMPLATES as readonly string[]).includes(dtOpt)) {
    throw new UsageError(`Invalid disk template '${dtOpt}' (allowed: ${DISK_TEMPLATES.join(', ')})`);
  }
  const limit = has(p, 'max-length') ? numberOpt(p, 'max-length', 0, { int: true, min: 0 }) : undefined;
  const { cd, master } = await loadData(p, io.masterSocket, { allowSimulate: true });
  master?.close();
  const pol = cd.ipolicy;
  const dt = (dtOpt ?? pol.diskTemplates[0] ?? 'drbd') as DiskTemplate;
  const rqn = dt === 'drbd' ? 2 : 1;
  const candidates = cd.nodes.filter((n) => !n.offline && cd.groups[n.group]?.allocPolicy !== 'unallocable').map((n) => n.idx);
  const capacity = !has(p, 'no-capacity-checks');
  const out: [string, string][] = [];
  const ini = totalResources(cd.nodes);
  out.push(['CLUSTER_MEM', String(ini.tmem)], ['CLUSTER_DSK', String(ini.tdsk)], ['CLUSTER_CPU', String(ini.tcpu)],
    ['CLUSTER_VCPU', String(ini.vcpu)], ['CLUSTER_SPN', String(ini.tspn)], ['CLUSTER_NODES', String(cd.nodes.length)]);
  out.push(...statKeys('INI', ini));
  const mkInst = (s: ISpec): Instance => createInstance({ name: 'new', mem: s.mem, dsk: s.disk, vcpus: s.cpu, status: 'running',
    autoBalance: true, pNode: -1, sNode: -1, template: dt, spindleUse: s.spindleUse });
  const fresh = () => ({ nodes: cd.nodes.map(cloneNode), il: cd.instances.slice() });
  const human: string[] = [];
  human.push(`The cluster has ${cd.nodes.length} nodes and the following resources:\n  MEM ${ini.tmem}, DSK ${ini.tdsk}, CPU ${ini.tcpu}, VCPU ${ini.vcpu}.\n`);
  human.push(cd.instances.length ? `There are ${cd.instances.length} initial instances on the cluster.\n` : 'There are no initial instances on the cluster.\n');
  // tiered allocation
  const maxSpec = pol.minmax[0]?.max ?? pol.std;
  const tspec = has(p, 'tiered-alloc') ? parseSpec('tiered-alloc', last(p, 'tiered-alloc')!, maxSpec) : maxSpec;
  {
    const w = fresh();
    const t = tieredAlloc(w.nodes, w.il, mkInst(tspec), candidates, { capacity });
    const fin = totalResources(w.nodes);
    out.push(['TSPEC_INI_MEM', String(tspec.mem)], ['TSPEC_INI_DSK', String(tspec.disk)], ['TSPEC_INI_CPU', String(tspec.cpu)],
      ['TSPEC_INI_SPN', String(tspec.spindleUse)], ['TSPEC_INI_RQN', String(rqn)], ['TSPEC_INI_DISK_TEMPLATE', dt]);
    out.push(...statKeys('TRL', fin));
    const counts = new Map<string, number>();
    for (const i of t.allocated) { const k = `${i.mem},${i.dsk},${i.vcpus},${i.spindleUse}`; counts.set(k, (counts.get(k) ?? 0) + 1); }
    const tiers = [...counts].sort((a, b) => {
      const x = a[0].split(',').map(Number); const y = b[0].split(',').map(Number);
      for (let k = 0; k < 4; k++) if (x[k] !== y[k]) return y[k]! - x[k]!;
      return 0;
    });
    out.push(['TSPEC', `'${tiers.map(([k, v]) => `${k}=${v}`).join(' ')}'`]);
    const mcpu = pol.vcpuRatio;
    const km = (s: string, cpu: number, mem: number, dsk: number, spn: number): [string, string][] => [
      [`KM_${s}_CPU`, String(cpu)], [`KM_${s}_NPU`, showD(cpu / mcpu)], [`KM_${s}_MEM`, String(mem)], [`KM_${s}_DSK`, String(dsk)], [`KM_${s}_SPN`, String(spn)]];
    out.push(...km('USED', ini.icpu, ini.imem, ini.idsk, ini.ispn), ...km('POOL', fin.icpu - ini.icpu, fin.imem - ini.imem, fin.idsk - ini.idsk, fin.ispn - ini.ispn),
      ...km('UNAV', fin.vcpu - fin.icpu, Math.trunc(fin.tmem) - fin.imem, Math.trunc(fin.tdsk) - fin.idsk, fin.tspn - fin.ispn));
    human.push(`Tiered (initial size) instance spec is:\n  MEM ${tspec.mem}, DSK ${tspec.disk}, CPU ${tspec.cpu}, using disk template '${dt}'.\n`
      + `Tiered allocation results:\n${tiers.map(([k, v]) => { const [m, d, c] = k.split(','); return `  - ${String(v).padStart(3)} instances of spec MEM ${m}, DSK ${d}, CPU ${c}\n`; }).join('')}`
      + `  - most likely failure reason: ${mainReason(t.failures)[0]}\n` + effLines(ini, fin));
  }
  // standard allocation
  const sspec = has(p, 'standard-alloc') ? parseSpec('standard-alloc', last(p, 'standard-alloc')!, pol.std) : pol.std;
  const w = fresh();
  const r = iterateAlloc(w.nodes, w.il, mkInst(sspec), candidates, { capacity, limit });
  const fin = totalResources(w.nodes);
  out.push(['SPEC_MEM', String(sspec.mem)], ['SPEC_DSK', String(sspec.disk)], ['SPEC_CPU', String(sspec.cpu)],
    ['SPEC_SPN', String(sspec.spindleUse)], ['SPEC_RQN', String(rqn)], ['SPEC_DISK_TEMPLATE', dt]);
  out.push(...statKeys('FIN', fin));
  const sreason = mainReason(r.failures);
  const nini = cd.instances.length;
  out.push(['ALLOC_USAGE', f8(nini / (nini + r.allocated.length))], ['ALLOC_INSTANCES', String(r.allocated.length)],
    ['ALLOC_FAIL_REASON', sreason[0].toUpperCase()]);
  for (const [m, c] of sortedReasons(r.failures)) out.push([`ALLOC_${m.toUpperCase()}_CNT`, String(c)]);
  out.push(['OK', '1']);
  human.push(`Standard (fixed-size) instance spec is:\n  MEM ${sspec.mem}, DSK ${sspec.disk}, CPU ${sspec.cpu}, using disk template '${dt}'.\n`
    + `Normal (fixed-size) allocation results:\n  - ${String(r.allocated.length).padStart(3)} instances allocated\n`
    + `  - most likely failure reason: ${sreason[0]}\n` + effLines(ini, fin));
  saveData(p, { ...cd, nodes: w.nodes, instances: w.il } as ClusterData, 'fin');
  io.out(mr ? out.map(([k, v]) => `HTS_${k}=${v}\n`).join('') : human.join(''));
  return 0;
}

const sortedReasons = (f: [FailMode, number][]) => [...f].sort((a, b) => b[1] - a[1]);
const mainReason = (f: [FailMode, number][]) => sortedReasons(f)[0] ?? ['FailInternal', 0];

function effLines(ini: CStats, fin: CStats): string {
  const pct = (x: number) => `${(x * 100).toFixed(2).padStart(5)}%`;
  return `  - initial cluster score: ${f8(ini.score)}\n  -   final cluster score: ${f8(fin.score)}\n`
    + `  - memory usage efficiency: ${pct(fin.imem / fin.tmem)}\n  -   disk usage efficiency: ${pct(fin.idsk / fin.tdsk)}\n`
    + `  -   vcpu usage efficiency: ${pct(fin.icpu / fin.vcpu)}\n`;
}
