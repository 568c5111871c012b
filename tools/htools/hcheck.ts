// hcheck: Ganeti's cluster checker — per node group and for the cluster: nodes failing N+1,
// nodes with conflicting primaries, instances on offline nodes, nodes that could not be
// evacuated (global N+1), the score; then, if anything is wrong, the same after a simulated
// rebalance (hbal's algorithm). Exits 1 when the cluster needs rebalancing.
import { balance, type Table } from '../../daemons/common/htools/balance.js';
import type { ClusterData } from '../../daemons/common/htools/cluster.js';
import { canEvacuateNode } from '../../daemons/common/htools/global-n1.js';
import { conflictingPrimaries } from '../../daemons/common/htools/model.js';
import { optimalCVScore } from '../../daemons/common/htools/optimal.js';
import { compCV } from '../../daemons/common/htools/score.js';
import { DATA_OPTIONS, has, last, listOpt, parseOptions, usage, UsageError, verbosity, type OptSpec } from './options.js';
import { loadData } from './load.js';
import { applyNodeLimits, balanceOptions } from './hbal.js';
import { badItems, splitCluster } from './hinfo.js';
import type { ToolIo } from './run.js';

const SPECS: OptSpec[] = [
  ...DATA_OPTIONS.filter((o) => !['simulate', 'save'].includes(o.long)),
  { long: 'no-disk-moves', help: 'allow only the cheap failover/migrate operations' },
  { long: 'evac-mode', short: 'E', help: 'only move instances away from offline and drained nodes' },
  { long: 'exclude-instances', arg: 'required', help: 'exclude given instances from any moves' },
  { long: 'exclusion-tags', arg: 'required', help: 'enable instance exclusion based on given tag prefix' },
  { long: 'no-instance-moves', help: 'allow only drbd secondary changes' },
  { long: 'machine-readable', arg: 'optional', help: "enable machine readable output (pass either 'yes' or 'no')" },
  { long: 'max-cpu', arg: 'required', help: 'maximum virtual-to-physical cpu ratio for nodes' },
  { long: 'max-length', short: 'l', arg: 'required', help: 'cap the solution at this many balancing rounds' },
  { long: 'min-disk', arg: 'required', help: 'minimum free disk space for nodes (between 0 and 1)' },
  { long: 'min-gain', short: 'g', arg: 'required', help: 'minimum gain to aim for in a balancing step before giving up' },
  { long: 'min-gain-limit', arg: 'required', help: 'minimum cluster score for which we start checking the min-gain' },
  { long: 'min-score', short: 'e', arg: 'required', help: 'minimum excess to the N+1 limit to aim for' },
  { long: 'ignore-soft-errors', help: 'ignore any soft restrictions in balancing' },
  { long: 'no-simulation', help: 'do not perform rebalancing simulation' },
  { long: 'select-instances', arg: 'required', help: 'only select given instances for any moves' },
  { long: 'no-capacity-checks', help: 'disable capacity checks (like global N+1 redundancy)' },
];

const COMMON: [string, string][] = [['N1_FAIL', 'Nodes not N+1 happy'], ['CONFLICT_TAGS', 'Nodes with conflicting instances'],
  ['OFFLINE_PRI', 'Instances having the primary node offline'], ['OFFLINE_SEC', 'Instances having a secondary node offline'],
  ['GN1_FAIL', 'Nodes not directly evacuateable']];
const GROUP_DATA: [string, string][] = [...COMMON, ['SCORE', 'Group score']];
const CLUSTER_DATA: [string, string][] = [...COMMON, ['NEED_REBALANCE', 'Cluster is not healthy']];

/** Hcheck.perGroupChecks (OFFLINE_SEC counts the offline nodes, as Ganeti 3.0 does). */
export function groupChecks(cd: ClusterData): { stats: number[]; score: number } {
  const off = cd.nodes.filter((n) => n.offline);
  return {
    stats: [
      badItems(cd.nodes, cd.instances).nodes.length,
      cd.nodes.filter((n) => conflictingPrimaries(n) > 0).length,
      off.reduce((s, n) => s + n.pList.length, 0),
      off.length,
      cd.nodes.filter((n) => !canEvacuateNode(cd.nodes, cd.instances, n)).length,
    ],
    score: compCV(cd.nodes),
  };
}

/** Ganeti's ensureQuoted for shell-style KEY=VALUE output. */
const quoted = (v: string) => (/^[A-Za-z0-9.]*$/.test(v) ? v : `'${v}'`);

function machineReadable(v: string | undefined): boolean {
  if (v === undefined) return false;
  if (v === '' || v === 'yes') return true;
  if (v === 'no') return false;
  throw new UsageError(`Invalid value '${v}' for --machine-readable (allowed: yes, no)`);
}

