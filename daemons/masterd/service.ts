// The Master gRPC service (clients -> masterd). The only place in the master where errors
// become gRPC statuses (common/rpc.ts toServiceError, as in noded). Opcodes arrive as JSON
// and are validated before anything is queued.
import * as grpc from '@grpc/grpc-js';
import { arch } from 'node:os';
import { CONFIG_VERSION, OS_API_VERSION, PROTOCOL_VERSION, SOFTWARE_VERSION } from '../common/constants.js';
import { encodeError, GanetiError, ParameterError } from '../common/errors.js';
import { DEFAULT_COMPRESSION_TOOLS, type Instance } from '../common/objects.js';
import { touchIdleGc } from '../common/idle-gc.js';
import { toServiceError } from '../common/rpc.js';
import type { Logger } from '../common/log.js';
import { validateOpcode, type Opcode } from '../common/opcodes/index.js';
import type { JobData } from './jqueue/job.js';
import { isFinalized, jobStatus } from './jqueue/job-state.js';
import { logSince } from './jqueue/watch.js';
import type { JobQueue } from './jqueue/job-queue.js';
import type { MasterContext } from './context.js';
import { checkExecutable } from './processor.js';
import { BulkObjects } from './query/bulk-objects.js';
import {
  columnsJson, executeQuery, fieldsList, instanceRows, instancesInOrder, jobQueryWantsArchived, liveNeeds, objectsJson, rowsStandAlone,
  type LiveData, type Resource,
} from './query/index.js';
import { KeptTables } from './query/table-answer.js';
import { sentAgain } from './encoded-answers.js';
import { nodeTarget } from './rpc/node-target.js';
import { watcherHandlers } from './watcher-service.js';
import { wconfdHandlers } from './wconfd-service.js';
import { readWatcherRecords } from './query/watcher-records.js';
import type { MasterHandlers } from '../../proto/generated/ganeti/Master.js';

const RESOURCES: Resource[] = ['node', 'instance', 'job', 'group', 'os', 'network', 'filter', 'lock'];

function parseOps(json: string): Opcode[] {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch (err) {
    throw new ParameterError(`Job is not valid JSON: ${(err as Error).message}`, { ecode: 'wrong_input' });
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ParameterError('A job must be a non-empty list of opcodes', { ecode: 'wrong_input' });
  }
  return raw.map((op, i) => {
    try {
      const valid = validateOpcode(op);
      checkExecutable(valid);
      return valid;
    } catch (err) {
      if (err instanceof GanetiError) (err as { message: string }).message = `Opcode ${i}: ${err.message}`;
      throw err;
    }
  });
}

function checkResource(what: string): Resource {
  if (!RESOURCES.includes(what as Resource)) {
    throw new ParameterError(`Unknown query resource '${what}' (allowed: ${RESOURCES.join(', ')})`, { ecode: 'wrong_input' });
  }
  return what as Resource;
}

