// Live migration of a real qemu guest between virtual nodes (kvm driver, migration.ts): the
// tiny guest's serial tick counter goes on after the move (a restart would begin at 0),
// exactly one qemu exists afterwards, the target qemu listened with -incoming on the target
// node's address and migration port; a migration whose target qemu is killed half-way
// (bandwidth throttled to 1 MiB/s so there is a half-way) fails, and the instance keeps
// running on its source with no target qemu or runtime left behind. migration_caps that qemu
// needs on both sides (multifd) are set on the target too, as Ganeti's AcceptInstance does.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { guestHv, qemuPids } from '../../vcluster/kvm-guest.js';
import { clusterPerFile } from '../../vcluster/test-kit.js';
import { waitFor } from './helpers.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'];
let hv: string;
const vc = clusterPerFile({ nodes: 3, prefix: '127.0.106', hypervisors: 'kvm,fake', templates: 'diskless,file', programs: PROGRAMS, setup: () => { hv = guestHv('serial_console=true'); } });

const gnt = (t: { fail(m: string): void }, args: string[], timeoutMs = 180_000) => vc.ok(t, args, { timeoutMs });
const kvmDir = (node: string) => join(vc.dir, node, 'var/run/ganeti/kvm-hypervisor');
/** qemus of `name` per node, from each node's own pid files. */
function qemusOf(name: string): string[] {
  return vc.nodes.filter((n) => qemuPids(join(vc.dir, n)).has(name));
}
function argvOf(node: string, name: string): string[] {
  const pid = qemuPids(join(vc.dir, node)).get(name)!;
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
}
/** The first tick the guest prints on `node`'s serial console from now on, waiting up to
 * `ms` (-1: none). Not a fixed window: a TCG guest on a loaded machine (CI runs the kvm files
 * side by side) can go several seconds between ticks, and a window that caught none made
 * "before" -1, which any guest beats. */
function nextTick(node: string, name: string, ms = 60_000): Promise<number> {
  const sock = join(kvmDir(node), 'ctrl', `${name}.serial`);
  return new Promise((resolve) => {
    if (!existsSync(sock)) { resolve(-1); return; }
    let text = '';
    const c = createConnection(sock);
    const done = (tick: number) => { clearTimeout(timer); c.destroy(); resolve(tick); };
    const timer = setTimeout(() => done(-1), ms);
    c.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const m = /tick=(\d+)\s/.exec(text);
      if (m) done(Number(m[1]));
    });
    c.on('error', () => done(-1));
  });
}
async function row(t: { fail(m: string): void }, name: string): Promise<string> {
  return (await gnt(t, ['gnt-instance', 'list', '--no-headers', '--separator=|', '-o', 'pnode,status', name])).trim();
}

test.serial('live migration: the guest keeps running (tick goes on), one qemu, -incoming on the target address', async (t) => {
  t.timeout(400_000);
  await gnt(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=128', '-H', hv,
    '--no-name-check', '--no-ip-check', '-n', 'node1', 'vm1']);
  let before = -1;
  await waitFor('a tick on vm1\'s console', async () => (before = await nextTick('node1', 'vm1', 2000)) >= 0, 180_000, 500);
  const out = await gnt(t, ['gnt-instance', 'migrate', '-f', '-n', 'node2', 'vm1']);
  t.regex(out, /\* migrating instance to node2/);
  t.is(await row(t, 'vm1'), 'node2|running');
  t.deepEqual(qemusOf('vm1'), ['node2'], 'exactly one qemu, on the target');
  const argv = argvOf('node2', 'vm1');
  t.is(argv[argv.indexOf('-incoming') + 1], 'tcp:127.0.106.11:8102', "the target node's address and the cluster's migration port");
  const after = await nextTick('node2', 'vm1');
  t.true(after > before, `tick ${before} before, ${after} after: the guest moved instead of restarting`);
  t.false(existsSync(join(kvmDir('node1'), 'conf', 'vm1.runtime')), 'the source cleaned up');
});

test.serial('target qemu killed half-way: the migration fails, the instance runs on at its source only', async (t) => {
  t.timeout(400_000);
  await gnt(t, ['gnt-instance', 'modify', '-H', 'migration_bandwidth=1', 'vm1']);
  const before = await nextTick('node2', 'vm1');
  t.true(before >= 0, 'the guest ticks on node2 before its migration');
  const mig = vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node3', 'vm1'], { timeoutMs: 300_000 });
  await waitFor('the target qemu on node3', () => qemuPids(join(vc.dir, 'node3')).has('vm1'), 120_000, 100);
  await new Promise((r) => setTimeout(r, 1500));   // the transfer is under way (1 MiB/s)
  process.kill(qemuPids(join(vc.dir, 'node3')).get('vm1')!, 'SIGKILL');
  const r = await mig;
  t.is(r.code, 1, r.stdout + r.stderr);
  t.regex(r.stdout + r.stderr, /Could not migrate instance vm1/);
  t.is(await row(t, 'vm1'), 'node2|running');
  t.deepEqual(qemusOf('vm1'), ['node2']);
  t.false(existsSync(join(kvmDir('node3'), 'conf', 'vm1.runtime')), 'no runtime left on the target');
  const after = await nextTick('node2', 'vm1');
  t.true(after > before, `tick ${before} before, ${after} after: the source guest was not stopped`);
  t.deepEqual(readdirSync(join(kvmDir('node3'), 'pid')), [], 'no pid file left on the target');
});

test.serial('migration_caps are set on the incoming side too: a multifd migration succeeds', async (t) => {
  t.timeout(400_000);
  await gnt(t, ['gnt-instance', 'modify', '-H', 'migration_bandwidth=1024,migration_caps=multifd', 'vm1']);
  const before = await nextTick('node2', 'vm1');
  t.true(before >= 0, 'the guest ticks on node2 before its migration');
  const r = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node3', 'vm1'], { timeoutMs: 300_000 });
  t.is(r.code, 0, r.stdout + r.stderr);
  t.is(await row(t, 'vm1'), 'node3|running');
  t.deepEqual(qemusOf('vm1'), ['node3']);
  const after = await nextTick('node3', 'vm1');
  t.true(after > before, `tick ${before} before, ${after} after: the guest moved instead of restarting`);
});
