// Runs one job's opcodes in order through the executor: waiting (handed over), running
// (locks acquired, via notifyRunning), then success, error (the rest fail too) or
// canceled. Persistence and notification stay with the queue (RunnerHooks).
import { encodeJobError, JobCanceledError, OpExecError } from '../../common/errors.js';
import { lastLogSerial, timestamp, type JobData } from './job.js';
import { isFinalized, jobStatus, markUnfinishedOps, setOpStatus } from './job-state.js';
import type { Opcode } from '../../common/opcodes/index.js';
import type { OpContext, OpExecutor, SubmitResult } from './types.js';

export const CANCELED_RESULT = 'Job canceled by request';

/** Runtime state of a job next to its persisted data. */
export interface Job {
  data: JobData;
  abort: AbortController | null;
  cancelRequested: boolean;
  logSerial: number;
  /** Final state is durable: watchers and dependents may now be told. */
  finalPersisted: boolean;
  finalizing: boolean;
  /** A write of a non-final change is pending: 'now' (status) or 'later' (log lines only). */
  writeScheduled: 'now' | 'later' | null;
  readyToken: number;
  changed: { promise: Promise<void>; resolve: () => void } | null;
  archivedDeps: Map<number, string | null>;
  /** The running opcode said it can be cancelled now (OpContext.setCancellable). */
  cancellable: boolean;
}

export function newRuntime(data: JobData): Job {
  return {
    data, abort: null, cancelRequested: false, logSerial: lastLogSerial(data), finalPersisted: false,
    finalizing: false, writeScheduled: null, readyToken: 0, changed: null, archivedDeps: new Map(), cancellable: false,
  };
}

export interface RunnerHooks {
  /** A non-final change: wake watchers, write soon (a status change at once; log lines
   * only may wait a little and share a write with what follows). */
  changed(job: Job, logOnly?: boolean): void;
  /** The job is final in memory: persist, then tell watchers and dependents. */
  finalize(job: Job): void;
  /** Queues jobs an opcode created (ResultWithJobs). */
  submit?(jobs: Opcode[][]): Promise<SubmitResult[]>;
}

export async function runJob(job: Job, executor: OpExecutor, queue: RunnerHooks): Promise<void> {
  const d = job.data;
  const ac = new AbortController();
  job.abort = ac;
  for (const [opIndex, op] of d.ops.entries()) {
    if (job.cancelRequested) break;
    if (isFinalized(op.status)) continue;
    const ts = timestamp();
    setOpStatus(op, 'waiting', ts);
    op.start_timestamp = ts;
    d.start_timestamp ??= ts;
    queue.changed(job);
    const ctx: OpContext = {
      jobId: d.id, opIndex, priority: op.priority, signal: ac.signal,
      feedback: (type, message) => {
        op.log.push([++job.logSerial, timestamp(), type, message]);
        queue.changed(job, true);
      },
      notifyRunning: () => {
        if (job.cancelRequested) throw ac.signal.reason;
        if (op.status !== 'waiting') return;
        op.exec_timestamp = timestamp();
        setOpStatus(op, 'running', op.exec_timestamp);
        queue.changed(job);
      },
      ...(queue.submit ? { submitJobs: (jobs: Opcode[][]) => queue.submit!(jobs) } : {}),
      setCancellable: (on: boolean) => { job.cancellable = on; },
    };
    try {
      job.cancellable = false;
      const result = await executor(op.input, ctx);
      setOpStatus(op, 'success', timestamp(), result === undefined ? null : result);
    } catch (err) {
      const now = timestamp();
      if (job.cancelRequested && (err === ac.signal.reason || err instanceof JobCanceledError)) {
        markUnfinishedOps(d, 'canceled', CANCELED_RESULT, now);
      } else {
        setOpStatus(op, 'error', now, encodeJobError(err));
        markUnfinishedOps(d, 'error', encodeJobError(new OpExecError('Preceding opcode failed')), now);
      }
      break;
    }
  }
  if (!isFinalized(jobStatus(d))) markUnfinishedOps(d, 'canceled', CANCELED_RESULT, timestamp());
  job.abort = null;
  queue.finalize(job);
}
