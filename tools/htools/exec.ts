// Running a balancing plan (hbal -X, Ganeti's ExecJobs): moves are grouped into jobsets whose
// moves touch disjoint nodes (Cluster.splitJobs); the jobs of one set run in parallel, sets in
// order, and the first set with a failed job stops the run.
import type { MasterApi, OpcodeDict } from '../../daemons/common/client/master-api.js';
import { pollJob } from '../../daemons/common/client/job-poller.js';
import { OpInstanceFailover, OpInstanceMigrate, OpInstanceReplaceDisks } from '../../daemons/common/opcodes/instance.js';
import { PRIORITY_NAMES } from '../../daemons/common/constants.js';
import { isRunning, type Instance } from '../../daemons/common/htools/model.js';
import type { IMove } from '../../daemons/common/htools/balance.js';
import { UsageError } from './options.js';

export interface MoveJob { nodes: number[]; inst: Instance; move: IMove; cmds: string[]; pNode: number; sNode: number }

/** Cluster.splitJobs: consecutive moves on disjoint nodes share a jobset. */
export function splitJobs(jobs: MoveJob[]): MoveJob[][] {
  const sets: MoveJob[][] = [];
  let busy = new Set<number>();
  for (const j of jobs) {
    const cur = sets.at(-1);
    if (cur && !j.nodes.some((n) => busy.has(n))) { cur.push(j); for (const n of j.nodes) busy.add(n); }
    else { sets.push([j]); busy = new Set(j.nodes); }
  }
  return sets;
}

/** Cluster.iMoveToJob: the opcodes of one move. */
export function moveOpcodes(j: MoveJob, nodeName: (i: number) => string, common: Record<string, unknown>): OpcodeDict[] {
  const name = j.inst.name;
  const mig = (target?: string): OpcodeDict => (isRunning(j.inst)
    ? OpInstanceMigrate.build({ instance_name: name, target_node: target, allow_failover: true, allow_runtime_changes: false, ignore_hvversions: true, ...common })
    : OpInstanceFailover.build({ instance_name: name, target_node: target, ...common })) as OpcodeDict;
  const rep = (node: string): OpcodeDict => OpInstanceReplaceDisks.build({ instance_name: name, mode: 'replace_new_secondary', remote_node: node, ...common }) as OpcodeDict;
  const m = j.move;
  switch (m.kind) {
    case 'Failover': return [mig()];
    case 'FailoverToAny': return [mig(nodeName(m.node))];
    case 'ReplaceSecondary': return [rep(nodeName(m.node))];
    case 'ReplacePrimary': return [mig(), rep(nodeName(m.node)), mig()];
    case 'ReplaceAndFailover': return [rep(nodeName(m.node)), mig()];
    case 'FailoverAndReplace': return [mig(), rep(nodeName(m.node))];
  }
}

export async function executeJobSets(master: MasterApi, sets: MoveJob[][], nodeName: (i: number) => string,
  o: { reason?: string; priority?: string }, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const common: Record<string, unknown> = {};
  if (o.priority !== undefined) {
    const pr = PRIORITY_NAMES[o.priority];
    if (pr === undefined) throw new UsageError(`Invalid priority '${o.priority}' (allowed: ${Object.keys(PRIORITY_NAMES).join(', ')})`);
    common.priority = pr;
  }
  if (o.reason) common.reason = [['gnt:user', o.reason, Date.now() * 1e6]];
  for (const set of sets) {
    io.out(`Executing jobset for instances ${set.map((j) => j.inst.name).join(', ')}\n`);
    const res = await master.submitJobs(set.map((j) => moveOpcodes(j, nodeName, common)));
    const bad = res.filter((r) => !r.ok);
    if (bad.length) {
      io.err(`Cannot submit the jobs: ${bad.map((r) => r.error?.message).join('; ')}\n`);
      return 1;
    }
    io.out(`Got job IDs ${res.map((r) => r.jobId).join(', ')}\n`);
    const outcomes = await Promise.all(res.map(async (r) => {
      try { await pollJob(master, r.jobId, 'silent', () => {}); return null; } catch (err) { return `job ${r.jobId}: ${(err as Error).message}`; }
    }));
    const failed = outcomes.filter((x): x is string => x !== null);
    if (failed.length) {
      io.err(`${failed.join('\n')}\nAborting: a job of this jobset failed\n`);
      return 1;
    }
  }
  return 0;
}
