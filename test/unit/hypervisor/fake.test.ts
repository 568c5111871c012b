import test from 'ava';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorError, ParameterError } from '../../../daemons/common/errors.js';
import { FakeHypervisor } from '../../../daemons/hypervisor/fake/fake.js';
import type { HvInstance } from '../../../daemons/hypervisor/hypervisor.js';
import { getHypervisor, loadHypervisorDrivers, registeredHypervisors } from '../../../daemons/hypervisor/registry.js';
import { makeTempNode, writeCapacity, type TempNode } from '../noded/helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const inst = (name: string, memory = 128, vcpus = 1): HvInstance =>
  ({ name, hypervisor: 'fake', memory, vcpus, hvparams: {} });

test.before(() => loadHypervisorDrivers());

test('start writes a three-line state file; list, info, stop', async (t) => {
  const { paths } = node();
  writeCapacity(paths, { cpus: 8, memory: 4096 });
  const hv = new FakeHypervisor(paths);
  await hv.startInstance(inst('web1', 256, 2), []);
  t.is(readFileSync(join(paths.fakeHvDir, 'web1'), 'utf8'), '0\n256\n2\n');
  t.deepEqual(await hv.listInstances(), ['web1']);
  t.deepEqual(await hv.getInstanceInfo('web1'), { name: 'web1', state: 'running', memory: 256, vcpus: 2, hypervisor: 'fake' });
  t.is(await hv.getInstanceInfo('nope'), null);

  const again = await t.throwsAsync(hv.startInstance(inst('web1'), []), { instanceOf: HypervisorError });
  t.is(again.message, 'Failed to start instance web1: already running');

  await hv.stopInstance(inst('web1'));
  t.false(existsSync(join(paths.fakeHvDir, 'web1')));
  const stopped = await t.throwsAsync(hv.stopInstance(inst('web1')), { instanceOf: HypervisorError });
  t.is(stopped.message, 'Failed to stop instance web1: not running');
  await hv.rebootInstance(inst('web1'));   // a no-op, as in Ganeti
});

test('capacity: node info from fake-node.json and refusal when memory does not fit', async (t) => {
  const { paths } = node();
  writeCapacity(paths, { cpus: 4, memory: 2048, disk: 10240 });   // memory_dom0 defaults to 512
  const hv = new FakeHypervisor(paths);
  t.deepEqual(await hv.getNodeInfo(), {
    memory_total: 2048, memory_dom0: 512, memory_free: 1536, cpu_total: 4, cpu_used: 0, cpu_nodes: 1, cpu_sockets: 1,
  });
  await hv.startInstance(inst('a', 1024, 2), []);
  const info = await hv.getNodeInfo();
  t.is(info.memory_free, 512);
  t.is(info.cpu_used, 2);

  const err = await t.throwsAsync(hv.startInstance(inst('b', 1024), []), { instanceOf: HypervisorError });
  t.is(err.ecode, 'insufficient_resources');
  t.regex(err.message, /instance b: needed 1024 MiB, free 512 MiB/);
  t.false(existsSync(join(paths.fakeHvDir, 'b')));

  // A crash (state file deleted behind our back) frees the memory again.
  unlinkSync(join(paths.fakeHvDir, 'a'));
  await hv.startInstance(inst('b', 1024), []);
  t.is((await hv.getNodeInfo()).memory_free, 512);
});

test('concurrent starts cannot overcommit', async (t) => {
  const { paths } = node();
  writeCapacity(paths, { cpus: 4, memory: 1024, memory_dom0: 0 });
  const hv = new FakeHypervisor(paths);
  const results = await Promise.allSettled(['x1', 'x2', 'x3', 'x4'].map((n) => hv.startInstance(inst(n, 400), [])));
  t.is(results.filter((r) => r.status === 'fulfilled').length, 2);
  t.is((await hv.listInstances()).length, 2);
});

test('without a capacity file the host memory is used, minus fake instances', async (t) => {
  const { paths, root } = node();
  const meminfo = join(root, 'meminfo');
  writeFileSync(meminfo, 'MemTotal:        8192000 kB\nMemFree:         2048000 kB\nBuffers:           10240 kB\nCached:          1024000 kB\nActive:          3072000 kB\n');
  const hv = new FakeHypervisor(paths, { meminfoFile: meminfo });
  await hv.startInstance(inst('m', 1000, 3), []);
  const info = await hv.getNodeInfo();
  t.is(info.memory_total, 8000);
  t.is(info.memory_dom0, 3000);
  t.is(info.memory_free, 2000 + 10 + 1000 - 1000);
  t.is(info.cpu_used, 3);
  t.true(info.cpu_total >= 1);
});

test('a malformed capacity file is reported by verify and refuses node info', async (t) => {
  const { paths } = node();
  mkdirSync(paths.confDir, { recursive: true });
  writeFileSync(paths.fakeCapacityFile, '{"cpus": "many"}');
  const hv = new FakeHypervisor(paths);
  const errors = await hv.verify();
  t.true(errors.some((e) => e.includes("'cpus' must be a non-negative number")));
  t.true(errors.some((e) => e.includes('does not exist')));
  await t.throwsAsync(hv.getNodeInfo(), { instanceOf: HypervisorError });
});

