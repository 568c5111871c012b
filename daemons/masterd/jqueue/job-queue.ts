// The master's job queue: accepts jobs (durably, before answering), schedules them by
// priority and id under a running limit, honours dependencies, hands each opcode to the
// executor (the processor that runs logical units), records results and feedback, and
// lets clients watch, cancel, re-prioritise and archive jobs.
import { DEFAULT_MAX_RUNNING_JOBS, JOB_QUEUE_SIZE_HARD_LIMIT, Priority } from '../../common/constants.js';
import { encodeJobError, GanetiError, JobCanceledError, JobQueueDrainError, JobQueueFullError, OpExecError } from '../../common/errors.js';
import { createLogger, type Logger } from '../../common/log.js';
import type { Opcode } from '../../common/opcodes/index.js';
import { checkDependencies, resolveRelativeDeps, type DepState } from './dependencies.js';
import { jobDependencies, jobPriority, newJob, redactSecrets, timestamp, type JobData } from './job.js';
import { isFinalized, jobStatus, markUnfinishedOps } from './job-state.js';
import { CANCELED_RESULT, newRuntime, runJob, type Job } from './job-runner.js';
import { JobStore } from './job-store.js';
import { ReadyQueue } from './ready-queue.js';
import { watchJob, type JobChange } from './watch.js';
import type { ActionResult, JobQueueOptions, OpContext, OpenResult, OpExecutor, SubmitResult } from './types.js';

export { jobSummary } from './job.js';
export { jobStatus } from './job-state.js';
export type { ActionResult, JobQueueOptions, OpContext, OpenResult, OpExecutor, SubmitResult } from './types.js';
export type { JobData, LogEntry, QueuedOpcode } from './job.js';
export type { Timestamp } from './job-state.js';
export type { JobChange } from './watch.js';

/** How long a job's log lines may wait to share a write with its next change. */
const LOG_WRITE_DELAY_MS = 250;

export class JobQueue {
  private readonly store: JobStore;
  private readonly executor: OpExecutor;
  private readonly log: Logger;
  private readonly hardLimit: number;
  private maxRunning: number;
  private readonly jobs = new Map<number, Job>();
  private readonly active = new Set<number>();
  private readonly ready = new ReadyQueue<{ job: Job; token: number }>();
  private readonly blockedBy = new Map<number, Set<Job>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly archiving = new Map<number, Promise<void>>();
  /** Jobs whose log lines wait for their delayed write (written at once by close()). */
  private readonly lateWrites = new Map<Job, NodeJS.Timeout>();
  private readonly hooks = {
    changed: (j: Job, logOnly?: boolean) => this.changed(j, logOnly),
    finalize: (j: Job) => this.finalize(j),
    submit: (jobs: Opcode[][]) => this.submit(jobs),
  };
  private readonly filter: JobQueueOptions['filter'];
  /** Queued jobs a filter rule holds back (PAUSE, RATE_LIMIT); asked again by refilter(). */
  private readonly held = new Set<Job>();
  private reserved = 0;
  private scheduleQueued = false;
  private closed = false;

  constructor(opts: JobQueueOptions) {
    this.log = opts.log ?? createLogger('jqueue');
    this.store = new JobStore(opts.queueDir, opts.archiveDir, this.log, undefined, opts.replica ?? null);
    opts.replica?.setSnapshot(() => [`N${this.store.highestId}`, ...[...this.jobs.values()].map((j) => `J${JSON.stringify(j.data, redactSecrets)}`)]);
    this.executor = opts.executor;
    this.maxRunning = opts.maxRunning ?? DEFAULT_MAX_RUNNING_JOBS;
    this.hardLimit = opts.hardLimit ?? JOB_QUEUE_SIZE_HARD_LIMIT;
    this.filter = opts.filter;
  }

  /** The filter rules changed (or a held job's reason may be gone): ask again for held jobs. */
  refilter(): void {
    if (!this.held.size) return;
    const jobs = [...this.held];
    this.held.clear();
    for (const job of jobs) if (this.jobs.get(job.data.id) === job && jobStatus(job.data) === 'queued') this.pushReady(job);
    this.requestSchedule();
  }

