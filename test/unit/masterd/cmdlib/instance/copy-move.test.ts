// gnt-instance move (OP_INSTANCE_MOVE): a file instance's disks are copied node2 -> node3
// through the export machinery (dump on the source, checked pull by the target), then the
// config switches; a failed copy leaves nothing on the target and the instance on the source.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { nodeInfo, runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpExecError, OpPrereqError, type Instance, type Node } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';
const DUMP = { file: 'disk0_dump', size: 1073741824, sha256: 'ab'.repeat(32) };

async function harness(inst: Partial<Instance>, running = false, target: Partial<Node> = {}) {
  const nodes = [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3, target)];
  const h = await LuHarness.create({ config: clusterConfig({ nodes, instances: [instance('i1', NAME, 'n2', inst)] }) });
  if (running) h.rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  h.rpc.answer('ExportPrepare', { files: [DUMP] }, { node: NODE2 });
  h.rpc.answer('ExportPull', {}, { node: NODE3 });
  h.rpc.answer('ExportRemove', {}, { node: NODE2 });
  return h;
}

const move = (extra: Record<string, unknown> = {}) => ({ OP_ID: 'OP_INSTANCE_MOVE', instance_name: NAME, target_node: NODE3, ...extra });
const work = (h: LuHarness) => h.rpc.trace().filter((c) => !/^(NodeInfo|InstanceList|InstanceListTagged|InstanceInfo)@/.test(c));

test('move: stop, create on the target, dump, checked pull, switch, remove the source copy, start on the target', async (t) => {
  const h = await harness({ admin_state: 'up' }, true);
  const before = structuredClone(h.instance(NAME)!.disks);
  assertSucceeded(t, await h.run(move({ compress: 'gzip' })));
  const inst = h.instance(NAME)!;
  t.is(h.nodeName(inst.primary_node), NODE3);
  t.deepEqual(inst.disks.map((d) => d.uuid), before.map((d) => d.uuid));
  t.deepEqual(work(h), [
    `InstanceShutdown@${NODE2}`, `BlockdevShutdown@${NODE2}`, `BlockdevCreate@${NODE3}`, `ExportPrepare@${NODE2}`, `ExportPull@${NODE3}`,
    `ExportRemove@${NODE2}`, `BlockdevRemove@${NODE2}`, `InstanceStart@${NODE3}`,
  ]);
  const pull = h.rpc.callsTo('ExportPull')[0]!.req;
  t.is(pull.peer_name, NODE2);
  t.is(pull.target, 'disk');
  t.is(pull.transport_compress, 'gzip');
  t.deepEqual(pull.files?.map((f) => f.sha256), [DUMP.sha256]);      // the target checks the source's checksum
  t.is(h.rpc.callsTo('ExportRemove')[0]!.req.area, 'outgoing');
});

test('move: a failed copy removes the target disks, keeps the config and starts the instance on the source again', async (t) => {
  const h = await harness({ admin_state: 'up' }, true);
  h.rpc.fail('ExportPull', 'Checksum mismatch for web1.example.com/disk0_dump', { node: NODE3 });
  assertFailed(t, await h.run(move()), OpExecError, /Errors during disk copy: .*Checksum mismatch/);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.node), [NODE3]);
  t.deepEqual(h.rpc.callsTo('ExportRemove').map((c) => c.node), [NODE2]);
  t.deepEqual(h.rpc.callsTo('InstanceStart').map((c) => c.node), [NODE2]);
});

test('move: a stopped instance is copied and not started', async (t) => {
  const h = await harness({ admin_state: 'down' });
  const run = await h.run(move());
  assertSucceeded(t, run);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  t.true(run.feedback.some((l) => /Not checking memory on the target node/.test(l)));
});

test('move: templates that are not copied, the current primary, bad compression and a full target are refused first', async (t) => {
  let h = await harness({ disk_template: 'sharedfile' });
  assertFailed(t, await h.run(move()), OpPrereqError, /Disk template sharedfile not suitable for copying/, 'wrong_state');
  h = await harness({});
  assertFailed(t, await h.run(move({ target_node: NODE2 })), OpPrereqError, /Instance web1.example.com is already on the node node2/, 'wrong_state');
  assertFailed(t, await h.run(move({ compress: 'lzma' })), OpPrereqError, /Compression tool 'lzma' is not allowed on this cluster \(allowed: none, gzip, gzip-fast, gzip-slow\)/, 'wrong_input');
  h = await harness({});
  h.rpc.answer('NodeInfo', nodeInfo({ storage: [{ type: 'file', name: '/srv/ganeti/file-storage', total: 100, free: 100, reported: true }] }), { node: NODE3 });
  assertFailed(t, await h.run(move()), OpPrereqError, /node3.example.com .*disk|not enough disk/i);
  t.deepEqual(work(h), []);
});

test('move: a second copy running elsewhere is refused (admission)', async (t) => {
  const h = await harness({ admin_state: 'up' }, true);
  h.rpc.answer('InstanceList', { instances: [runtime(NAME, 'running')] }, { node: 'node1.example.com' });
  assertFailed(t, await h.run(move()), OpPrereqError, /already running on node node1/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
});

test('migrate --allow-failover: a file instance, which cannot migrate, is failed over by copying its disks', async (t) => {
  const h = await harness({ admin_state: 'up' }, true);
  const mig = { OP_ID: 'OP_INSTANCE_MIGRATE', instance_name: NAME, target_node: NODE3 };
  assertFailed(t, await h.run(mig), OpPrereqError, /Instance's disk layout 'file' does not allow migrations/, 'wrong_state');
  t.deepEqual(work(h), []);
  const run = await h.run({ ...mig, allow_failover: true });
  assertSucceeded(t, run);
  t.true(run.feedback.some((l) => /does not allow migrations, fallback allowed, switching to failover/.test(l)));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(work(h).filter((c) => /^(ExportPull|BlockdevRemove|InstanceStart|MigrationInfo)@/.test(c)),
    [`ExportPull@${NODE3}`, `BlockdevRemove@${NODE2}`, `InstanceStart@${NODE3}`]);
});

test('move to a plain node: the source grants it that one pull first; without a known certificate it is refused first', async (t) => {
  const digest = 'cd'.repeat(32);
  let h = await harness({ admin_state: 'up' }, true, { master_candidate: false, cert_digests: [digest] });
  h.rpc.answer('ExportGrantPull', {}, { node: NODE2 });
  assertSucceeded(t, await h.run(move()));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
  t.deepEqual(work(h).filter((c) => /^Export/.test(c)),
    [`ExportPrepare@${NODE2}`, `ExportGrantPull@${NODE2}`, `ExportPull@${NODE3}`, `ExportRemove@${NODE2}`]);
  const grant = h.rpc.callsTo('ExportGrantPull')[0]!.req;
  t.like(grant, { area: 'outgoing', name: NAME, node: NODE3, cert_digests: [digest] });
  t.true(grant.ttl_seconds! > 0);
  h = await harness({ admin_state: 'up' }, true, { master_candidate: false });
  assertFailed(t, await h.run(move()), OpPrereqError, /Node node3.example.com is not a master candidate and has no certificate digest/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
});
