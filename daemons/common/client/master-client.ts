// MasterApi over the Master gRPC service on the master's Unix socket (plain HTTP/2: the
// socket's file mode is the access control, as for Ganeti's LUXI socket). Loaded lazily by
// io.ts, so that verbs which never talk to the master do not pay for it.
import { existsSync } from 'node:fs';
import { Status, decodeServiceError, isServiceError } from '../errors.js';
import { NoMasterError } from './exit-codes.js';
import { GrpcCallError, GrpcLiteClient } from './grpc-lite.js';
import { CellStatus, type Cell, type JobActionResult, type JobChange, type MasterApi, type OpcodeDict, type QueryResult } from './master-api.js';

/** Ganeti's "fast" RPC timeout class: no CLI request should wait longer for an answer. */
const CALL_TIMEOUT_MS = 5 * 60_000;

/** Turns a call failure into what the CLI reports: no master, or the master's typed error. */
export function translateCallError(err: unknown, socketPath: string): Error {
  if (err instanceof GrpcCallError) {
    // UNAVAILABLE without an encoded error means nobody answered on the socket; with one it
    // is the master refusing (queue drained, node unreachable…).
    if (err.code === Status.UNAVAILABLE && !isServiceError(err)) return new NoMasterError(socketPath, err);
    return decodeServiceError(err);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function parseJson(text: unknown, what: string): unknown {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The master sent invalid JSON for ${what}: ${text.slice(0, 200)}`);
  }
}

type Msg = Record<string, unknown>;
const arr = (v: unknown) => (Array.isArray(v) ? (v as Msg[]) : []);

const toFields = (r: Msg) => arr(r.fields).map((f) => ({ name: String(f.name), title: String(f.title), kind: String(f.kind), doc: String(f.doc) }));

function toQueryResult(r: Msg): QueryResult {
  const fields = toFields(r);
  if (r.columns_json) {
    const columns = (parseJson(r.columns_json, 'the query columns') as [number[] | 0, unknown[]][])
      .map(([statuses, values]) => ({ statuses: statuses === 0 ? null : statuses, values }));
    // Rows are built only for a caller that wants them: a table formats from the columns.
    let rows: Cell[][] | null = null;
    return {
      fields, columns,
      get rows(): Cell[][] {
        rows ??= Array.from({ length: columns[0]?.values.length ?? 0 }, (_, i) =>
          columns.map((c) => ({ status: c.statuses ? c.statuses[i]! : CellStatus.Normal, value: c.values[i] ?? null })));
        return rows;
      },
    };
  }
  return {
    fields,
    rows: r.rows_json
      ? (parseJson(r.rows_json as string, 'the query rows') as [number, unknown][][]).map((row) => row.map(([status, value]) => ({ status, value })))
      : arr(r.rows).map((row) => arr(row.cells).map((c) => ({ status: Number(c.status), value: parseJson(c.value_json, 'a query cell') }))),
  };
}

function toJobChange(c: Msg): JobChange {
  return {
    jobId: Number(c.job_id),
    status: String(c.status),
    log: arr(c.log).map((l) => ({ serial: Number(l.serial), timestamp: Number(l.timestamp), type: String(l.type), message: String(l.message) })),
    opresult: c.opresult_json ? (parseJson(c.opresult_json, 'a job result') as unknown[]) : null,
    opstatus: c.opstatus_json ? (parseJson(c.opstatus_json, 'opcode statuses') as string[]) : null,
  };
}

function toAction(m: Msg): JobActionResult {
  return { ok: !!m.ok, message: String(m.message ?? '') };
}

/** Connects to the master socket; fails with NoMasterError when the socket does not exist. */
export function connectMaster(socketPath: string): MasterApi {
  if (!existsSync(socketPath)) throw new NoMasterError(socketPath);
  const client = new GrpcLiteClient(socketPath, 'ganeti.Master');
  const unary = async (method: string, reqType: string, resType: string, req: Msg): Promise<Msg> => {
    try {
      return await client.unary(method, reqType, resType, req, CALL_TIMEOUT_MS);
    } catch (err) {
      throw translateCallError(err, socketPath);
    }
  };

  return {
    async submitJobs(jobs: OpcodeDict[][]) {
      const res = await unary('SubmitJobs', 'SubmitJobsRequest', 'SubmitJobsResponse',
        { jobs: jobs.map((ops) => ({ ops_json: JSON.stringify(ops) })) });
      return arr(res.results).map((r) => {
        const e = r.error as Msg | null;
        return {
          ok: !!r.ok, jobId: Number(r.job_id),
          error: r.ok ? null : { class: String(e?.class ?? 'GanetiError'), message: String(e?.message ?? ''), ecode: String(e?.ecode ?? '') },
        };
      });
    },
    async *watchJob(jobId: number, sinceSerial: number) {
      try {
        for await (const c of client.call('WatchJob', 'WatchJobRequest', 'JobChange', { job_id: jobId, since_log_serial: sinceSerial })) {
          yield toJobChange(c);
        }
      } catch (err) {
        throw translateCallError(err, socketPath);
      }
    },
    async finishedJobs(jobIds: number[], waitMs: number) {
      const res = await unary('FinishedJobs', 'JobIdsRequest', 'FinishedJobsResponse', { job_ids: jobIds, wait_ms: waitMs });
      return arr(res.jobs).map(toJobChange);
    },
    async query(what, fields, names = [], filter = null) {
      return toQueryResult(await unary('Query', 'QueryRequest', 'QueryResponse', {
        what, fields, names, filter_json: filter ? JSON.stringify(filter) : '', use_locking: false, columnar: true,
      }));
    },
    async queryObjectsJson(what, fields, names = [], filter = null) {
      const r = await unary('Query', 'QueryRequest', 'QueryResponse', {
        what, fields, names, filter_json: filter ? JSON.stringify(filter) : '', use_locking: false, as_objects: true,
      });
      return typeof r.objects_json === 'string' && r.objects_json ? r.objects_json : '[]';
    },
    async queryObjectsTagged(what, fields, names, filter, knownTag) {
      const r = await unary('Query', 'QueryRequest', 'QueryResponse', {
        what, fields, names, filter_json: filter ? JSON.stringify(filter) : '', use_locking: false, as_objects: true, known_tag: knownTag,
      });
      const tag = typeof r.objects_tag === 'string' ? r.objects_tag : '';
      if (tag && tag === knownTag && !r.objects_json) return { json: null, tag };
      return { json: typeof r.objects_json === 'string' && r.objects_json ? r.objects_json : '[]', tag };
    },
    async queryTable(what, fields, names, filter, table) {
      const r = await unary('Query', 'QueryRequest', 'QueryResponse', {
        what, fields, names, filter_json: filter ? JSON.stringify(filter) : '', use_locking: false, table: true,
        table_header: table.header, table_has_separator: table.separator !== null, table_separator: table.separator ?? '',
        table_units: table.units ?? '', table_verbose: table.verbose, table_joined: [...table.joined],
      });
      const status = r.table_status;
      if (status !== 'normal' && status !== 'unknown' && status !== 'incomplete') return null;   // a master that does not format
      return { fields: toFields(r), text: String(r.table_text ?? ''), lines: Number(r.table_lines ?? 0), status };
    },
    async queryFields(what, fields = []) {
      return toQueryResult(await unary('QueryFields', 'QueryFieldsRequest', 'QueryResponse', { what, fields }));
    },
    async clusterInfo() {
      const res = await unary('QueryClusterInfo', 'Empty', 'JsonResponse', {});
      return (parseJson(res.json, 'the cluster info') ?? {}) as Record<string, unknown>;
    },
    cancelJob: async (jobId, kill = false) => toAction(await unary('CancelJob', 'JobIdRequest', 'JobActionResponse', { job_id: jobId, kill })),
    archiveJob: async (jobId) => toAction(await unary('ArchiveJob', 'JobIdRequest', 'JobActionResponse', { job_id: jobId })),
    changePriority: async (jobId, priority) =>
      toAction(await unary('ChangeJobPriority', 'ChangePriorityRequest', 'JobActionResponse', { job_id: jobId, priority })),
    async setQueueDrained(drained) {
      await unary('SetQueueDrained', 'SetDrainedRequest', 'Empty', { drained });
    },
    async setWatcherPause(until) {
      const res = await unary('SetWatcherPause', 'WatcherPauseRequest', 'WatcherPauseResponse', { until: until ?? 0 });
      return Number(res.until) || null;
    },
    async queryConfigValues(keys) {
      const res = await unary('QueryConfigValues', 'QueryConfigValuesRequest', 'JsonResponse', { keys });
      return (parseJson(res.json, 'configuration values') ?? []) as unknown[];
    },
    async autoArchiveJobs(age) {
      const res = await unary('AutoArchiveJobs', 'AutoArchiveRequest', 'AutoArchiveResponse', { age });
      return { archived: Number(res.archived ?? 0), left: Number(res.left ?? 0) };
    },
    async wconfd(command, args) {
      const res = await unary('Wconfd', 'WconfdRequest', 'JsonResponse', { command, args });
      return parseJson(res.json, 'the wconfd answer');
    },
    close() {
      client.close();
    },
  };
}
