// What gnt-node migrate, failover and evacuate share (Ganeti's gnt_node MigrateNode,
// FailoverNode, EvacuateNode): the node's primary instances, one confirmation listing them,
// then one job per instance (the master runs them in parallel under their locks; each job
// picks its target with -n or the allocator), followed in turn. migrate and evacuate send
// one OP_NODE_MIGRATE / OP_NODE_EVACUATE whose result names the jobs the master made (as
// Ganeti and RAPI do); failover, like Ganeti's, submits the instance jobs itself.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import { submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { askYesNo } from '../framework/confirm.js';
import type { VerbContext } from '../framework/spec.js';

/** Ganeti's utils.NiceSort: digits compare as numbers (f2 before f10). */
export function niceSort(names: string[]): string[] {
  return [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The primary (or secondary) instances of `node`, nicely sorted; the master names an unknown node. */
export async function nodeInstances(ctx: VerbContext, node: string, field: 'pinst_list' | 'sinst_list'): Promise<string[]> {
  const master = await ctx.master();
  const res = await master.query('node', ['name', field], [node], null);
  const row = res.rows[0];
  if (!row) throw new OpPrereqError(`Node '${node}' not known`, { ecode: 'unknown_entity' });
  const v = row[1]?.value;
  return niceSort(Array.isArray(v) ? v.map(String) : []);
}

export interface MoveRun {
  question: string;
  /** Either the instance opcode submitted once per instance… */
  build?: (instance: string) => OpcodeDict;
  /** …or the node opcode, whose result lists the jobs the master made. */
  nodeOp?: OpcodeDict;
  force: boolean;
  /** Printed when every job succeeded / with the number of failed jobs. */
  allGood: (count: number) => string;
  someBad: (bad: number, count: number) => string;
}

/** Confirm, submit one job per instance, follow them; exit code 0 only when all succeeded. */
export async function moveInstances(ctx: VerbContext, instances: string[], run: MoveRun, opts: GenericOpts): Promise<number> {
  const ops = run.build ? instances.map((i) => [i, run.build!(i)] as const) : [];   // bad options fail before anything is asked
  if (!run.force && !(await askYesNo(ctx.io, run.question))) return 1;
  const jex = new JobExecutor(ctx, true);
  if (run.nodeOp) {
    const sent = await submitOrSend(ctx, run.nodeOp, opts);
    if (sent.submitted) return 0;
    const made = madeJobs(sent.result);
    made.forEach(([ok, data], i) => jex.addJobId(made.names[i] ?? null, ok, data));
  } else {
    for (const [name, op] of ops) jex.queueJob(name, op);
  }
  const results = await jex.waitOrShow(!opts.submit);
  if (opts.submit) return results.every((r) => r.success) ? 0 : 1;
  const bad = results.filter((r) => !r.success).length;
  ctx.out(bad ? run.someBad(bad, results.length) : run.allGood(results.length));
  return bad ? 1 : 0;
}

/** The {jobs: [[ok, id|error]…], instances: […]} result of OP_NODE_MIGRATE / OP_NODE_EVACUATE. */
function madeJobs(result: unknown): [boolean, number | string][] & { names: string[] } {
  const r = (result ?? {}) as { jobs?: unknown; instances?: unknown };
  const jobs = (Array.isArray(r.jobs) ? r.jobs : []).map((j) => {
    const [ok, data] = Array.isArray(j) ? j : [false, String(j)];
    return [!!ok, typeof data === 'number' ? data : String(data)] as [boolean, number | string];
  });
  return Object.assign(jobs, { names: Array.isArray(r.instances) ? r.instances.map(String) : [] });
}
