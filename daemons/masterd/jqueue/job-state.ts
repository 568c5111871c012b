// The job/opcode state machine (Ganeti's jqueue): which opcode status may follow which, and
// the job status derived from its opcodes. Every status change of an opcode goes through
// setOpStatus or markUnfinishedOps, so that the runner, the queue (cancel, dependencies,
// start-up recovery) and the query layer all follow this one table.
import { FINALIZED_STATUSES, JobStatus } from '../../common/constants.js';
import { ProgrammerError } from '../../common/errors.js';

export type OpStatus = JobStatus;
/** [seconds, microseconds] since the epoch, as Ganeti writes timestamps. */
export type Timestamp = [number, number];

/** The part of a queued opcode that the state machine changes. */
export interface OpState {
  status: OpStatus;
  result: unknown;
  end_timestamp: Timestamp | null;
}

/**
 * Allowed successors of each opcode status. queued: not started; waiting: handed to the
 * executor, acquiring locks; running: locks held; canceling: cancel requested while queued
 * or waiting, the executor still has to notice. An executor that fails (or, in tests, ends)
 * before it reports its locks goes from waiting straight to its final status.
 */
export const OP_TRANSITIONS: Readonly<Record<OpStatus, readonly OpStatus[]>> = {
  queued: ['waiting', 'canceling', 'canceled', 'error'],
  waiting: ['running', 'canceling', 'canceled', 'error', 'success'],
  running: ['success', 'error', 'canceled'],
  canceling: ['canceled', 'error', 'success'],
  success: [],
  error: [],
  canceled: [],
};

export function isFinalized(status: string): boolean {
  return (FINALIZED_STATUSES as readonly string[]).includes(status);
}

export function canTransition(from: OpStatus, to: OpStatus): boolean {
  return OP_TRANSITIONS[from].includes(to);
}

/** Moves one opcode to `to`; a final status records the result and the end time. */
export function setOpStatus(op: OpState, to: OpStatus, ts: Timestamp, result?: unknown): void {
  if (op.status === to) return;
  if (!canTransition(op.status, to)) throw new ProgrammerError(`Opcode status cannot change from ${op.status} to ${to}`);
  op.status = to;
  if (result !== undefined) op.result = result;
  if (isFinalized(to)) op.end_timestamp = ts;
}

/** Sets every unfinished opcode to `status` with `result` (Ganeti's MarkUnfinishedOps). */
export function markUnfinishedOps(job: { ops: OpState[] }, status: OpStatus, result: unknown, ts: Timestamp): void {
  for (const op of job.ops) {
    if (isFinalized(op.status)) continue;
    setOpStatus(op, status, ts, result);
  }
}

/**
 * Ganeti's _QueuedJob.CalcStatus: the first opcode in error/canceling/canceled decides;
 * all success -> success; else the last waiting/running opcode; else queued.
 */
export function jobStatus(job: { ops: readonly { status: string }[] }): JobStatus {
  let status: JobStatus = JobStatus.Queued;
  let allSuccess = job.ops.length > 0;
  for (const op of job.ops) {
    switch (op.status) {
      case 'error': case 'canceling': case 'canceled':
        return op.status;
      case 'success':
        continue;
      case 'waiting': case 'running':
        status = op.status;
        break;
      default:
        break;
    }
    allSuccess = false;
  }
  return allSuccess ? JobStatus.Success : status;
}
