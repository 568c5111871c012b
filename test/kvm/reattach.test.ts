// noded is not qemu's parent: when noded dies (kill -9) and comes back, the instances it
// started are still running, and the new noded re-attaches to them instead of restarting
// them. A guest that powered itself off while noded was away is found USER_down.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guestHv, qemuPids } from '../../vcluster/kvm-guest.js';
import { clusterPerFile } from '../../vcluster/test-kit.js';
import { openTerminal, pidExists, waitFor } from './helpers.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'];
let hv: string;
const vc = clusterPerFile({ nodes: 2, prefix: '127.0.53', hypervisors: 'kvm,fake', programs: PROGRAMS, setup: () => { hv = guestHv(); } });

const gnt = (t: { fail(m: string): void }, args: string[]) => vc.ok(t, args, { timeoutMs: 120_000 });
const nodedPidFile = () => join(vc.dir, 'node2/var/run/ganeti/ganeti-noded.pid');
const statuses = async () => (await gnt({ fail: (m) => { throw new Error(m); } },
  ['gnt-instance', 'list', '--no-headers', '-o', 'name,status'])).trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));

/** kill -9 of node2's noded, waiting until the process is really gone (reaped). */
async function killNoded(): Promise<void> {
  const pid = Number(readFileSync(nodedPidFile(), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await waitFor(`noded ${pid} gone`, () => !pidExists(pid), 30_000, 100);
}

async function startNoded(t: { fail(m: string): void }): Promise<void> {
  const r = await vc.cmd('node2', ['daemon-util', 'start', 'ganeti-noded']);
  if (r.code !== 0) t.fail(`daemon-util start ganeti-noded: ${r.stdout}${r.stderr}`);
}

test.serial('kill -9 of noded while instances run: after its restart they still run, re-attached, not restarted', async (t) => {
  t.timeout(300_000);
  for (const name of ['vm1', 'vm2']) {
    await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=32M', '-o', 'dummy', '-B', 'memory=96', '-H', hv,
      '--no-name-check', '--no-ip-check', '-n', 'node2', name]);
  }
  const before = qemuPids(vc.dir);
  t.deepEqual([...before.keys()].sort(), ['vm1', 'vm2']);

  await killNoded();
  t.deepEqual(await statuses(), ['vm1 ERROR_nodedown', 'vm2 ERROR_nodedown']);
  t.deepEqual(qemuPids(vc.dir), before, 'qemu outlives noded');

  await startNoded(t);
  t.deepEqual(await statuses(), ['vm1 running', 'vm2 running']);
  t.deepEqual(qemuPids(vc.dir), before, 'the same qemu processes: re-attached, not restarted');
  const log = readFileSync(join(vc.dir, 'node2/var/log/ganeti/node-daemon.log'), 'utf8');
  t.regex(log, /re-attached to 2 running kvm instance\(s\): vm1, vm2/);
  // The re-attached instances are fully managed again: QMP answers (memory), shutdown works.
  t.regex(await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,oper_ram', 'vm1']), /vm1 +96M/);
  await gnt(t, ['gnt-instance', 'shutdown', '--timeout=60', 'vm2']);
  t.deepEqual([...qemuPids(vc.dir).keys()], ['vm1']);
});

test.serial('a guest that powers off while noded is down is USER_down after noded is back', async (t) => {
  t.timeout(300_000);
  // The console command needs no noded (ssh + socat on the node): take it while noded is up.
  const show = (await gnt(t, ['gnt-instance', 'console', '--show-cmd', 'vm1'])).trim();
  await killNoded();
  const pid = qemuPids(vc.dir).get('vm1')!;
  const c = openTerminal(vc.dir, show);
  await c.waitFor(/GUEST-UP/, 120_000);
  c.send('poweroff\r');
  await c.waitFor(/GUEST-POWEROFF/, 30_000);
  await c.close();
  // Nobody watches it now: qemu waits in state "shutdown" (-no-shutdown) for noded to come back.
  t.is(qemuPids(vc.dir).get('vm1'), pid);
  await startNoded(t);
  await waitFor('vm1 USER_down', async () => (await statuses()).includes('vm1 USER_down'), 30_000);
  await waitFor('qemu of vm1 gone', () => !qemuPids(vc.dir).has('vm1'), 20_000);
  t.regex(readFileSync(join(vc.dir, 'node2/var/log/ganeti/node-daemon.log'), 'utf8'), /vm1 was powered off from inside the guest/);
  for (const name of ['vm1', 'vm2']) await gnt(t, ['gnt-instance', 'remove', '-f', name]);
  t.deepEqual([...qemuPids(vc.dir).keys()], []);
});
