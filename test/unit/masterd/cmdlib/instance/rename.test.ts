import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2 } from '../../helpers/cluster-config.js';
import { runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const OLD = 'web1.example.com';
const NEW = 'web2.example.com';

async function harness() {
  return LuHarness.create({ config: clusterConfig({ instances: [instance('i1', OLD, 'n2'), instance('i2', 'db1.example.com', 'n3')] }) });
}

const renameOp = (new_name: string) => ({ OP_ID: 'OP_INSTANCE_RENAME', instance_name: OLD, new_name, name_check: false });

test('a new name another instance has is refused', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(renameOp('db1.example.com')), OpPrereqError, /Instance 'db1.example.com' is already in the cluster/, 'already_exists');
  t.deepEqual(h.rpc.callsTo('BlockdevRename'), []);
  t.is(h.instance(OLD)?.uuid, 'i1');
});

test('a running instance cannot be renamed', async (t) => {
  const h = await harness();
  h.rpc.answer('InstanceInfo', runtime(OLD, 'running'));
  assertFailed(t, await h.run(renameOp(NEW)), OpPrereqError, /Instance web1.example.com is running, can't rename it/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('BlockdevRename'), []);
  t.is(h.instance(NEW), undefined);
});

test('a rename moves the file disks, changes the config and runs the OS rename script', async (t) => {
  const h = await harness();
  t.is(assertSucceeded(t, await h.run(renameOp(NEW))), NEW);
  t.is(h.instance(OLD), undefined);
  const inst = h.instance(NEW);
  t.is(inst?.uuid, 'i1');
  t.deepEqual(inst?.disks[0]?.logical_id, ['loop', '/srv/ganeti/file-storage/web2.example.com/disk0']);
  t.deepEqual(h.rpc.callsTo('BlockdevRename', NODE2).map((c) => c.req.new_logical_id), [['loop', '/srv/ganeti/file-storage/web2.example.com/disk0']]);
  t.deepEqual(h.rpc.callsTo('InstanceOsRename', NODE2).map((c) => c.req.old_name), [OLD]);
});
