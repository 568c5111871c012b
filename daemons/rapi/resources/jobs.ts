// /2/jobs, /2/jobs/ID, /2/jobs/ID/wait (rlib2.R_2_jobs*). Owner accounts see a job only when
// every opcode in it names one of their instances (the jobs they can have caused).
import { delay } from '../../common/async.js';
import { badRequest, notFound } from '../http-error.js';
import type { Row } from '../master-link.js';
import { bodyDict, bodyParam, useBulk, type RapiRequest } from '../request.js';
import { uriList, type Methods } from './common.js';

/** rlib2.J_FIELDS_BULK and J_FIELDS. */
export const J_FIELDS_BULK = ['id', 'ops', 'status', 'summary', 'opstatus', 'received_ts', 'start_ts', 'end_ts'];
export const J_FIELDS = [...J_FIELDS_BULK, 'oplog', 'opresult'];

/** How long /wait holds a request when nothing changes (rlib2._WFJC_TIMEOUT). */
const WAIT_TIMEOUT_MS = 10_000;
const WAIT_POLL_MS = 100;

function jobId(r: RapiRequest): string {
  const id = r.items[0]!;
  if (!/^\d+$/.test(id)) throw badRequest(`Invalid job ID '${id}'`);
  return id;
}

async function ownedInstances(r: RapiRequest): Promise<Set<string>> {
  const rows = await r.link.rows('instance', ['name'], [], ['=', 'owner', r.owner]);
  return new Set(rows.map((x) => String(x.name)));
}

function ownsJob(mine: Set<string>, job: Row): boolean {
  const ops = Array.isArray(job.ops) ? (job.ops as Record<string, unknown>[]) : [];
  return ops.length > 0 && ops.every((op) => typeof op?.instance_name === 'string' && mine.has(op.instance_name));
}

async function visibleJobs(r: RapiRequest, fields: string[], names: string[] = []): Promise<Row[]> {
  const withOps = r.owner !== null && !fields.includes('ops') ? [...fields, 'ops'] : fields;
  let rows = (await r.link.rows('job', withOps, names)).filter((j) => j.id !== null && j.status !== null);
  if (r.owner !== null) {
    const mine = await ownedInstances(r);
    rows = rows.filter((j) => ownsJob(mine, j));
    if (withOps !== fields) rows = rows.map(({ ops: _ops, ...rest }) => rest);
  }
  return rows;
}

async function oneJob(r: RapiRequest, fields: string[]): Promise<Row> {
  const [job] = await visibleJobs(r, fields, [jobId(r)]);
  if (!job) throw notFound();
  return job;
}

export const jobs: Methods = {
  GET: {
    access: 'public', owner: 'mine',
    async run(r) {
      if (useBulk(r)) return visibleJobs(r, J_FIELDS_BULK);
      return uriList((await visibleJobs(r, ['id'])).map((j) => Number(j.id)), (id) => `/2/jobs/${id}`);
    },
  },
};

export const job: Methods = {
  GET: { access: 'public', owner: 'mine', run: (r) => oneJob(r, J_FIELDS) },
  DELETE: {
    access: 'write',
    async run(r) {
      const id = Number(jobId(r));
      const res = await r.link.call((m) => m.cancelJob(id));
      return [res.ok, res.message];
    },
  },
};

/** Log entries after `since`, in Ganeti's form [serial, timestamp, type, message]. */
function logEntriesAfter(oplog: unknown, since: number): unknown[] {
  const out: unknown[] = [];
  for (const opLog of Array.isArray(oplog) ? oplog : []) {
    for (const e of Array.isArray(opLog) ? opLog : []) if (Array.isArray(e) && Number(e[0]) > since) out.push(e);
  }
  return out;
}

export const jobWait: Methods = {
  // Blocks a request and shows job details: write access, as in Ganeti.
  GET: {
    access: 'write',
    async run(r) {
      const body = bodyDict(r);
      const fields = bodyParam<unknown>(body, 'fields');
      const prevInfo = bodyParam<unknown>(body, 'previous_job_info', null);
      const prevSerial = bodyParam<unknown>(body, 'previous_log_serial', null);
      if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw badRequest("The 'fields' parameter should be a list");
      if (!(prevInfo === null || Array.isArray(prevInfo))) throw badRequest("The 'previous_job_info' parameter should be a list");
      if (!(prevSerial === null || Number.isInteger(prevSerial))) throw badRequest("The 'previous_log_serial' parameter should be a number");
      const want = fields as string[];
      const since = (prevSerial as number | null) ?? 0;
      const deadline = Date.now() + WAIT_TIMEOUT_MS;
      for (;;) {
        const jobRow = await oneJob(r, [...new Set([...want, 'status', 'oplog'])]);
        const info = want.map((f) => jobRow[f] ?? null);
        const entries = logEntriesAfter(jobRow.oplog, since);
        const final = ['success', 'error', 'canceled'].includes(String(jobRow.status));
        if (entries.length || JSON.stringify(info) !== JSON.stringify(prevInfo) || final) {
          return { job_info: info, log_entries: entries };
        }
        if (Date.now() >= deadline) return null;
        await delay(WAIT_POLL_MS);
      }
    },
  },
};