  async open(): Promise<OpenResult> {
    await this.store.init();
    const { jobs, corrupt } = await this.store.loadAll();
    const recovered: number[] = [];
    const writes: Promise<void>[] = [];
    for (const data of jobs) {
      const job = this.track(data);
      const status = jobStatus(data);
      if (status === 'waiting' || status === 'running' || status === 'canceling') {
        // Whatever the dead master was doing is lost; say so rather than rerun it.
        const ts = timestamp();
        markUnfinishedOps(data, 'error', encodeJobError(new OpExecError('Unclean master daemon shutdown')), ts);
        data.end_timestamp = ts;
        recovered.push(data.id);
        writes.push(this.store.write(data, true));
      }
      job.finalPersisted = isFinalized(jobStatus(data));
    }
    await Promise.all(writes);
    for (const job of this.jobs.values()) if (jobStatus(job.data) === 'queued') this.admit(job);
    if (recovered.length) this.log.warn(`Marked ${recovered.length} unfinished jobs as failed`, { jobs: recovered });
    this.requestSchedule();
    return { loaded: jobs.length, recovered, corrupt };
  }

  async submit(jobs: Opcode[][]): Promise<SubmitResult[]> {
    const results: (SubmitResult | undefined)[] = new Array(jobs.length).fill(undefined);
    const reject = (i: number, error: GanetiError) => { results[i] = { ok: false, error }; };
    const accepted: number[] = [];
    let room = this.hardLimit - this.jobs.size - this.reserved;
    for (const [i, ops] of jobs.entries()) {
      if (this.closed) { reject(i, new GanetiError('Job queue is shutting down, refusing job')); continue; }
      if (this.store.isDrained()) { reject(i, new JobQueueDrainError('Job queue is drained, refusing job')); continue; }
      if (room <= 0) { reject(i, new JobQueueFullError(`Job queue is full (${this.hardLimit} jobs), refusing job`)); continue; }
      try {
        resolveRelativeDeps(ops, i, (j) => (j >= 0 && j < i && results[j] === undefined ? 0 : undefined));
      } catch (err) { reject(i, err as GanetiError); continue; }
      accepted.push(i);
      room--;
    }
    if (accepted.length === 0) return results as SubmitResult[];
    this.reserved += accepted.length;
    const written: JobData[] = [];
    try {
      const ids = await this.store.allocateIds(accepted.length);
      const idOf = new Map(accepted.map((index, k) => [index, ids[k]!]));
      const received = timestamp();
      const created = accepted.map((i) => newJob(idOf.get(i)!, resolveRelativeDeps(jobs[i]!, i, (j) => idOf.get(j)), received));
      const writes = await Promise.allSettled(created.map((d) => this.store.write(d)));
      writes.forEach((w, k) => {
        const i = accepted[k]!;
        if (w.status === 'fulfilled') {
          results[i] = { ok: true, id: created[k]!.id };
          written.push(created[k]!);
        } else {
          reject(i, new GanetiError(`Cannot write job file: ${(w.reason as Error).message}`));
        }
      });
    } catch (err) {
      for (const i of accepted) reject(i, new GanetiError(`Cannot allocate job ids: ${(err as Error).message}`));
    } finally {
      this.reserved -= accepted.length;
    }
    // All of them are tracked before any is admitted: later jobs may depend on earlier ones.
    const tracked = written.map((d) => this.track(d));
    for (const job of tracked) this.admit(job);
    this.requestSchedule();
    return results as SubmitResult[];
  }

  get(id: number): JobData | undefined { return this.jobs.get(id)?.data; }

  list(): JobData[] { return [...this.jobs.values()].map((j) => j.data).sort((a, b) => a.id - b.id); }

