// The fuzzing engine the fuzz test and bench/fuzz-bench.ts share: seeded request generators
// for every RPC of masterd and noded, a bounded-concurrency runner, the cluster's state by
// content (config serial and checksum, a checksum per file, the cluster's processes) and the
// crash lines in the daemons' logs. Everything random comes from one seed (fuzz-input.ts),
// so a failure names its seed and GANETI_FUZZ_SEED replays it.
import { readConfigCopySync } from '../daemons/common/config-journal.js';
import * as grpc from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadServices, unixAddress } from '../daemons/common/rpc.js';
import { splitPem } from '../daemons/common/pem.js';
import { int, pick, randomBytes, randomJob, randomValue, type Rng } from './fuzz-input.js';

export * from './fuzz-input.js';
export { alive, pidOf } from './procs.js';
import { alive, pidOf } from './procs.js';

type Services = ReturnType<typeof loadServices>['ganeti'];
export type MasterClient = InstanceType<Services['Master']>;
export type NodeClient = InstanceType<Services['NodeDaemon']>;
export type Call = () => Promise<unknown>;
/** A raw unary call; resolves to the gRPC status code of the answer (0: OK). */
export type Raw = (method: string, payload: Buffer) => Promise<number>;

export const MASTER_METHODS: readonly string[] = Object.keys(loadServices().ganeti.Master.service);
export const NODED_METHODS: readonly string[] = Object.keys(loadServices().ganeti.NodeDaemon.service);
/** Master RPCs that change the queue's state whatever the job id: fuzzed only where the
 * cluster may change (the disposable phase). CancelJob/ArchiveJob get ids of no job otherwise. */
export const MASTER_STATEFUL: ReadonlySet<string> = new Set(['SetQueueDrained', 'SetWatcherPause', 'AutoArchiveJobs', 'CancelJob', 'ArchiveJob']);
/** Node RPCs the master legitimately changes a node with even from random bytes (an empty
 * message is a valid request): fuzzed with the master's certificate only on a disposable
 * cluster; from a plain node's certificate every one of them must be refused. */
export const NODED_STATEFUL: ReadonlySet<string> = new Set(['NodeLeaveCluster', 'UploadFile', 'WriteSsconfFiles', 'TestDelay',
  'NodeStopMaster', 'NodeStartMaster']);

// ---- clients ----

/** Master client (typed and raw) on the master's socket. */
export function masterClients(dir: string, master = 'node1'): { typed: MasterClient; raw: Raw; close(): void } {
  const socket = unixAddress(join(dir, master, 'var/run/ganeti/socket/ganeti-master'));
  const typed = new (loadServices().ganeti.Master)(socket, grpc.credentials.createInsecure());
  const rawClient = new grpc.Client(socket, grpc.credentials.createInsecure());
  return { typed, raw: rawCaller(rawClient, 'ganeti.Master'), close: () => { typed.close(); rawClient.close(); } };
}

/** NodeDaemon client (typed and raw) to `target` presenting `certNode`'s own certificate. */
export function nodedClients(dir: string, certNode: string, target: string, ip: string): { typed: NodeClient; raw: Raw; close(): void } {
  const d = join(dir, certNode, 'var/lib/ganeti');
  const own = splitPem(readFileSync(join(d, 'server.pem'), 'utf8'));
  return nodedClientsWith({ ca: readFileSync(join(d, 'cluster-ca.pem')), key: Buffer.from(own.key), cert: Buffer.from(own.cert) }, target, ip);
}

