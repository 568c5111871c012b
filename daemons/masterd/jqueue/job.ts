// A job as Ganeti stores it in queue/job-<id>, and the pure functions over it: priority,
// summaries, timestamps, dependencies, shape checks. Status changes: job-state.ts.
import { JobStatus, Priority } from '../../common/constants.js';
import { summarizeOpcode, type Opcode } from '../../common/opcodes/index.js';
import { isFinalized, type OpStatus, type Timestamp } from './job-state.js';

/** [serial, [sec, usec], type, message] */
export type LogEntry = [number, Timestamp, string, string];

export interface QueuedOpcode {
  input: Opcode;
  status: OpStatus;
  result: unknown;
  log: LogEntry[];
  priority: number;
  start_timestamp: Timestamp | null;
  exec_timestamp: Timestamp | null;
  end_timestamp: Timestamp | null;
}

export interface JobData {
  id: number;
  ops: QueuedOpcode[];
  received_timestamp: Timestamp | null;
  start_timestamp: Timestamp | null;
  end_timestamp: Timestamp | null;
}

/** A dependency as stored in an opcode's `depends`: [job id, allowed final statuses]. */
export type Dependency = [number, string[]];

export function timestamp(ms: number = performance.timeOrigin + performance.now()): Timestamp {
  const sec = Math.floor(ms / 1000);
  return [sec, Math.floor((ms - sec * 1000) * 1000)];
}

/** Ganeti's CalcPriority: the best priority among unfinished opcodes. */
export function jobPriority(job: Pick<JobData, 'ops'>): number {
  let best: number | null = null;
  for (const op of job.ops) {
    if (isFinalized(op.status)) continue;
    if (best === null || op.priority < best) best = op.priority;
  }
  return best ?? Priority.Normal;
}

export function jobSummary(job: Pick<JobData, 'ops'>): string[] {
  return job.ops.map((op) => summarizeOpcode(op.input as Opcode & Record<string, unknown>));
}

/** The dependencies of all opcodes of a job, deduplicated by id (first list wins). */
export function jobDependencies(job: Pick<JobData, 'ops'>): Dependency[] {
  const seen = new Map<number, string[]>();
  for (const op of job.ops) {
    for (const dep of (op.input.depends ?? []) as unknown[]) {
      if (!Array.isArray(dep)) continue;
      const [id, statuses] = dep as [unknown, unknown];
      if (typeof id !== 'number' || seen.has(id)) continue;
      seen.set(id, Array.isArray(statuses) ? statuses.map(String) : []);
    }
  }
  return [...seen];
}

export function newJob(id: number, ops: Opcode[], received: Timestamp): JobData {
  return {
    id,
    ops: ops.map((input) => ({
      input, status: JobStatus.Queued, result: null, log: [],
      priority: typeof input.priority === 'number' ? input.priority : Priority.Normal,
      start_timestamp: null, exec_timestamp: null, end_timestamp: null,
    })),
    received_timestamp: received,
    start_timestamp: null,
    end_timestamp: null,
  };
}

/** Highest log serial in a job (serials are per job, across its opcodes). */
export function lastLogSerial(job: JobData): number {
  let max = 0;
  for (const op of job.ops) for (const e of op.log) if (e[0] > max) max = e[0];
  return max;
}

/** Checks that parsed JSON has the shape of a job file; returns a reason if not. */
export function jobShapeProblem(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  const j = v as Record<string, unknown>;
  if (!Number.isInteger(j.id)) return "missing or non-integer 'id'";
  if (!Array.isArray(j.ops) || j.ops.length === 0) return "missing or empty 'ops'";
  for (const [i, op] of (j.ops as unknown[]).entries()) {
    if (op === null || typeof op !== 'object') return `ops[${i}] is not an object`;
    const o = op as Record<string, unknown>;
    if (typeof o.status !== 'string' || !Object.values(JobStatus).includes(o.status as JobStatus)) {
      return `ops[${i}] has an invalid status ${JSON.stringify(o.status)}`;
    }
    if (o.input === null || typeof o.input !== 'object') return `ops[${i}] has no input opcode`;
    if (!Array.isArray(o.log)) o.log = [];
  }
  return null;
}

/** Ganeti's secret parameters (osparams_secret) stay in memory only: a JSON.stringify replacer
 * that writes '<redacted>' for their values in job files, and for what queries show. */
export const REDACTED = '<redacted>';
export function redactSecrets(key: string, value: unknown): unknown {
  if (key === 'osparams_secret' && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.keys(value).map((k) => [k, REDACTED]));
  }
  return value;
}
