import test, { type ExecutionContext } from 'ava';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, OpPrereqError, ProgrammerError } from '../../../../daemons/common/errors.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import type { ClusterConfig, Instance, Node } from '../../../../daemons/common/objects.js';
import { ConfigStore } from '../../../../daemons/masterd/config/config-store.js';
import { FileAdapter } from '../../../../daemons/masterd/config/file-adapter.js';

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-'));
  t.teardown(async () => {
    chmodSync(dir, 0o755);
    await rm(dir, { recursive: true, force: true });
  });
  return dir;
}

function node(uuid: string, name: string): Node {
  return {
    uuid, name, primary_ip: '127.0.1.10', secondary_ip: '127.0.1.10', master_candidate: true, offline: false,
    drained: false, master_capable: true, vm_capable: true, group: 'g1', ndparams: {}, powered: true, tags: [],
    ctime: 0, mtime: 0, serial_no: 1,
  };
}

function instance(uuid: string, name: string, mac: string, port: number | null = null): Instance {
  return {
    uuid, name, primary_node: 'n1', secondary_nodes: [], hypervisor: 'fake', os: 'debootstrap',
    admin_state: 'down', admin_state_source: 'admin', disk_template: 'diskless', disks: [],
    nics: [{ uuid: `${uuid}-nic`, name: '', mac, ip: null, network: null, nicparams: {} }],
    hvparams: {}, beparams: {}, osparams: {}, network_port: port, disks_active: false, tags: [],
    ctime: 0, mtime: 0, serial_no: 1,
  };
}

