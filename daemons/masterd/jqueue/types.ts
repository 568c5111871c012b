// The job queue's public types: what the executor (the processor running logical units)
// receives, and what submit/cancel/archive answer.
import type { GanetiError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { Opcode } from '../../common/opcodes/index.js';
import type { FilterVerdict } from './filters.js';
import type { JobData } from './job.js';

export interface OpContext {
  jobId: number;
  opIndex: number;
  priority: number;
  signal: AbortSignal;
  /** Appends a line to the opcode's log (the user-facing job feedback). */
  feedback(type: string, message: string): void;
  /** Locks acquired: the opcode goes waiting -> running. Throws if the job was canceled meanwhile. */
  notifyRunning(): void;
  /** Submits jobs an opcode created (Ganeti's ResultWithJobs); absent where no queue runs the opcode. */
  submitJobs?(jobs: Opcode[][]): Promise<SubmitResult[]>;
  /** While on, the running opcode may be cancelled (it only waits, e.g. OP_TEST_DELAY's sleep). */
  setCancellable?(on: boolean): void;
}

export type OpExecutor = (op: Opcode, ctx: OpContext) => Promise<unknown>;

export interface JobQueueOptions {
  queueDir: string;
  archiveDir: string;
  executor: OpExecutor;
  maxRunning?: number;
  log?: Logger;
  hardLimit?: number;
  /** Job filter rules (filters.ts decideJob): asked before a queued job starts. */
  filter?: (job: JobData, running: readonly JobData[]) => FilterVerdict;
  /** The master candidates' copies of the queue (distribution/queue-replicator.ts). */
  replica?: QueueReplica;
}

/** Where the queue's journal entries go besides the master's own journal: the candidates. */
export interface QueueReplica {
  /** Sends entries, in order; resolves once every candidate acknowledged them or failed. */
  push(entries: string[]): Promise<void>;
  /** The whole live queue as entries, for a candidate that needs everything. */
  setSnapshot(fn: () => string[]): void;
}

export type SubmitResult = { ok: true; id: number } | { ok: false; error: GanetiError };
export interface ActionResult { ok: boolean; message: string }
export interface OpenResult { loaded: number; recovered: number[]; corrupt: string[] }