/** NodeDaemon client (typed and raw) presenting any certificate (a foreign CA's, say). */
export function nodedClientsWith(creds: { ca: Buffer; key: Buffer; cert: Buffer }, target: string, ip: string):
  { typed: NodeClient; raw: Raw; close(): void } {
  const tls = grpc.credentials.createSsl(creds.ca, creds.key, creds.cert);
  const opts = { 'grpc.ssl_target_name_override': target, 'grpc.default_authority': target };
  const typed = new (loadServices().ganeti.NodeDaemon)(`${ip}:1811`, tls, opts);
  const rawClient = new grpc.Client(`${ip}:1811`, tls, opts);
  return { typed, raw: rawCaller(rawClient, 'ganeti.NodeDaemon'), close: () => { typed.close(); rawClient.close(); } };
}

/** A unary call with raw bytes as the request: any answer is fine, a dead peer is not. */
function rawCaller(client: grpc.Client, service: string): Raw {
  return (method, payload) => new Promise((resolve) => {
    client.makeUnaryRequest(`/${service}/${method}`, (b: Buffer) => b, (b: Buffer) => b, payload,
      { deadline: new Date(Date.now() + 5000) }, (err: grpc.ServiceError | null) => resolve(err ? err.code : 0));
  });
}

/** Runs the calls with bounded concurrency; returns how many were sent. */
export async function runAll(calls: Call[], width = 32): Promise<number> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < calls.length) await calls[next++]!().catch(() => undefined);
  }));
  return calls.length;
}

export function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) { const j = int(r, i + 1); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; }
  return xs;
}

// ---- generators ----

const deadline = () => ({ deadline: new Date(Date.now() + 5000) });
const unary = (fn: (cb: (err: unknown) => void) => void): Call => () => new Promise<void>((res) => { try { fn(() => res()); } catch { res(); } });

/**
 * `n` requests to masterd: random and mutated jobs, queries, job actions on ids of no job,
 * and random bytes to every method (`stateful` adds the queue-changing ones). Returns the
 * calls and how many jobs they submit.
 */
export function masterCalls(r: Rng, n: number, m: { typed: MasterClient; raw: Raw }, noJobIds: () => number,
  stateful = false): { calls: Call[]; jobs: number } {
  const calls: Call[] = [];
  let jobs = 0;
  const rawMethods = [...MASTER_METHODS.filter((x) => stateful || !MASTER_STATEFUL.has(x)), 'NoSuchMethod'];
  while (calls.length < n) {
    switch (int(r, 8)) {
      case 0: case 1: {
        const js = Array.from({ length: 1 + int(r, 6) }, () => ({ ops_json: randomJob(r) }));
        jobs += js.length;
        calls.push(unary((cb) => m.typed.SubmitJobs({ jobs: js }, deadline(), cb)));
        break;
      }
      case 2:
        calls.push(unary((cb) => m.typed.Query({ what: String(pick(r, ['node', 'instance', 'job', 'os', 'group', 'cluster', 'x', '', '../'])),
          fields: Array.from({ length: int(r, 4) }, () => String(randomValue(r))), names: Array.from({ length: int(r, 3) }, () => String(randomValue(r))),
          filter_json: int(r, 2) ? JSON.stringify(randomValue(r)) : String(randomValue(r)), use_locking: r() < 0.5 }, deadline(), cb)));
        break;
      case 3: {
        const id = noJobIds();
        const which = pick(r, ['ChangeJobPriority', 'CancelJob', 'ArchiveJob', 'QueryFields', 'QueryConfigValues', 'WatchJob', 'FinishedJobs']);
        if (which === 'ChangeJobPriority') calls.push(unary((cb) => m.typed.ChangeJobPriority({ job_id: id, priority: int(r, 100) - 50 }, deadline(), cb)));
        else if (which === 'CancelJob') calls.push(unary((cb) => m.typed.CancelJob({ job_id: id, kill: r() < 0.5 }, deadline(), cb)));
        else if (which === 'ArchiveJob') calls.push(unary((cb) => m.typed.ArchiveJob({ job_id: id }, deadline(), cb)));
        else if (which === 'QueryFields') calls.push(unary((cb) => m.typed.QueryFields({ what: String(randomValue(r)), fields: [String(randomValue(r))] }, deadline(), cb)));
        else if (which === 'FinishedJobs') {
          calls.push(unary((cb) => m.typed.FinishedJobs({ job_ids: [id, int(r, 20) - 10], wait_ms: pick(r, [0, 50, -1, 1e12]) }, deadline(), cb)));
        } else if (which === 'QueryConfigValues') calls.push(unary((cb) => m.typed.QueryConfigValues({ keys: [String(randomValue(r)), String(pick(r, ['cluster_name', 'master_node', 'x']))] }, deadline(), cb)));
        else {
          const since = int(r, 10) - 5;
          calls.push(() => new Promise<void>((res) => {
            const s = m.typed.WatchJob({ job_id: id, since_log_serial: since }, { deadline: new Date(Date.now() + 300) });
            s.on('data', () => s.cancel());
            s.on('error', () => res());
            s.on('end', () => res());
          }));
        }
        break;
      }
      default: {
        const method = pick(r, rawMethods);
        const bytes = randomBytes(r, 300);
        calls.push(() => m.raw(method, bytes));
      }
    }
  }
  return { calls, jobs };
}

