// Failover and migration of one instance from node2 to node3.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { nodeInfo, runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpExecError, OpPrereqError, type Instance } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness(inst: Partial<Instance>, running = false) {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', NAME, 'n2', inst)] }) });
  if (running) h.rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  return h;
}

const failover = (extra: Record<string, unknown> = {}) => ({ OP_ID: 'OP_INSTANCE_FAILOVER', instance_name: NAME, target_node: NODE3, ...extra });
const migrate = (extra: Record<string, unknown> = {}) => ({ OP_ID: 'OP_INSTANCE_MIGRATE', instance_name: NAME, target_node: NODE3, ...extra });

test('failover: a node-local disk template is refused before anything moves', async (t) => {
  const h = await harness({ disk_template: 'file', admin_state: 'up' }, true);
  assertFailed(t, await h.run(failover()), OpPrereqError, /Instance's disk layout 'file' does not allow failovers/, 'wrong_state');
  t.deepEqual(h.rpc.trace(), []);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
});

test('migrate: a node-local disk template is refused before anything moves', async (t) => {
  const h = await harness({ disk_template: 'file', admin_state: 'up' }, true);
  assertFailed(t, await h.run(migrate()), OpPrereqError, /Instance's disk layout 'file' does not allow migrations/, 'wrong_state');
  t.deepEqual(h.rpc.trace(), []);
});

test('failover: the instance stops on its primary, starts on the target and the config names the target', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, true);
  assertSucceeded(t, await h.run(failover()));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(h.rpc.trace().filter((c) => !c.startsWith('NodeInfo') && !c.startsWith('InstanceList')),
    [`InstanceShutdown@${NODE2}`, `BlockdevShutdown@${NODE2}`, `InstanceStart@${NODE3}`]);
});

test('failover: a failed shutdown on the primary leaves the instance where it was', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, true);
  h.rpc.fail('InstanceShutdown', 'qemu does not answer', { node: NODE2 });
  assertFailed(t, await h.run(failover()), OpExecError, /Could not shutdown instance web1.example.com on node node2.example.com/);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
});

test('failover: a target without the memory is refused', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up', beparams: { maxmem: 4096, minmem: 4096 } });
  h.rpc.answer('NodeInfo', nodeInfo({ memory_total: 2048 }), { node: NODE3 });
  assertFailed(t, await h.run(failover()), OpPrereqError, /Node node3.example.com cannot host instance web1.example.com: not enough memory/,
    'insufficient_resources');
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
});

test('migrate: a running instance moves through the migration RPCs and the config names the target', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, true);
  assertSucceeded(t, await h.run(migrate()));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(h.rpc.trace().filter((c) => !c.startsWith('NodeInfo') && !c.startsWith('InstanceList')), [
    `InstanceInfo@${NODE2}`, `MigrationInfo@${NODE2}`, `AcceptInstance@${NODE3}`, `InstanceMigrate@${NODE2}`,
    `InstanceGetMigrationStatus@${NODE2}`, `InstanceFinalizeMigrationSrc@${NODE2}`, `InstanceFinalizeMigrationDst@${NODE3}`,
  ]);
  t.true(h.rpc.callsTo('InstanceMigrate')[0]!.req.live);
});

test('migrate: a failed migration is aborted on both nodes and the primary stays', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, true);
  h.rpc.answer('InstanceGetMigrationStatus', { status: 'failed', transferred_ram: 0, total_ram: 0, info: 'connection reset' });
  assertFailed(t, await h.run(migrate()), OpExecError, /Could not migrate instance web1.example.com: migration failed \(connection reset\)/);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
  t.deepEqual(h.rpc.callsTo('InstanceFinalizeMigrationDst').map((c) => [c.node, c.req.success]), [[NODE3, false]]);
  t.deepEqual(h.rpc.callsTo('InstanceFinalizeMigrationSrc').map((c) => [c.node, c.req.success]), [[NODE2, false]]);
});

test('migrate: an instance that is not running is refused unless failover is allowed', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' });
  assertFailed(t, await h.run(migrate()), OpPrereqError, /Can't migrate, please use failover: instance web1.example.com is not running/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('MigrationInfo'), []);
  assertSucceeded(t, await h.run(migrate({ allow_failover: true })));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(h.rpc.callsTo('MigrationInfo'), []);
});

test('migrate: the primary node itself is no target', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, true);
  assertFailed(t, await h.run(migrate({ target_node: NODE2 })), OpPrereqError, /Cannot migrate instance web1.example.com to its primary/, 'wrong_state');
});

test('migrate without a target: the allocator\'s relocate request picks the node (the best score, not the most free MiB)', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up', beparams: { maxmem: 1024, minmem: 1024 } }, true);
  // node1 has the most free MiB (9536, node3 7680) but the smaller share of its memory free:
  // hail's score (spread of the free shares) prefers node3
  h.rpc.answer('NodeInfo', nodeInfo({ memory_total: 65536, memory_dom0: 56000 }), { node: 'node1.example.com' });
  const run = await h.run(migrate({ target_node: null }));
  assertSucceeded(t, run);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.regex(JSON.stringify(run), /Selected nodes for instance web1.example.com via iallocator hail: node3.example.com/);
});

test('failover without a target: no node can take the instance, the allocator says why', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up', beparams: { maxmem: 4096, minmem: 4096 } });
  for (const n of ['node1.example.com', NODE3]) h.rpc.answer('NodeInfo', nodeInfo({ memory_total: 2048, memory_free: 1500 }), { node: n });
  assertFailed(t, await h.run(failover({ target_node: null })), OpPrereqError, /Can't compute nodes using iallocator 'hail': No valid node to move instance web1.example.com to/,
    'insufficient_resources');
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
});
