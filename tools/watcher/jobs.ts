// Submitting the watcher's jobs: every opcode carries the reason "gnt:watcher" (Ganeti's
// OPCODE_REASON_SRC_WATCHER) so `gnt-job info` shows who asked; a job the master refuses
// becomes the error it names; jobs are followed like cli.PollJob, their log going to the
// watcher's debug log.
import { decodeError, type GanetiError } from '../../daemons/common/errors.js';
import type { MasterApi, OpcodeDict } from '../../daemons/common/client/master-api.js';
import { pollJob } from '../../daemons/common/client/job-poller.js';
import type { BuildParams, OpcodeDef } from '../../daemons/common/opcodes/define.js';
import type { Shape } from '../../daemons/common/opcodes/schema.js';
import type { WatcherLog } from './log.js';

export const REASON_SRC_WATCHER = 'gnt:watcher';
export const PRIORITY_LOW = 10;

/** An opcode built by its shared definition, with the watcher's reason trail entry (nanoseconds, as utils.EpochNano). */
export function watcherOp<S extends Shape>(def: OpcodeDef<S>, params: BuildParams<S>, why: string): OpcodeDict {
  return def.build({ ...params, reason: [[REASON_SRC_WATCHER, why, Math.round(Date.now() * 1e6)]] }) as unknown as OpcodeDict;
}

/** Submits several jobs at once; each entry is the job id or the error the master gave. */
export async function submitJobs(master: MasterApi, jobs: OpcodeDict[][]): Promise<(number | GanetiError)[]> {
  const res = await master.submitJobs(jobs);
  return res.map((r) => (r.ok ? r.jobId : decodeError(r.error ?? { class: 'GanetiError', message: 'job refused', ecode: '' })));
}

/** Follows a job to its end: its per-opcode results, or throws the job's error. */
export function waitJob(master: MasterApi, jobId: number, log: WatcherLog): Promise<unknown[]> {
  return pollJob(master, jobId, (e) => log.debug(`job ${jobId}: ${e.message}`), () => undefined);
}

/** Errors that end the whole run quietly (Ganeti only logs them): the queue refuses work. */
export function isQueueRefusal(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'JobQueueDrainError' || name === 'JobQueueFullError';
}

/** The master does not know this opcode (an older master, or a feature not built yet). */
export function isUnknownOpcode(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return e?.name === 'OpCodeUnknown' || /Unknown opcode|no logical unit/i.test(e?.message ?? '');
}
