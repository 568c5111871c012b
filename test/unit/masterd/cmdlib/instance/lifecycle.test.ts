// Suspend/resume, snapshots and save-as of one instance on node2 (issue 13), through the real
// processor with a scripted node RPC.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { FakeNodeRpc, runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError, type Instance } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness(inst: Partial<Instance> = {}, opts: { running?: boolean } = {}) {
  const nodes = [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)];
  const rpc = new FakeNodeRpc().healthy();
  if (opts.running) rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  for (const m of ['InstanceSuspend', 'InstanceResume', 'InstancePause', 'InstanceContinue', 'BlockdevRevert', 'InstanceStateRemove'] as const) rpc.answer(m, {});
  rpc.answer('InstanceSnapshotDisks', (req) => ({
    disks: (req.instance?.disks ?? []).map((d) => ({ path: '', logical_id: ['loop', `${d.logical_id?.[1]}.snap-${req.snap_name}`], size: Number(d.size) })),
  }));
  rpc.answer('BlockdevSaveAs', (req) => ({ path: req.image_path ?? '', logical_id: [], size: 1024 }));
  return LuHarness.create({ config: clusterConfig({ nodes, instances: [instance('i1', NAME, 'n2', inst)] }), rpc });
}
const KVM = { hypervisor: 'kvm', admin_state: 'up' } as const;

test('suspend: a suspended instance cannot be suspended again, nor paused', async (t) => {
  const h = await harness({ ...KVM, admin_state: 'suspended' });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SUSPEND', instance_name: NAME }), OpPrereqError, /is suspended: cannot suspend it/);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_PAUSE', instance_name: NAME }), OpPrereqError, /is suspended: cannot pause it/);
  t.deepEqual(h.rpc.callsTo('InstanceSuspend'), []);
});

test('suspend: a running kvm instance is saved on its primary and marked suspended', async (t) => {
  const h = await harness(KVM, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SUSPEND', instance_name: NAME }));
  t.deepEqual(h.rpc.callsTo('InstanceSuspend').map((c) => c.node), [NODE2]);
  t.is(h.instance(NAME)?.admin_state, 'suspended');
});

test('suspend: an instance that does not run is refused and stays as it was', async (t) => {
  const h = await harness(KVM);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SUSPEND', instance_name: NAME }), OpPrereqError, /is not running on node2/);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('suspend: a failed save leaves the instance up', async (t) => {
  const h = await harness(KVM, { running: true });
  h.rpc.fail('InstanceSuspend', 'No space left on device');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SUSPEND', instance_name: NAME }), Error, /No space left on device/);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('startup refuses a suspended instance; resume starts it from its state and marks it up', async (t) => {
  const h = await harness({ ...KVM, admin_state: 'suspended' });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }), OpPrereqError, /is suspended: resume it/);
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_RESUME', instance_name: NAME }));
  t.deepEqual(h.rpc.callsTo('InstanceResume').map((c) => c.node), [NODE2]);
  t.is(h.instance(NAME)?.admin_state, 'up');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_RESUME', instance_name: NAME }), OpPrereqError, /is not suspended/);
});

test('pause and continue act on a running kvm instance only', async (t) => {
  const h = await harness(KVM, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_PAUSE', instance_name: NAME }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_CONTINUE', instance_name: NAME }));
  t.deepEqual(h.rpc.trace().filter((c) => /Pause|Continue/.test(c)), [`InstancePause@${NODE2}`, `InstanceContinue@${NODE2}`]);
});

test('snapshot: recorded in the config with each disk\'s snapshot volume; a second one of that name is refused', async (t) => {
  const h = await harness();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 's1' });
  assertSucceeded(t, run);
  t.is(run.result, 's1');
  const snaps = h.instance(NAME)?.snapshots ?? [];
  t.deepEqual(snaps.map((s) => [s.name, s.disks.map((d) => d.logical_id[1])]), [['s1', [`${h.instance(NAME)!.disks[0]!.logical_id[1]}.snap-s1`]]]);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 's1' }), OpPrereqError, /already has a snapshot 's1'/);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 'a b' }), OpPrereqError, /Invalid snapshot name 'a b'/);
});

test('snapshot: a running instance is snapshotted by its primary (which freezes it) and stays up', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 's1' }));
  t.deepEqual(h.rpc.callsTo('InstanceSnapshotDisks').map((c) => c.node), [NODE2]);
  t.is(h.instance(NAME)?.admin_state, 'up');
});

test('snapshot: a diskless instance is refused', async (t) => {
  const h = await harness({ disk_template: 'diskless' });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME }), OpPrereqError, /has no disks to snapshot/);
});

test('snapshot-revert: a running instance is stopped first, then each disk reverted; unknown snapshots are named', async (t) => {
  const h = await harness({ admin_state: 'up', snapshots: [{ name: 's1', ctime: 1, disks: [{ logical_id: ['loop', '/x.snap-s1'], size: 1024 }] }] }, { running: true });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_REVERT', instance_name: NAME, snapshot_name: 'nope' }), OpPrereqError, /has no snapshot 'nope' \(snapshots: s1\)/);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_REVERT', instance_name: NAME, snapshot_name: 's1' }));
  t.deepEqual(h.rpc.trace().filter((c) => /Shutdown|Revert/.test(c)), [`InstanceShutdown@${NODE2}`, `BlockdevRevert@${NODE2}`]);
  t.deepEqual(h.rpc.callsTo('BlockdevRevert')[0]!.req.snapshot_logical_id, ['loop', '/x.snap-s1']);
  t.is(h.instance(NAME)?.admin_state, 'down');
});

