// Job query fields (Ganeti's JOB_FIELDS). A requested job id that does not exist still
// gets a row (id set, every other cell unavail): `gnt-job info 99` prints "not found"
// from that, as Ganeti's client does.
import { summarizeOpcode } from '../../common/opcodes/index.js';
import { jobStatus } from '../jqueue/job-state.js';
import { redactSecrets } from '../jqueue/job.js';
import { fieldMap, makeField, UNAVAIL, type Field, type FieldMap, type JobLike } from './types.js';

/** A row: the id asked for, and the job when it exists. */
export interface JobRow { id: number; job: JobLike | null }

type JF = Field<null, JobRow>;
type Op = JobLike['ops'][number];

/** Highest priority (lowest number) among unfinished opcodes; the default once all are done. */
export function jobPriority(job: JobLike): number {
  const open = job.ops.filter((o) => o.status !== 'success' && o.status !== 'error' && o.status !== 'canceled');
  return open.length ? Math.min(...open.map((o) => o.priority)) : 0;
}

const ifJob = (fn: (job: JobLike) => unknown) => (_c: null, row: JobRow): unknown => (row.job ? fn(row.job) : UNAVAIL);
const perOp = (fn: (op: Op) => unknown) => ifJob((job) => job.ops.map(fn));
const stamp = (fn: (job: JobLike) => [number, number] | null) => ifJob((job) => fn(job) ?? UNAVAIL);

function build(): FieldMap<null, JobRow> {
  const f = makeField<null, JobRow>;
  const tsDoc = (what: string): string => `${what} (tuple containing seconds and microseconds)`;
  const fields: JF[] = [
    f('id', 'ID', 'number', 'Job ID', (_c, r) => r.id, { flag: 'jobId' }),
    f('status', 'Status', 'text', 'Job status', ifJob(jobStatus)),
    f('priority', 'Priority', 'number', 'Current job priority (-20 to 19)', ifJob(jobPriority)),
    f('archived', 'Archived', 'bool', 'Whether job is archived', ifJob((j) => j.archived ?? false)),
    f('ops', 'OpCodes', 'other', 'List of all opcodes', perOp((o) => JSON.parse(JSON.stringify(o.input, redactSecrets)) as unknown)),
    f('opresult', 'OpCode_result', 'other', 'List of opcodes results', perOp((o) => o.result)),
    f('opstatus', 'OpCode_status', 'other', 'List of opcodes status', perOp((o) => o.status)),
    f('oplog', 'OpCode_log', 'other', 'List of opcode output logs', perOp((o) => o.log)),
    f('opstart', 'OpCode_start', 'other', 'List of opcode start timestamps (before acquiring locks)',
      perOp((o) => o.start_timestamp)),
    f('opexec', 'OpCode_exec', 'other', 'List of opcode execution start timestamps (after acquiring locks)',
      perOp((o) => o.exec_timestamp)),
    f('opend', 'OpCode_end', 'other', 'List of opcode execution end timestamps', perOp((o) => o.end_timestamp)),
    f('oppriority', 'OpCode_prio', 'other', 'List of opcode priorities', perOp((o) => o.priority)),
    f('summary', 'Summary', 'other', 'List of per-opcode summaries', perOp((o) => summarizeOpcode(o.input))),
    f('received_ts', 'Received', 'other', tsDoc('Timestamp of when job was received'),
      stamp((j) => j.received_timestamp), { flag: 'splitTimestamp' }),
    f('start_ts', 'Start', 'other', tsDoc('Timestamp of job start'), stamp((j) => j.start_timestamp), { flag: 'splitTimestamp' }),
    f('end_ts', 'End', 'other', tsDoc('Timestamp of job end'), stamp((j) => j.end_timestamp), { flag: 'splitTimestamp' }),
  ];
  return fieldMap(fields);
}

export const JOB_FIELDS: FieldMap<null, JobRow> = build();
