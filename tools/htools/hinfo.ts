// hinfo: Ganeti's cluster information printer — the loaded cluster's size, per-group N+1 state
// and score (-v -v), split instances, the node and instance tables (-p, --print-instances,
// on stderr as Ganeti prints them) and the score's components.
import { groupData, type ClusterData } from '../../daemons/common/htools/cluster.js';
import { compCV } from '../../daemons/common/htools/score.js';
import { hasSecondary, NO_SECONDARY, type IPolicy, type ISpec, type Node, type Instance } from '../../daemons/common/htools/model.js';
import { DATA_OPTIONS, has, parseOptions, usage, UsageError, verbosity, type OptSpec } from './options.js';
import { loadData } from './load.js';
import { formatTable, printInstances, printNodes, printStats } from './print-nodes.js';
import type { ToolIo } from './run.js';

const SPECS: OptSpec[] = [
  { long: 'print-nodes', short: 'p', arg: 'optional', help: 'print the final node list' },
  { long: 'print-instances', help: 'print the final instance map' },
  ...DATA_OPTIONS.filter((o) => !['simulate', 'save'].includes(o.long)),
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Cluster.computeBadItems: online nodes failing N+1, and the instances on them. */
export function badItems(nodes: Node[], insts: Instance[]): { nodes: Node[]; insts: Instance[] } {
  const bad = nodes.filter((n) => !n.offline && n.failN1);
  const ids = [...new Set(bad.flatMap((n) => [...n.sList, ...n.pList]))].sort((a, b) => a - b);
  return { nodes: bad, insts: ids.map((i) => insts[i]!) };
}

/** Cluster.splitCluster: the groups that have nodes, in index order, each re-indexed. */
export function splitCluster(cd: ClusterData): { gidx: number; cd: ClusterData }[] {
  return [...new Set(cd.nodes.map((n) => n.group))].sort((a, b) => a - b).map((g) => ({ gidx: g, cd: groupData(cd, g) }));
}

const TEMPLATE_SHOW: Record<string, string> = { diskless: 'DTDiskless', file: 'DTFile', sharedfile: 'DTSharedFile', plain: 'DTPlain',
  blockdev: 'DTBlock', drbd: 'DTDrbd8', rbd: 'DTRbd', ext: 'DTExt', gluster: 'DTGluster' };
const showDouble = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const showSpec = (s: ISpec) => `ISpec {iSpecMemorySize = ${s.mem}, iSpecCpuCount = ${s.cpu}, iSpecDiskSize = ${s.disk}, `
  + `iSpecDiskCount = ${s.diskCount}, iSpecNicCount = ${s.nicCount}, iSpecSpindleUse = ${s.spindleUse}}`;
/** Haskell's show of an IPolicy (hinfo -v -v prints it). */
export const showIPolicy = (p: IPolicy) => `IPolicy {iPolicyMinMaxISpecs = [${p.minmax.map((m) => `MinMaxISpecs {minMaxISpecsMinSpec = ${showSpec(m.min)}, `
  + `minMaxISpecsMaxSpec = ${showSpec(m.max)}}`).join(',')}], iPolicyStdSpec = ${showSpec(p.std)}, iPolicyDiskTemplates = [`
  + `${p.diskTemplates.map((t) => TEMPLATE_SHOW[t]).join(',')}], iPolicyVcpuRatio = ${showDouble(p.vcpuRatio)}, iPolicySpindleRatio = ${showDouble(p.spindleRatio)}}`;

export async function hinfo(argv: string[], io: ToolIo): Promise<number> {
  const p = parseOptions('hinfo', SPECS, argv);
  if (has(p, 'help')) { io.out(usage('hinfo', SPECS)); return 0; }
  if (p.args.length) throw new UsageError("This program doesn't take any arguments.");
  const verbose = verbosity(p);
  const { cd, master } = await loadData(p, io.masterSocket);
  master?.close();
  io.out(`Loaded cluster tags: ${cd.tags.join(',')}\n`);
  if (verbose > 2) io.out(`Loaded cluster ipolicy: ${showIPolicy(cd.ipolicy)}\n`);
  if (!cd.instances.length && verbose > 1) io.out('Cluster is empty.\n');
  io.out(`Loaded ${plural(cd.nodes.length, 'node', 'nodes')}, ${plural(cd.instances.length, 'instance', 'instances')}, `
    + `${plural(cd.groups.length, 'node group', 'node groups')}\n`);
  const split = cd.instances.filter((i) => hasSecondary(i) && i.sNode !== NO_SECONDARY && cd.nodes[i.sNode]!.group !== cd.nodes[i.pNode]!.group);
  if (split.length) {
    io.out('Found instances belonging to multiple node groups:\n');
    for (const i of split) io.err(`  ${i.name}\n`);
  } else if (verbose > 1) io.out('No split instances found\n');
  const groups = splitCluster(cd).map(({ gidx, cd: g }) => {
    const bad = badItems(g.nodes, g.instances);
    return { name: cd.groups[gidx]!.name, nodes: g.nodes.length, insts: g.instances.length, badN: bad.nodes.length, badI: bad.insts.length, score: compCV(g.nodes) };
  });
  if (verbose > 1) {
    const rows = groups.map((g) => [g.name, String(g.nodes), String(g.insts), String(g.badN), String(g.badI), g.badN === 0 ? 'True' : 'False', g.score.toFixed(8)]);
    io.out(`Node group information:\n${formatTable('  ', ['Group', 'Nodes', 'Instances', 'Bad_Nodes', 'Bad_Instances', 'N+1', 'Score'], rows,
      [false, true, true, true, true, false, true])}`);
  }
  io.out(`Cluster is N+1 ${groups.every((g) => g.badN === 0) ? 'happy' : 'unhappy'}\n`);
  if (has(p, 'print-instances')) io.err(`\nInstances instance map:\n${printInstances(cd.nodes, cd.instances)}`);
  const pn = p.opts.get('print-nodes');
  if (pn) io.err(`\nCluster status:\n${printNodes(cd.nodes, pn.at(-1)!)}\n`);
  io.out(`Cluster coefficients:\n${printStats('  ', cd.nodes)}`);
  io.out(`Cluster score: ${compCV(cd.nodes).toFixed(8)}\n`);
  return 0;
}
