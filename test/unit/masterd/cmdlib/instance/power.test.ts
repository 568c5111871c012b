// Startup, shutdown and reboot of one instance on node2.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { FakeNodeRpc, nodeInfo, runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError, ParameterError, type Instance } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness(inst: Partial<Instance> = {}, opts: { node2Offline?: boolean; running?: boolean } = {}) {
  const nodes = [node('n1', MASTER), node('n2', NODE2, { offline: !!opts.node2Offline }), node('n3', NODE3)];
  const rpc = new FakeNodeRpc().healthy();
  if (opts.running) rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  return LuHarness.create({ config: clusterConfig({ nodes, instances: [instance('i1', NAME, 'n2', inst)] }), rpc });
}

test('startup: an unknown instance is refused', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'nope.example.com' }),
    OpPrereqError, /Instance 'nope.example.com' not known/, 'unknown_entity');
  t.deepEqual(h.rpc.trace(), []);
});

test('startup: an instance whose primary node is offline is refused', async (t) => {
  const h = await harness({}, { node2Offline: true });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }),
    OpPrereqError, /Cannot start instance on offline node node2.example.com/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('startup: an offline instance is refused', async (t) => {
  const h = await harness({ admin_state: 'offline' });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }), OpPrereqError, /is marked offline, can't start it/);
  t.deepEqual(h.rpc.trace(), []);
});

test('startup: an instance already running is only marked up', async (t) => {
  const h = await harness({}, { running: true });
  const run = await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME });
  assertSucceeded(t, run);
  t.true(run.feedback.includes(' - INFO: Instance is already running'));
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('startup: a node without the memory refuses to start the instance', async (t) => {
  const h = await harness({ beparams: { maxmem: 4096, minmem: 4096 } });
  h.rpc.answer('NodeInfo', nodeInfo({ memory_total: 4096 }), { node: NODE2 });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }),
    OpPrereqError, /cannot host instance web1.example.com: not enough memory \(free 3584 MiB, needed 4096 MiB\)/, 'insufficient_resources');
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('startup: a stopped instance is started on its primary node and marked up', async (t) => {
  const h = await harness();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }));
  const starts = h.rpc.callsTo('InstanceStart');
  t.deepEqual(starts.map((c) => [c.node, c.req.instance?.name]), [[NODE2, NAME]]);
  // The node derives the disk's path from its logical id: the request carries ids, never paths.
  t.deepEqual(starts[0]!.req.instance?.disks?.map((d) => d.logical_id), [h.instance(NAME)!.disks[0]!.logical_id]);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('shutdown: a running instance is stopped and marked down', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: NAME, timeout: 30 }));
  const stops = h.rpc.callsTo('InstanceShutdown', NODE2);
  t.is(stops.length, 1);
  t.is(stops[0]!.req.timeout_ms, 30_000);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('shutdown: an instance the node does not run is only marked down', async (t) => {
  const h = await harness({ admin_state: 'up' });
  const run = await h.run({ OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: NAME });
  assertSucceeded(t, run);
  t.true(run.feedback.includes(' - INFO: Instance is already stopped'));
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('shutdown: on an offline primary node the instance is only marked down, with a warning', async (t) => {
  const h = await harness({ admin_state: 'up' }, { node2Offline: true });
  const run = await h.run({ OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: NAME });
  assertSucceeded(t, run);
  t.true(run.feedback.some((l) => /WARNING: Primary node node2.example.com is offline, instance will only be marked down/.test(l)));
  t.deepEqual(h.rpc.trace(), []);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('reboot: an unknown reboot type is refused before anything runs', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  const run = await h.run({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: NAME, reboot_type: 'warm' });
  assertFailed(t, run, ParameterError, /Parameter 'reboot_type' must be one of soft, hard, full, got 'warm'/, 'wrong_input');
  t.deepEqual(h.rpc.trace(), []);
});

test('reboot: a running instance gets a hypervisor reboot of the type asked', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: NAME, reboot_type: 'soft' }));
  t.deepEqual(h.rpc.callsTo('InstanceReboot').map((c) => [c.node, c.req.reboot_type]), [[NODE2, 'soft']]);
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
});

test('reboot: an instance that is down is started (no hypervisor reboot) and marked up', async (t) => {
  const h = await harness();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: NAME, reboot_type: 'hard' }));
  t.deepEqual(h.rpc.callsTo('InstanceReboot'), []);
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
  t.deepEqual(h.rpc.callsTo('InstanceStart').map((c) => c.node), [NODE2]);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('reboot: a full reboot stops then starts the instance', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: NAME, reboot_type: 'full' }));
  t.deepEqual(h.rpc.trace(), ['InstanceInfo@node2.example.com', 'InstanceShutdown@node2.example.com', 'InstanceStart@node2.example.com']);
});

test('reboot: an offline instance is refused', async (t) => {
  const h = await harness({ admin_state: 'offline' });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: NAME }), OpPrereqError, /is marked offline, can't reboot it/, 'wrong_state');
  t.deepEqual(h.rpc.trace(), []);
});