/**
 * `n` requests to a noded: random bytes to every method but the stateful ones (unless
 * `stateful`), and typed requests with hostile paths, names and disks.
 */
export function nodedCalls(r: Rng, n: number, c: { typed: NodeClient; raw: Raw }, stateful = false): Call[] {
  const methods = NODED_METHODS.filter((x) => stateful || !NODED_STATEFUL.has(x));
  const evil = () => String(pick(r, ['../../etc', '/etc/passwd', 'x;id', '$(id)', 'a'.repeat(300), '', '..', '-rf']));
  const disk = () => ({ dev_type: pick(r, ['file', 'sharedfile', 'diskless', 'plain', '../x', '']), size: pick(r, [-1, 0, 2 ** 40, 16]),
    logical_id: pick(r, [['loop', '/etc/passwd'], ['loop', '/srv/ganeti/file-storage/../../../etc/passwd'], ['loop', evil()], [], [evil()]]),
    uuid: evil(), name: evil(), iv_name: 'disk/0', mode: 'rw', params_json: String(randomValue(r)) });
  const inst = () => ({ name: evil(), hypervisor: pick(r, ['fake', 'kvm', 'xen', evil()]), os: evil(), memory: pick(r, [-1, 0, 64]),
    vcpus: pick(r, [-1, 0, 1]), disks: [disk()], hvparams_json: String(randomValue(r)), osparams_json: String(randomValue(r)) });
  const typed = (method: string, req: object): Call => unary((cb) => (c.typed as unknown as Record<string, Function>)[method]!.call(c.typed, req, deadline(), cb));
  const calls: Call[] = [];
  while (calls.length < n) {
    if (int(r, 4)) {
      const method = pick(r, methods);
      const bytes = randomBytes(r, 300);
      calls.push(() => c.raw(method, bytes));
      continue;
    }
    switch (int(r, 8)) {
      case 0: calls.push(typed('BlockdevCreate', { disk: disk(), instance_name: evil(), file_storage_dir: evil() })); break;
      case 1: calls.push(typed('BlockdevRemove', { disk: disk(), instance_name: evil(), file_storage_dir: evil() })); break;
      case 2: calls.push(typed('BlockdevRename', { disk: disk(), new_logical_id: ['loop', evil()], file_storage_dir: evil() })); break;
      case 3: calls.push(typed('InstanceStart', { instance: inst() })); break;
      case 4: calls.push(typed('InstanceShutdown', { instance: inst(), timeout_ms: -1 })); break;
      case 5: calls.push(typed('InstanceOsAdd', { instance: inst() })); break;
      case 6: calls.push(typed('InstanceInfo', { name: evil(), hypervisor: evil() })); break;
      default: calls.push(typed('NodeInfo', { hypervisors: [evil()], storage_units: [`file:${evil()}`] }));
    }
  }
  return calls;
}