export function clusterInfo(mc: MasterContext): Record<string, unknown> {
  const cfg = mc.cfg.get();
  const cl = cfg.cluster;
  return {
    software_version: SOFTWARE_VERSION, protocol_version: PROTOCOL_VERSION, config_version: CONFIG_VERSION,
    os_api_version: OS_API_VERSION, export_version: 0, vcs_version: `(ganeti-ts) version v${SOFTWARE_VERSION}`,
    architecture: [arch() === 'x64' || arch() === 'arm64' ? '64bit' : '32bit', arch() === 'x64' ? 'x86_64' : arch()],
    name: cl.cluster_name, uuid: cl.uuid, ctime: cl.ctime, mtime: cl.mtime, serial_no: cl.serial_no,
    master: cfg.nodes[cl.master_node]?.name ?? '', tags: cl.tags,
    default_hypervisor: cl.enabled_hypervisors[0] ?? '', enabled_hypervisors: cl.enabled_hypervisors,
    hvparams: cl.hvparams, os_hvp: cl.os_hvp, osparams: cl.osparams, hidden_os: cl.hidden_os, blacklisted_os: cl.blacklisted_os,
    candidate_pool_size: cl.candidate_pool_size, max_running_jobs: cl.max_running_jobs, max_tracked_jobs: cl.max_tracked_jobs,
    mac_prefix: cl.mac_prefix, master_netdev: cl.master_netdev, master_netmask: cl.master_netmask,
    use_external_mip_script: cl.use_external_mip_script ?? false, volume_group_name: null, reserved_lvs: [], drbd_usermode_helper: null,
    file_storage_dir: cl.file_storage_dir, shared_file_storage_dir: cl.shared_file_storage_dir, gluster_storage_dir: '',
    maintain_node_health: cl.maintain_node_health, uid_pool: cl.uid_pool,
    default_iallocator: cl.default_iallocator, default_iallocator_params: cl.default_iallocator_params,
    primary_ip_version: cl.primary_ip_family === 6 ? 6 : 4, prealloc_wipe_disks: cl.prealloc_wipe_disks,
    enabled_disk_templates: cl.enabled_disk_templates, install_image: cl.install_image ?? '',
    instance_communication_network: cl.instance_communication_network ?? '',
    zeroing_image: cl.zeroing_image ?? '', compression_tools: cl.compression_tools ?? DEFAULT_COMPRESSION_TOOLS, enabled_user_shutdown: cl.enabled_user_shutdown,
    modify_ssh_setup: cl.modify_ssh_setup, ssh_key_type: 'ed25519', ssh_key_bits: 256,
    ndparams: cl.ndparams, beparams: cl.beparams, nicparams: cl.nicparams, diskparams: cl.diskparams, ipolicy: cl.ipolicy,
    enabled_data_collectors: {}, data_collector_interval: {},
  };
}

async function gatherLive(mc: MasterContext, needs: ReturnType<typeof liveNeeds>): Promise<LiveData> {
  const cfg = mc.cfg.get();
  const nodes = Object.values(cfg.nodes).map(nodeTarget);
  const cl = cfg.cluster;
  const live: LiveData = {};
  const byUuid = <T>(m: Map<string, T>) => new Map(Object.values(cfg.nodes).map((n) => [n.uuid, m.get(n.name)!]));
  await Promise.all([
    needs.nodeInfo && mc.rpc.callMany(nodes, 'NodeInfo', { hypervisors: cl.enabled_hypervisors, storage_units: [`file:${cl.file_storage_dir}`] }, { timeoutMs: 15_000 })
      .then((m) => { live.nodeInfo = byUuid(m); }),
    needs.instanceList && mc.instanceLists.get(nodes, cl.enabled_hypervisors, { timeoutMs: 15_000 }, true)
      .then((m) => { live.instanceList = byUuid(m); }),
    needs.osDiagnose && mc.rpc.callMany(nodes, 'OsDiagnose', {}, { timeoutMs: 15_000 })
      .then((m) => { live.osDiagnose = byUuid(m); }),
    needs.watcher && Promise.resolve().then(() => { live.watcher = readWatcherRecords(mc.paths.watcherStateDir); }),
  ]);
  return live;
}

/** FinishedJobs: ids per call, and the longest wait for the first (a client's deadline is longer). */
const FINISHED_JOBS_MAX = 10_000;
const FINISHED_JOBS_MAX_WAIT_MS = 10_000;

function jobChange(id: number, status: string, log: JobData['ops'][number]['log'], job: JobData | undefined) {
  const final = isFinalized(status);
  return {
    job_id: id, status,
    log: log.map(([serial, [sec, usec], type, message]) => ({ serial, timestamp: sec + usec / 1e6, type, message: String(message) })),
    opresult_json: final && job ? JSON.stringify(job.ops.map((o) => o.result)) : '',
    opstatus_json: job ? JSON.stringify(job.ops.map((o) => o.status)) : '',
  };
}

