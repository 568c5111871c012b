// The LU test seam itself: what FakeNodeRpc answers and records, and that the harness
// runs an opcode through the processor (locks taken and released, config written).
import test from 'ava';
import { assertSucceeded } from '../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../helpers/cluster-config.js';
import { FakeNodeRpc } from '../helpers/fake-node-rpc.js';
import { LuHarness } from '../helpers/lu-harness.js';
import { NodeUnreachableError, OpExecError } from '../helpers/masterd.js';

const n2 = { name: NODE2, ip: '127.0.9.12' };
const n3 = { name: NODE3, ip: '127.0.9.13' };

test('the latest matching script answers; limited scripts run out; calls are recorded with their request', async (t) => {
  const rpc = new FakeNodeRpc()
    .answer('InstanceList', { instances: [] })
    .fail('InstanceList', new NodeUnreachableError('connection refused'), { node: NODE3, times: 1 });
  const first = await rpc.callMany([n2, n3], 'InstanceList', { hypervisors: ['fake'] });
  t.false(first.get(NODE2)!.failed);
  t.true(first.get(NODE3)!.error instanceof NodeUnreachableError);
  t.false((await rpc.call(n3, 'InstanceList', { hypervisors: ['kvm'] })).failed);
  t.deepEqual(rpc.calls.map((c) => [c.node, c.method, c.req]), [
    [NODE2, 'InstanceList', { hypervisors: ['fake'] }], [NODE3, 'InstanceList', { hypervisors: ['fake'] }],
    [NODE3, 'InstanceList', { hypervisors: ['kvm'] }],
  ]);
});

test('an offline node is not contacted, and an unscripted call fails and is listed', async (t) => {
  const rpc = new FakeNodeRpc();
  const off = await rpc.call({ ...n2, offline: true }, 'Version', {});
  t.true(off.offline);
  const none = await rpc.call(n3, 'Version', {});
  t.true(none.failed);
  t.true(none.error instanceof OpExecError);
  t.deepEqual(rpc.unscripted.map((c) => c.node), [NODE3]);
});

test('answers are copies: an LU changing one does not change the script', async (t) => {
  const rpc = new FakeNodeRpc().answer('InstanceList', { instances: [] });
  (await rpc.call(n2, 'InstanceList', {})).payload!.instances.push({ name: 'x', state: '', memory: 0, vcpus: 0, hypervisor: '', console_json: '' });
  t.deepEqual((await rpc.call(n2, 'InstanceList', {})).payload!.instances, []);
});

test('the harness runs an opcode under its locks and releases them', async (t) => {
  const config = clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2)], instances: [instance('i1', 'web1.example.com', 'n2')] });
  const h = await LuHarness.create({ config });
  let held: string[] = [];
  h.rpc.answer('InstanceStart', () => {
    held = h.locks.snapshot().filter((l) => l.owners.length && !l.name.endsWith('[lockset]')).map((l) => l.name).sort();
    return {};
  });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'web1.example.com' }));
  t.deepEqual(held, ['cluster/BGL', 'instance/web1.example.com', 'node-res/node2.example.com', 'node/node2.example.com']);
  t.deepEqual(h.locks.snapshot().filter((l) => l.owners.length), []);
  t.is(h.adapter.writes, 2, 'the initial config and the change');
});
