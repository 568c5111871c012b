// gnt-cluster master-failover, run on the master candidate that is to become master
// (Ganeti's bootstrap.MasterFailover). Steps:
//  1. this node is a candidate with a copy of the config and not already the master;
//  2. the vote: every online node says which master it knows and how new its config is; a
//     majority must answer and agree on the current master (--no-voting skips this);
//  3. with the old master gone, refuse when another reachable candidate has a newer config
//     than ours (Ganeti issue 1242: a stale candidate must not roll the cluster back); with
//     the old master reachable, its final config is taken over in step 4;
//  4. the old master, when reachable, stops its master daemons; its job queue is copied here
//     (running jobs become "Unclean master daemon shutdown" when masterd opens it, queued
//     ones continue) and its config, now final, is taken when newer than ours; when it is
//     not reachable, the copy of the queue it replicated here (JobQueueUpdate) is taken over;
//  5. the config names this node master (serial + 1); ssconf is rewritten on every node —
//     master_node, master_ip, master_candidates, master_candidates_ips and all other keys —
//     so the old master, started again, knows it is not master and does not start masterd;
//  6. the master daemons start here (daemon-util start-master, its one list of master
//     daemons); masterd's start-up then pushes the config to every candidate.
import { masterIpParams } from '../master-ip.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { configJournalPath, readConfigCopy } from '../../common/config-journal.js';
import { dirname, join } from 'node:path';
import { atomicWrite, atomicWriteMany, ensureDir } from '../../common/atomic-file.js';
import { CommandError, OpPrereqError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig, Node } from '../../common/objects.js';
import type { Paths } from '../../common/paths.js';
import { getMasterNode, readSsconf } from '../../common/ssconf.js';
import { computeSsconf } from '../distribution/ssconf-values.js';
import { GrpcNodeRpc } from '../rpc/node-rpc.js';
import { nodeTarget } from '../rpc/node-target.js';

export interface MasterFailoverOptions { no_voting: boolean }

interface Vote { node: string; master: string; serial: number; hasConfig: boolean }

/** The vote (Ganeti's GatherMasterVotes + CheckAgreement): null when fine, else the reason to refuse. */
export function judgeVotes(votes: Vote[], total: number, oldMaster: string): string | null {
  if (votes.length * 2 <= total) {
    return `Cannot reach a majority of the nodes (${votes.length} of ${total} answered), so the master cannot be agreed on; ` +
      'use --no-voting if you are sure the other nodes are down';
  }
  const tally = new Map<string, number>();
  for (const v of votes) tally.set(v.master, (tally.get(v.master) ?? 0) + 1);
  const [top, count] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (top !== oldMaster || count * 2 <= votes.length) {
    const seen = [...tally.entries()].map(([m, c]) => `${m || '(none)'}: ${c}`).join(', ');
    return `The nodes do not agree that ${oldMaster} is the master (votes: ${seen}); use --no-voting to override`;
  }
  return null;
}

/** Issue 1242: the candidate with the newest config, if it is newer than ours. */
export function newerCandidate(votes: Vote[], mySerial: number): Vote | null {
  const newer = votes.filter((v) => v.hasConfig && v.serial > mySerial).sort((a, b) => b.serial - a.serial);
  return newer[0] ?? null;
}

function daemonUtil(): string {
  const own = join(dirname(process.argv[1] ?? ''), 'daemon-util');
  return existsSync(own) ? own : 'daemon-util';
}