  /** The jobs a query sees (Ganeti's queryJobs): the live ones, plus the archived ones
   * among `ids`, or every archived job when `allArchived` (gnt-job list --archived). */
  async forQuery(ids: number[], allArchived: boolean): Promise<(JobData & { archived?: boolean })[]> {
    const jobs: (JobData & { archived?: boolean })[] = this.list();
    const wanted = allArchived ? await this.store.archivedIds() : ids;
    for (const id of new Set(wanted)) {
      if (this.jobs.has(id)) continue;
      const job = await this.loadArchived(id).catch((err: unknown) => {
        this.log.error(String((err as Error).message));
        return undefined;
      });
      if (job) jobs.push({ ...job, archived: true });
    }
    return jobs;
  }

  async loadArchived(id: number): Promise<JobData | undefined> {
    await this.archiving.get(id)?.catch(() => undefined);
    return this.store.loadArchived(id);
  }

  /** Yields the job's state now and after every change; ends after the final state. */
  watch(id: number, sinceSerial: number, signal?: AbortSignal): AsyncIterable<JobChange> {
    return watchJob(id, sinceSerial, signal, {
      live: (jid) => this.jobs.get(jid),
      archived: (jid) => this.loadArchived(jid),
      nextChange: (job) => this.nextChange(job),
    });
  }

