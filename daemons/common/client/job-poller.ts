// Following a job to its end (cli.PollJob / GenericPollJob): log entries are printed as they
// arrive, "<ctime> <message>"; a successful job yields its per-opcode results, a failed one
// raises the error its failed opcode carries (class, message, ecode) so that the caller
// prints Ganeti's "Failure: …" text and exits with the code of that error class.
import { OpExecError, decodeJobError, JobLostError, GanetiError } from '../errors.js';
import { delay } from '../async.js';
import type { JobChange, LogEntry, MasterApi } from './master-api.js';
import { ctime, pyStr } from './py-format.js';

export const FINAL_STATUSES = ['success', 'error', 'canceled', 'canceling'];

/** Where log entries go: printed to stdout ('stdio'), dropped ('silent'), or a callback. */
export type LogReporter = 'stdio' | 'silent' | ((entry: LogEntry) => void);

/** One log line as StdioJobPollReportCb prints it. */
export function formatLogLine(entry: LogEntry): string {
  const text = entry.type === 'message' ? entry.message : pyStr(entry.message);
  return `${ctime(entry.timestamp)} ${text}`;
}

/** errors.MaybeRaise: a failed opcode's result is an encoded error; returns it decoded, or null. */
export function decodeOpError(result: unknown): GanetiError | null {
  return decodeJobError(result);
}

/** The error a finished, unsuccessful job stands for (GenericPollJob's tail). */
export function jobFailure(status: string, opstatus: string[], opresult: unknown[]): GanetiError {
  if (status === 'canceled' || status === 'canceling') return new OpExecError('Job was canceled');
  let hasOk = false;
  for (let i = 0; i < opstatus.length; i++) {
    if (opstatus[i] === 'success') {
      hasOk = true;
    } else if (opstatus[i] === 'error') {
      const decoded = decodeOpError(opresult[i]);
      if (decoded) return decoded;
      if (hasOk) return new OpExecError(`partial failure (opcode ${i}): ${pyStr(opresult[i])}`);
      return new OpExecError(pyStr(opresult[i]));
    }
  }
  return new OpExecError(pyStr(opresult));
}

/**
 * Follows job jobId until it is final; resolves with its per-opcode results when it
 * succeeded, rejects with the job's error otherwise.
 */
export async function pollJob(master: MasterApi, jobId: number, report: LogReporter, out: (line: string) => void): Promise<unknown[]> {
  let lastSerial = 0;
  let final: JobChange | null = null;
  for (let attempt = 0; !final; attempt++) {
    if (attempt) await delay(Math.min(1000, 100 * attempt));
    let sawAny = false;
    try {
      for await (const change of master.watchJob(jobId, lastSerial)) {
        sawAny = true;
        lastSerial = reportLog(change.log, lastSerial, report, out);
        if (FINAL_STATUSES.includes(change.status) && (change.opresult || change.status !== 'canceling')) {
          final = change;
          break;
        }
      }
    } catch (err) {
      if ((err as { name?: string }).name === 'ResolverError' || (err as { ecode?: string }).ecode === 'unknown_entity') {
        throw new JobLostError(`Job with id ${jobId} lost`);
      }
      throw err;
    }
    if (!final && !sawAny && attempt > 50) throw new JobLostError(`Job with id ${jobId} lost`);
  }
  return finalResult(final);
}

/** A finished job's change as FinishedJobs gives it: its whole log reported as pollJob
 * reports it, then its results, or its error thrown. */
export function reportFinishedJob(final: JobChange, report: LogReporter, out: (line: string) => void): unknown[] {
  reportLog(final.log, 0, report, out);
  return finalResult(final);
}

/** Reports the entries after lastSerial; returns the last serial reported. */
function reportLog(log: LogEntry[], lastSerial: number, report: LogReporter, out: (line: string) => void): number {
  for (const entry of log) {
    if (entry.serial <= lastSerial) continue;
    lastSerial = entry.serial;
    if (report === 'stdio') out(formatLogLine(entry));
    else if (typeof report === 'function') report(entry);
  }
  return lastSerial;
}

function finalResult(final: JobChange): unknown[] {
  const opresult = final.opresult ?? [];
  if (final.status === 'success') return opresult;
  throw jobFailure(final.status, final.opstatus ?? [], opresult);
}
