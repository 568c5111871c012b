// The htools text data format (Ganeti's Backend/Text.hs): sections separated by blank lines —
// groups, nodes, instances, cluster tags, instance policies — with `|`-separated fields. Older
// shorter lines are accepted with Ganeti's defaults; writing gives the current full lines.
import { finishCluster, HtoolsInputError, type ClusterData } from './cluster.js';
import {
  createInstance, createNode, defaultIPolicy, DISK_TEMPLATES, INSTANCE_STATUSES, isOffline, NO_SECONDARY,
  type AllocPolicy, type DiskTemplate, type Group, type Instance, type InstanceStatus, type IPolicy, type ISpec, type Node,
} from './model.js';

const ALLOC_POLICIES: AllocPolicy[] = ['preferred', 'last_resort', 'unallocable'];
const commaSplit = (s: string) => (s === '' ? [] : s.split(','));

function num(owner: string, what: string, s: string): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new HtoolsInputError(`${owner}: cannot parse ${what} '${s}' as a number`);
  return v;
}
function int(owner: string, what: string, s: string): number {
  const v = num(owner, what, s);
  if (!Number.isInteger(v)) throw new HtoolsInputError(`${owner}: ${what} '${s}' is not an integer`);
  return v;
}
function diskTemplate(owner: string, s: string): DiskTemplate {
  if (!(DISK_TEMPLATES as readonly string[]).includes(s)) {
    throw new HtoolsInputError(`${owner}: unknown disk template '${s}' (allowed: ${DISK_TEMPLATES.join(', ')})`);
  }
  return s as DiskTemplate;
}
function yesNo(owner: string, what: string, s: string): boolean {
  if (s === 'Y') return true;
  if (s === 'N') return false;
  throw new HtoolsInputError(`Invalid ${what} value '${s}' for ${owner} (allowed: Y, N)`);
}

function loadISpec(owner: string, s: string): ISpec {
  const f = commaSplit(s);
  if (f.length < 6) throw new HtoolsInputError(`Invalid ispec data for ${owner}: '${s}'`);
  const [m, c, d, dc, nc, su] = f.map((x, i) => int(owner, ['memsize', 'cpucount', 'disksize', 'diskcount', 'niccount', 'spindleuse'][i] ?? 'field', x));
  return { mem: m!, cpu: c!, disk: d!, diskCount: dc!, nicCount: nc!, spindleUse: su! };
}
const showISpec = (s: ISpec) => [s.mem, s.cpu, s.disk, s.diskCount, s.nicCount, s.spindleUse].join(',');

function loadIPolicy(line: string): [string, IPolicy] {
  const f = line.split('|');
  if (f.length < 6) throw new HtoolsInputError(`Invalid ipolicy data: '${line}'`);
  const owner = f[0]!;
  const specs = f[2]!.split(';');
  if (specs.length % 2 !== 0) throw new HtoolsInputError(`Odd number of min/max specs for ${owner}`);
  const minmax: IPolicy['minmax'] = [];
  for (let i = 0; i < specs.length; i += 2) minmax.push({ min: loadISpec(`${owner}/minspec`, specs[i]!), max: loadISpec(`${owner}/maxspec`, specs[i + 1]!) });
  return [owner, {
    std: loadISpec(`${owner}/stdspec`, f[1]!), minmax,
    diskTemplates: commaSplit(f[3]!).map((t) => diskTemplate(owner, t)),
    vcpuRatio: num(owner, 'vcpu_ratio', f[4]!), spindleRatio: num(owner, 'spindle_ratio', f[5]!),
  }];
}

/** Ganeti's `show` of a Double: always with a decimal point. */
const showDouble = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));
const serializeIPolicy = (owner: string, p: IPolicy) => [owner, showISpec(p.std),
  p.minmax.flatMap((m) => [showISpec(m.min), showISpec(m.max)]).join(';'), p.diskTemplates.join(','),
  showDouble(p.vcpuRatio), showDouble(p.spindleRatio)].join('|');

