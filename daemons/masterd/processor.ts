// Runs one opcode through its logical unit's phases (Ganeti's mcpu.Processor): arguments,
// locks in level order (the job is 'waiting' meanwhile), prerequisites, execution; locks
// and temporary reservations are always released.
import { BGL, LockLevel } from '../common/constants.js';
import { OpCodeUnknown } from '../common/errors.js';
import { validateOpcode, type Opcode } from '../common/opcodes/index.js';
import type { MasterContext } from './context.js';
import type { OpContext, OpExecutor } from './jqueue/types.js';
import { ACQUIRE_ORDER, type LuRuntime } from './cmdlib/logical-unit.js';
import { checkRefusedFields, createLogicalUnit, hasLogicalUnit } from './cmdlib/registry.js';
import { JOB_IDS_KEY, ResultWithJobs } from './cmdlib/result-with-jobs.js';

/** Refuses, before it is queued, an opcode this master has no logical unit for: accepting
 * it would only fail later, or sit in the queue looking like work that will be done. */
export function checkExecutable(op: Opcode): void {
  if (!hasLogicalUnit(op.OP_ID)) {
    throw new OpCodeUnknown(`Opcode ${op.OP_ID} is not supported by this version of the master daemon`, { ecode: 'wrong_input' });
  }
  checkRefusedFields(op);
}

/** How many opcodes this master has under way (replication holds ssconf lists back while
 * there are several: distribution/replicate.ts). */
export interface OpActivity { opcodes: number }

export function makeExecutor(mc: MasterContext, activity: OpActivity = { opcodes: 0 }): OpExecutor {
  return async function execute(op: Opcode, ctx: OpContext): Promise<unknown> {
    activity.opcodes++;
    try { return await run(op, ctx); } finally {
      // ssconf lists held back while several opcodes were under way go out before the last
      // one ends (counted as it leaves: two ending together both saw the other), so a quiet
      // cluster's nodes hold the newest.
      if (--activity.opcodes === 0 && mc.replicator.owesSsconf()) await mc.replicator.flushSsconf();
    }
  };

  async function run(op: Opcode, ctx: OpContext): Promise<unknown> {
    const owner = `job-${ctx.jobId}/${ctx.opIndex}`;
    const rt: LuRuntime = {
      ...mc, jobId: ctx.jobId, owner, signal: ctx.signal,
      feedback: (msg: string) => ctx.feedback('message', msg),
      setCancellable: (on: boolean) => ctx.setCancellable?.(on),
    };
    checkRefusedFields(op);   // again for jobs queued before an upgrade
    const lu = createLogicalUnit(op, rt);
    if (!lu) throw new OpCodeUnknown(`No logical unit for opcode '${op.OP_ID}'`, { ecode: 'wrong_input' });
    const lockOpts = (shared: boolean) => ({ shared, priority: ctx.priority, signal: ctx.signal });
    let result: unknown = null;
    let changed = false;
    try {
      lu.checkArguments();
      lu.expandNames();
      if (lu.requiresBgl) await mc.locks.acquire(owner, LockLevel.Cluster, [BGL], lockOpts(!lu.bglExclusive));
      for (const level of ACQUIRE_ORDER) {
        await lu.declareLocks(level);
        const names = lu.needLocks.get(level);
        if (names && (names === 'ALL' || names.length > 0)) {
          await mc.locks.acquire(owner, level, names, lockOpts(lu.shareLocks.has(level)));
        }
      }
      ctx.notifyRunning();
      await lu.checkPrereq();
      if (op.dry_run) return null;
      const before = mc.cfg.serial();
      result = await lu.exec();
      changed = mc.cfg.serial() !== before;
    } finally {
      mc.locks.releaseAll(owner);
      mc.cfg.releaseReservations(owner);
      mc.capacity.release(owner);
    }
    // A change is reported done only once every master candidate has it; the locks are
    // already free for the next job meanwhile.
    if (changed) await mc.replicator.waitReplicated(mc.cfg.serial());
    if (result instanceof ResultWithJobs) return submitCreatedJobs(result, op, ctx);
    return result;
  }
}

/** Queues the jobs a logical unit planned (mcpu's _ProcessResult): each opcode is checked
 * as a client's would be, and inherits the parent opcode's priority. */
async function submitCreatedJobs(r: ResultWithJobs, parent: Opcode, ctx: OpContext): Promise<Record<string, unknown>> {
  if (!ctx.submitJobs) throw new OpCodeUnknown(`${parent.OP_ID} creates jobs, which needs the job queue`, { ecode: 'wrong_input' });
  const jobs = r.jobs.map((ops) => ops.map((o) => {
    const op = validateOpcode({ ...o, priority: (o as Partial<Opcode>).priority ?? parent.priority });
    checkExecutable(op);
    return op;
  }));
  const results = jobs.length ? await ctx.submitJobs(jobs) : [];
  return { ...r.extra, [JOB_IDS_KEY]: results.map((x) => (x.ok ? [true, x.id] : [false, x.error.message])) };
}
