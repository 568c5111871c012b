// hbal: Ganeti's cluster balancer. Loads a cluster (-t FILE, -L, --simulate), finds a series
// of moves that lowers the cluster score, prints them like Ganeti's hbal, and with -X runs them
// as jobs through the master (jobsets in order; the jobs of one set in parallel).
import { groupData, findGroup, HtoolsInputError, type ClusterData } from '../../daemons/common/htools/cluster.js';
import {
  balance, defaultBalanceOptions, describeMove, type BalanceOptions, type Placement, type Table,
} from '../../daemons/common/htools/balance.js';
import { compCV } from '../../daemons/common/htools/score.js';
import { NO_SECONDARY, type Node } from '../../daemons/common/htools/model.js';
import { optimalCVScore } from '../../daemons/common/htools/optimal.js';
import { DATA_OPTIONS, has, last, listOpt, numberOpt, parseOptions, usage, UsageError, verbosity, type OptSpec, type Parsed } from './options.js';
import { loadData, saveData } from './load.js';
import { executeJobSets, splitJobs, type MoveJob } from './exec.js';
import { printInstances, printNodes, printStats } from './print-nodes.js';

const SPECS: OptSpec[] = [
  ...DATA_OPTIONS,
  { long: 'print-nodes', short: 'p', arg: 'optional', help: 'print the final node list' },
  { long: 'print-instances', help: 'print the final instance map' },
  { long: 'print-commands', short: 'C', arg: 'optional', help: 'print the ganeti command list for reaching the solution' },
  { long: 'evac-mode', short: 'E', help: 'only move instances away from offline and drained nodes' },
  { long: 'restricted-migration', help: 'disallow replace-primary moves' },
  { long: 'exec', short: 'X', help: 'execute the suggested moves via the master (with -L)' },
  { long: 'first-job-group', help: 'only execute the first group of jobs' },
  { long: 'reason', arg: 'required', help: 'the reason to pass to the submitted jobs' },
  { long: 'group', short: 'G', arg: 'required', help: 'the target node group (name or UUID)' },
  { long: 'max-length', short: 'l', arg: 'required', help: 'cap the solution at this many balancing rounds' },
  { long: 'min-score', short: 'e', arg: 'required', help: 'minimum score to aim for' },
  { long: 'max-cpu', arg: 'required', help: 'maximum virtual-to-physical cpu ratio for nodes' },
  { long: 'min-disk', arg: 'required', help: 'minimum free disk space for nodes (between 0 and 1)' },
  { long: 'min-gain', short: 'g', arg: 'required', help: 'minimum gain to aim for in a balancing step before giving up' },
  { long: 'min-gain-limit', arg: 'required', help: 'minimum cluster score for which we start checking the min-gain' },
  { long: 'no-disk-moves', help: 'allow only the cheap failover/migrate operations' },
  { long: 'select-instances', arg: 'required', help: 'only select given instances for any moves' },
  { long: 'no-instance-moves', help: 'allow only drbd secondary changes' },
  { long: 'ignore-soft-errors', help: 'ignore any soft restrictions in balancing' },
  { long: 'exclusion-tags', arg: 'required', help: 'enable instance exclusion based on given tag prefix' },
  { long: 'exclude-instances', arg: 'required', help: 'exclude given instances from any moves' },
  { long: 'priority', arg: 'required', help: 'set the priority of submitted jobs (low, normal, high)' },
];

const f8 = (x: number) => x.toFixed(8);
/** Haskell's printf %.6g. */
function g6(x: number): string {
  if (x === 0) return '0.00000';
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e < -4 || e >= 6) return x.toExponential(5);
  return x.toFixed(Math.max(0, 5 - e));
}

export interface Io { out: (s: string) => void; err: (s: string) => void; masterSocket: () => string }

export function balanceOptions(p: Parsed): BalanceOptions {
  const o = defaultBalanceOptions();
  o.maxRounds = numberOpt(p, 'max-length', -1, { int: true });
  o.minScore = numberOpt(p, 'min-score', o.minScore);
  o.minGain = numberOpt(p, 'min-gain', o.minGain, { min: 0 });
  o.minGainLimit = numberOpt(p, 'min-gain-limit', o.minGainLimit, { min: 0 });
  o.diskMoves = !has(p, 'no-disk-moves');
  o.instanceMoves = !has(p, 'no-instance-moves');
  o.restrictedMigration = has(p, 'restricted-migration');
  o.evacMode = has(p, 'evac-mode');
  o.ignoreSoftErrors = has(p, 'ignore-soft-errors');
  return o;
}

