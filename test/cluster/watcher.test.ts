// ganeti-watcher on a real virtual cluster (fake hypervisor): it restarts a dead noded and a
// crashed instance, honours `gnt-cluster watcher pause`, leaves guests their users shut
// down alone, gives up after 5 failed restarts and says so, archives old jobs, never runs
// twice at once, and works when started the way the shipped cron file starts it.
import test from 'ava';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO, run, startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { isAlive as alive } from '../../daemons/common/process-alive.js';

let vc: Vcluster;
const node = (n: string, ...p: string[]) => join(vc.dir, n, ...p);
const fakeState = (n: string, inst: string) => node(n, 'var/run/ganeti/fake-hypervisor', inst);
const watcherLog = (n: string) => { try { return readFileSync(node(n, 'var/log/ganeti/watcher.log'), 'utf8'); } catch { return ''; } };
const pidOf = (n: string, daemon: string) => Number(readFileSync(node(n, `var/run/ganeti/${daemon}.pid`), 'utf8'));

async function status(inst: string, fields = 'name,status'): Promise<string> {
  const r = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', fields, inst]);
  if (r.code !== 0) throw new Error(`gnt-instance list failed: ${r.stderr}`);
  return r.stdout.trim().replace(/ +/g, ' ');
}

async function watcherAll(...args: string[]) {
  const r = await run(join(vc.dir, 'watcher-all'), args, { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`watcher-all failed (${r.code}):\n${r.stdout}${r.stderr}\n${watcherLog('node1')}`);
  return r;
}

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.65', setupArgs: ['--ssh-port', '10665'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'ganeti-watcher'] });
  await vc.init();
  await vc.addNodes();
  for (const [name, pnode] of [['w1', 'node2'], ['w2', 'node3']]) {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', pnode!, name!]);
    if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}\n${vc.logs()}`);
  }
});
test.after.always(async () => { await vc?.stop(); });

test.serial('a killed noded (or masterd) is started again by the next watcher run', async (t) => {
  const before = pidOf('node2', 'ganeti-noded');
  const masterBefore = pidOf('node1', 'ganeti-masterd');
  process.kill(before, 'SIGKILL');
  process.kill(masterBefore, 'SIGKILL');
  await watcherAll();
  const after = pidOf('node2', 'ganeti-noded');
  t.not(after, before, watcherLog('node2'));
  t.true(alive(after), 'noded runs again');
  t.regex(watcherLog('node2'), /INFO daemon-util start-all: ganeti-noded started \(pid \d+\)/);
  const masterAfter = pidOf('node1', 'ganeti-masterd');
  t.not(masterAfter, masterBefore, watcherLog('node1'));
  t.true(alive(masterAfter), 'masterd runs again');
  t.is((await vc.gnt(['gnt-cluster', 'master-ping'])).code, 0);
});

test.serial('a crashed instance is ERROR_down, a paused watcher leaves it, the next run restarts it', async (t) => {
  rmSync(fakeState('node2', 'w1'));
  // The master reconnects to the noded restarted by the previous test within a second or so
  // (reconnect backoff at most 1 s); until then node2 is ERROR_nodedown.
  let st = await status('w1');
  for (let i = 0; i < 40 && st === 'w1 ERROR_nodedown'; i++) {
    await new Promise((res) => setTimeout(res, 250));
    st = await status('w1');
  }
  t.is(st, 'w1 ERROR_down');

  const pause = await vc.gnt(['gnt-cluster', 'watcher', 'pause', '3600']);
  t.is(pause.code, 0, pause.stderr);
  t.regex(pause.stdout, /^The watcher is paused until \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\.$/m);
  for (const n of vc.nodes) t.regex(readFileSync(node(n, 'var/lib/ganeti/watcher.pause'), 'utf8'), /^\d+\n$/, `pause file on ${n}`);
  t.regex((await vc.gnt(['gnt-cluster', 'watcher', 'info'])).stdout, /The watcher is paused until/);
  await watcherAll();
  t.is(await status('w1'), 'w1 ERROR_down', 'a paused watcher does nothing');

  const cont = await vc.gnt(['gnt-cluster', 'watcher', 'continue']);
  t.is(cont.stdout.trim(), 'The watcher is no longer paused.');
  t.is((await vc.gnt(['gnt-cluster', 'watcher', 'info'])).stdout.trim(), 'The watcher is not paused.');
  await watcherAll();
  t.is(await status('w1'), 'w1 running');
  t.regex(watcherLog('node1'), /INFO Restarting instance 'w1' \(attempt #1\)/);
  // The restart job says who asked for it.
  const jobs = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,summary'])).stdout;
  const id = /^ *(\d+) INSTANCE_STARTUP\(w1\)$/m.exec(jobs.replace(/ +/g, ' '))?.[1];
  t.truthy(id, jobs);
  t.regex((await vc.gnt(['gnt-job', 'info', id!])).stdout, /- gnt:watcher\n\s+- Restarting instance w1/);
});

test.serial('an instance its user shut down from inside is cleaned up, not restarted', async (t) => {
  appendFileSync(fakeState('node3', 'w2'), 'user_down\n');   // the guest powered itself off
  t.is(await status('w2'), 'w2 USER_down');
  await watcherAll();
  t.is(await status('w2', 'name,status,admin_state,admin_state_source'), 'w2 USER_down down user');
  t.regex(watcherLog('node1'), /INFO Instance 'w2' was shutdown by the user, cleaning up instance/);
  await watcherAll();
  t.is(await status('w2'), 'w2 USER_down', 'still down after another run');
  t.notRegex(watcherLog('node1'), /Restarting instance 'w2'/);
  const start = await vc.gnt(['gnt-instance', 'startup', 'w2']);
  t.is(start.code, 0, start.stderr);
  t.is(await status('w2', 'name,status,admin_state_source'), 'w2 running admin');
});

test.serial('after 5 failed restarts the watcher gives up, in its log and in gnt-instance list', async (t) => {
  const capacity = node('node2', 'etc/ganeti/fake-node.json');
  const saved = readFileSync(capacity, 'utf8');
  // 48 MiB free: the 64 MiB instance cannot start again.
  writeFileSync(capacity, '{"cpus": 8, "memory": 560, "disk": 1048576, "memory_dom0": 512}\n');
  rmSync(fakeState('node2', 'w1'));
  const seen: string[] = [];
  for (let i = 0; i < 7; i++) {
    const r = await vc.cmd('node1', ['ganeti-watcher', '--no-verify-disks']);
    t.is(r.code, 0, r.stderr);
    seen.push(await status('w1', 'name,status,watcher'));
  }
  t.deepEqual(seen.slice(0, 5), [1, 2, 3, 4, 5].map((n) => `w1 ERROR_down restart attempts: ${n}/5`));
  t.is(seen[5], 'w1 ERROR_down gave up after 5 restart attempts');
  t.is(seen[6], 'w1 ERROR_down gave up after 5 restart attempts');
  const log = watcherLog('node1');
  t.is(log.match(/Error while restarting instance 'w1'/g)?.length, 5);
  t.regex(log, /ERROR Could not restart instance 'w1' after 5 attempts, giving up/);
  t.regex(log, /WARNING Not restarting instance 'w1', retries exhausted/);

  // Resetting the watcher (docs/watcher.md): enough memory again, state file removed.
  writeFileSync(capacity, saved);
  // The master caches node totals for 5 s (daemons/masterd/rpc/cached-rpc.ts); cron's runs
  // are minutes apart, a test's are not.
  await new Promise((res) => setTimeout(res, 5500));
  for (const f of (await run('/bin/sh', ['-c', `ls ${node('node1', 'var/lib/ganeti')}/watcher.*.data`])).stdout.trim().split('\n')) rmSync(f);
  await watcherAll();
  t.is(await status('w1', 'name,status,watcher'), 'w1 running restart attempts: 1/5');
  await watcherAll();
  t.is(await status('w1', 'name,status,watcher'), 'w1 running -');
});

test.serial('--job-age archives finished jobs; a second run while one holds the lock does nothing', async (t) => {
  t.not((await vc.gnt(['gnt-job', 'list', '--no-headers'])).stdout.trim(), '');
  const r = await vc.cmd('node1', ['ganeti-watcher', '--job-age', '0', '--no-verify-disks']);
  t.is(r.code, 0, r.stderr);
  t.is((await vc.gnt(['gnt-job', 'list', '--no-headers'])).stdout.trim(), '', 'every finished job is archived');

  // A live process named like the watcher holds the lock (as a long run would).
  const holder = spawn('bash', ['-c', 'exec -a ganeti-watcher sleep 60'], { stdio: 'ignore' });
  t.teardown(() => { if (holder.exitCode === null) holder.kill('SIGKILL'); });
  await new Promise((res) => setTimeout(res, 200));
  writeFileSync(node('node1', 'var/lock/ganeti-watcher.lock'), `${holder.pid}\n`);
  rmSync(fakeState('node2', 'w1'));
  const locked = await vc.cmd('node1', ['ganeti-watcher']);
  t.is(locked.code, 0);
  t.regex(watcherLog('node1'), new RegExp(`Can't acquire lock on .*ganeti-watcher\\.lock: another watcher run \\(pid ${holder.pid}\\) holds it`));
  t.is(await status('w1'), 'w1 ERROR_down', 'the locked-out run did nothing');
  holder.kill('SIGKILL');
  await new Promise((res) => holder.once('exit', res));
  const next = await vc.cmd('node1', ['ganeti-watcher']);
  t.is(next.code, 0, next.stderr);
  t.is(await status('w1'), 'w1 running', 'a dead holder\'s lock is taken over');
});

