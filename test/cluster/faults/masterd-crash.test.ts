// Nothing acknowledged is lost: masterd is killed with SIGKILL while 100 concurrent jobs are
// being submitted, while they are queued, while they run and while they finish. After each
// restart every job whose id was returned is listed with a final status; every successful
// create is in the config and its instance runs on a node; no job ran twice (each
// instance's OS create script ran at most once, counted exactly: one marker per run); the
// config on the master and on every master candidate is the same file; gnt-cluster verify
// exits 0 unless (after a kill mid-run) its only errors are instances left down by a killed
// job. The queued phase proves it killed masterd with jobs still queued.
import test, { type ExecutionContext } from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { COUNTED_OS, FINAL_JOB_STATUSES as FINAL, installCountingOs, osCreateRuns, submitConcurrently as submit } from '../../../vcluster/job-load.js';
import { rawMaster } from '../master-client.js';
import { daemonPid, isAlive, waitFor } from './util.js';

const JOBS = 100;
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.74', nodeMemory: '262144', setupArgs: ['--node-cpus', '64'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  installCountingOs(vc);
});
test.after.always(async () => { await vc?.stop(); });

/** A create; with `after`, it waits for that job to end, however it ends (opcode param depends). */
const addOp = (name: string, after?: number) => JSON.stringify([{
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', os_type: COUNTED_OS, iallocator: 'hail',
  beparams: { memory: 64 }, name_check: false, ip_check: false,
  ...(after ? { depends: [[after, ['success', 'error', 'canceled']]] } : {}),
}]);
const delayOp = (seconds: number) => JSON.stringify([{ OP_ID: 'OP_TEST_DELAY', duration: seconds, on_master: false, on_nodes: ['node2', 'node3'] }]);

async function jobStatuses(): Promise<Map<number, string>> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`gnt-job list: ${r.stdout}${r.stderr}`);
  return new Map(r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [id, status] = l.trim().split(/\s+/);
    return [Number(id), status!];
  }));
}

function rawStatuses(client: ReturnType<typeof rawMaster>): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    client.Query({ what: 'job', fields: ['id', 'status'], names: [], filter_json: '', use_locking: false }, (err, res) => {
      if (err) { reject(err); return; }
      const rows = JSON.parse(res!.rows_json) as [[number, number], [number, string]][];
      resolve(new Map(rows.map(([[, id], [, st]]) => [id, st])));
    });
  });
}

/** Which instance each acknowledged create job makes (job id -> instance name). */
const creates = new Map<number, string>();

/**
 * Submits the jobs concurrently and returns the ids the master acknowledged. killWhen
 * decides, after each answer, whether to kill masterd now (the remaining calls then fail and
 * were never acknowledged).
 */
async function submitConcurrently(opsJson: string[], killWhen?: (acked: number) => boolean): Promise<number[]> {
  let killed = false;
  return submit(vc, opsJson, (id, ops, n) => {
    const name = (JSON.parse(ops) as { instance_name?: string }[])[0]?.instance_name;
    if (name) creates.set(id, name);
    if (!killed && killWhen?.(n)) { killed = true; killMasterd(); }
  });
}

function killMasterd(): void {
  process.kill(daemonPid(vc, 'node1', 'ganeti-masterd'), 'SIGKILL');
}

