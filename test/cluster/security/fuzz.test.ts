// Bad-input fuzzing of both daemons: thousands of random and mutated opcodes, random query
// and job requests, and random bytes as protobuf payloads, sent to masterd (Master service
// on its socket) and to noded (NodeDaemon over TLS with the master's certificate). No
// daemon dies, nothing changes: same config, same jobs (fuzz jobs may only fail), same files
// on every node. Seeded (GANETI_FUZZ_SEED replays a run) and bounded in time.
import * as grpc from '@grpc/grpc-js';
import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadServices, unixAddress } from '../../../daemons/common/rpc.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { daemonPid, isAlive, nodeCreds, nodeIp, waitFor } from '../faults/util.js';
import { int, pick, randomBytes, randomJob, randomValue, rng, type Rng } from './fuzz-input.js';

const PREFIX = '127.0.79';
const SEED = Number(process.env.GANETI_FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = 50_000;
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: PREFIX, nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'keep']);
  if (r.code !== 0) throw new Error(r.stdout + r.stderr);
});
test.after.always(async () => { await vc?.stop(); });

/** Every file of every node except logs and the job queue, with sizes. */
function files(dir = vc.dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(vc.dir, p);
    if (/^node\d+\/var\/(log|lib\/ganeti\/queue)/.test(rel)) continue;
    if (e.isDirectory()) files(p, out);
    else out.push(`${rel} ${e.isFile() ? statSync(p).size : ''}`);
  }
  return out.sort();
}

async function jobs(): Promise<Map<string, string>> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 60_000 });
  return new Map(r.stdout.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/) as [string, string]));
}

type Raw = (method: string, payload: Buffer) => Promise<void>;

/** A unary call with raw bytes as the request: whatever comes back is fine, a dead peer is not. */
function rawCaller(client: grpc.Client, service: string): Raw {
  return (method, payload) => new Promise((resolve) => {
    client.makeUnaryRequest(`/${service}/${method}`, (b: Buffer) => b, (b: Buffer) => b, payload,
      { deadline: new Date(Date.now() + 5000) }, () => resolve());
  });
}

/** Runs the calls with bounded concurrency; returns how many were sent. */
async function runAll(calls: (() => Promise<unknown>)[], width = 32): Promise<number> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < calls.length) await calls[next++]!().catch(() => undefined);
  }));
  return calls.length;
}

const MASTER_SAFE = ['SubmitJobs', 'WatchJob', 'ChangeJobPriority', 'Query', 'QueryFields', 'QueryClusterInfo', 'NoSuchMethod'];
// Leaving the cluster, uploads and ssconf writes are what the master legitimately does with
// this certificate; everything else gets random bytes.
const NODED_SKIP = new Set(['NodeLeaveCluster', 'UploadFile', 'WriteSsconfFiles', 'TestDelay']);
/** Jobs (opcode lists) submitted, for the report. */
let submitted = 0;

function masterCalls(r: Rng, master: ReturnType<typeof loadServices>['ganeti']['Master']['prototype'], raw: Raw, maxId: number) {
  const calls: (() => Promise<unknown>)[] = [];
  const unary = (fn: (cb: (err: unknown) => void) => void) => () => new Promise<void>((res) => fn(() => res()));
  const opts = () => ({ deadline: new Date(Date.now() + 5000) });
  for (let i = 0; i < 1000; i++) {
    const jobsJson = Array.from({ length: 1 + int(r, 6) }, () => ({ ops_json: randomJob(r) }));
    submitted += jobsJson.length;
    calls.push(unary((cb) => master.SubmitJobs({ jobs: jobsJson }, opts(), cb)));
  }
  for (let i = 0; i < 600; i++) {
    calls.push(unary((cb) => master.Query({ what: String(pick(r, ['node', 'instance', 'job', 'os', 'group', 'cluster', 'x', '', '../'])),
      fields: Array.from({ length: int(r, 4) }, () => String(randomValue(r))), names: Array.from({ length: int(r, 3) }, () => String(randomValue(r))),
      filter_json: int(r, 2) ? JSON.stringify(randomValue(r)) : String(randomValue(r)), use_locking: r() < 0.5 }, opts(), cb)));
  }
  for (let i = 0; i < 200; i++) {
    calls.push(unary((cb) => master.QueryFields({ what: String(randomValue(r)), fields: [String(randomValue(r))] }, opts(), cb)));
    // Only ids that cannot be a job: changing a real job's priority would be a state change.
    const id = pick(r, [-1, 0, maxId + 1 + int(r, 1000), 2 ** 53, -(2 ** 40)]);
    calls.push(unary((cb) => master.ChangeJobPriority({ job_id: id, priority: int(r, 100) - 50 }, opts(), cb)));
    calls.push(() => new Promise<void>((res) => {
      const s = master.WatchJob({ job_id: id, since_log_serial: int(r, 10) - 5 }, { deadline: new Date(Date.now() + 300) });
      s.on('data', () => s.cancel());
      s.on('error', () => res());
      s.on('end', () => res());
    }));
  }
  for (let i = 0; i < 1500; i++) calls.push(() => raw(pick(r, MASTER_SAFE), randomBytes(r, 300)));
  return calls;
}

