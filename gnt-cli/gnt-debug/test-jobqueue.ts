// gnt-debug test-jobqueue: exercises the job queue end to end with OP_TEST_JQUEUE jobs, as
// Ganeti's TestJobqueue does: log messages arrive in order, a failing opcode fails its job
// with its error, and dependencies on a failed job are honoured by the status they allow.
// Exit 0 when every check passed, 1 (naming the check) otherwise.
import { randomBytes } from 'node:crypto';
import { OpTestJqueue } from '../../daemons/common/opcodes/test.js';
import { buildOp, submitJob, waitJob, type GenericOpts } from '../../daemons/common/client/submit.js';
import { pollJob } from '../../daemons/common/client/job-poller.js';
import type { LogEntry } from '../../daemons/common/client/master-api.js';
import { ARGS_NONE, type VerbContext, type VerbDef } from '../framework/spec.js';

class CheckFailed extends Error {}

function check(cond: boolean, what: string): void {
  if (!cond) throw new CheckFailed(what);
}

async function jobStatus(ctx: VerbContext, id: number): Promise<string> {
  const res = await (await ctx.master()).query('job', ['status'], [String(id)], null);
  return String(res.rows[0]?.[0]?.value);
}

async function testLog(ctx: VerbContext, opts: GenericOpts): Promise<void> {
  ctx.out('Testing job log messages');
  const messages = Array.from({ length: 5 }, (_, i) => `Hello World ${i} ${randomBytes(4).toString('hex')}`);
  const id = await submitJob(ctx, [buildOp(ctx, OpTestJqueue, { log_messages: messages }, opts)]);
  const seen: string[] = [];
  const results = await pollJob(await ctx.master(), id, (e: LogEntry) => { seen.push(String(e.message)); }, ctx.out);
  check(results[0] === true, `job ${id} returned ${JSON.stringify(results[0])}, expected true`);
  check(JSON.stringify(seen.filter((m) => messages.includes(m))) === JSON.stringify(messages),
    `job ${id} logged ${JSON.stringify(seen)}, expected ${JSON.stringify(messages)} in that order`);
}

async function testFailure(ctx: VerbContext, opts: GenericOpts): Promise<void> {
  ctx.out('Testing job failure');
  const id = await submitJob(ctx, [buildOp(ctx, OpTestJqueue, { fail: true }, opts)]);
  let error: Error | null = null;
  try { await waitJob(ctx, id, 'silent'); } catch (err) { error = err as Error; }
  check(!!error && /Opcode failure was requested/.test(error.message), `job ${id} did not fail with the requested error (${error?.message ?? 'it succeeded'})`);
  check(await jobStatus(ctx, id) === 'error', `job ${id} is not in status error`);
}

async function testDependencies(ctx: VerbContext, opts: GenericOpts): Promise<void> {
  ctx.out('Testing job dependencies');
  const master = await ctx.master();
  const failing = buildOp(ctx, OpTestJqueue, { fail: true }, opts);
  const onError = buildOp(ctx, OpTestJqueue, { depends: [[-1, ['error']]] }, opts);
  const onSuccess = buildOp(ctx, OpTestJqueue, { depends: [[-2, ['success']]] }, opts);
  const res = await master.submitJobs([[failing], [onError], [onSuccess]]);
  const ids = res.map((r, i) => {
    check(r.ok, `dependency job ${i} was refused`);
    return (r as { jobId: number }).jobId;
  });
  for (const id of ids) await waitJob(ctx, id, 'silent').catch(() => undefined);
  const [a, b, c] = await Promise.all(ids.map((id) => jobStatus(ctx, id)));
  check(a === 'error', `job ${ids[0]} should have failed, is ${a}`);
  check(b === 'success', `job ${ids[1]} depends on an error and should have run, is ${b}`);
  check(c !== 'success', `job ${ids[2]} depends on a success of a failed job and should not have run, is ${c}`);
}

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_NONE,
  async run(ctx, opts) {
    try {
      await testLog(ctx, opts);
      await testFailure(ctx, opts);
      await testDependencies(ctx, opts);
    } catch (err) {
      if (!(err instanceof CheckFailed)) throw err;
      ctx.err(`Job queue test failed: ${err.message}`);
      return 1;
    }
    ctx.out('Job queue test successful');
    return 0;
  },
};
