// kill -9 of a node daemon in the middle of an instance create (while the OS create script
// runs): the job fails with a message naming the node, and once the node daemon is back
// (the watcher restarts it) nothing is left on any node: the master's rollback keeps trying
// to remove the disk for a bounded time, and the new noded kills the orphaned OS script.
import test from 'ava';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { findOrphanedScripts } from '../../../daemons/noded/orphans.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { daemonPid, isAlive, jobIdOf, sleep, waitFor } from './util.js';

let vc: Vcluster;
const node2Paths = () => resolvePaths({ GANETI_ROOTDIR: join(vc.dir, 'node2'), GANETI_HOSTNAME: 'node2' });
const storage = () => join(vc.dir, 'node2/srv/ganeti/file-storage');

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.75', nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  // An OS whose create script takes long enough to kill the node daemon under it.
  const os = join(vc.dir, 'node2/srv/ganeti/os');
  cpSync(join(os, 'dummy'), join(os, 'slowos'), { recursive: true });
  writeFileSync(join(os, 'slowos/create'), '#!/bin/sh\necho "slowos: creating ${INSTANCE_NAME}"\nsleep 120\necho "slowos: done"\n');
  chmodSync(join(os, 'slowos/create'), 0o755);
});
test.after.always(async () => {
  if (vc) for (const o of findOrphanedScripts(node2Paths())) { try { process.kill(-o.pgid, 'SIGKILL'); } catch { /* gone */ } }
  await vc?.stop();
});

test.serial('kill -9 of noded during the OS install: clean failure, nothing left behind', async (t) => {
  t.timeout(180_000);
  const sub = await vc.gnt(['gnt-instance', 'add', '--submit', '-t', 'file', '--disk', '0:size=16M', '-o', 'slowos', '-n', 'node2',
    '--no-name-check', '--no-ip-check', 'slow1']);
  t.is(sub.code, 0, sub.stderr);
  const job = jobIdOf(sub);
  const scripts = await waitFor('the OS create script to run on node2', () => {
    const s = findOrphanedScripts(node2Paths()).filter((o) => o.instance === 'slow1');
    return s.length ? s : null;
  }, 60_000, 100);
  t.true(existsSync(join(storage(), 'slow1')), 'the disk exists while the script runs');

  const noded = daemonPid(vc, 'node2', 'ganeti-noded');
  process.kill(noded, 'SIGKILL');
  await waitFor('noded to die', () => !isAlive(noded), 10_000, 50);
  t.true(scripts.every((s) => isAlive(s.pid)), 'the script outlives its killed parent');
  // Down for a few seconds, as until the watcher's next run; then started again.
  await sleep(3000);
  const start = await vc.cmd('node2', ['daemon-util', 'start', 'ganeti-noded']);
  t.is(start.code, 0, start.stdout + start.stderr);

  const status = await waitFor('the job to end', async () => {
    const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(job)]);
    return /success|error|canceled/.test(r.stdout) ? r.stdout.trim() : null;
  }, 120_000, 500);
  t.is(status, 'error');
  const info = await vc.gnt(['gnt-job', 'info', String(job)]);
  t.regex(info.stdout, /Could not add os for instance slow1 on node node2: Error while contacting node node2/);
  t.regex(info.stdout, /Node node2 unreachable while removing disk disk\/0 .*retrying/);

  t.false(existsSync(join(storage(), 'slow1')), `a disk of slow1 is left: ${existsSync(join(storage(), 'slow1')) ? readdirSync(join(storage(), 'slow1')).join(', ') : ''}`);
  t.deepEqual(findOrphanedScripts(node2Paths()), [], 'no OS script process is left');
  t.true(scripts.every((s) => !isAlive(s.pid)), 'the orphaned script was killed');
  t.regex(readFileSync(join(vc.dir, 'node2/var/log/ganeti/node-daemon.log'), 'utf8'), /killed the OS script process group \d+ of instance slow1/);
  t.is((await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.trim(), '');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout);
  // The node works normally afterwards.
  const again = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy', '-n', 'node2',
    '--no-name-check', '--no-ip-check', 'after1']);
  t.is(again.code, 0, again.stdout + again.stderr);
});