function nodedCalls(r: Rng, node: ReturnType<typeof loadServices>['ganeti']['NodeDaemon']['prototype'], raw: Raw): (() => Promise<unknown>)[] {
  const methods = Object.keys(loadServices().ganeti.NodeDaemon.service).filter((m) => !NODED_SKIP.has(m));
  const calls: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < 3000; i++) calls.push(() => raw(pick(r, methods), randomBytes(r, 300)));
  const evil = () => String(pick(r, ['../../etc', '/etc/passwd', 'x;id', '$(id)', 'a'.repeat(300), '', '..', '-rf']));
  const disk = () => ({ dev_type: pick(r, ['file', 'sharedfile', 'diskless', 'plain', '../x', '']), size: pick(r, [-1, 0, 2 ** 40, 16]),
    logical_id: pick(r, [['loop', '/etc/passwd'], ['loop', '/srv/ganeti/file-storage/../../../etc/passwd'], ['loop', evil()], [], [evil()]]),
    uuid: evil(), name: evil(), iv_name: 'disk/0', mode: 'rw', params_json: String(randomValue(r)) });
  const inst = () => ({ name: evil(), hypervisor: pick(r, ['fake', 'kvm', 'xen', evil()]), os: evil(), memory: pick(r, [-1, 0, 64]),
    vcpus: pick(r, [-1, 0, 1]), disks: [disk()], hvparams_json: String(randomValue(r)), osparams_json: String(randomValue(r)) });
  const opts = () => ({ deadline: new Date(Date.now() + 5000) });
  const unary = (m: string, req: object) => () => new Promise<void>((res) => {
    try { (node as unknown as Record<string, Function>)[m]!.call(node, req, opts(), () => res()); } catch { res(); }
  });
  for (let i = 0; i < 100; i++) {
    calls.push(unary('BlockdevCreate', { disk: disk(), instance_name: evil(), file_storage_dir: evil() }));
    calls.push(unary('BlockdevRemove', { disk: disk(), instance_name: evil(), file_storage_dir: evil() }));
    calls.push(unary('BlockdevRename', { disk: disk(), new_logical_id: ['loop', evil()], file_storage_dir: evil() }));
    calls.push(unary('InstanceStart', { instance: inst() }));
    calls.push(unary('InstanceShutdown', { instance: inst(), timeout_ms: -1 }));
    calls.push(unary('InstanceOsAdd', { instance: inst() }));
    calls.push(unary('InstanceInfo', { name: evil(), hypervisor: evil() }));
    calls.push(unary('NodeInfo', { hypervisors: [evil()], storage_units: [`file:${evil()}`] }));
  }
  return calls;
}

test.serial('thousands of random requests leave both daemons up and the cluster unchanged', async (t) => {
  t.timeout(180_000);
  t.log(`seed ${SEED} (replay with GANETI_FUZZ_SEED=${SEED})`);
  const r = rng(SEED);
  const configBefore = readFileSync(join(vc.dir, 'node1/var/lib/ganeti/config.data'), 'utf8');
  const filesBefore = files();
  const jobsBefore = await jobs();
  const maxId = Math.max(...[...jobsBefore.keys()].map(Number));
  const pids = { masterd: daemonPid(vc, 'node1', 'ganeti-masterd'), noded1: daemonPid(vc, 'node1', 'ganeti-noded'), noded2: daemonPid(vc, 'node2', 'ganeti-noded') };

  const S = loadServices().ganeti;
  const socket = unixAddress(join(vc.dir, 'node1/var/run/ganeti/socket/ganeti-master'));
  const master = new S.Master(socket, grpc.credentials.createInsecure());
  const masterRaw = new grpc.Client(socket, grpc.credentials.createInsecure());
  const c = nodeCreds(vc, 'node1');
  const tls = grpc.credentials.createSsl(c.ca, c.key, c.cert);
  const nopts = { 'grpc.ssl_target_name_override': 'node2', 'grpc.default_authority': 'node2' };
  const node = new S.NodeDaemon(`${nodeIp(PREFIX, 'node2')}:1811`, tls, nopts);
  const nodeRaw = new grpc.Client(`${nodeIp(PREFIX, 'node2')}:1811`, tls, nopts);

  const started = Date.now();
  const all = [...masterCalls(r, master, rawCaller(masterRaw, 'ganeti.Master'), maxId), ...nodedCalls(r, node, rawCaller(nodeRaw, 'ganeti.NodeDaemon'))];
  // Interleave master and node requests so that both daemons are busy at once.
  for (let i = all.length - 1; i > 0; i--) { const j = int(r, i + 1); [all[i], all[j]] = [all[j]!, all[i]!]; }
  const sent = await runAll(all);
  const ms = Date.now() - started;
  for (const cl of [master, masterRaw, node, nodeRaw]) cl.close();
  t.log(`${sent} requests (${submitted} jobs of random or mutated opcodes among them) in ${ms} ms`);
  t.true(ms < BUDGET_MS, `fuzzing took ${ms} ms`);

  t.true(isAlive(pids.masterd) && daemonPid(vc, 'node1', 'ganeti-masterd') === pids.masterd, 'masterd is the same process');
  t.true(isAlive(pids.noded1) && isAlive(pids.noded2), 'both node daemons are alive');
  // Jobs the fuzz got accepted run to their end: all must fail.
  const after = await waitFor('fuzz jobs to end', async () => {
    const j = await jobs();
    return [...j.values()].every((s) => ['success', 'error', 'canceled'].includes(s)) ? j : null;
  }, 60_000, 500);
  for (const [id, st] of jobsBefore) t.is(after.get(id), st, `job ${id} changed`);
  const fuzzJobs = [...after].filter(([id]) => !jobsBefore.has(id));
  for (const [id, st] of fuzzJobs) t.not(st, 'success', `fuzz job ${id} succeeded`);
  t.log(`${fuzzJobs.length} fuzz jobs were accepted and failed`);
  t.is(readFileSync(join(vc.dir, 'node1/var/lib/ganeti/config.data'), 'utf8'), configBefore, 'the config is unchanged');
  t.deepEqual(files(), filesBefore, 'no file changed on any node');
  t.false(existsSync('/tmp/gtsf-pwned'), 'no command ran');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout);
});
