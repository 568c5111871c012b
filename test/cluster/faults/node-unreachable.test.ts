// A node that cannot be reached: its noded stopped, or hung (SIGSTOP: the kernel still
// accepts connections, nothing answers). Jobs touching it fail within seconds with the
// node's name; jobs on other nodes go on; gnt-cluster verify names it; and after
// `gnt-node modify --offline yes` work continues without waiting for it. How long each
// step takes is logged only (a hang ends in the test's timeout); durations are for bench/.
import test, { type ExecutionContext } from 'ava';
import { startVcluster, type RunResult, type Vcluster } from '../../../vcluster/harness.js';
import { daemonPid } from './util.js';

let vc: Vcluster;
let stoppedPid: number | null = null;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.76', nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  const r = await add('on3', 'node3', ['--no-start']);
  if (r.code !== 0) throw new Error(`${r.stdout}${r.stderr}`);
});
test.after.always(async () => {
  if (stoppedPid) { try { process.kill(-stoppedPid, 'SIGCONT'); } catch { /* gone */ } }
  await vc?.stop();
});

function add(name: string, node: string, extra: string[] = []): Promise<RunResult> {
  return vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check',
    '-n', node, ...extra, name], { timeoutMs: 120_000 });
}

async function timed(p: Promise<RunResult>): Promise<RunResult & { ms: number }> {
  const t0 = Date.now();
  const r = await p;
  return { ...r, ms: Date.now() - t0 };
}

/** What every kind of unreachability must give: failures naming node3, others unaffected, offline works. */
async function checkUnreachable(t: ExecutionContext, kind: string, tag: string): Promise<void> {
  const [touch, other] = await Promise.all([timed(vc.gnt(['gnt-instance', 'startup', 'on3'], { timeoutMs: 300_000 })), timed(add(`${tag}a`, 'node2'))]);
  t.not(touch.code, 0, `${kind}: a job on node3 succeeded`);
  t.regex(touch.stdout + touch.stderr, /node3/, `${kind}: the failure names the node`);
  t.is(other.code, 0, `${kind}: a job on node2 failed: ${other.stdout}${other.stderr}`);
  t.log(`${kind}: job on node3 failed after ${touch.ms} ms; job on node2 done after ${other.ms} ms`);

  const verify = await timed(vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 300_000 }));
  t.not(verify.code, 0);
  t.regex(verify.stdout, /ERROR: node node3: while contacting node/, `${kind}: verify names the node`);

  const offline = await timed(vc.gnt(['gnt-node', 'modify', '--offline', 'yes', 'node3'], { timeoutMs: 300_000 }));
  t.is(offline.code, 0, `${kind}: ${offline.stdout}${offline.stderr}`);
  const after = await timed(add(`${tag}b`, 'node2'));
  t.is(after.code, 0, after.stdout + after.stderr);
  const verify2 = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
  t.notRegex(verify2.stdout, /ERROR: node node3/, 'an offline node is not an error');
  t.regex(verify2.stdout, /1 offline node\(s\) found/);
  t.log(`${kind}: offline took ${offline.ms} ms, the next job ${after.ms} ms`);
}

async function backOnline(t: ExecutionContext): Promise<void> {
  const r = await vc.gnt(['gnt-node', 'modify', '--offline', 'no', 'node3'], { timeoutMs: 120_000 });
  t.is(r.code, 0, r.stdout + r.stderr);
  const verify = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
  t.is(verify.code, 0, verify.stdout);
}

test.serial('node3 with its node daemon stopped', async (t) => {
  t.timeout(300_000);
  t.is((await vc.cmd('node3', ['daemon-util', 'stop', 'ganeti-noded'])).code, 0);
  await checkUnreachable(t, 'stopped', 'st');
  t.is((await vc.cmd('node3', ['daemon-util', 'start', 'ganeti-noded'])).code, 0);
  await backOnline(t);
});

test.serial('node3 hung (its node daemon stopped with SIGSTOP)', async (t) => {
  t.timeout(300_000);
  // An open connection from the master to node3 exists: calls on it must not wait for ever.
  t.is((await vc.gnt(['gnt-cluster', 'verify'])).code, 0);
  // The whole daemon: its listener (the pid file's, a process group leader) and its worker.
  stoppedPid = daemonPid(vc, 'node3', 'ganeti-noded');
  process.kill(-stoppedPid, 'SIGSTOP');
  await checkUnreachable(t, 'hung', 'hu');
  process.kill(-stoppedPid, 'SIGCONT');
  stoppedPid = null;
  await backOnline(t);
});