function makeConfig(instances = 3): ClusterConfig {
  const cfg = {
    version: 3000000, serial_no: 1, ctime: 0, mtime: 0,
    cluster: { cluster_name: 'cluster.example.com', mac_prefix: 'aa:00:00', serial_no: 1, tags: [] },
    nodes: { n1: node('n1', 'node1.example.com'), n2: node('n2', 'node2.example.com'), n10: node('n10', 'node10.example.com') },
    nodegroups: { g1: { uuid: 'g1', name: 'default' } },
    instances: {} as Record<string, Instance>,
    networks: {},
  } as unknown as ClusterConfig;
  for (let i = 1; i <= instances; i++) {
    const mac = `aa:00:00:${(i >> 16 & 255).toString(16).padStart(2, '0')}:${(i >> 8 & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    cfg.instances[`u${i}`] = instance(`u${i}`, `inst${i}.example.com`, mac, 11000 + i);
  }
  return cfg;
}

const onDisk = (path: string): ClusterConfig => JSON.parse(readFileSync(path, 'utf8'));

test('create refuses an existing file; open reads it back', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(), { log: nullLogger });
  t.is(store.serial(), 1);
  await t.throwsAsync(ConfigStore.create(path, makeConfig()), { instanceOf: OpPrereqError, message: /already exists/ });
  const again = await ConfigStore.open(path, { log: nullLogger });
  t.is(again.get().cluster.cluster_name, 'cluster.example.com');
});

test('missing or corrupt file is a ConfigurationError naming the path', async (t) => {
  const dir = tempDir(t);
  const missing = join(dir, 'nope.data');
  await t.throwsAsync(ConfigStore.open(missing), { instanceOf: ConfigurationError, message: new RegExp(missing) });
  const bad = join(dir, 'config.data');
  writeFileSync(bad, '{"serial_no": 3, "nodes": {');
  const err = await t.throwsAsync(ConfigStore.open(bad), { instanceOf: ConfigurationError });
  t.true(err!.message.includes(bad));
  t.regex(err!.message, /parse/);
  writeFileSync(bad, '{"serial_no": 3}');
  await t.throwsAsync(ConfigStore.open(bad), { instanceOf: ConfigurationError, message: /'cluster' is missing/ });
});

test('200 concurrent updates share a few writes; all resolve; disk has the final serial', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(), { log: nullLogger });
  const hookTexts: string[] = [];
  store.onCommit(async (c) => { hookTexts.push(c.copy().full); });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.update((cfg) => {
    cfg.cluster.tags.length; // reading through the draft is fine
    cfg.instances.u1!.tags = [...cfg.instances.u1!.tags, `t${i}`];
    return i;
  })));
  t.deepEqual(results, Array.from({ length: 200 }, (_, i) => i));
  t.true(store.writeCount() < 10, `${store.writeCount()} writes`);
  const disk = onDisk(path);
  t.is(disk.serial_no, store.serial());
  t.is(disk.serial_no, 1 + store.writeCount());
  t.is(disk.instances.u1!.tags.length, 200);
  t.is(hookTexts.length, store.writeCount());
  t.is(hookTexts[hookTexts.length - 1], readFileSync(path, 'utf8'), 'hooks get the exact text written');

  // Updates made while a flush runs go into the next flush.
  const slow = store.onCommit(() => new Promise((r) => setTimeout(r, 30)));
  const before = store.writeCount();
  const first = store.update((cfg) => { cfg.cluster.tags = ['a']; });
  await new Promise((r) => setTimeout(r, 10));
  const more = Array.from({ length: 50 }, (_, i) => store.update((cfg) => { cfg.cluster.tags.push(`b${i}`); }));
  await Promise.all([first, ...more]);
  t.is(store.writeCount() - before, 2, 'the 50 updates made during the first flush share one write');
  slow();
  t.is(onDisk(path).cluster.tags.length, 51);
});

test('a throwing mutator leaves no trace; async mutators are refused', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(), { log: nullLogger });
  const ok = store.update((cfg) => { cfg.instances.u1!.admin_state = 'up'; });
  await t.throwsAsync(store.update((cfg) => {
    cfg.instances.u2!.admin_state = 'up';
    cfg.instances.u2!.nics.push({ uuid: 'x', name: '', mac: 'aa:00:00:99:99:99', ip: null, network: null, nicparams: {} });
    delete cfg.instances.u3;
    cfg.nodes.n3 = { ...cfg.nodes.n1!, uuid: 'n3', name: 'node3' };
    throw new OpPrereqError('changed my mind', { ecode: 'wrong_state' });
  }), { instanceOf: OpPrereqError });
  await ok;
  const mem = store.get();
  t.is(mem.instances.u1!.admin_state, 'up');
  t.is(mem.instances.u2!.admin_state, 'down');
  t.is(mem.instances.u2!.nics.length, 1);
  t.truthy(mem.instances.u3);
  t.falsy(mem.nodes.n3);
  t.is(store.nodeByName('node3'), undefined);
  t.deepEqual(onDisk(path).instances, mem.instances);
  await t.throwsAsync(store.update((async () => undefined) as unknown as () => void), { instanceOf: ProgrammerError });
  // Values returned from a mutator are plain objects, not draft proxies.
  const created = await store.update((cfg) => {
    const inst = { ...cfg.instances.u1!, uuid: 'u9', name: 'inst9.example.com' };
    cfg.instances.u9 = inst;
    return cfg.instances.u9;
  });
  t.is(created, store.get().instances.u9!);
  t.is(store.get().instances.u9!.nics, store.get().instances.u1!.nics, 'no proxies stored inside the document');
});

test('a failed write rejects the batch and memory goes back to the file', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'config.data');
  class Flaky extends FileAdapter<ClusterConfig> {
    fail = false;
    override async write(data: ClusterConfig) {
      if (this.fail) throw new Error('disk full');
      return super.write(data);
    }
  }
  const adapter = new Flaky(path);
  const store = await ConfigStore.create(path, makeConfig(), { log: nullLogger, adapter });
  await store.update((cfg) => { cfg.cluster.tags = ['kept']; });
  const serial = store.serial();
  adapter.fail = true;
  const failed = Array.from({ length: 5 }, (_, i) => store.update((cfg) => { cfg.cluster.tags.push(`lost${i}`); }));
  for (const p of failed) await t.throwsAsync(p, { message: 'disk full' });
  t.is(store.serial(), serial);
  t.deepEqual(store.get().cluster.tags, ['kept']);
  t.deepEqual(onDisk(path), JSON.parse(JSON.stringify(store.get())));
  adapter.fail = false;
  await store.update((cfg) => { cfg.cluster.tags.push('after'); });
  t.deepEqual(onDisk(path).cluster.tags, ['kept', 'after']);
  t.is(onDisk(path).serial_no, serial + 1);

  // A read-only directory makes the real atomic write fail the same way (unless root).
  chmodSync(dir, 0o500);
  const roStore = await ConfigStore.open(path, { log: nullLogger });
  const p = roStore.update((cfg) => { cfg.cluster.tags = []; });
  // Root writes into a read-only directory anyway: then the update must simply succeed.
  if (process.getuid?.() === 0) { await p; chmodSync(dir, 0o755); t.deepEqual(onDisk(path).cluster.tags, []); return; }
  await t.throwsAsync(p);
  t.deepEqual(roStore.get().cluster.tags, ['kept', 'after']);
  chmodSync(dir, 0o755);
});

test('lookups and Ganeti-style name expansion', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(12), { log: nullLogger });
  t.is(store.nodeByName('node1.example.com')?.uuid, 'n1');
  t.is(store.nodeByUuid('n2')?.name, 'node2.example.com');
  t.is(store.instanceByName('inst3.example.com')?.uuid, 'u3');
  t.is(store.instanceByUuid('u4')?.name, 'inst4.example.com');
  t.is(store.groupByName('default')?.uuid, 'g1');
  t.is(store.nodeByName('node1'), undefined, 'byName is exact');
  t.is(store.expandNodeName('node1'), 'node1.example.com', 'node1 does not match node10');
  t.is(store.expandInstanceName('inst1'), 'inst1.example.com');
  t.is(store.expandInstanceName('INST2.example'), 'inst2.example.com');
  t.throws(() => store.expandInstanceName('inst'), { instanceOf: OpPrereqError, message: "Instance 'inst' not known" });
  const err = t.throws(() => store.expandNodeName('nodeX'), { instanceOf: OpPrereqError });
  t.is(err!.message, "Node 'nodeX' not known");
  t.is((err as OpPrereqError).ecode, 'unknown_entity');
  t.is(store.get().nodes.constructor, Object);
  t.is(store.nodeByUuid('toString'), undefined);
  // The index follows updates.
  await store.update((cfg) => { cfg.instances.u3!.name = 'renamed.example.com'; });
  t.is(store.expandInstanceName('renamed'), 'renamed.example.com');
  t.is(store.instanceByName('inst3.example.com'), undefined);
});

test('reservations: MACs, names and ports', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(3), { log: nullLogger });
  store.reserve('mac', 'aa:00:00:12:34:56', 'job1');
  store.reserve('mac', 'aa:00:00:12:34:56', 'job1');
  t.throws(() => store.reserve('mac', 'AA:00:00:12:34:56', 'job2'), { instanceOf: OpPrereqError, message: /already reserved/ });
  const inUse = t.throws(() => store.reserve('mac', 'aa:00:00:00:00:01', 'job2'), { instanceOf: OpPrereqError });
  t.is((inUse as OpPrereqError).ecode, 'already_exists');
  t.throws(() => store.reserve('name', 'inst1.example.com', 'job2'), { message: /already in use/ });
  t.throws(() => store.reserve('port', '11001', 'job2'), { message: /already in use/ });
  store.reserve('port', '11999', 'job2');
  store.releaseReservations('job1');
  store.reserve('mac', 'aa:00:00:12:34:56', 'job2');
  const macs = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const mac = store.generateMac('aa:00:00', 'job3');
    t.regex(mac, /^aa:00:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    macs.add(mac);
  }
  t.is(macs.size, 500);
  t.false(macs.has('aa:00:00:12:34:56'));
  t.throws(() => store.generateMac('zz', 'job3'), { instanceOf: OpPrereqError });
});

test('10,000 instances: lookups stay right across updates', async (t) => {
  const path = join(tempDir(t), 'config.data');
  const store = await ConfigStore.create(path, makeConfig(10000), { log: nullLogger });
  for (let i = 1; i <= 10000; i += 997) t.is(store.expandInstanceName(`inst${i}`), `inst${i}.example.com`);
  for (let round = 0; round < 20; round++) {
    await store.update((cfg) => { cfg.instances[`u${round + 1}`]!.admin_state = 'up'; });
    t.is(store.expandInstanceName(`inst${round + 1}`), `inst${round + 1}.example.com`);
  }
  t.true(existsSync(path));
  t.is(onDisk(path).serial_no, 21);
});

test('lookups follow changes entry by entry: add, rename, MAC change, delete, a rolled-back update', async (t) => {
  const store = await ConfigStore.create(join(tempDir(t), 'config.data'), makeConfig(), { log: nullLogger });
  // Build the indexes first, so the updates below must keep them right rather than rebuild them.
  t.is(store.expandInstanceName('inst1'), 'inst1.example.com');
  t.throws(() => store.reserve('mac', 'aa:00:00:00:00:01', 'o'), { message: /in use|already/ });
  await store.update((c) => { c.instances.u9 = instance('u9', 'new9.example.com', 'bb:00:00:00:00:09'); });
  t.is(store.expandInstanceName('new9'), 'new9.example.com');
  t.throws(() => store.reserve('mac', 'BB:00:00:00:00:09', 'o'), { message: /in use|already/ });
  await store.update((c) => { c.instances.u9!.name = 'renamed.example.com'; c.instances.u9!.nics[0]!.mac = 'bb:00:00:00:00:10'; });
  t.is(store.instanceByName('new9.example.com'), undefined);
  t.is(store.instanceByName('renamed.example.com')?.uuid, 'u9');
  t.notThrows(() => store.reserve('mac', 'bb:00:00:00:00:09', 'o'), 'the old MAC is free again');
  store.releaseReservations('o');
  await t.throwsAsync(store.update((c) => { c.instances.u1!.name = 'oops.example.com'; throw new Error('no'); }));
  t.is(store.instanceByName('inst1.example.com')?.uuid, 'u1', 'the rolled-back rename left the index as it was');
  t.is(store.instanceByName('oops.example.com'), undefined);
  await store.update((c) => { delete c.instances.u9; });
  t.is(store.instanceByName('renamed.example.com'), undefined);
  t.notThrows(() => store.reserve('mac', 'bb:00:00:00:00:10', 'o'));
  await store.update((c) => { c.instances = { u1: c.instances.u1! }; });
  t.is(store.instanceByName('inst2.example.com'), undefined, 'a replaced section is rebuilt');
});

test('instancesChangedSince names the instances written since a generation, and null once more changed', async (t) => {
  const store = await ConfigStore.create(join(tempDir(t), 'config.data'), makeConfig(), { log: nullLogger });
  const g0 = store.generation();
  t.deepEqual([...store.instancesChangedSince(g0)!], [], 'nothing since the current generation');
  await store.update((c) => { c.instances.u1!.tags.push('web'); });
  await store.update((c) => { c.instances.u2!.admin_state = 'up'; });
  t.deepEqual([...store.instancesChangedSince(g0)!].sort(), ['u1', 'u2']);
  const g2 = store.generation();
  await store.update((c) => { c.instances.u9 = instance('u9', 'new9.example.com', 'bb:00:00:00:00:09'); });
  await t.throwsAsync(store.update((c) => { c.instances.u3!.name = 'oops'; throw new Error('rolled back'); }));
  t.deepEqual([...store.instancesChangedSince(g2)!].sort(), ['u3', 'u9'], 'an added instance and a rolled-back write count too');
  const g4 = store.generation();
  await store.update((c) => { c.nodes.n2!.drained = true; });
  t.is(store.instancesChangedSince(g4), null, 'a node changed');
  t.is(store.instancesChangedSince(g0), null);
  const g5 = store.generation();
  await store.update((c) => { c.instances = { u1: c.instances.u1! }; });
  t.is(store.instancesChangedSince(g5), null, 'the section replaced whole');
  const g6 = store.generation();
  for (let i = 0; i < 70; i++) await store.update((c) => { c.instances.u1!.tags.push(`t${i}`); });
  t.is(store.instancesChangedSince(g6), null, 'older than the generations remembered');
  t.deepEqual([...store.instancesChangedSince(store.generation() - 3)!], ['u1']);
});
