// Nothing acknowledged is lost: masterd is killed with SIGKILL while 100 concurrent jobs are
// being submitted, while they are queued, while they run and while they finish. After each
// restart every job whose id was returned is listed with a final status, and the config on
// the master and on every master candidate is the same file.
import test, { type ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { rawMaster } from '../master-client.js';
import { daemonPid, isAlive, waitFor } from './util.js';

const JOBS = 100;
const FINAL = new Set(['success', 'error', 'canceled']);
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.74', nodeMemory: '262144', setupArgs: ['--node-cpus', '64'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const addOp = (name: string) => JSON.stringify([{
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', os_type: 'dummy', iallocator: 'hail',
  beparams: { memory: 64 }, name_check: false, ip_check: false,
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

/**
 * Submits the jobs concurrently (one SubmitJobs call each, multiplexed on one connection)
 * and returns the ids the master acknowledged. killWhen decides, after each answer, whether
 * to kill masterd now (the remaining calls then fail and were never acknowledged).
 */
async function submitConcurrently(opsJson: string[], killWhen?: (acked: number) => boolean): Promise<number[]> {
  const client = rawMaster(vc.dir);
  const acked: number[] = [];
  let killed = false;
  await Promise.all(opsJson.map((ops_json) => new Promise<void>((resolve) => {
    client.SubmitJobs({ jobs: [{ ops_json }] }, (err, res) => {
      const r = res?.results[0];
      if (!err && r?.ok) acked.push(Number(r.job_id));
      if (!killed && killWhen?.(acked.length)) { killed = true; killMasterd(); }
      resolve();
    });
  })));
  client.close();
  return acked;
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
  const read = (n: string) => readFileSync(join(vc.dir, n, 'var/lib/ganeti/config.data'), 'utf8');
  await waitFor(`${phase}: identical config on master and candidates`, () => read('node2') === read('node1') && read('node3') === read('node1'), 60_000, 200)
    .catch(() => undefined);
  t.is(read('node2'), read('node1'), `${phase}: node2 has the master's config`);
  t.is(read('node3'), read('node1'), `${phase}: node3 has the master's config`);
  t.log(`${phase}: ${acked.length} acknowledged, ${acked.filter((id) => statuses.get(id) === 'success').length} succeeded`);
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

test.serial('kill -9 while 100 jobs are being submitted', async (t) => {
  t.timeout(300_000);
  const acked = await submitConcurrently(Array.from({ length: JOBS }, (_, i) => addOp(`s${i}`)), (n) => n >= 25);
  t.true(acked.length >= 25 && acked.length <= JOBS);
  await restartAndCheck(t, 'submitting', acked);
});

test.serial('kill -9 while 100 jobs are queued', async (t) => {
  t.timeout(300_000);
  const acked = await submitConcurrently(Array.from({ length: JOBS }, (_, i) => addOp(`q${i}`)), (n) => n === JOBS);
  t.is(acked.length, JOBS, 'every job was acknowledged before the kill');
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
  await restartAndCheck(t, 'finishing', [...set]);
  // Whatever a killed job left behind is consistent: an instance is in the config only if
  // its create job succeeded or ended in the unclean-shutdown error (then it is down).
  const verify = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
  for (const line of verify.stdout.split('\n').filter((l) => /ERROR/.test(l))) {
    t.regex(line, /ERROR: instance \S+: instance not running on its primary node/, `unexpected verify error: ${line}`);
  }
});