export function masterHandlers(mc: MasterContext, queue: JobQueue, log: Logger): MasterHandlers {
  const bulkObjects = new BulkObjects();
  const tables = new KeptTables();
  const tableAnswers = new WeakMap<object, object>();
  const exact = {
    instance: (name: string) => mc.cfg.instanceByName(name) ?? mc.cfg.instanceByUuid(name),
    node: (name: string) => mc.cfg.nodeByName(name) ?? mc.cfg.nodeByUuid(name),
  };
  const guard = <Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> =>
    (call, cb) => {
      Promise.resolve().then(() => fn(call.request)).then((r) => cb(null, r), (err) => {
        if (!(err instanceof GanetiError)) log.error(`${name} failed`, { err: (err as Error)?.stack ?? String(err) });
        cb(toServiceError(err));
      }).finally(touchIdleGc);
    };

  return {
    SubmitJobs: guard('SubmitJobs', async (req) => {
      const parsed = req.jobs.map((j) => { try { return { ops: parseOps(j.ops_json) }; } catch (err) { return { err }; } });
      const valid = parsed.filter((p): p is { ops: Opcode[] } => 'ops' in p);
      const submitted = valid.length ? await queue.submit(valid.map((p) => p.ops)) : [];
      let k = 0;
      return {
        results: parsed.map((p) => {
          if ('err' in p) return { ok: false, job_id: 0, error: encodeError(p.err) };
          const r = submitted[k++]!;
          return r.ok ? { ok: true, job_id: r.id, error: null } : { ok: false, job_id: 0, error: encodeError(r.error) };
        }),
      };
    }),

    WatchJob: (call) => {
      const ac = new AbortController();
      call.on('cancelled', () => ac.abort());
      const id = Number(call.request.job_id);
      (async () => {
        for await (const ch of queue.watch(id, Number(call.request.since_log_serial), ac.signal)) {
          const data = queue.get(id) ?? (ch.final ? await queue.loadArchived(id) : undefined);
          call.write(jobChange(id, ch.status, ch.log, data));
          if (ch.final) break;
        }
        call.end();
      })().catch((err) => {
        if (ac.signal.aborted) return;
        call.emit('error', toServiceError(err));
      });
    },

    FinishedJobs: guard('FinishedJobs', async (req) => {
      if (req.job_ids.length > FINISHED_JOBS_MAX) {
        throw new ParameterError(`FinishedJobs names ${req.job_ids.length} jobs; at most ${FINISHED_JOBS_MAX} per call`, { ecode: 'wrong_input' });
      }
      const waitMs = Number(req.wait_ms);
      if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > FINISHED_JOBS_MAX_WAIT_MS) {
        throw new ParameterError(`FinishedJobs wait_ms ${String(req.wait_ms)} must be an integer from 0 to ${FINISHED_JOBS_MAX_WAIT_MS}`, { ecode: 'wrong_input' });
      }
      const jobs = await queue.finished(req.job_ids.map(Number), waitMs);
      return { jobs: jobs.map((d) => jobChange(d.id, jobStatus(d), logSince(d, 0), d)) };
    }),

    CancelJob: guard('CancelJob', (req) => {
      // Ganeti's --kill sends SIGKILL to the job's own process; jobs here run inside the
      // master daemon, so there is no process to kill: refused, not treated as a cancel.
      if (req.kill) {
        throw new ParameterError(`Cannot kill job ${String(req.job_id)} (gnt-job cancel --kill): jobs run inside the master ` +
          'daemon, not in processes of their own; cancel it without --kill', { ecode: 'wrong_input' });
      }
      return queue.cancel(Number(req.job_id));
    }),
    ArchiveJob: guard('ArchiveJob', (req) => queue.archive(Number(req.job_id))),
    ChangeJobPriority: guard('ChangeJobPriority', (req) => queue.changePriority(Number(req.job_id), req.priority)),

    Query: guard('Query', async (req) => {
      const what = checkResource(req.what);
      let filter: unknown[] | null = null;
      if (req.filter_json) {
        try { filter = JSON.parse(req.filter_json) as unknown[]; } catch {
          throw new ParameterError(`Query filter is not valid JSON: ${req.filter_json.slice(0, 100)}`, { ecode: 'wrong_input' });
        }
      }
      const live = await gatherLive(mc, liveNeeds(what, req.fields, filter));
      if (req.as_objects && what !== 'job' && what !== 'lock') {
        const input = { what, fields: req.fields, names: req.names, filter };
        const { text, tag } = bulkObjects.tagged(input, { cfg: mc.cfg.get(), live, generation: mc.cfg.generation(), exact }, mc.cfg.generation());
        // The client holds this very answer: the tag alone says so.
        if (tag && req.known_tag === tag) return { fields: [], rows: [], rows_json: '', objects_json: '', objects_tag: tag };
        return { fields: [], rows: [], rows_json: '', objects_json: text, objects_tag: tag };
      }
      // Jobs named by id are read from the archive when no longer live (Ganeti's
      // loadJobFromDisk with archived allowed): gnt-job info of an archived job still works.
      const jobs = what === 'job'
        ? await queue.forQuery(req.names.filter((n) => /^\d+$/.test(n.trim())).map(Number), jobQueryWantsArchived(req.fields, filter))
        : undefined;
      const input = { what, fields: req.fields, names: req.names, filter };
      const run = () => executeQuery(input,
        { cfg: mc.cfg.get(), live, generation: mc.cfg.generation(), exact, jobs, locks: what === 'lock' ? mc.locks.snapshot() : undefined });
      if (req.table) {
        // A list of every instance can be brought up to date row by row (KeptTables).
        const rows = what === 'instance' && !req.names.length && !filter && rowsStandAlone(what, req.fields) ? {
          order: () => instancesInOrder(mc.cfg.get(), mc.cfg.generation()).map((i) => i.name),
          changedSince: (gen: number) => mc.cfg.instancesChangedSince(gen),
          byUuid: (uuid: string) => mc.cfg.instanceByUuid(uuid),
          byName: (name: string) => mc.cfg.instanceByName(name),
          rows: (items: Instance[]) => instanceRows({ cfg: mc.cfg.get(), live }, items, req.fields),
        } : undefined;
        const table = tables.answer(input, {
          header: req.table_header, separator: req.table_has_separator ? req.table_separator : null,
          units: req.table_units, verbose: req.table_verbose, joined: req.table_joined,
        }, live, mc.cfg.generation(), run, rows);
        // The same kept table, the same answer object: encoded once (encoded-answers.ts).
        let answer = tableAnswers.get(table);
        if (!answer) { answer = sentAgain({ rows: [], rows_json: '', ...table }); tableAnswers.set(table, answer); }
        return answer;
      }
      const result = run();
      if (req.as_objects) return { fields: result.fields, rows: [], rows_json: '', objects_json: objectsJson(result) };
      // Without fields the columns would not tell how many rows there are: rows_json then.
      if (req.columnar && result.fields.length) return { fields: result.fields, rows: [], rows_json: '', columns_json: columnsJson(result) };
      return {
        fields: result.fields,
        rows: [],
        rows_json: JSON.stringify(result.rows.map((row) => row.map((c) => [c.status, c.value ?? null]))),
      };
    }),

    QueryFields: guard('QueryFields', (req) => {
      const what = checkResource(req.what);
      return { fields: fieldsList(what, req.fields.length ? req.fields : undefined), rows: [] };
    }),

    QueryClusterInfo: guard('QueryClusterInfo', () => ({ json: JSON.stringify(clusterInfo(mc)) })),

    SetQueueDrained: guard('SetQueueDrained', async (req) => { await queue.setDrained(req.drained); return {}; }),

    ...watcherHandlers(mc, queue, log, guard),
    ...wconfdHandlers(mc, queue, guard),
  };
}
