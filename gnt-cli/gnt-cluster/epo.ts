// gnt-cluster epo [-f] [--on] [--groups|--all] [--power-delay S] [--oob-timeout S]
//   [--shutdown-timeout S] [ARGS...] (Ganeti's gnt_cluster.Epo): emergency power-off of the
// nodes given (or of the node groups given with --groups, or of the whole cluster with
// --all), and, with --on, the recovery. Off: every instance on those nodes is shut down
// without remembering it (so it stays configured up), then the nodes with an OOB program are
// powered off (their offline state is ignored). The master is never powered off: it must
// not be among the nodes unless --all is given. On: the nodes recorded unpowered are
// powered on, then as nodes answer on the node daemon port again, the instances whose nodes
// are all back are started. Nodes without an OOB program are named and left to the admin.
import { connect } from 'node:net';
import { NODED_PORT } from '../../daemons/common/constants.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { CellStatus } from '../../daemons/common/client/master-api.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { OpInstanceShutdown, OpInstanceStartup } from '../../daemons/common/opcodes/instance.js';
import { OpOobCommand } from '../../daemons/common/opcodes/oob.js';
import { confirmOperation } from '../framework/confirm.js';
import { ARGS_ANY, type VerbContext, type VerbDef } from '../framework/spec.js';
import { addOobTimeoutOption, addPowerDelayOption, parseOobTimings } from '../gnt-node/power.js';
import { isNormal, parseOobResult } from '../gnt-node/oob-table.js';

/** Ganeti's _EPO_PING_INTERVAL, _EPO_PING_TIMEOUT and _EPO_REACHABLE_TIMEOUT. */
const PING_INTERVAL_MS = 30_000;
const PING_TIMEOUT_MS = 1_000;
const REACHABLE_TIMEOUT_MS = 15 * 60_000;

interface Opts extends GenericOpts {
  force?: boolean; on?: boolean; groups?: boolean; all?: boolean;
  oobTimeout?: string; powerDelay?: string; shutdownTimeout?: string;
}
interface Timings { timeout: number; power_delay: number; shutdownTimeout: number }

/** netutils.TcpPing with live_port_needed: does something answer on ip:port? */
function tcpPing(ip: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: ip, port, timeout: timeoutMs });
    const done = (ok: boolean) => { s.destroy(); resolve(ok); };
    s.once('connect', () => done(true));
    s.once('timeout', () => done(false));
    s.once('error', () => done(false));
  });
}

async function oobPower(ctx: VerbContext, nodes: string[], on: boolean, t: Timings, opts: Opts): Promise<boolean> {
  const op = buildOp(ctx, OpOobCommand, {
    node_names: nodes, command: on ? 'power-on' : 'power-off', ignore_status: true, timeout: t.timeout, power_delay: t.power_delay,
  }, opts);
  let errs = 0;
  for (const r of parseOobResult(await submitOpCode(ctx, op, opts))) {
    if (!isNormal(r)) { errs += 1; ctx.err(`There was a problem changing power for ${r.node}, please investigate`); }
  }
  return errs === 0;
}

/** _InstanceStart: one startup (or no-remember shutdown) job per instance. */
async function instancesStart(ctx: VerbContext, instances: string[], start: boolean, t: Timings, opts: Opts): Promise<boolean> {
  const [submit, success, failed] = start ? ['startup', 'started', 'starting'] : ['shutdown', 'stopped', 'stopping'];
  const jex = new JobExecutor(ctx);
  for (const inst of instances) {
    ctx.out(`Submit ${submit} of instance ${inst}`);
    jex.queueJob(inst, start
      ? buildOp(ctx, OpInstanceStartup, { instance_name: inst }, opts)
      : buildOp(ctx, OpInstanceShutdown, { instance_name: inst, timeout: t.shutdownTimeout, no_remember: true }, opts));
  }
  const results = await jex.getResults();
  const bad = results.filter((r) => !r.success).length;
  if (bad === 0) { ctx.out(`All instances have been ${success} successfully`); return true; }
  ctx.err(`There were errors while ${failed} instances:\n${bad} error(s) out of ${results.length} instance(s)`);
  return false;
}

async function epoOff(ctx: VerbContext, nodes: string[], instMap: Map<string, Set<string>>, t: Timings, opts: Opts): Promise<number> {
  if (instMap.size && !(await instancesStart(ctx, [...instMap.keys()], false, t, opts))) {
    ctx.err('Please investigate and stop instances manually before continuing');
    return 1;
  }
  if (!nodes.length) return 0;
  return (await oobPower(ctx, nodes, false, t, opts)) ? 0 : 1;
}

