// burnin's JobHandler: run a step's jobs one at a time (each followed to its end before
// the next is sent) or, with --parallel, queue them and submit the whole set in one
// request, then wait for all. Idempotent steps are retried (MAX_RETRIES) as in Ganeti.
// Submission and following reuse the gnt-* framework (MasterApi.submitJobs, pollJob).
import { decodeError } from '../../daemons/common/errors.js';
import { pollJob } from '../../daemons/common/client/job-poller.js';
import type { MasterApi, OpcodeDict } from '../../daemons/common/client/master-api.js';
import { formatError } from '../../daemons/common/client/report.js';
import { BatchFailed, Interrupted, JobFailed, StepUnsupported, type UnsupportedTest } from './errors.js';
import type { BurninLog } from './log.js';

export const MAX_RETRIES = 3;

interface QueuedJob {
  name: string;
  ops: OpcodeDict[];
  post?: () => void;
}

export class JobRunner {
  private queue: QueuedJob[] = [];
  private retry = false;
  private unsupported: UnsupportedTest | null = null;
  private doneInBatch = 0;
  /** Set by the signal handler; checked before each submission. */
  interruptedBy: string | null = null;
  /** Cleanup must run even after an interrupt. */
  ignoreInterrupt = false;

  constructor(private readonly master: MasterApi, private readonly log: BurninLog, private readonly parallel: boolean,
    private readonly stderr: (line: string) => void) {}

  /**
   * StartBatch: a new step. With an unsupported test, a first failure that it accepts
   * (every job of a parallel batch, or the first job of a serial one) skips the step.
   */
  startBatch(retry: boolean, unsupported: UnsupportedTest | null = null): void {
    this.queue = [];
    this.retry = retry;
    this.unsupported = unsupported;
    this.doneInBatch = 0;
  }

  /** ExecOrQueue: run now (serial) or queue for commit() (--parallel). */
  async execOrQueue(name: string, ops: OpcodeDict[], post?: () => void): Promise<void> {
    if (this.parallel) {
      this.queue.push({ name, ops, post });
      return;
    }
    const first = this.doneInBatch++ === 0;
    await this.maybeRetry(this.retry ? MAX_RETRIES : 0, 'opcode', () => this.runJob(name, ops), first);
    post?.();
  }

  /** CommitQueue: submit every queued job together and wait for all of them. */
  async commit(): Promise<void> {
    if (!this.parallel || !this.queue.length) return;
    const jobs = this.queue;
    this.queue = [];
    await this.maybeRetry(this.retry ? MAX_RETRIES : 0, 'jobset', () => this.runJobSet(jobs), true);
  }

  /** ExecOp: one job of several opcodes, now, whatever the mode (rename steps). */
  async execOp(retry: boolean, name: string, ops: OpcodeDict[]): Promise<unknown[]> {
    return this.maybeRetry(retry ? MAX_RETRIES : 0, 'opcode', () => this.runJob(name, ops), false);
  }

  private checkInterrupt(): void {
    if (this.interruptedBy && !this.ignoreInterrupt) throw new Interrupted(`Interrupted by ${this.interruptedBy}`);
  }

  private async runJob(name: string, ops: OpcodeDict[]): Promise<unknown[]> {
    this.checkInterrupt();
    const [res] = await this.master.submitJobs([ops]);
    if (!res?.ok) {
      throw new JobFailed(name, null, decodeError(res?.error ?? { class: 'GanetiError', message: 'no result from the master', ecode: '' }));
    }
    return this.follow(name, res.jobId);
  }

  private async follow(name: string, jobId: number): Promise<unknown[]> {
    try {
      return await pollJob(this.master, jobId, (entry) => this.log.feedback(entry), () => undefined);
    } catch (err) {
      if ((err as Error).name === 'NoMasterError') throw err;
      throw new JobFailed(name, jobId, err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** ExecJobSet through one SubmitJobs request; cli.JobExecutor's lines on stdout. */
  private async runJobSet(jobs: QueuedJob[]): Promise<unknown[]> {
    this.checkInterrupt();
    const submitted = await this.master.submitJobs(jobs.map((j) => j.ops));
    const failures: JobFailed[] = [];
    const okIds = submitted.filter((r) => r.ok).map((r) => r.jobId);
    if (okIds.length) this.log.raw(`Submitted jobs ${okIds.join(', ')}`);
    const results: unknown[] = [];
    for (const [i, job] of jobs.entries()) {
      const r = submitted[i];
      if (!r?.ok) {
        failures.push(new JobFailed(job.name, null, decodeError(r?.error ?? { class: 'GanetiError', message: 'no result from the master', ecode: '' })));
        continue;
      }
      this.log.raw(`Waiting for job ${r.jobId} for ${job.name} ...`);
      try {
        results.push(await this.follow(job.name, r.jobId));
        job.post?.();
      } catch (err) {
        if (!(err instanceof JobFailed)) throw err;
        failures.push(err);
      }
    }
    if (failures.length) throw new BatchFailed(failures, jobs.length);
    return results;
  }

  private isUnsupported(err: unknown): boolean {
    const test = this.unsupported;
    if (!test) return false;
    if (err instanceof JobFailed) return test(err.error);
    if (err instanceof BatchFailed) return err.failures.length === err.total && err.failures.every((f) => test(f.error));
    return false;
  }

  private report(err: unknown): void {
    const failures = err instanceof BatchFailed ? err.failures : err instanceof JobFailed ? [err] : [];
    for (const f of failures) {
      const text = formatError(f.error).text;
      if (f.jobId === null) this.stderr(`Failed to submit job for ${f.instance}: ${text}`);
      else this.stderr(`Job ${f.jobId} for ${f.instance} has failed: ${text}`);
    }
  }

  /**
   * MaybeRetry: retryCount MAX_RETRIES for an idempotent action (retried), 0 for one that
   * is not. A failure the step's unsupported test accepts ends the step instead.
   */
  private async maybeRetry<T>(retryCount: number, what: string, fn: () => Promise<T>, mayBeUnsupported: boolean): Promise<T> {
    for (let count = retryCount; ; count--) {
      try {
        const val = await fn();
        if (count > 0 && count < MAX_RETRIES) this.log.line(`Idempotent ${what} succeeded after ${MAX_RETRIES - count} retries`);
        return val;
      } catch (err) {
        if (mayBeUnsupported && this.isUnsupported(err)) {
          const first = err instanceof BatchFailed ? err.failures[0]! : (err as JobFailed);
          throw new StepUnsupported(first.error.message, first.jobId !== null);
        }
        if (!(err instanceof JobFailed || err instanceof BatchFailed)) throw err;
        this.report(err);
        if (count === 0) {
          this.log.line(`Non-idempotent ${what} failed, aborting`);
          throw err;
        }
        if (count === 1) {
          this.log.line(`Idempotent ${what} repeated failure, aborting`);
          throw err;
        }
        this.log.line(`Idempotent ${what} failed, retry #${MAX_RETRIES - count + 1}/${MAX_RETRIES}: ${err.message}`);
      }
    }
  }
}