test('snapshot --memory: only of a running instance; recorded; a revert resumes from it and the delete removes its state', async (t) => {
  const stopped = await harness(KVM);
  assertFailed(t, await stopped.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 'm1', memory: true }), OpPrereqError,
    /is not running: --memory saves a running instance's state/);
  const h = await harness(KVM, { running: true });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT', instance_name: NAME, snapshot_name: 'm1', memory: true }));
  t.true(h.rpc.callsTo('InstanceSnapshotDisks')[0]!.req.memory);
  t.true(h.instance(NAME)?.snapshots?.[0]?.memory);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_REVERT', instance_name: NAME, snapshot_name: 'm1' }));
  t.deepEqual(h.rpc.trace().filter((c) => /Shutdown|Revert|Resume/.test(c)), [`InstanceShutdown@${NODE2}`, `BlockdevRevert@${NODE2}`, `InstanceResume@${NODE2}`]);
  t.is(h.rpc.callsTo('InstanceResume')[0]!.req.snap_name, 'm1');
  t.is(h.instance(NAME)?.admin_state, 'up');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_DELETE', instance_name: NAME, snapshot_name: 'm1' }));
  t.deepEqual(h.rpc.callsTo('InstanceStateRemove').map((c) => c.req.snap_name), ['m1']);
});

test('a suspended instance is not reverted (its state refers to its disks as they are)', async (t) => {
  const h = await harness({ ...KVM, admin_state: 'suspended', snapshots: [{ name: 's1', ctime: 1, disks: [{ logical_id: ['loop', '/x.snap-s1'], size: 1 }] }] });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_REVERT', instance_name: NAME, snapshot_name: 's1' }), OpPrereqError, /is suspended: resume it/);
  t.deepEqual(h.rpc.callsTo('BlockdevRevert'), []);
});

test('snapshot-delete removes the volumes and the record; instance removal removes remaining snapshots', async (t) => {
  const snaps = [{ name: 's1', ctime: 1, disks: [{ logical_id: ['loop', '/x.snap-s1'], size: 1 }] },
    { name: 's2', ctime: 2, disks: [{ logical_id: ['loop', '/x.snap-s2'], size: 1 }] }];
  const h = await harness({ snapshots: snaps });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SNAPSHOT_DELETE', instance_name: NAME, snapshot_name: 's1' }));
  t.deepEqual(h.instance(NAME)?.snapshots?.map((s) => s.name), ['s2']);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: NAME }));
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.req.disk?.logical_id?.[1]).filter((p) => p?.includes('.snap-')), ['/x.snap-s1', '/x.snap-s2']);
});

test('save-as: a running instance needs --snapshot; a stopped one saves its disk on the primary', async (t) => {
  const h = await harness({ admin_state: 'up' }, { running: true });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SAVE_AS', instance_name: NAME, image_path: '/srv/images/a.qcow2' }), OpPrereqError, /is running: stop it first/);
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_SAVE_AS', instance_name: NAME, image_path: '/srv/images/a.qcow2', disk: 3 }), OpPrereqError, /has no disk 3/);
  const h2 = await harness();
  const run = await h2.run({ OP_ID: 'OP_INSTANCE_SAVE_AS', instance_name: NAME, image_path: '/srv/images/a.qcow2' });
  assertSucceeded(t, run);
  t.is(run.result, '/srv/images/a.qcow2');
  t.deepEqual(h2.rpc.callsTo('BlockdevSaveAs').map((c) => c.node), [NODE2]);
});

test('persistent=no: the first start keeps a pristine copy; every stop and later start puts the disk back to it', async (t) => {
  const h = await harness();
  const d = h.instance(NAME)!.disks[0]!;
  await h.cfg.update((c) => { c.instances.i1!.disks[0]!.params = { ...d.params, persistent: 'no' }; });
  h.rpc.answer('BlockdevSnapshot', (req) => ({ path: '', logical_id: ['loop', `${req.disk?.logical_id?.[1]}.snap-${req.snap_name}`], size: 1024 }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }));
  const pristine = ['loop', `${d.logical_id[1]}.snap-pristine`];
  t.deepEqual(h.instance(NAME)!.disks[0]!.params.pristine, pristine);
  t.deepEqual(h.rpc.callsTo('BlockdevRevert'), []);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: NAME }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }));
  t.deepEqual(h.rpc.callsTo('BlockdevRevert').map((c) => c.req.snapshot_logical_id), [pristine, pristine]);
  t.is(h.rpc.callsTo('BlockdevSnapshot').length, 1);
  // A failed reset before a start keeps the instance from starting with old writes.
  h.rpc.fail('BlockdevRevert', 'disk gone');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: NAME }));
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME }), Error, /Could not discard the writes of non-persistent disk 0/);
});

test('persistent is checked as yes/no when the disk is requested', async (t) => {
  const h = await harness();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'n1.example.com', disk_template: 'file', disks: [{ size: 16, persistent: 'maybe' }],
    pnode: NODE2, os_type: 'debootstrap', name_check: false, ip_check: false });
  assertFailed(t, run, OpPrereqError, /Disk 0: invalid value 'maybe' for persistent \(allowed: yes, no\)/);
});