export function applyNodeLimits(p: Parsed, nodes: Node[]): void {
  if (has(p, 'max-cpu')) {
    const r = numberOpt(p, 'max-cpu', 0, { min: 0 });
    for (const n of nodes) { n.ipolicy = { ...n.ipolicy, vcpuRatio: r }; n.hiCpu = Math.floor(r * n.tCpu); }
  }
  if (has(p, 'min-disk')) {
    const r = numberOpt(p, 'min-disk', 0, { min: 0 });
    if (r > 1) throw new UsageError(`Invalid value '${r}' for --min-disk: expected a ratio between 0 and 1`);
    for (const n of nodes) n.loDsk = Math.floor(r * n.tDsk);
  }
}

function selectGroup(p: Parsed, cd: ClusterData, io: Io): number {
  const used = [...new Set(cd.nodes.map((n) => n.group))].sort((a, b) => a - b);
  const g = last(p, 'group');
  if (g !== undefined) return findGroup(cd, g).idx;
  if (used.length > 1) {
    io.err(`Found multiple node groups:\n${used.map((i) => `  ${cd.groups[i]!.name}\n`).join('')}`);
    throw new HtoolsInputError('Aborting.');
  }
  return used[0] ?? 0;
}

export async function hbal(argv: string[], io: Io): Promise<number> {
  const p = parseOptions('hbal', SPECS, argv);
  if (has(p, 'help')) { io.out(usage('hbal', SPECS)); return 0; }
  if (p.args.length) throw new UsageError("This program doesn't take any arguments.");
  if (has(p, 'exec') && !has(p, 'luxi')) throw new UsageError('Execution of commands possible only on LUXI (use -L with -X)');
  const verbose = verbosity(p);
  const o = balanceOptions(p);
  const { cd: full, master } = await loadData(p, io.masterSocket, { allowSimulate: true });
  try {
    const excl = listOpt(p, 'exclusion-tags');
    if (excl.length) for (const i of full.instances) i.exclTags = i.tags.filter((t) => excl.some((x) => t.startsWith(x)));
    const names = new Set(full.instances.map((i) => i.name));
    const exclude = listOpt(p, 'exclude-instances'); const select = listOpt(p, 'select-instances');
    for (const n of [...exclude, ...select]) if (!names.has(n)) throw new UsageError(`Unknown instance '${n}'`);
    if (!full.instances.length) { io.out('Cluster is empty, exiting.\n'); return 0; }
    io.out(`Loaded ${full.nodes.length} nodes, ${full.instances.length} instances\n`);
    saveData(p, full, 'original');
    const gidx = selectGroup(p, full, io);
    const cd = groupData(full, gidx);
    applyNodeLimits(p, cd.nodes);
    for (const i of cd.instances) {
      if (exclude.includes(i.name) || (select.length && !select.includes(i.name))) i.movable = false;
    }
    io.out(`Group size ${cd.nodes.length} nodes, ${cd.instances.length} instances\n`);
    io.out(`Selected node group: ${full.groups[gidx]!.name}\n`);
    const badNodes = cd.nodes.filter((n) => !n.offline && n.failN1);
    const badInst = cd.instances.filter((i) => badNodes.some((n) => n.idx === i.pNode || n.idx === i.sNode));
    if (verbose >= 1) io.out(`Initial check done: ${badNodes.length} bad nodes, ${badInst.length} bad instances.\n`);
    if (badNodes.length) io.out('Cluster is not N+1 happy, continuing but no guarantee that the cluster will end N+1 happy.\n');
    const pn = p.opts.get('print-nodes');
    // the tables go to stderr, as Ganeti's maybePrintInsts/maybePrintNodes print them
    if (has(p, 'print-instances')) io.err(`\nInitial instance map:\n${printInstances(cd.nodes, cd.instances)}`);
    if (pn) io.err(`\nInitial cluster status:\n${printNodes(cd.nodes, pn.at(-1)!)}\n`);
    const iniCv = compCV(cd.nodes);
    const optCv = optimalCVScore(cd.nodes, cd.instances);
    if (verbose > 2) io.out(`Initial coefficients: overall ${f8(iniCv)}\n${printStats(' ', cd.nodes)}`);
    else io.out(`Initial score: ${f8(iniCv)}\n`);
    if (iniCv - optCv < o.minScore) {
      io.out(`Cluster is already well balanced (initial score ${g6(iniCv)},\noptimum score due to N+1 reservations ${g6(optCv)},\n`
        + `minimum score ${g6(o.minScore)}).\nNothing to do, exiting\n`);
      return 0;
    }
    io.out('Trying to minimize the CV...\n');
    const imlen = Math.max(...cd.instances.map((i) => i.name.length));
    const nmlen = Math.max(...cd.nodes.map((n) => n.name.length));
    const tbl: Table = { nodes: cd.nodes, instances: cd.instances, score: iniCv, plc: [] };
    const origin = cd.instances.map((i) => [i.pNode, i.sNode] as const);
    const jobs: MoveJob[] = [];
    const nodeName = (i: number) => cd.nodes[i]!.name;
    balance(tbl, { nodes: cd.nodes.map((n) => n.idx), movable: () => true }, { ...o, minScore: optCv + o.minScore }, (pl: Placement) => {
      const inst = cd.instances[pl.inst]!;
      const [op, os] = [origin[pl.inst]![0], origin[pl.inst]![1]];
      const before = { ...inst, pNode: op, sNode: os };
      const { moves, cmds } = describeMove(before, pl.move, nodeName, pl.pNode, pl.sNode);
      const pm = 2 * nmlen + 1;
      const ostr = os === NO_SECONDARY ? nodeName(op) : `${nodeName(op)}:${nodeName(os)}`;
      const nstr = pl.sNode === NO_SECONDARY ? nodeName(pl.pNode) : `${nodeName(pl.pNode)}:${nodeName(pl.sNode)}`;
      io.out(`  ${String(tbl.plc.length).padStart(3)}. ${inst.name.padEnd(imlen)} ${ostr.padEnd(pm)} => ${nstr.padEnd(pm)} ${f8(pl.score).padStart(12)} a=${moves}\n`);
      jobs.push({ nodes: [...new Set([op, os, pl.pNode, pl.sNode].filter((x) => x !== NO_SECONDARY))], inst: before, move: pl.move, cmds, pNode: pl.pNode, sNode: pl.sNode });
      origin[pl.inst] = [pl.pNode, pl.sNode];
    });
    if (!tbl.plc.length) io.out('No solution found\n');
    else if (verbose > 2) io.out(`Final coefficients:   overall ${f8(tbl.score)}\n${printStats(' ', tbl.nodes)}`);
    else io.out(`Cluster score improved from ${f8(iniCv)} to ${f8(tbl.score)}\n`);
    if (verbose >= 1) io.out(`Solution length=${tbl.plc.length}\n`);
    let sets = splitJobs(jobs);
    if (has(p, 'first-job-group')) sets = sets.slice(0, 1);
    if (has(p, 'print-commands')) {
      const head = has(p, 'first-job-group') ? 'First set of jobs:' : 'Commands to run to reach the above solution:';
      io.out(`\n${head}\n${formatCmds(sets)}`);
    }
    saveData(p, { ...cd, groups: full.groups }, 'balanced');
    if (has(p, 'print-instances')) io.err(`\nFinal instance map:\n${printInstances(tbl.nodes, tbl.instances)}`);
    if (pn) io.err(`\nFinal cluster status:\n${printNodes(tbl.nodes, pn.at(-1)!)}\n`);
    if (has(p, 'exec') && master && sets.length) {
      return await executeJobSets(master, sets, nodeName, { reason: last(p, 'reason'), priority: last(p, 'priority') }, io);
    }
    return 0;
  } finally {
    master?.close();
  }
}

function formatCmds(sets: MoveJob[][]): string {
  let s = '';
  sets.forEach((set, i) => {
    s += `  \n  echo jobset ${i + 1}, ${set.length} jobs\n`;
    set.forEach((j, k) => {
      s += `    echo job ${i + 1}/${k + 1}\n`;
      for (const c of j.cmds) s += `    ${c}\n`;
    });
  });
  return s;
}
