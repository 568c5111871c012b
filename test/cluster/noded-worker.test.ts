// noded as a listener and an on-demand worker (daemons/noded/listener.ts) on a real virtual
// cluster: between bursts only the listener runs on a node; the master's next call starts a
// worker again without the user noticing (jobs, queries and verify work as before), and
// daemon-util and the watcher see one daemon, the listener in the pid file.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { alive, nodedWorkersOf, pidOf as nodedPid } from '../../vcluster/procs.js';

let vc: Vcluster;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pidOf = (n: string) => nodedPid(vc.dir, n, 'ganeti-noded');


async function until(what: string, f: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.222', setupArgs: ['--ssh-port', '10222'], templates: 'diskless',
    programs: ['ganeti-noded', 'ganeti-noded-worker', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node',
      'gnt-instance', 'ganeti-watcher'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('an idle node runs only the listener; the next job, query and verify bring a worker back', async (t) => {
  t.timeout(120_000);
  const listener = pidOf('node2');
  await vc.ok(t, ['gnt-cluster', 'verify']);
  await until('node2\'s worker to retire', () => nodedWorkersOf(listener).length === 0, 30_000);
  t.true(alive(listener), 'the listener stays');

  // A job on node2 right after: masterd's open connection was closed (GOAWAY), it reconnects.
  await vc.ok(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check',
    '--no-ip-check', '-n', 'node2', 'idle1']);
  t.is(nodedWorkersOf(listener).length, 1, 'a worker serves node2 again');
  t.true(readFileSync(join(vc.dir, 'node2/var/run/ganeti/fake-hypervisor/idle1'), 'utf8').length > 0, 'the instance runs on node2');

  await until('node2\'s worker to retire again', () => nodedWorkersOf(listener).length === 0, 30_000);
  const list = await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode,status', 'idle1']);
  t.is(list.trim().replace(/ +/g, ' '), 'idle1 node2 running', 'live data from the node comes through the new worker');
  await vc.ok(t, ['gnt-cluster', 'verify']);
  t.is(pidOf('node2'), listener, 'one daemon all along');
});

test.serial('daemon-util and the watcher see one noded: the listener, with or without a worker', async (t) => {
  t.timeout(120_000);
  const listener = pidOf('node2');
  await until('node2\'s worker to retire', () => nodedWorkersOf(listener).length === 0, 30_000);
  const check = await vc.cmd('node2', ['daemon-util', 'check', 'ganeti-noded']);
  t.is(check.code, 0, check.stdout + check.stderr);
  const watch = await run(join(vc.dir, 'node2', 'cmd'), ['ganeti-watcher'], { timeoutMs: 60_000 });
  t.is(watch.code, 0, watch.stdout + watch.stderr);
  t.is(pidOf('node2'), listener, 'the watcher did not restart a running noded');

  // stop: the listener ends its worker, then itself, and removes its pid file; start brings it back.
  await vc.ok(t, ['gnt-cluster', 'verify']);
  const [worker] = nodedWorkersOf(listener);
  t.truthy(worker);
  const stop = await vc.cmd('node2', ['daemon-util', 'stop', 'ganeti-noded']);
  t.is(stop.code, 0, stop.stdout + stop.stderr);
  t.false(alive(listener));
  t.false(alive(worker!));
  const start = await vc.cmd('node2', ['daemon-util', 'start', 'ganeti-noded']);
  t.is(start.code, 0, start.stdout + start.stderr);
  t.not(pidOf('node2'), listener);
  await vc.ok(t, ['gnt-cluster', 'verify']);
});
