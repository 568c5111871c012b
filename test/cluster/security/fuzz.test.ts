// Bad-input fuzzing of both daemons, on every RPC each serves (vcluster/fuzz.ts): random and
// mutated opcodes, queries, job actions, and random bytes as protobuf payloads, sent to
// masterd (its socket) and to noded (TLS, with the master's certificate and with a plain
// node's). Seeded: every failure names the seed, GANETI_FUZZ_SEED=<seed> replays the run.
//
// Phase 1: everything that must not change the cluster. Afterwards the same processes run,
// no daemon log has a crash line (uncaught exception, unhandled rejection, stack trace), and
// the state is the same by content: config serial and checksum, a checksum of every file of
// every node, the cluster's process list. A plain node's certificate may call every node RPC,
// the dangerous ones included, and all are refused.
// Phase 2 (the cluster is disposable now): the dangerous RPCs with the master's authority
// (leave cluster, uploads, ssconf, drain, watcher pause, archive…): no crash line, masterd
// and the master's noded live on; a node daemon may only end by leaving the cluster.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import {
  alive, clusterState, crashLines, int, logMarks, masterCalls, masterClients, nodedCalls, nodedClients, pick, pidOf, rng,
  runAll, shuffle, stateChanges,
} from '../../../vcluster/fuzz.js';
import { nodeIp, waitFor } from '../faults/util.js';

const PREFIX = '127.0.79';
const SEED = Number(process.env.GANETI_FUZZ_SEED ?? Date.now() % 1_000_000);
const S = `(seed ${SEED}; replay with GANETI_FUZZ_SEED=${SEED})`;
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: PREFIX, nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  for (const args of [['gnt-cluster', 'modify', '--candidate-pool-size=2'], ['gnt-node', 'modify', '-C', 'no', 'node3'],
    ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'keep']]) {
    const r = await vc.gnt(args);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
  }
});
test.after.always(async () => { await vc?.stop(); });

async function jobs(): Promise<Map<string, string>> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 60_000 });
  return new Map(r.stdout.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/) as [string, string]));
}

async function settledJobs(): Promise<Map<string, string>> {
  return waitFor('fuzz jobs to end', async () => {
    const j = await jobs();
    return [...j.values()].every((s) => ['success', 'error', 'canceled'].includes(s)) ? j : null;
  }, 90_000, 500);
}

const pids = () => ({ masterd: pidOf(vc.dir, 'node1', 'ganeti-masterd'),
  noded1: pidOf(vc.dir, 'node1', 'ganeti-noded'), noded2: pidOf(vc.dir, 'node2', 'ganeti-noded'), noded3: pidOf(vc.dir, 'node3', 'ganeti-noded') });

test.serial('phase 1: every RPC of both daemons, nothing changes, no crash line', async (t) => {
  t.timeout(240_000);
  t.log(`seed ${SEED} (replay with GANETI_FUZZ_SEED=${SEED})`);
  const r = rng(SEED);
  const jobsBefore = await settledJobs();
  const maxId = Math.max(...[...jobsBefore.keys()].map(Number));
  const before = clusterState(vc.dir);
  const marks = logMarks(vc.dir);
  const p0 = pids();

  const master = masterClients(vc.dir);
  const asMaster = nodedClients(vc.dir, 'node1', 'node2', nodeIp(PREFIX, 'node2'));
  const asPlain = nodedClients(vc.dir, 'node3', 'node1', nodeIp(PREFIX, 'node1'));
  const noJob = () => pick(r, [-1, 0, maxId + 1 + int(r, 1000), 2 ** 53, -(2 ** 40)]);
  const m = masterCalls(r, 3000, master, noJob);
  const all = shuffle(r, [...m.calls, ...nodedCalls(r, 3000, asMaster), ...nodedCalls(r, 1500, asPlain, true)]);
  const sent = await runAll(all);
  for (const c of [master, asMaster, asPlain]) c.close();
  t.log(`${sent} requests (${m.jobs} jobs of random or mutated opcodes among them)`);

  t.deepEqual(pids(), p0, `the same daemon processes ${S}`);
  for (const [d, pid] of Object.entries(p0)) t.true(alive(pid), `${d} is alive ${S}`);
  const after = await settledJobs();
  for (const [id, st] of jobsBefore) t.is(after.get(id), st, `job ${id} changed ${S}`);
  const fuzzJobs = [...after].filter(([id]) => !jobsBefore.has(id));
  for (const [id, st] of fuzzJobs) t.not(st, 'success', `fuzz job ${id} succeeded ${S}`);
  t.log(`${fuzzJobs.length} fuzz jobs were accepted and failed`);
  t.deepEqual(crashLines(vc.dir, marks), [], `crash lines in the daemon logs ${S}`);
  t.deepEqual(stateChanges(before, clusterState(vc.dir)), [], `the cluster changed ${S}`);
  const refused = readFileSync(join(vc.dir, 'node1/var/log/ganeti/node-daemon.log'), 'utf8').match(/Permission denied/g)?.length ?? 0;
  t.log(`node1 logged ${refused} refusals of node3's certificate`);
  t.false(existsSync('/tmp/gtsf-pwned'), `no command ran ${S}`);
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, `${verify.stdout} ${S}`);
});

test.serial('phase 2 (disposable cluster): the dangerous RPCs with the master\'s authority crash nothing', async (t) => {
  t.timeout(240_000);
  const r = rng(SEED + 1);
  const marks = logMarks(vc.dir);
  const p0 = pids();
  const master = masterClients(vc.dir);
  const to2 = nodedClients(vc.dir, 'node1', 'node2', nodeIp(PREFIX, 'node2'));
  const to3 = nodedClients(vc.dir, 'node1', 'node3', nodeIp(PREFIX, 'node3'));
  const all = shuffle(r, [...masterCalls(r, 1500, master, () => int(r, 200) - 10, true).calls,
    ...nodedCalls(r, 1500, to2, true), ...nodedCalls(r, 1500, to3, true)]);
  const sent = await runAll(all);
  for (const c of [master, to2, to3]) c.close();
  t.log(`${sent} requests with the master's authority`);
  t.is(pidOf(vc.dir, 'node1', 'ganeti-masterd'), p0.masterd, `masterd is the same process ${S}`);
  t.true(alive(p0.masterd), `masterd is alive ${S}`);
  t.true(alive(p0.noded1), `the master's noded is alive ${S}`);
  for (const n of ['node2', 'node3'] as const) {
    const pid = n === 'node2' ? p0.noded2 : p0.noded3;
    if (alive(pid)) continue;
    const log = readFileSync(join(vc.dir, n, 'var/log/ganeti/node-daemon.log'), 'utf8');
    t.regex(log, /left the cluster/, `${n}'s noded ended without leaving the cluster ${S}`);
  }
  t.deepEqual(crashLines(vc.dir, marks), [], `crash lines in the daemon logs ${S}`);
});