test.serial('the shipped cron entries run every 5 minutes and work as written', async (t) => {
  const cron = readFileSync(join(REPO, 'tools/watcher/ganeti-watcher.cron'), 'utf8');
  const entries = cron.split('\n').filter((l) => /^[\d*]/.test(l)).map((l) => l.split(/\s+/));
  const minutes = new Set<number>();
  for (const e of entries) {
    t.deepEqual(e.slice(1, 5), ['*', '*', '*', '*']);
    t.is(e[5], 'root');
    for (const part of e[0]!.split(',')) {
      const [range, step] = part.split('/');
      const [lo, hi] = range === '*' ? [0, 59] : range!.split('-').map(Number);
      for (let m = lo!; m <= (hi ?? lo)!; m += Number(step ?? 1)) minutes.add(m);
    }
  }
  t.deepEqual([...minutes].sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i * 5));
  const nonStrict = entries.find((e) => e.includes('--no-strict'))!;
  // What cron would run, on node1 of the virtual cluster, with the programs on PATH.
  rmSync(fakeState('node2', 'w1'));
  const r = await run('/bin/sh', ['-c', nonStrict.slice(6).join(' ')], {
    env: { PATH: `${BIN}:/usr/bin:/bin`, GANETI_ROOTDIR: node('node1'), GANETI_HOSTNAME: 'node1' }, timeoutMs: 60_000,
  });
  t.is(r.code, 0, r.stdout + r.stderr);
  t.is(r.stdout + r.stderr, '', 'silent under cron');
  t.is(await status('w1'), 'w1 running');
});

test.serial('usage errors exit 2 and name the bad value', async (t) => {
  const r = await vc.cmd('node1', ['ganeti-watcher', '--job-age', 'soon']);
  t.is(r.code, 2);
  t.regex(r.stderr, /ganeti-watcher: error: invalid job age 'soon' \(--job-age\)/);
  const bad = await vc.gnt(['gnt-cluster', 'watcher', 'pause', '-5m']);
  t.not(bad.code, 0);
});
