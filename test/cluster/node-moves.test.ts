// Moving everything off a node and moving the master role, as a user does it on a 3-node
// virtual cluster with the fake hypervisor: gnt-node migrate empties a node (one job per
// instance, the allocator choosing targets, never a drained node), an injected transfer
// failure leaves the instance running on its source and nowhere else, gnt-node evacuate and
// failover, and gnt-cluster master-failover run on node2: every node then names node2, the
// old master's masterd is gone and does not come back, and jobs run on the new master.
import test from 'ava';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterPerFile, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 3, prefix: '127.0.105', templates: 'diskless,file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'],
});
const ok = vc.ok;
const add = (name: string, node: string) =>
  ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-B', 'memory=64', '-n', node, name];
const runDir = (node: string) => join(vc.dir, node, 'var/run/ganeti');
const runningOn = (inst: string) => vc.nodes.filter((n) => existsSync(join(runDir(n), 'fake-hypervisor', inst)));
async function pnodes(t: T): Promise<Map<string, string>> {
  const text = await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode']);
  return new Map(text.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/) as [string, string]));
}

test.serial('gnt-node migrate empties a node, one job per instance, never onto a drained node', async (t) => {
  for (const i of ['a1', 'a2', 'a3']) await ok(t, add(i, 'node1'));
  await ok(t, ['gnt-node', 'modify', '-D', 'yes', 'node3']);
  const r = await ok(t, ['gnt-node', 'migrate', '-f', 'node1']);
  t.regex(r, /Submitted jobs \d+, \d+, \d+/);
  t.regex(r, /All instances migrated successfully\./);
  const p = await pnodes(t);
  for (const i of ['a1', 'a2', 'a3']) {
    t.is(p.get(i), 'node2', `${i} went to the only usable node`);
    t.deepEqual(runningOn(i), ['node2'], `${i} runs exactly once`);
  }
  const none = await ok(t, ['gnt-node', 'migrate', '-f', 'node1']);
  t.regex(none, /No primary instances on node node1, exiting\./);
  await ok(t, ['gnt-node', 'modify', '-D', 'no', 'node3']);
});

test.serial('an injected transfer failure leaves the instance running on its source only', async (t) => {
  const fail = join(runDir('node2'), 'fail-migration-a1');
  writeFileSync(fail, '');
  try {
    const r = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node1', 'a1']);
    t.is(r.code, 1);
    t.regex(out(r), /Could not migrate instance a1: migration failed \(injected migration failure\)/);
  } finally { rmSync(fail, { force: true }); }
  t.is((await pnodes(t)).get('a1'), 'node2');
  t.deepEqual(runningOn('a1'), ['node2']);
  t.false(existsSync(join(runDir('node1'), 'fake-hypervisor', '.incoming-a1')), 'no incoming copy left on the target');
  const c = await ok(t, ['gnt-instance', 'migrate', '-f', '--cleanup', 'a1']);
  t.regex(c, /instance confirmed to be running on its primary node \(node2\)/);
});

test.serial('gnt-node evacuate and gnt-node failover move every primary instance', async (t) => {
  const both = await vc.gnt(['gnt-node', 'evacuate', '-f', '-p', '-s', 'node2']);
  t.is(both.code, 1);
  t.regex(out(both), /Only one of the --primary-only and --secondary-only options can be passed/);
  const ev = await ok(t, ['gnt-node', 'evacuate', '-f', '-n', 'node3', 'node2']);
  t.regex(ev, /All instances evacuated successfully\./);
  for (const i of ['a1', 'a2', 'a3']) t.deepEqual(runningOn(i), ['node3'], i);
  const fo = await ok(t, ['gnt-node', 'failover', '-f', '-n', 'node1', 'node3']);
  t.regex(fo, /All 3 instance\(s\) failed over successfully\./);
  for (const i of ['a1', 'a2', 'a3']) t.deepEqual(runningOn(i), ['node1'], i);
});

test.serial('master-failover to node2: every node names it, the old master stays down, jobs run', async (t) => {
  const already = await vc.cmd('node1', ['gnt-cluster', 'master-failover']);
  t.is(already.code, 1);
  t.regex(out(already), /node1 is already the master/);
  const r = await vc.cmd('node2', ['gnt-cluster', 'master-failover']);
  if (r.code !== 0) t.fail(out(r));
  for (const n of vc.nodes) t.is((await vc.cmd(n, ['gnt-cluster', 'getmaster'])).stdout.trim(), 'node2', n);
  t.false(existsSync(join(runDir('node1'), 'ganeti-masterd.pid')), 'the old masterd stopped');
  const again = await vc.cmd('node1', ['daemon-util', 'start-master']);
  t.is(again.code, 1, 'the old master does not start masterd again');
  t.regex(out(again), /is not the master \(ssconf names 'node2'\)/);
  const list = await vc.cmd('node2', ['gnt-instance', 'list', '--no-headers', '-o', 'name']);
  t.deepEqual(list.stdout.trim().split('\n').map((s) => s.trim()), ['a1', 'a2', 'a3']);
  const jobs = await vc.cmd('node2', ['gnt-job', 'list', '--no-headers', '-o', 'id']);
  t.true(jobs.stdout.trim().split('\n').length >= 10, 'the job queue came along');
  const added = await vc.cmd('node2', add('after', 'node3'));
  if (added.code !== 0) t.fail(out(added));
  t.deepEqual(runningOn('after'), ['node3']);
});

test.serial('master-failover while the master is down; a stale candidate is refused; the old master stays down', async (t) => {
  // A demoted node3 (a drained candidate stays one, so demote it by name): ssconf no longer
  // lists it as a candidate, whatever its stale config copy says, so it may not take over.
  const demote = await vc.cmd('node2', ['gnt-node', 'modify', '-C', 'no', '--auto-promote', 'node3']);
  if (demote.code !== 0) t.fail(out(demote));
  const stop = await vc.cmd('node2', ['daemon-util', 'stop-all']);
  if (stop.code !== 0) t.fail(out(stop));
  const stale = await vc.cmd('node3', ['gnt-cluster', 'master-failover']);
  t.is(stale.code, 1);
  t.regex(out(stale), /This node \(node3\) is not a master candidate/);
  const r = await vc.cmd('node1', ['gnt-cluster', 'master-failover']);
  if (r.code !== 0) t.fail(out(r));
  t.regex(out(r), /could not contact the old master node2/);
  for (const n of ['node1', 'node3']) t.is((await vc.cmd(n, ['gnt-cluster', 'getmaster'])).stdout.trim(), 'node1', n);
  const start = await vc.cmd('node2', ['daemon-util', 'start-all']);   // its stale ssconf still names node2
  t.false(existsSync(join(runDir('node2'), 'ganeti-masterd.pid')), 'the old master asked the others and did not start masterd');
  t.regex(out(start), /most nodes say the master is 'node1'/);
  const added = await vc.cmd('node1', add('after2', 'node3'));
  if (added.code !== 0) t.fail(out(added));
});
