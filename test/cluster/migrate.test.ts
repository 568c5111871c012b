// Failover and migration as a user drives them on a 3-node virtual cluster with the fake
// hypervisor: diskless and sharedfile instances move (the state file and the sharedfile
// lease go to the target, gnt-instance list shows the new primary running), with -n or the
// allocator; refusals (file template, target without memory, target = primary, a stopped
// instance without --allow-failover) exit 1 with Ganeti's message and change nothing.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterPerFile, out, type T } from '../../vcluster/test-kit.js';

// node3 has too little memory for a 512 MiB instance.
const vc = clusterPerFile({
  nodes: 3, prefix: '127.0.85', templates: 'diskless,file,sharedfile', nodeMemory: '4096,4096,300',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'],
});
const ok = vc.ok;
const add = (name: string, ...args: string[]) =>
  ['gnt-instance', 'add', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-B', 'maxmem=512,minmem=512', ...args, name];
/** Nodes whose fake hypervisor runs the instance (its state file). */
const runningOn = (inst: string) => vc.nodes.filter((n) => existsSync(join(vc.dir, n, 'var/run/ganeti/fake-hypervisor', inst)));
async function row(t: T, inst: string): Promise<string> {
  return (await ok(t, ['gnt-instance', 'list', '--no-headers', '--separator=|', '-o', 'pnode,status', inst])).trim();
}
const sharedDir = (inst: string) => join(vc.dir, 'shared-file-storage', inst);
const lease = (inst: string) => {
  const f = readdirSync(sharedDir(inst)).find((x) => x.endsWith('.lease'));
  return f ? readFileSync(join(sharedDir(inst), f), 'utf8').trim() : null;
};

test.serial('failover of a diskless instance: -n target, then the allocator picks a node with memory', async (t) => {
  await ok(t, add('d1', '-t', 'diskless', '-n', 'node1'));
  t.deepEqual(runningOn('d1'), ['node1']);
  const r = await ok(t, ['gnt-instance', 'failover', '-f', '-n', 'node2', 'd1']);
  t.regex(r, /\* shutting down instance on source node/);
  t.regex(r, /\* starting the instance on the target node node2/);
  t.is(await row(t, 'd1'), 'node2|running');
  t.deepEqual(runningOn('d1'), ['node2']);
  // No target: hail relocates away from node2; node3 is too small, so node1.
  const back = await ok(t, ['gnt-instance', 'failover', '-f', 'd1']);
  t.regex(back, /Selected nodes for instance d1 via iallocator hail: node1/);
  t.is(await row(t, 'd1'), 'node1|running');
  t.deepEqual(runningOn('d1'), ['node1']);
});

test.serial('migrate of a diskless instance moves it while running; cleanup confirms the primary', async (t) => {
  const r = await ok(t, ['gnt-instance', 'migrate', '-f', '-n', 'node2', 'd1']);
  t.regex(r, /\* preparing node2 to accept the instance/);
  t.regex(r, /\* migrating instance to node2/);
  t.is(await row(t, 'd1'), 'node2|running');
  t.deepEqual(runningOn('d1'), ['node2']);
  const c = await ok(t, ['gnt-instance', 'migrate', '-f', '--cleanup', 'd1']);
  t.regex(c, /instance confirmed to be running on its primary node \(node2\)/);
  t.is(await row(t, 'd1'), 'node2|running');
});

test.serial('sharedfile: failover and migration move the state file and the disk lease', async (t) => {
  await ok(t, add('s1', '-t', 'sharedfile', '--disk', '0:size=32M', '-n', 'node1'));
  t.is(lease('s1'), 'node1');
  await ok(t, ['gnt-instance', 'failover', '-f', '-n', 'node2', 's1']);
  t.is(await row(t, 's1'), 'node2|running');
  t.deepEqual(runningOn('s1'), ['node2']);
  t.is(lease('s1'), 'node2', 'the target opened the disk');
  await ok(t, ['gnt-instance', 'migrate', '-f', '-n', 'node1', 's1']);
  t.is(await row(t, 's1'), 'node1|running');
  t.deepEqual(runningOn('s1'), ['node1']);
  t.is(lease('s1'), 'node1', 'the lease followed the migration');
  // A stopped instance fails over without starting; its disk is not left open anywhere.
  await ok(t, ['gnt-instance', 'shutdown', 's1']);
  const f = await ok(t, ['gnt-instance', 'failover', '-f', '-n', 'node2', 's1']);
  t.regex(f, /Not checking memory on the secondary node as instance will not be started/);
  t.is(await row(t, 's1'), 'node2|ADMIN_down');
  t.deepEqual(runningOn('s1'), []);
  t.is(lease('s1'), null);
});

test.serial('refusals: file template, target without memory, target is the primary, stopped instance', async (t) => {
  await ok(t, add('f1', '-t', 'file', '--disk', '0:size=32M', '-n', 'node1'));
  const file = await vc.gnt(['gnt-instance', 'failover', '-f', '-n', 'node2', 'f1']);
  t.is(file.code, 1);
  t.regex(out(file), /Instance's disk layout 'file' does not allow failovers/);
  const fileMig = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node2', 'f1']);
  t.is(fileMig.code, 1);
  t.regex(out(fileMig), /Instance's disk layout 'file' does not allow migrations/);
  t.is(await row(t, 'f1'), 'node1|running');

  const mem = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node3', 'd1']);
  t.is(mem.code, 1);
  t.regex(out(mem), /Node node3 cannot host instance d1: not enough memory/);
  const same = await vc.gnt(['gnt-instance', 'failover', '-f', '-n', 'node2', 'd1']);
  t.is(same.code, 1);
  t.regex(out(same), /Cannot migrate instance d1 to its primary \(node2\)/);
  const unknown = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'nosuchnode', 'd1']);
  t.is(unknown.code, 1);
  t.regex(out(unknown), /nosuchnode/);
  const mode = await vc.gnt(['gnt-instance', 'migrate', '-f', '--migration-mode', 'fast', 'd1']);
  t.is(mode.code, 1);
  t.regex(out(mode), /Invalid --migration-mode 'fast' \(allowed: live, non-live\)/);
  t.is(await row(t, 'd1'), 'node2|running');
  t.deepEqual(runningOn('d1'), ['node2']);

  await ok(t, ['gnt-instance', 'shutdown', 'd1']);
  const stopped = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node1', 'd1']);
  t.is(stopped.code, 1);
  t.regex(out(stopped), /Can't migrate, please use failover/);
  t.is(await row(t, 'd1'), 'node2|ADMIN_down');
  const fb = await ok(t, ['gnt-instance', 'migrate', '-f', '--allow-failover', '-n', 'node1', 'd1']);
  t.regex(fb, /fallback allowed, switching to failover/);
  t.is(await row(t, 'd1'), 'node1|ADMIN_down');
});

test.serial('without -f and without a terminal to ask, nothing moves', async (t) => {
  // Questions go to the controlling terminal only; with none the answer is "no" (confirm.ts).
  const r = await vc.gnt(['gnt-instance', 'failover', '-n', 'node2', 'd1']);
  t.is(r.code, 1);
  t.is(await row(t, 'd1'), 'node1|ADMIN_down');
  const m = await vc.gnt(['gnt-instance', 'migrate', '-n', 'node1', 's1']);
  t.is(m.code, 1);
  t.is(await row(t, 's1'), 'node2|ADMIN_down');
});
