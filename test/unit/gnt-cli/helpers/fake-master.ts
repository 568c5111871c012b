// A scripted MasterApi and an in-memory CliIo, so that gnt-* verbs run end to end in a
// test: what they submit is recorded, job progress and query answers are scripted.
import type { CliIo, Choice } from '../../../../gnt-cli/framework/io.js';
import type {
  Cell, FieldDefinition, JobActionResult, JobChange, MasterApi, OpcodeDict, QueryResult, SubmitResult,
} from '../../../../daemons/common/client/master-api.js';
import type { InitClusterOptions } from '../../../../daemons/common/cluster-init-options.js';

export interface QueryCall { what: string; fields: string[]; names: string[]; filter: unknown[] | null }

/** A finished job as the fake reports it through WatchJob. */
export interface ScriptedJob {
  status: 'success' | 'error' | 'canceled';
  log?: [number, string][];            // [timestamp seconds, message]
  opresult?: unknown[];
  opstatus?: string[];
}

export class FakeMaster implements MasterApi {
  submitted: OpcodeDict[][] = [];
  submitCalls = 0;
  queries: QueryCall[] = [];
  cancelled: number[] = [];
  archived: number[] = [];
  priorities: [number, number][] = [];
  drained: boolean[] = [];
  closed = false;
  nextId = 1;
  /** How each submitted job ends; by default every opcode succeeds with result true. */
  scriptJob: (ops: OpcodeDict[], id: number) => ScriptedJob = (ops) => ({
    status: 'success', opresult: ops.map(() => true), opstatus: ops.map(() => 'success'),
  });
  /** Refuses a submission (SubmitResult error) when it returns an error. */
  refuse: (ops: OpcodeDict[]) => { class: string; message: string; ecode: string } | null = () => null;
  jobs = new Map<number, ScriptedJob>();
  queryHandler: (q: QueryCall) => QueryResult = () => ({ fields: [], rows: [] });
  info: Record<string, unknown> = {};

  async submitJobs(jobs: OpcodeDict[][]): Promise<SubmitResult[]> {
    this.submitCalls++;
    return jobs.map((ops) => {
      const error = this.refuse(ops);
      if (error) return { ok: false, jobId: 0, error };
      const id = this.nextId++;
      this.submitted.push(ops);
      this.jobs.set(id, this.scriptJob(ops, id));
      return { ok: true, jobId: id, error: null };
    });
  }

  async *watchJob(jobId: number, sinceSerial: number): AsyncIterable<JobChange> {
    const job = this.jobs.get(jobId);
    if (!job) {
      const err = new Error(`Job ${jobId} not found`) as Error & { ecode: string };
      err.name = 'OpPrereqError';
      err.ecode = 'unknown_entity';
      throw err;
    }
    const log = (job.log ?? []).map(([timestamp, message], i) => ({ serial: i + 1, timestamp, type: 'message', message }))
      .filter((e) => e.serial > sinceSerial);
    yield { jobId, status: 'running', log, opresult: null, opstatus: null };
    yield { jobId, status: job.status, log: [], opresult: job.opresult ?? [], opstatus: job.opstatus ?? [] };
  }

  async query(what: string, fields: string[], names: string[] = [], filter: unknown[] | null = null): Promise<QueryResult> {
    const q = { what, fields, names, filter };
    this.queries.push(q);
    return this.queryHandler(q);
  }

  async queryFields(what: string, fields: string[] = []): Promise<QueryResult> {
    return this.queryHandler({ what, fields, names: [], filter: null });
  }

  async clusterInfo(): Promise<Record<string, unknown>> { return this.info; }
  async cancelJob(jobId: number): Promise<JobActionResult> {
    this.cancelled.push(jobId);
    return { ok: true, message: `Job ${jobId} will be canceled` };
  }
  async archiveJob(jobId: number): Promise<JobActionResult> {
    this.archived.push(jobId);
    return { ok: true, message: '' };
  }
  async changePriority(jobId: number, priority: number): Promise<JobActionResult> {
    this.priorities.push([jobId, priority]);
    return { ok: true, message: `Priority of job ${jobId} changed` };
  }
  async setQueueDrained(drained: boolean): Promise<void> { this.drained.push(drained); }
  close(): void { this.closed = true; }
}

/** Field definitions from [name, title, kind] triples. */
export function fields(defs: [string, string, string][]): FieldDefinition[] {
  return defs.map(([name, title, kind]) => ({ name, title, kind, doc: `${title} doc` }));
}

/** A row of normal cells. */
export function row(...values: unknown[]): Cell[] {
  return values.map((value) => ({ status: 0, value }));
}

export interface TestIo {
  io: CliIo;
  out: string[];
  err: string[];
  questions: string[];
  inits: InitClusterOptions[];
  stdout(): string;
  stderr(): string;
}

export function makeIo(master: MasterApi | null, opts: {
  env?: Record<string, string>; answer?: string; files?: Record<string, string>;
} = {}): TestIo {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const inits: InitClusterOptions[] = [];
  const io: CliIo = {
    out: (l) => out.push(...l.split('\n')),
    err: (l) => err.push(...l.split('\n')),
    env: opts.env ?? {},
    async connectMaster() {
      if (!master) throw Object.assign(new Error('no master'), { name: 'NoMasterError' });
      return master;
    },
    async askUser<T>(question: string, choices: Choice<T>[]): Promise<T> {
      questions.push(question);
      const hit = choices.find((c) => c.key === opts.answer);
      return (hit ?? choices[choices.length - 1]!).value;
    },
    readFile(path) {
      const f = opts.files?.[path];
      if (f === undefined) throw new Error(`ENOENT: no such file '${path}'`);
      return f;
    },
    async initCluster(o, feedback) {
      inits.push(o);
      feedback('Cluster initialised (test)');
    },
    now: () => 1_700_000_000_000,
  };
  return { io, out, err, questions, inits, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}
