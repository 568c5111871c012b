// cli.JobExecutor: many jobs submitted in one request, then followed one after the other —
// "Submitted jobs 4, 5", "Waiting for job 4 ...", each job's log, and per-job failures on
// stderr — with one (success, result) pair per job in submission order.
import { decodeError } from '../errors.js';
import { reportFinishedJob, type LogReporter } from './job-poller.js';
import type { JobChange, MasterApi, OpcodeDict } from './master-api.js';
import { formatError } from './report.js';
import type { ClientContext } from './context.js';
import { waitJob } from './submit.js';

export interface JobOutcome {
  success: boolean;
  /** The per-opcode results on success; the formatted error text on failure. */
  result: unknown;
  jobId: number | null;
  name: string | null;
}

interface Tracked {
  idx: number;
  ok: boolean;
  /** Job id when ok, the submission error text otherwise. */
  data: number | string;
  name: string | null;
}

/** Jobs asked about per FinishedJobs call, and how long the master waits for the first. */
const FINISHED_WINDOW = 500;
const FIRST_WAIT_MS = 1000;

export class JobExecutor {
  private finishedJobsWorks = true;
  private readonly queue: { name: string | null; ops: OpcodeDict[] }[] = [];
  private jobs: Tracked[] = [];
  private counter = 0;

  constructor(private readonly ctx: ClientContext, private readonly verbose = true,
    private readonly report: LogReporter = 'stdio') {}

  private static ifName(name: string | null, fmt: (n: string) => string): string {
    return name ? fmt(name) : '';
  }

  /** Records a job (its opcodes already built with buildOp) for the next submitPending(). */
  queueJob(name: string | null, ...ops: OpcodeDict[]): void {
    this.queue.push({ name, ops });
  }

  /** Adds a job submitted elsewhere (e.g. jobs an opcode created). */
  addJobId(name: string | null, ok: boolean, data: number | string): void {
    this.jobs.push({ idx: this.counter++, ok, data, name });
  }

  /** Submits every queued job in one SubmitJobs request. */
  async submitPending(): Promise<void> {
    if (!this.queue.length) return;
    const master = await this.ctx.master();
    const results = await master.submitJobs(this.queue.map((q) => q.ops));
    this.queue.forEach((q, i) => {
      const r = results[i];
      if (r?.ok) this.addJobId(q.name, true, r.jobId);
      else this.addJobId(q.name, false, r?.error ? decodeError(r.error).message : 'no result from the master');
    });
    this.queue.length = 0;
  }

  /** Waits for every job; failures are reported on stderr and returned as text. */
  async getResults(): Promise<JobOutcome[]> {
    if (!this.jobs.length) await this.submitPending();
    const out: (JobOutcome & { idx: number })[] = [];
    const okIds = this.jobs.filter((j) => j.ok).map((j) => j.data);
    if (this.verbose && okIds.length) this.ctx.out(`Submitted jobs ${okIds.join(', ')}`);
    for (const j of this.jobs.filter((x) => !x.ok)) {
      this.ctx.err(`Failed to submit job${JobExecutor.ifName(j.name, (n) => ` for ${n}`)}: ${j.data}`);
      out.push({ idx: j.idx, success: false, result: j.data, jobId: null, name: j.name });
    }
    const okJobs = this.jobs.filter((x) => x.ok);
    const ids = okJobs.map((x) => x.data as number);
    const finished = new Map<number, JobChange>();
    for (const [k, j] of okJobs.entries()) {
      const id = j.data as number;
      const forName = JobExecutor.ifName(j.name, (n) => ` for ${n}`);
      this.ctx.out(`Waiting for job ${id}${forName} ...`);
      try {
        const result = await this.follow(k, ids, finished);
        out.push({ idx: j.idx, success: true, result, jobId: id, name: j.name });
      } catch (err) {
        if ((err as Error).name === 'NoMasterError') throw err;
        const text = formatError(err).text;
        if ((err as Error).name === 'JobLostError') {
          this.ctx.err(`Job ${id}${forName} has been archived, cannot check its result`);
        } else {
          this.ctx.err(`Job ${id}${forName} has failed: ${text}`);
        }
        out.push({ idx: j.idx, success: false, result: text, jobId: id, name: j.name });
      }
    }
    this.jobs = [];
    return out.sort((a, b) => a.idx - b.idx).map(({ idx: _idx, ...rest }) => rest);
  }

  /**
   * One job's results, followed as waitJob does. With many jobs, those after it that are
   * already finished come in one FinishedJobs call and are reported from it (the same lines):
   * a stream per job cost the master about 0.7 ms of CPU each, and in a batch most jobs have
   * ended by the time the client reaches them. A job still running after FIRST_WAIT_MS is
   * followed by its stream, its log as it arrives.
   */
  private async follow(k: number, ids: number[], finished: Map<number, JobChange>): Promise<unknown[]> {
    const id = ids[k]!;
    if (!finished.has(id) && ids.length > 1 && this.finishedJobsWorks) {
      const master: MasterApi = await this.ctx.master();
      if (master.finishedJobs) {
        const window: number[] = [id];
        for (let i = k + 1; i < ids.length && window.length < FINISHED_WINDOW; i++) {
          if (!finished.has(ids[i]!)) window.push(ids[i]!);
        }
        try {
          for (const c of await master.finishedJobs(window, FIRST_WAIT_MS)) finished.set(c.jobId, c);
        } catch (err) {
          if ((err as Error).name === 'NoMasterError') throw err;
          this.finishedJobsWorks = false;   // an older master: each job by its stream
        }
      }
    }
    const change = finished.get(id);
    if (!change) return waitJob(this.ctx, id, this.report);
    finished.delete(id);
    return reportFinishedJob(change, this.report, this.ctx.out);
  }

  /** With wait, getResults(); otherwise submit and print "<id>: <name>" per job. */
  async waitOrShow(wait: boolean): Promise<JobOutcome[]> {
    if (wait) return this.getResults();
    if (!this.jobs.length) await this.submitPending();
    const res = this.jobs.map((j) => {
      if (j.ok) this.ctx.out(`${j.data}: ${j.name ?? ''}`);
      else this.ctx.err(`Failure for ${j.name ?? ''}: ${j.data}`);
      return { success: j.ok, result: j.data, jobId: j.ok ? (j.data as number) : null, name: j.name };
    });
    this.jobs = [];
    return res;
  }
}