export function parseText(text: string, opts: { exclusionTags?: string[] } = {}): ClusterData {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const sections: string[][] = [[]];
  for (const l of lines) {
    if (l === '') sections.push([]);
    else sections[sections.length - 1]!.push(l);
  }
  if (sections.length < 4) {
    throw new HtoolsInputError(`Invalid format of the input file: ${sections.length} sections instead of 4 or more`);
  }
  const [glines, nlines, ilines, ctags, pollines = []] = sections as [string[], string[], string[], string[], string[]?];
  const groups: Group[] = glines.map((l, idx) => {
    const f = l.split('|');
    if (f.length < 4) throw new HtoolsInputError(`Invalid/incomplete group data: '${l}'`);
    const ap = f[2] as AllocPolicy;
    if (!ALLOC_POLICIES.includes(ap)) throw new HtoolsInputError(`Group ${f[0]}: unknown allocation policy '${f[2]}' (allowed: ${ALLOC_POLICIES.join(', ')})`);
    return { idx, name: f[0]!, uuid: f[1]!, allocPolicy: ap, tags: commaSplit(f[3]!), networks: commaSplit(f[4] ?? ''), ipolicy: defaultIPolicy() };
  });
  const gByUuid = new Map(groups.map((g) => [g.uuid, g.idx]));
  const nodes: Node[] = nlines.map((l) => {
    const f = l.split('|');
    if (f.length < 9) throw new HtoolsInputError(`Invalid/incomplete node data: '${l}'`);
    const [name, tm, nm, fm, td, fd, tc, fo, gu] = f as [string, string, string, string, string, string, string, string, string];
    const group = gByUuid.get(gu);
    if (group === undefined) throw new HtoolsInputError(`Node ${name}: unknown group uuid '${gu}'`);
    if ([tm, nm, fm, td, fd, tc].includes('?')) {
      return createNode({ name, tMem: 0, nMem: 0, fMem: 0, tDsk: 0, fDsk: 0, tCpu: 0, nCpu: 0, offline: true, spindles: 0, freeSpindles: 0, group, ipolicy: defaultIPolicy() });
    }
    return createNode({
      name, tMem: num(name, 'total memory', tm), nMem: int(name, 'node memory', nm), fMem: int(name, 'free memory', fm),
      tDsk: num(name, 'total disk', td), fDsk: int(name, 'free disk', fd), tCpu: num(name, 'total cpus', tc),
      offline: fo === 'Y', isMaster: fo === 'M', group, spindles: int(name, 'spindles', f[9] ?? '1'),
      tags: commaSplit(f[10] ?? ''), exclStorage: yesNo(`node '${name}'`, 'exclusive_storage', f[11] ?? 'N'),
      freeSpindles: int(name, 'free spindles', f[12] ?? '0'), nCpu: int(name, 'node cpus', f[13] ?? '1'),
      cpuSpeed: num(name, 'cpu speed', f[14] ?? '1.0'), ipolicy: defaultIPolicy(),
    });
  });
  const nByName = new Map(nodes.map((n, i) => [n.name, i]));
  const instances: Instance[] = ilines.map((l) => {
    const f = l.split('|');
    if (f.length < 10) throw new HtoolsInputError(`Invalid/incomplete instance data: '${l}'`);
    const [name, mem, dsk, vcpus, status, ab, pn, sn, dt, tags] = f as [string, string, string, string, string, string, string, string, string, string];
    const pNode = nByName.get(pn);
    if (pNode === undefined) throw new HtoolsInputError(`Instance ${name}: unknown primary node '${pn}'`);
    const sNode = sn === '' ? NO_SECONDARY : nByName.get(sn);
    if (sNode === undefined) throw new HtoolsInputError(`Instance ${name}: unknown secondary node '${sn}'`);
    if (!(INSTANCE_STATUSES as readonly string[]).includes(status)) {
      throw new HtoolsInputError(`Instance ${name}: unknown status '${status}' (allowed: ${INSTANCE_STATUSES.join(', ')})`);
    }
    const template = diskTemplate(`Instance ${name}`, dt);
    if (template === 'drbd' && sNode === pNode) throw new HtoolsInputError(`Instance ${name} has same primary and secondary node - ${pn}`);
    const sp = f[11] ?? '-';
    return createInstance({
      name, mem: int(name, 'memory', mem), dsk: int(name, 'disk', dsk), vcpus: int(name, 'vcpus', vcpus),
      status: status as InstanceStatus, autoBalance: yesNo(`instance ${name}`, 'auto_balance', ab), pNode, sNode, template,
      tags: commaSplit(tags), spindleUse: int(name, 'spindle use', f[10] ?? '1'), spindles: sp === '-' ? null : int(name, 'spindles', sp),
      forthcoming: yesNo(`instance ${name}`, 'forthcoming', f[12] ?? 'N'),
    });
  });
  let ipolicy = defaultIPolicy();
  for (const l of pollines) {
    const [owner, pol] = loadIPolicy(l);
    if (owner === '') { ipolicy = pol; continue; }
    const g = groups.find((x) => x.name === owner);
    if (!g) throw new HtoolsInputError(`Policy for unknown group '${owner}'`);
    g.ipolicy = pol;
  }
  return finishCluster({ groups, nodes, instances, tags: ctags, ipolicy }, opts);
}

/** Ganeti's serializeCluster. */
export function serializeText(cd: ClusterData): string {
  const g = cd.groups.map((x) => `${x.name}|${x.uuid}|${x.allocPolicy}|${x.tags.join(',')}|${x.networks.join(',')}\n`).join('');
  const n = cd.nodes.map((x) => [x.name, x.tMem.toFixed(0), x.nMem, x.fMem, x.tDsk.toFixed(0), x.fDsk, x.tCpu.toFixed(0),
    x.offline ? 'Y' : x.isMaster ? 'M' : 'N', cd.groups[x.group]!.uuid, x.tSpindles, x.tags.join(','),
    x.exclStorage ? 'Y' : 'N', x.fSpindles, x.nCpu, showDouble(x.cpuSpeed)].join('|') + '\n').join('');
  const i = cd.instances.map((x) => [x.name, x.mem, x.dsk, x.vcpus, x.status, x.autoBalance ? 'Y' : 'N',
    cd.nodes[x.pNode]!.name, x.sNode === NO_SECONDARY ? '' : cd.nodes[x.sNode]!.name, x.template, x.tags.join(','),
    x.spindleUse, x.spindles === null ? '-' : x.spindles, x.forthcoming ? 'Y' : 'N'].join('|') + '\n').join('');
  const t = cd.tags.map((x) => `${x}\n`).join('');
  const p = [serializeIPolicy('', cd.ipolicy), ...cd.groups.map((x) => serializeIPolicy(x.name, x.ipolicy))].map((x) => `${x}\n`).join('');
  return [g, n, i, t, p].join('\n');
}

export { isOffline };