export async function hcheck(argv: string[], io: ToolIo): Promise<number> {
  const p = parseOptions('hcheck', SPECS, argv);
  if (has(p, 'help')) { io.out(usage('hcheck', SPECS)); return 0; }
  if (p.args.length) throw new UsageError("This program doesn't take any arguments.");
  const verbose = verbosity(p);
  const mr = machineReadable(last(p, 'machine-readable'));
  const noSim = has(p, 'no-simulation');
  const o = balanceOptions(p);
  const { cd, master } = await loadData(p, io.masterSocket);
  master?.close();
  const excl = listOpt(p, 'exclusion-tags');
  if (excl.length) for (const i of cd.instances) i.exclTags = i.tags.filter((t) => excl.some((x) => t.startsWith(x)));
  const names = new Set(cd.instances.map((i) => i.name));
  const exclude = listOpt(p, 'exclude-instances'); const select = listOpt(p, 'select-instances');
  for (const n of [...exclude, ...select]) if (!names.has(n)) throw new UsageError(`Unknown instance '${n}'`);
  const groups = splitCluster(cd);
  for (const g of groups) {
    applyNodeLimits(p, g.cd.nodes);
    for (const i of g.cd.instances) if (exclude.includes(i.name) || (select.length && !select.includes(i.name))) i.movable = false;
  }
  const keys = (pairs: [string, string][]) => { for (const [k, v] of pairs) io.out(`HCHECK_${k}=${quoted(v)}\n`); };
  if (mr) keys(cd.groups.map((g) => [`GROUP_UUID_${g.idx}`, g.uuid]));
  const print = (phase: 'INIT' | 'FINAL', level: string | null, data: [string, string][], values: string[]) => {
    if (mr) {
      keys(data.map(([k], n) => [`${phase}_${level === null ? 'CLUSTER' : `GROUP_${level}`}_${k}`, values[n]!]));
    } else if (verbose >= 1) {
      const when = phase === 'INIT' ? 'initially' : 'after rebalancing';
      io.out(`\n${level === null ? `Cluster statistics ${when}` : `Statistics for group ${level} ${when}`}\n`);
      data.forEach(([, d], n) => io.out(`    ${d}: ${values[n]}\n`));
    }
  };
  const report = (phase: 'INIT' | 'FINAL', sets: { gidx: number; cd: ClusterData }[], needFrom: number[] | null): number[] => {
    const per = sets.map((g) => ({ g, ...groupChecks(g.cd) }));
    for (const x of per) {
      print(phase, mr ? String(x.g.gidx) : cd.groups[x.g.gidx]!.name, GROUP_DATA, [...x.stats.map(String), x.score.toFixed(8)]);
    }
    const total = COMMON.map((_, k) => per.reduce((s, x) => s + x.stats[k]!, 0));
    // Ganeti decides "not healthy" after rebalancing from the initial statistics
    const need = (needFrom ?? total).reduce((a, b) => a + b, 0) > 0;
    print(phase, null, CLUSTER_DATA, [...total.map(String), mr ? (need ? '1' : '0') : (need ? 'True' : 'False')]);
    return total;
  };
  const initial = groups.map((g) => groupChecks(g.cd));
  const needRebalance = initial.some((x) => x.stats.some((v) => v > 0));
  if (verbose >= 1 && !mr) {
    io.out(`${noSim ? 'Running in no-simulation mode.' : needRebalance ? 'Cluster needs rebalancing.' : 'No need to rebalance cluster, no problems found.'}\n`);
  }
  const initTotal = report('INIT', groups, null);
  const simulate = !noSim && needRebalance;
  if (simulate || mr) {
    const after = simulate ? groups.map((g) => ({ gidx: g.gidx, cd: rebalance(g.cd, o) })) : groups;
    report('FINAL', after, initTotal);
  }
  if (mr) io.out('HCHECK_OK=1\n');
  return noSim || !needRebalance ? 0 : 1;
}

/** Hbal's rounds on one group, unless its score is already within --min-score of the optimum. */
function rebalance(g: ClusterData, o: ReturnType<typeof balanceOptions>): ClusterData {
  const ini = compCV(g.nodes);
  const minCv = o.minScore + optimalCVScore(g.nodes, g.instances);
  if (ini < minCv) return g;
  const tbl: Table = { nodes: g.nodes, instances: g.instances, score: ini, plc: [] };
  balance(tbl, { nodes: g.nodes.map((n) => n.idx), movable: () => true }, { ...o, minScore: minCv });
  return { ...g, nodes: tbl.nodes, instances: tbl.instances };
}