async function restartAndCheck(t: ExecutionContext, phase: string, acked: number[]): Promise<void> {
  const pid = daemonPid(vc, 'node1', 'ganeti-masterd');
  await waitFor('masterd to die', () => !isAlive(pid), 10_000, 50);
  const start = await vc.cmd('node1', ['daemon-util', 'start', 'ganeti-masterd']);
  t.is(start.code, 0, `${phase}: restart: ${start.stdout}${start.stderr}`);
  // Queued jobs run after the restart; wait until nothing is pending any more.
  const statuses = await waitFor(`${phase}: all jobs final`, async () => {
    const s = await jobStatuses();
    return s.size > 0 && [...s.values()].every((st) => FINAL.has(st)) ? s : null;
  }, 240_000, 1000);
  const missing = acked.filter((id) => !statuses.has(id));
  t.deepEqual(missing, [], `${phase}: acknowledged jobs missing after the restart`);
  for (const id of acked) t.true(FINAL.has(statuses.get(id) ?? ''), `${phase}: job ${id} is ${statuses.get(id)}`);
  // A node's copy: config.data plus the journal entries after it, as one document.
  const read = (n: string) => JSON.stringify(readConfigCopySync(join(vc.dir, n, 'var/lib/ganeti/config.data')).doc);
  await waitFor(`${phase}: identical config on master and candidates`, () => read('node2') === read('node1') && read('node3') === read('node1'), 60_000, 200)
    .catch(() => undefined);
  t.is(read('node2'), read('node1'), `${phase}: node2 has the master's config`);
  t.is(read('node3'), read('node1'), `${phase}: node3 has the master's config`);
  t.log(`${phase}: ${acked.length} acknowledged, ${acked.filter((id) => statuses.get(id) === 'success').length} succeeded`);
  await checkEffects(t, phase, acked, statuses);
  const why = await vc.gnt(['gnt-job', 'list', '--no-headers', '--separator=|', '-o', 'id,status,opresult'], { timeoutMs: 60_000 });
  const reasons = new Map<string, number>();
  for (const l of why.stdout.split('\n')) {
    const [id, st, res] = l.split('|');
    if (st === 'error' && acked.includes(Number(id))) {
      const k = (res ?? '').replace(/[a-z]\d+/g, 'X').slice(0, 120);
      reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
  }
  t.log(reasons);
}

/** The effects of the phase's create jobs: each success is in the config and running on a node; nothing ran twice. */
async function checkEffects(t: ExecutionContext, phase: string, acked: number[], statuses: Map<number, string>): Promise<void> {
  const list = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode,admin_state'], { timeoutMs: 60_000 });
  t.is(list.code, 0, list.stderr);
  const inConfig = new Map(list.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [name, pnode, admin] = l.trim().split(/\s+/);
    return [name!, { pnode: pnode!, admin: admin! }];
  }));
  const runs = osCreateRuns(vc);
  let checked = 0;
  for (const id of acked) {
    const name = creates.get(id);
    if (!name) continue;
    t.true((runs.get(name) ?? 0) <= 1, `${phase}: the OS create script of ${name} (job ${id}) ran ${runs.get(name)} times`);
    if (statuses.get(id) !== 'success') continue;
    checked++;
    const inst = inConfig.get(name);
    t.truthy(inst, `${phase}: job ${id} succeeded but ${name} is not in the config`);
    if (!inst) continue;
    t.is(inst.admin, 'up', `${phase}: ${name} should be up`);
    t.true(existsSync(join(vc.dir, inst.pnode, 'var/run/ganeti/fake-hypervisor', name)), `${phase}: ${name} does not run on ${inst.pnode}`);
    t.is(runs.get(name), 1, `${phase}: ${name}'s OS create script ran ${runs.get(name) ?? 0} times`);
  }
  t.log(`${phase}: effects of ${checked} successful creates checked (config, node, one OS create run each)`);
  const verify = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
  const errors = verify.stdout.split('\n').filter((l) => /ERROR/.test(l));
  for (const line of errors) {
    t.regex(line, /ERROR: instance \S+: instance not running on its primary node/, `${phase}: unexpected verify error: ${line}`);
  }
  t.is(verify.code, errors.length ? 1 : 0, `${phase}: gnt-cluster verify exit code\n${verify.stdout}`);
}

test.serial('kill -9 while 100 jobs are being submitted', async (t) => {
  t.timeout(300_000);
  const acked = await submitConcurrently(Array.from({ length: JOBS }, (_, i) => addOp(`s${i}`)), (n) => n >= 25);
  t.true(acked.length >= 25 && acked.length <= JOBS);
  await restartAndCheck(t, 'submitting', acked);
});

test.serial('kill -9 while 100 jobs are queued', async (t) => {
  t.timeout(300_000);
  // The queue runs jobs faster than they can be submitted: hold them behind one job on the
  // master, so that the kill really finds jobs waiting in the queue.
  const [blocker] = await submitConcurrently([JSON.stringify([{ OP_ID: 'OP_TEST_DELAY', duration: 30, on_master: true }])]);
  const adds = await submitConcurrently(Array.from({ length: JOBS }, (_, i) => addOp(`q${i}`, blocker)));
  t.is(adds.length, JOBS, 'every job was acknowledged before the kill');
  const acked = [blocker!, ...adds];
  // Look, then kill at once: the statuses the master reported just before it died.
  const client = rawMaster(vc.dir);
  const seen = await rawStatuses(client);
  killMasterd();
  client.close();
  const queued = acked.filter((id) => seen.get(id) === 'queued' || seen.get(id) === 'waiting').length;
  t.log(`queued: ${queued} of ${JOBS} jobs were queued or waiting at the kill`);
  t.true(queued > 0, 'the kill found no queued job: this phase would test nothing');
  await restartAndCheck(t, 'queued', acked);
});

test.serial('kill -9 while jobs are running', async (t) => {
  t.timeout(300_000);
  const ops = Array.from({ length: JOBS }, (_, i) => (i % 3 === 0 ? delayOp(3) : addOp(`r${i}`)));
  const acked = await submitConcurrently(ops);
  t.is(acked.length, JOBS);
  await waitFor('10 running jobs', async () => [...(await jobStatuses()).values()].filter((s) => s === 'running').length >= 10, 60_000, 200);
  killMasterd();
  await restartAndCheck(t, 'running', acked);
});

test.serial('kill -9 while jobs are finishing', async (t) => {
  t.timeout(300_000);
  const acked = await submitConcurrently(Array.from({ length: JOBS }, (_, i) => addOp(`f${i}`)));
  t.is(acked.length, JOBS);
  const set = new Set(acked);
  // Poll over the socket (a gnt-job run takes longer than many jobs need to finish).
  const client = rawMaster(vc.dir);
  await waitFor('a third of the jobs done', async () => {
    const s = await rawStatuses(client);
    return acked.filter((id) => s.get(id) === 'success').length >= JOBS / 3;
  }, 120_000, 10);
  client.close();
  killMasterd();
  // Whatever a killed job left behind is consistent (checkEffects): an instance is in the
  // config only if its create job succeeded or ended in the unclean-shutdown error (then down).
  await restartAndCheck(t, 'finishing', [...set]);
});
