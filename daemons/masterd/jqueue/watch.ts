// Following a job (Ganeti's WaitForJobChanges as a stream): the current state and the log
// entries after the caller's serial at once, then one item per change, ending with the
// final state. A final status is only shown once it is on disk.
import { JobLostError } from '../../common/errors.js';
import type { JobData, LogEntry } from './job.js';
import { isFinalized, jobStatus } from './job-state.js';

export interface JobChange { status: string; log: LogEntry[]; final: boolean }

/** What watchJob needs from the queue (kept narrow so the queue's internals stay private). */
export interface WatchSource<J extends { data: JobData; finalPersisted: boolean }> {
  live(id: number): J | undefined;
  archived(id: number): Promise<JobData | undefined>;
  /** A promise that resolves on the job's next change. */
  nextChange(job: J): Promise<void>;
}

export function logSince(job: JobData, serial: number): LogEntry[] {
  const out: LogEntry[] = [];
  for (const op of job.ops) for (const e of op.log) if (e[0] > serial) out.push(e);
  return out;
}

export async function* watchJob<J extends { data: JobData; finalPersisted: boolean }>(
  id: number, sinceSerial: number, signal: AbortSignal | undefined, src: WatchSource<J>,
): AsyncGenerator<JobChange, void, undefined> {
  const job = src.live(id);
  if (!job) {
    const data = await src.archived(id);
    if (!data) throw new JobLostError(`Job ${id} not found`);
    yield { status: jobStatus(data), log: logSince(data, sinceSerial), final: true };
    return;
  }
  let since = sinceSerial;
  let lastStatus: string | null = null;
  while (!signal?.aborted) {
    // Ask for the next change before reading, so a change in between is not missed.
    const next = src.nextChange(job);
    const status = jobStatus(job.data);
    const final = isFinalized(status);
    if (!final || job.finalPersisted) {
      const log = logSince(job.data, since);
      if (lastStatus === null || log.length > 0 || status !== lastStatus) {
        yield { status, log, final };
        lastStatus = status;
        if (log.length > 0) since = log[log.length - 1]![0];
      }
      if (final) return;
    }
    if (!(await untilOrAborted(next, signal))) return;
  }
}

/** Resolves true when p resolves, false if the signal aborts first. */
function untilOrAborted(p: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return p.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = (ok: boolean) => { signal.removeEventListener('abort', onAbort); resolve(ok); };
    p.then(() => settle(true), () => settle(false));
  });
}