test('10,000 state files are all listed, and memory is accounted across them', async (t) => {
  const { paths } = node();
  mkdirSync(paths.fakeHvDir, { recursive: true });
  for (let i = 0; i < 10_000; i++) writeFileSync(join(paths.fakeHvDir, `inst${i}`), '0\n128\n1\n');
  const hv = new FakeHypervisor(paths);
  const all = await hv.getAllInstancesInfo();
  t.is(all.length, 10_000);
  t.is(all.reduce((s, i) => s + i.memory, 0), 1_280_000);
  // The node's capacity counts every listed instance: one more fits only when room is left.
  writeCapacity(paths, { cpus: 64, memory: 1_280_000 });
  await t.throwsAsync(hv.startInstance(inst('too-many'), []));
  writeCapacity(paths, { cpus: 64, memory: 2_000_000 });
  await hv.startInstance(inst('one-more'), []);
  t.is((await hv.getAllInstancesInfo()).length, 10_001);
});

test('the kept listing sees every change made outside noded at the next list', async (t) => {
  const { paths } = node();
  writeCapacity(paths, { cpus: 64, memory: 1_000_000 });
  const hv = new FakeHypervisor(paths);
  for (let i = 0; i < 50; i++) await hv.startInstance(inst(`k${i}`, 64), []);
  const list = async () => new Map((await hv.getAllInstancesInfo()).map((i) => [i.name, i]));
  t.is((await list()).size, 50);
  const file = (name: string) => join(paths.fakeHvDir, name);
  unlinkSync(file('k1'));                                   // the process died
  t.false((await list()).has('k1'));
  appendFileSync(file('k2'), 'user_down\n');              // the guest powered itself off, in place
  t.is((await list()).get('k2')?.state, 'user_down');
  writeFileSync(file('k3'), '0\n512\n4\n');               // rewritten in place
  t.like((await list()).get('k3'), { memory: 512, vcpus: 4 });
  writeFileSync(file('outside'), '0\n32\n1\n');           // started by someone else
  t.like((await list()).get('outside'), { state: 'running', memory: 32 });
  await hv.stopInstance(inst('k4'));                        // noded's own change
  const after = await list();
  t.false(after.has('k4'));
  t.is(after.size, 49);
  rmSync(paths.fakeHvDir, { recursive: true });             // the whole directory went (a reboot's tmpfs)
  t.is((await list()).size, 0);
  mkdirSync(paths.fakeHvDir);
  writeFileSync(file('back'), '0\n64\n1\n');
  t.deepEqual([...(await list()).keys()], ['back']);
  appendFileSync(file('back'), 'user_down\n');            // the new directory is watched too
  t.is((await list()).get('back')?.state, 'user_down');
});

test('parameter syntax: unknown names and bad values are refused', (t) => {
  const { paths } = node();
  const hv = new FakeHypervisor(paths);
  hv.checkParameterSyntax({ migration_mode: 'non-live' });
  const unknown = t.throws(() => hv.checkParameterSyntax({ kernel_path: '/boot/vmlinuz' }), { instanceOf: ParameterError });
  t.regex(unknown.message, /Unknown hypervisor parameter 'kernel_path' for fake \(known: migration_mode\)/);
  const bad = t.throws(() => hv.checkParameterSyntax({ migration_mode: 'teleport' }), { instanceOf: ParameterError });
  t.regex(bad.message, /allowed: live, non-live/);
});

test('names that could escape the state dir are refused', async (t) => {
  const { paths } = node();
  const hv = new FakeHypervisor(paths);
  await t.throwsAsync(hv.startInstance(inst('../evil'), []), { instanceOf: HypervisorError });
  t.is(await hv.getInstanceInfo('../evil'), null);
});

test('registry: fake is built in, drivers are cached per node, unknown kinds are named', (t) => {
  const { paths } = node();
  t.true(registeredHypervisors().includes('fake'));
  t.is(getHypervisor('fake', paths), getHypervisor('fake', paths));
  const err = t.throws(() => getHypervisor('xen-pvm', paths), { instanceOf: HypervisorError });
  t.regex(err.message, /Unknown hypervisor 'xen-pvm' \(available on this node: fake/);
  t.is(err.ecode, 'wrong_input');
});

test('the kept listing answers with the same array until a file changes', async (t) => {
  const { paths } = node();
  writeCapacity(paths, { cpus: 64, memory: 1_000_000 });
  const hv = new FakeHypervisor(paths);
  for (let i = 0; i < 5; i++) await hv.startInstance(inst(`s${i}`, 64), []);
  const first = await hv.getAllInstancesInfo();
  t.is(await hv.getAllInstancesInfo(), first, 'nothing changed: the very array');
  appendFileSync(join(paths.fakeHvDir, 's2'), 'user_down\n');
  const changed = await hv.getAllInstancesInfo();
  t.not(changed, first);
  t.is(changed.find((i) => i.name === 's2')?.state, 'user_down');
  t.is(await hv.getAllInstancesInfo(), changed);
  unlinkSync(join(paths.fakeHvDir, 's3'));
  t.deepEqual((await hv.getAllInstancesInfo()).map((i) => i.name).sort(), ['s0', 's1', 's2', 's4']);
});