  /**
   * The named live jobs whose final state is on disk (what WatchJob's last message carries),
   * after waiting up to waitMs for the first of them to be: a client following many jobs
   * (JobExecutor) reads the finished ones in one call instead of a stream each. Archived and
   * unknown ids are left out (WatchJob answers for them).
   */
  async finished(ids: number[], waitMs: number): Promise<JobData[]> {
    const first = ids.length ? this.jobs.get(ids[0]!) : undefined;
    if (first && !first.finalPersisted && waitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const timeout = new Promise<void>((r) => { timer = setTimeout(() => { timedOut = true; r(); }, waitMs); });
      try {
        while (!first.finalPersisted && !timedOut) await Promise.race([this.nextChange(first), timeout]);
      } finally { clearTimeout(timer); }
    }
    const out: JobData[] = [];
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (job?.finalPersisted) out.push(job.data);
    }
    return out;
  }

  /** A promise that resolves on the job's next change (wake() resolves it). */
  private nextChange(job: Job): Promise<void> {
    if (!job.changed) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      job.changed = { promise, resolve };
    }
    return job.changed.promise;
  }

  cancel(id: number): ActionResult {
    const job = this.jobs.get(id);
    if (!job) return { ok: false, message: `Job ${id} not found` };
    const status = jobStatus(job.data);
    if (status === 'queued' && !this.active.has(id)) {
      markUnfinishedOps(job.data, 'canceled', CANCELED_RESULT, timestamp());
      this.finalize(job);
      return { ok: true, message: `Job ${id} canceled` };
    }
    if (status === 'running' && job.cancellable) {
      // The opcode only waits (a test delay): aborting it leaves nothing behind.
      job.cancelRequested = true;
      job.abort?.abort(new JobCanceledError(`Job ${id} canceled`));
      return { ok: true, message: `Job ${id} will be canceled` };
    }
    if (status === 'waiting' || (status === 'queued' && this.active.has(id))) {
      // The executor sees the abort while waiting for locks; the runner finishes the job.
      markUnfinishedOps(job.data, 'canceling', null, timestamp());
      job.cancelRequested = true;
      job.abort?.abort(new JobCanceledError(`Job ${id} canceled`));
      this.changed(job);
      return { ok: true, message: `Job ${id} will be canceled` };
    }
    return { ok: false, message: `Job ${id} is no longer waiting in the queue` };
  }

  /** Moves a finished job to the archive; the file move completes in the background. */
  archive(id: number): ActionResult {
    const job = this.jobs.get(id);
    if (!job) return { ok: false, message: `Job ${id} not found` };
    if (!job.finalPersisted) return { ok: false, message: `Job ${id} is not yet finished` };
    this.jobs.delete(id);
    const p = this.store.archive(job.data).catch((err) => {
      this.log.error(`Cannot archive job ${id}: ${(err as Error).message}`);
    }).finally(() => this.archiving.delete(id));
    this.archiving.set(id, p);
    return { ok: true, message: `Job ${id} archived` };
  }

  /** Archives finished jobs older than ageSeconds (0 = all finished jobs); returns how many. */
  autoArchive(ageSeconds: number): number {
    const cutoff = Date.now() / 1000 - ageSeconds;
    let n = 0;
    for (const job of [...this.jobs.values()]) {
      const d = job.data;
      const ts = d.end_timestamp ?? d.start_timestamp ?? d.received_timestamp;
      if (!job.finalPersisted || (ageSeconds > 0 && (!ts || ts[0] + ts[1] / 1e6 > cutoff))) continue;
      if (this.archive(d.id).ok) n++;
    }
    return n;
  }

  changePriority(id: number, priority: number): ActionResult {
    const job = this.jobs.get(id);
    if (!job) return { ok: false, message: `Job ${id} not found` };
    if (!Number.isInteger(priority) || priority < Priority.Min || priority > Priority.Max) {
      return { ok: false, message: `Priority must be an integer from ${Priority.Min} to ${Priority.Max}, got ${priority}` };
    }
    const status = jobStatus(job.data);
    if (isFinalized(status)) return { ok: false, message: `Job ${id} is finished` };
    if (status === 'canceling') return { ok: false, message: `Job ${id} is cancelling` };
    let changed = false;
    for (const op of job.data.ops) {
      if (op.status === 'running' || isFinalized(op.status)) continue;
      op.priority = priority;
      changed = true;
    }
    if (!changed) return { ok: false, message: `Job ${id} had no pending opcodes` };
    if (status === 'queued' && !this.active.has(id)) this.pushReady(job);
    this.changed(job);
    return { ok: true, message: `Priorities of pending opcodes for job ${id} have been changed to ${priority}` };
  }

  setMaxRunning(n: number): void {
    this.maxRunning = Math.max(1, Math.floor(n));
    this.requestSchedule();
  }

  setDrained(drained: boolean): Promise<void> { return this.store.setDrained(drained); }
  isDrained(): boolean { return this.store.isDrained(); }

  /** Stops starting jobs and waits for pending writes and archive moves. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.lateWrites.keys()]) this.changed(job);
    while (this.background.size > 0 || this.archiving.size > 0) {
      await Promise.allSettled([...this.background, ...this.archiving.values()]);
    }
    // Let writes scheduled for the next turn start, then wait for all of them.
    await new Promise((r) => setImmediate(r));
    await this.store.close();
  }

  private track(data: JobData): Job {
    const job = newRuntime(data);
    this.jobs.set(data.id, job);
    return job;
  }

  /** A queued job enters scheduling: now if its dependencies allow, later if they are pending. */
  private admit(job: Job): void {
    if (jobStatus(job.data) !== 'queued' || this.active.has(job.data.id)) return;
    const verdict = checkDependencies(job.data.id, jobDependencies(job.data), (id) => this.depState(job, id));
    switch (verdict.kind) {
      case 'ready':
        this.pushReady(job);
        return;
      case 'wait': {
        let set = this.blockedBy.get(verdict.on);
        if (!set) this.blockedBy.set(verdict.on, (set = new Set()));
        set.add(job);
        return;
      }
      case 'lookup':
        this.runInBackground(Promise.all(verdict.ids.map(async (id) => {
          let status: string | null = null;
          try {
            const d = await this.loadArchived(id);
            if (d) status = jobStatus(d);
          } catch (err) { this.log.warn(`Dependency ${id} of job ${job.data.id}: ${(err as Error).message}`); }
          job.archivedDeps.set(id, status);
        })).then(() => { this.admit(job); this.requestSchedule(); }));
        return;
      case 'cancel':
        markUnfinishedOps(job.data, 'canceled', verdict.message, timestamp());
        this.finalize(job);
        return;
      case 'error':
        markUnfinishedOps(job.data, 'error', encodeJobError(new OpExecError(verdict.message)), timestamp());
        this.finalize(job);
    }
  }

  private depState(job: Job, id: number): DepState {
    const dep = this.jobs.get(id);
    if (dep) return dep.finalPersisted ? { kind: 'final', status: jobStatus(dep.data) } : { kind: 'pending' };
    if (!job.archivedDeps.has(id)) return { kind: 'unknown' };
    const status = job.archivedDeps.get(id);
    return status ? { kind: 'final', status } : { kind: 'missing' };
  }

  private pushReady(job: Job): void {
    const token = ++job.readyToken;
    this.ready.push(jobPriority(job.data), job.data.id, { job, token });
  }

  private requestSchedule(): void {
    if (this.scheduleQueued) return;
    this.scheduleQueued = true;
    queueMicrotask(() => { this.scheduleQueued = false; this.schedule(); });
  }

  private schedule(): void {
    while (!this.closed && this.active.size < this.maxRunning) {
      const next = this.ready.pop(({ job, token }) => token === job.readyToken && this.jobs.get(job.data.id) === job
        && jobStatus(job.data) === 'queued' && !this.active.has(job.data.id));
      if (!next) return;
      if (this.filter && !this.admitByFilter(next.job)) continue;
      this.active.add(next.job.data.id);
      // Not tracked for close(): a running opcode may take hours; its writes are.
      runJob(next.job, this.executor, this.hooks).catch((err) => this.log.error(`Job ${next.job.data.id} runner failed: ${(err as Error).message}`));
    }
  }

  /** Asks the filter rules; false when the job is held or was rejected (cancelled). */
  private admitByFilter(job: Job): boolean {
    const running = [...this.active].map((id) => this.jobs.get(id)?.data).filter((d): d is JobData => !!d);
    const verdict = this.filter!(job.data, running);
    if (verdict.kind === 'run') return true;
    if (verdict.kind === 'pause') { this.held.add(job); return false; }
    markUnfinishedOps(job.data, 'canceled', verdict.message, timestamp());
    this.finalize(job);
    return false;
  }

  /** The job reached a final state in memory: free its slot, persist, then tell everyone. */
  private finalize(job: Job): void {
    const d = job.data;
    d.end_timestamp = timestamp();
    job.finalizing = true;
    this.held.delete(job);
    if (this.active.delete(d.id)) { this.requestSchedule(); this.refilter(); }
    this.runInBackground(this.store.write(d, true).catch((err) => {
      this.log.error(`Cannot write final state of job ${d.id}: ${(err as Error).message}`);
    }).then(() => {
      job.finalPersisted = true;
      this.wake(job);
      const dependents = this.blockedBy.get(d.id);
      this.blockedBy.delete(d.id);
      for (const dep of dependents ?? []) this.admit(dep);
      this.requestSchedule();
    }));
  }

  /**
   * A non-final change: wake watchers now (they read memory), write soon. A status change
   * is written on the next turn; log lines alone wait up to LOG_WRITE_DELAY_MS, so a short
   * job's feedback rides along with its next status or final write instead of costing an
   * fsync per line (recovery after a crash needs the status, not every log line).
   */
  private changed(job: Job, logOnly = false): void {
    this.wake(job);
    if (job.finalizing || job.writeScheduled === 'now') return;
    if (job.writeScheduled === 'later' && logOnly) return;
    const write = () => {
      job.writeScheduled = null;
      clearTimeout(this.lateWrites.get(job));
      this.lateWrites.delete(job);
      if (job.finalizing) return;   // the final write carries this change
      this.store.write(job.data).catch((err) => {
        this.log.error(`Cannot write job ${job.data.id}: ${(err as Error).message}`);
      });
    };
    if (logOnly) {
      job.writeScheduled = 'later';
      const timer = setTimeout(() => { if (job.writeScheduled === 'later') write(); }, LOG_WRITE_DELAY_MS);
      this.lateWrites.set(job, timer.unref());
    } else {
      job.writeScheduled = 'now';
      setImmediate(write);
    }
  }

  private wake(job: Job): void {
    const c = job.changed;
    job.changed = null;
    c?.resolve();
  }

  private runInBackground(p: Promise<unknown>): void {
    const q = p.catch((err) => this.log.error(`Job queue task failed: ${(err as Error).message}`))
      .finally(() => this.background.delete(q));
    this.background.add(q);
  }
}
