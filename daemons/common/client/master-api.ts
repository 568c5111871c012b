// What the gnt-* programs need from ganeti-masterd, as plain TS types (no gRPC here, so that
// verbs and tests can use a fake). master-client.ts implements it over the Master service.
import type { EncodedError } from '../errors.js';

/** An opcode as sent to the master: OP_ID plus Ganeti's parameter names. */
export type OpcodeDict = { OP_ID: string } & Record<string, unknown>;

export interface SubmitResult {
  ok: boolean;
  jobId: number;
  /** Set when ok is false: why the master refused this job (queue drained, bad opcode…). */
  error: EncodedError | null;
}

export interface LogEntry {
  serial: number;
  /** Seconds since the epoch (float). */
  timestamp: number;
  type: string;
  message: string;
}

/** One notification of WatchJob: new log entries since the last one, and the status. */
export interface JobChange {
  jobId: number;
  status: string;
  log: LogEntry[];
  /** Per-opcode results and statuses; present once the job is final. */
  opresult: unknown[] | null;
  opstatus: string[] | null;
}

export type FieldKind = 'text' | 'bool' | 'number' | 'unit' | 'timestamp' | 'other' | 'unknown';

export interface FieldDefinition {
  name: string;
  title: string;
  kind: FieldKind | string;
  doc: string;
}

/** Query cell status (Ganeti RS_*): 0 normal, 1 unknown field, 2 no data, 3 unavailable, 4 offline. */
export const CellStatus = { Normal: 0, Unknown: 1, NoData: 2, Unavail: 3, Offline: 4 } as const;

export interface Cell { status: number; value: unknown }

/** One field's cells: values[r] of row r; statuses null when every cell is normal. */
export interface QueryColumn { statuses: number[] | null; values: unknown[] }

export interface QueryResult {
  fields: FieldDefinition[];
  rows: Cell[][];
  /** The same cells column by column, when the master sent them so (tables format from these). */
  columns?: QueryColumn[];
}

export interface JobActionResult { ok: boolean; message: string }

/** The list options a master-formatted table follows (QueryRequest.table_*). */
export interface TableRequest {
  header: boolean;
  separator: string | null;
  units: string | null;
  verbose: boolean;
  /** Fields whose list values are comma-joined (joinList). */
  joined: readonly string[];
}

/** `text`: the table's `lines` lines joined by newlines (none: nothing to print). */
export interface TableResult { fields: FieldDefinition[]; text: string; lines: number; status: 'normal' | 'unknown' | 'incomplete' }

export interface MasterApi {
  /** Submits jobs (each a list of opcodes) in one request; results in the same order. */
  submitJobs(jobs: OpcodeDict[][]): Promise<SubmitResult[]>;
  /** Streams changes of a job, starting after log serial sinceSerial, until it is final. */
  watchJob(jobId: number, sinceSerial: number): AsyncIterable<JobChange>;
  /**
   * The final state and whole log of those of the named jobs that are finished and on disk,
   * after waiting up to waitMs for the first of them; the others are left out. Optional: a
   * caller without it follows each job with watchJob.
   */
  finishedJobs?(jobIds: number[], waitMs: number): Promise<JobChange[]>;
  query(what: string, fields: string[], names?: string[], filter?: unknown[] | null): Promise<QueryResult>;
  queryFields(what: string, fields?: string[]): Promise<QueryResult>;
  /** Ganeti's QueryClusterInfo dict. */
  clusterInfo(): Promise<Record<string, unknown>>;
  cancelJob(jobId: number, kill?: boolean): Promise<JobActionResult>;
  archiveJob(jobId: number): Promise<JobActionResult>;
  changePriority(jobId: number, priority: number): Promise<JobActionResult>;
  setQueueDrained(drained: boolean): Promise<void>;
  // Optional so that scripted test masters need not implement them (the real client does).
  /** SetWatcherPause: until in epoch seconds, or null to continue; returns the stored end or null. */
  setWatcherPause?(until: number | null): Promise<number | null>;
  /** QueryConfigValues: cluster_name, master_node, drain_flag, watcher_pause; values in order. */
  queryConfigValues?(keys: string[]): Promise<unknown[]>;
  /** AutoArchiveJobs: archives finished jobs older than age seconds (-1: all). */
  autoArchiveJobs?(age: number): Promise<{ archived: number; left: number }>;
  /** gnt-debug wconfd: one of Ganeti's WConfD calls; the answer as JSON data. */
  wconfd?(command: string, args: string[]): Promise<unknown>;
  /** A query's rows as one JSON text of {field: value or null} objects (RAPI's bulk form), unparsed. */
  queryObjectsJson?(what: string, fields: string[], names?: string[], filter?: unknown[] | null): Promise<string>;
  /**
   * queryObjectsJson for a client that keeps answers: with knownTag the tag of the answer it
   * holds, json is null when that answer is still current; tag names the answer ('' if not kept).
   */
  queryObjectsTagged?(what: string, fields: string[], names: string[], filter: unknown[] | null,
    knownTag: string): Promise<{ json: string | null; tag: string }>;
  /** A query's answer as the gnt-* table, formatted by the master (table.ts's rules); null
   * from a master that does not format (the caller formats the columns itself then). */
  queryTable?(what: string, fields: string[], names: string[], filter: unknown[] | null,
    table: TableRequest): Promise<TableResult | null>;
  close(): void;
}