function run(prog: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(prog, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { text += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { text += d; });
    child.on('error', (err) => reject(new CommandError(`Cannot run ${prog}: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new CommandError(`${prog} ${args.join(' ')} failed (exit ${code}): ${text.trim()}`))));
  });
}

/** This node's copy: config.data with the journal entries the master sent since applied. */
async function readConfig(paths: Paths): Promise<{ cfg: ClusterConfig }> {
  let copy;
  try { copy = await readConfigCopy<ClusterConfig>(paths.clusterConfFile); } catch (err) {
    throw new OpPrereqError(`This node's configuration cannot be used: ${(err as Error).message}`, { ecode: 'environment_error' });
  }
  if (!copy) {
    throw new OpPrereqError(`This node (${paths.hostname}) has no copy of the cluster configuration: it is not a master candidate`,
      { ecode: 'wrong_state' });
  }
  return { cfg: copy.doc };
}

export async function masterFailover(paths: Paths, opts: MasterFailoverOptions, log: Logger, feedback: (msg: string) => void): Promise<void> {
  const me = paths.hostname;
  const oldMaster = getMasterNode(paths);
  if (!oldMaster) throw new OpPrereqError('Cluster not initialized or this machine is not part of a cluster', { ecode: 'wrong_state' });
  if (oldMaster === me) {
    throw new OpPrereqError(`This commands must be run on the node where you want the new master to be. ${me} is already the master`,
      { ecode: 'wrong_input' });
  }
  let { cfg } = await readConfig(paths);
  const self = Object.values(cfg.nodes).find((n) => n.name === me);
  // The node's own config copy may be stale (a demoted node stops receiving it), so the
  // current candidates are those ssconf lists, as Ganeti's master-failover checks.
  const candidates = (readSsconf(paths, 'master_candidates') ?? '').split('\n').filter(Boolean);
  if (!self?.master_candidate || (candidates.length > 0 && !candidates.includes(me))) {
    throw new OpPrereqError(`This node (${me}) is not a master candidate; make it one first (gnt-node modify -C yes ${me})`, { ecode: 'wrong_state' });
  }
  const rpc = new GrpcNodeRpc(paths, log);
  try {
    const others = Object.values(cfg.nodes).filter((n) => !n.offline && n.name !== me);
    const answers = await rpc.callMany(others.map(nodeTarget), 'MasterInfo', {}, { timeoutMs: 5000 });
    const votes: Vote[] = [{ node: me, master: oldMaster, serial: cfg.serial_no, hasConfig: true }];
    const unreachable: string[] = [];
    for (const n of others) {
      const r = answers.get(n.name);
      if (!r || r.failed) { unreachable.push(n.name); continue; }
      votes.push({ node: n.name, master: r.payload!.master_node, serial: Number(r.payload!.config_serial), hasConfig: r.payload!.has_config });
    }
    if (opts.no_voting) {
      feedback('Warning: skipping the vote (--no-voting): the other nodes were not asked to agree on the master');
    } else {
      const problem = judgeVotes(votes, others.length + 1, oldMaster);
      if (problem) throw new OpPrereqError(problem, { ecode: 'wrong_state' });
    }
    // A reachable old master is stopped first and its config, final and the newest of all
    // (candidates only ever get copies of it), is taken: ours cannot be too old then.
    const oldReachable = !unreachable.includes(oldMaster) && Object.values(cfg.nodes).some((n) => n.name === oldMaster);
    const newer = oldReachable ? null : newerCandidate(votes, cfg.serial_no);
    if (newer) {
      throw new OpPrereqError(`The configuration of this node (serial ${cfg.serial_no}) is older than that of ${newer.node} ` +
        `(serial ${newer.serial}); refusing to take over with an old configuration. Fail over to ${newer.node} instead, or ` +
        `let the master replicate its configuration first (gnt-cluster redist-conf)`, { ecode: 'wrong_state' });
    }

    const old = Object.values(cfg.nodes).find((n) => n.name === oldMaster);
    if (old && oldReachable) {
      await takeOverFrom(paths, rpc, old, feedback);
      const down = await rpc.call(nodeTarget(old), 'NodeDeactivateMasterIp', masterIpParams(cfg), { timeoutMs: 60_000 });
      if (down.failed) feedback(`Warning: could not deactivate the master IP on the old master ${oldMaster}: ${down.failMsg}`);
      const c = await rpc.call(nodeTarget(old), 'ReadClusterConfig', {}, { timeoutMs: 10_000 });
      if (!c.failed && c.payload!.found) {
        try {
          const theirs = JSON.parse(c.payload!.content.toString('utf8')) as ClusterConfig;
          if (theirs.serial_no > cfg.serial_no) {
            feedback(`Taking the old master's configuration (serial ${theirs.serial_no}, ours was ${cfg.serial_no})`);
            cfg = theirs;
          }
        } catch { feedback(`Warning: the old master's configuration does not parse; keeping ours (serial ${cfg.serial_no})`); }
      }
    } else {
      feedback(`Warning: could not contact the old master ${oldMaster}: its master daemons could not be stopped; make sure ` +
        'it is down. Its job queue is taken over from the copy the master replicated to this candidate');
    }

    cfg.cluster.master_node = self.uuid;
    cfg.serial_no += 1;
    cfg.mtime = Date.now() / 1000;
    // A whole file at the new serial; the journal's entries are all in it (and below its serial).
    await atomicWrite(paths.clusterConfFile, JSON.stringify(cfg), { mode: 0o640 });
    await unlink(configJournalPath(paths.clusterConfFile)).catch(() => undefined);
    await writeSsconfEverywhere(paths, rpc, cfg, feedback);
    // The master IP comes up with masterd, which raises it whenever it starts as master (main.ts).
  } finally {
    rpc.close();
  }
  feedback(`Starting the master daemons on ${me}`);
  const out = await run(daemonUtil(), ['start-master']);
  log.info('master daemons started', { output: out.trim() });
}

/** Stop the old master's daemons (its queue is final after that), then copy its queue here. */
async function takeOverFrom(paths: Paths, rpc: GrpcNodeRpc, old: Node, feedback: (msg: string) => void): Promise<void> {
  const t = nodeTarget(old);
  const stopped = await rpc.call(t, 'NodeStopMaster', {}, { timeoutMs: 60_000 });
  if (stopped.failed) {
    throw new CommandError(`Could not stop the master daemons on the old master ${old.name}: ${stopped.failMsg}; nothing was changed`);
  }
  const q = await rpc.call(t, 'ReadJobQueue', {}, { timeoutMs: 60_000 });
  if (q.failed) {
    feedback(`Warning: could not read the job queue of the old master ${old.name}: ${q.failMsg}; its jobs stay there`);
    return;
  }
  await ensureDir(paths.queueDir);
  // The journal holds job changes the old master had not yet written to the job files;
  // this master's queue replays it on start-up.
  const files = q.payload!.files.filter((f) => f.name === 'serial' || f.name === 'journal' || /^job-\d+$/.test(f.name));
  await atomicWriteMany(paths.queueDir, files.map((f) => ({ name: f.name, data: f.content, mode: f.name === 'journal' ? 0o600 : 0o640 })));
  feedback(`Took over ${q.payload!.files.filter((f) => /^job-/.test(f.name)).length} jobs from the old master ${old.name}`);
}

/** Every ssconf key on every online node; this node's own write must succeed. */
async function writeSsconfEverywhere(paths: Paths, rpc: GrpcNodeRpc, cfg: ClusterConfig, feedback: (msg: string) => void): Promise<void> {
  const values = computeSsconf(cfg);
  const nodes = Object.values(cfg.nodes).filter((n) => !n.offline);
  const res = await rpc.callMany(nodes.map(nodeTarget), 'WriteSsconfFiles', { values }, { timeoutMs: 10_000 });
  for (const n of nodes) {
    const r = res.get(n.name);
    if (r && !r.failed) continue;
    if (n.name === paths.hostname) throw new CommandError(`Could not write ssconf on this node: ${r?.failMsg ?? 'no answer'}`);
    feedback(`Warning: could not update ssconf on node ${n.name} (${r?.failMsg ?? 'no answer'}); the new master rewrites it when the node answers again`);
  }
}

/**
 * masterd's start-up check (Ganeti's CheckAgreement): ask the other nodes (from ssconf) which
 * master they know. When most of those that answer name another node, this one was failed
 * over while it was away: returns that node, and masterd must not start. No answers (a
 * cluster starting up) is no evidence either way.
 */
export async function otherMasterByVote(paths: Paths, log: Logger): Promise<string | null> {
  const lines = (readSsconfValue(paths) ?? '').split('\n').filter(Boolean);
  const targets = lines.map((l) => l.split(' ')).filter(([name, ip]) => name && ip && name !== paths.hostname)
    .map(([name, ip]) => ({ name: name!, ip: ip! }));
  if (!targets.length) return null;
  const rpc = new GrpcNodeRpc(paths, log);
  try {
    const res = await rpc.callMany(targets, 'MasterInfo', {}, { timeoutMs: 3000 });
    const named = targets.map((t) => res.get(t.name)).filter((r) => r && !r.failed).map((r) => r!.payload!.master_node).filter(Boolean);
    const tally = new Map<string, number>();
    for (const m of named) tally.set(m, (tally.get(m) ?? 0) + 1);
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
    return top && top[0] !== paths.hostname && top[1] * 2 > named.length ? top[0] : null;
  } finally {
    rpc.close();
  }
}

function readSsconfValue(paths: Paths): string | null {
  return readSsconf(paths, 'node_primary_ips');
}