async function epoOn(ctx: VerbContext, allNodes: string[], nodes: string[], instMap: Map<string, Set<string>>,
  ips: Map<string, string>, t: Timings, opts: Opts): Promise<number> {
  if (nodes.length && !(await oobPower(ctx, nodes, true, t, opts))) {
    ctx.err('Not all nodes seem to get back up, investigate and start manually if needed');
  }
  ctx.out('Waiting until all nodes are available again');
  // _RunWhenNodesReachable: start what can start, then wait for the next node to answer.
  const down = new Set(allNodes);
  const up = new Set<string>();
  let success = true;
  const deadline = Date.now() + REACHABLE_TIMEOUT_MS;
  for (;;) {
    const ready = [...instMap].filter(([, ns]) => [...ns].every((n) => up.has(n))).map(([i]) => i);
    for (const i of ready) instMap.delete(i);
    if (ready.length && !(await instancesStart(ctx, ready, true, t, opts))) success = false;
    if (!down.size) break;
    if (Date.now() > deadline) {
      ctx.err(`Time exceeded while waiting for nodes to become reachable again:\n  - ${[...down].join('  - ')}`);
      ctx.err('Please investigate and start stopped instances manually');
      return 1;
    }
    const start = Date.now();
    let found = false;
    for (const n of down) {
      if (await tcpPing(ips.get(n) ?? n, NODED_PORT, PING_TIMEOUT_MS)) {
        ctx.out(`Node ${n} became available`);
        up.add(n); down.delete(n); found = true;
        break;
      }
    }
    if (!found) await new Promise((r) => setTimeout(r, Math.max(0, start + PING_INTERVAL_MS - Date.now())));
  }
  if (!success) { ctx.err('Please investigate and start stopped instances manually'); return 1; }
  return 0;
}

export const verb: VerbDef<Opts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--on', 'Recover from an EPO');
    cmd.option('--groups', 'Arguments are node groups instead of nodes');
    cmd.option('--all', 'Select all nodes');
    addOobTimeoutOption(cmd);
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    addPowerDelayOption(cmd);
  },
  async run(ctx, opts, args) {
    if (opts.groups && opts.all) { ctx.err('Only one of --groups or --all are allowed'); return 1; }
    if (args.length && opts.all) { ctx.err('Arguments in combination with --all are not allowed'); return 1; }
    const t: Timings = { ...parseOobTimings(opts), shutdownTimeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0) };
    const master = await ctx.master();
    let names = args;
    if (opts.groups) {
      const g = await master.query('group', ['node_list'], args, null);
      names = g.rows.flatMap((r) => (Array.isArray(r[0]?.value) ? (r[0]!.value as unknown[]).map(String) : []));
    }
    const res = await master.query('node', ['name', 'master', 'pinst_list', 'sinst_list', 'powered', 'offline', 'pip'], names, null);
    const allNodes: string[] = [];
    const nodeList: string[] = [];
    const instMap = new Map<string, Set<string>>();
    const ips = new Map<string, string>();
    for (const row of res.rows) {
      const [name, isMaster, pinst, sinst, poweredCell, offline, pip] = row.map((c) => c?.value);
      const node = String(name);
      allNodes.push(node);
      ips.set(node, String(pip));
      const powered = row[4]?.status === CellStatus.Normal ? poweredCell as boolean : null;
      if (!offline) {
        for (const inst of [...(pinst as string[] ?? []), ...(sinst as string[] ?? [])]) {
          const set = instMap.get(inst);
          if (set) { if (!isMaster) set.add(node); } else instMap.set(inst, isMaster ? new Set() : new Set([node]));
        }
      }
      if (isMaster && opts.on) continue;   // the master is where we run: already on
      if (isMaster && !opts.all) {
        ctx.err(`${node} is the master node, please do a master-failover to another node not affected by the EPO or use --all if you intend to shutdown the whole cluster`);
        return 1;
      }
      if (isMaster) continue;   // --all: the master is left for the admin to power off last
      if (powered === null) ctx.out(`Node ${node} does not support out-of-band handling, it can not be handled in a fully automated manner`);
      else if (powered === !!opts.on) ctx.out(`Node ${node} is already in desired power state, skipping`);
      else if (!offline || powered) nodeList.push(node);
    }
    if (!opts.force && !(await confirmOperation(ctx.io, allNodes, 'nodes', 'epo'))) return 1;
    return opts.on ? epoOn(ctx, allNodes, nodeList, instMap, ips, t, opts) : epoOff(ctx, nodeList, instMap, t, opts);
  },
};