// ---- state by content ----

export interface ClusterState {
  /** "serial sha256" of the master's config. */
  config: string;
  /** "node/rel/path sha256" of every file of every node but logs and the job queue. */
  files: string[];
  /** "comm args" of every process running with one of the cluster's node roots. */
  processes: string[];
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 16);

function fileSums(top: string, dir = top, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(top, p);
    if (/^node\d+\/var\/(log|lib\/ganeti\/queue)/.test(rel) || /\.compile-cache/.test(rel)) continue;
    if (e.isDirectory()) fileSums(top, p, out);
    else if (e.isFile()) out.push(`${rel} ${sha(readFileSync(p))}`);
    else if (e.isSymbolicLink()) out.push(`${rel} -> link`);
    else out.push(`${rel} ${e.isSocket() ? 'socket' : 'special'}`);
  }
  return out;
}

/** Processes whose environment puts them in one of this cluster's node roots. */
export function clusterProcesses(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!env.includes(`GANETI_ROOTDIR=${dir}/`)) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (!alive(Number(pid))) continue;
      out.push(`${pid} ${argv.map((a) => a.replace(dir, '$VC')).join(' ')}`);
    } catch { /* gone, or not ours */ }
  }
  return out.sort();
}

export function clusterState(dir: string, master = 'node1'): ClusterState {
  // The master's config: config.data plus its journal (common/config-journal.ts), as one document.
  const doc = readConfigCopySync<{ serial_no?: number }>(join(dir, master, 'var/lib/ganeti/config.data')).doc;
  const cfgText = JSON.stringify(doc);
  const serial = doc.serial_no ?? -1;
  return { config: `${serial} ${sha(cfgText)}`, files: fileSums(dir).sort(), processes: clusterProcesses(dir) };
}

/** What differs, one line each (empty when nothing). */
export function stateChanges(a: ClusterState, b: ClusterState): string[] {
  const out: string[] = [];
  if (a.config !== b.config) out.push(`config: ${a.config} -> ${b.config}`);
  for (const [what, x, y] of [['file', a.files, b.files], ['process', a.processes, b.processes]] as const) {
    const sx = new Set(x);
    const sy = new Set(y);
    for (const v of x) if (!sy.has(v)) out.push(`${what} gone or changed: ${v}`);
    for (const v of y) if (!sx.has(v)) out.push(`${what} new or changed: ${v}`);
  }
  return out;
}

// ---- daemon logs ----

/** A line saying a daemon met an exception nobody handled, or died of one. */
export const CRASH_LINE = /uncaught exception|unhandled rejection|FATAL ERROR|heap out of memory|^\s*at .*\(node:internal|^(TypeError|RangeError|ReferenceError|SyntaxError|Error)\b/i;

function logFiles(dir: string): string[] {
  const out: string[] = [];
  for (const node of readdirSync(dir).filter((n) => /^node\d+$/.test(n))) {
    const d = join(dir, node, 'var/log/ganeti');
    try { for (const f of readdirSync(d)) if (statSync(join(d, f)).isFile()) out.push(join(d, f)); } catch { /* no logs */ }
  }
  return out;
}

/** Where each daemon log ends now, so crashLines sees only what comes later. */
export function logMarks(dir: string): Map<string, number> {
  return new Map(logFiles(dir).map((f) => [f, statSync(f).size]));
}

/** Crash lines written since the marks, as "file: line". */
export function crashLines(dir: string, marks: Map<string, number>): string[] {
  const out: string[] = [];
  for (const f of logFiles(dir)) {
    const text = readFileSync(f).subarray(marks.get(f) ?? 0).toString('utf8');
    for (const line of text.split('\n')) if (CRASH_LINE.test(line)) out.push(`${relative(dir, f)}: ${line.slice(0, 300)}`);
  }
  return out;
}
