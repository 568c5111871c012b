import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, fileDisk, instance, NODE2 } from '../../helpers/cluster-config.js';
import { FakeNodeRpc, runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpExecError } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness(rpc = new FakeNodeRpc().healthy()) {
  const inst = instance('i1', NAME, 'n2', { admin_state: 'up', disks: [fileDisk(NAME, 0), fileDisk(NAME, 1)], network_port: 11000 });
  return LuHarness.create({ config: clusterConfig({ instances: [inst] }), rpc });
}

test('a disk the node cannot remove keeps the instance in the config', async (t) => {
  const h = await harness(new FakeNodeRpc().healthy().fail('BlockdevRemove', 'Device or resource busy', { when: (r) => r.disk?.iv_name === 'disk/1' }));
  const run = await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: NAME });
  assertFailed(t, run, OpExecError, /Could not remove block device disk\/1 of instance web1.example.com: Device or resource busy/);
  t.truthy(h.instance(NAME));
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.req.disk?.iv_name), ['disk/0', 'disk/1']);
});

test('a failed shutdown keeps the instance and its disks', async (t) => {
  const rpc = new FakeNodeRpc().healthy().answer('InstanceInfo', runtime(NAME, 'running')).fail('InstanceShutdown', 'qemu does not answer');
  const h = await harness(rpc);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: NAME }), OpExecError,
    /Could not shutdown instance web1.example.com on node node2.example.com: qemu does not answer/);
  t.truthy(h.instance(NAME));
  t.deepEqual(h.rpc.callsTo('BlockdevRemove'), []);
});

test('with ignore_failures the instance is removed despite the failures, with warnings', async (t) => {
  const rpc = new FakeNodeRpc().healthy().answer('InstanceInfo', runtime(NAME, 'running'))
    .fail('InstanceShutdown', 'qemu does not answer').fail('BlockdevRemove', 'Device or resource busy');
  const h = await harness(rpc);
  const run = await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: NAME, ignore_failures: true });
  assertSucceeded(t, run);
  t.is(h.instance(NAME), undefined);
  t.is(run.feedback.filter((l) => l.startsWith(' - WARNING: Could not')).length, 3);
  t.true(h.adapter.lastText !== null && !h.adapter.lastText.includes(NAME), 'the removal reached the written config');
});

test('a removed instance gives its disks and console port back', async (t) => {
  const h = await harness();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: NAME }));
  t.is(h.instance(NAME), undefined);
  t.deepEqual(h.rpc.callsTo('BlockdevRemove', NODE2).map((c) => c.req.disk?.logical_id?.[1]),
    ['/srv/ganeti/file-storage/web1.example.com/disk0', '/srv/ganeti/file-storage/web1.example.com/disk1']);
  t.deepEqual(h.cfg.get().cluster.tcpudp_port_pool, [11000]);
});
