// gnt-backup export's logical unit with a scripted node RPC: the default shuts the instance
// down and starts it again; --noshutdown exports a crash-consistent snapshot, removed after.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../helpers/cluster-config.js';
import { FakeNodeRpc, runtime } from '../helpers/fake-node-rpc.js';
import { LuHarness } from '../helpers/lu-harness.js';
import { checkImportDisks, type ImportPlan } from '../../../../daemons/masterd/cmdlib/backup/import.js';
import { OpPrereqError, type Node } from '../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness(target: Partial<Node> = {}) {
  const rpc = new FakeNodeRpc().healthy();
  rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  rpc.answer('InstanceSnapshotDisks', (req) => ({
    disks: (req.instance?.disks ?? []).map((d) => ({ path: '', logical_id: ['loop', `${d.logical_id?.[1]}.snap-${req.snap_name}`], size: Number(d.size) })),
  }));
  rpc.answer('ExportPrepare', (req) => ({ files: req.disks!.map((_d, i) => ({ file: `disk${i}_dump`, size: 1024, sha256: 'ab' })) }));
  for (const m of ['ExportPull', 'ExportFinalize', 'ExportRemove', 'ExportGrantPull'] as const) rpc.answer(m, {});
  const nodes = [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3, target)];
  return LuHarness.create({ config: clusterConfig({ nodes, instances: [instance('i1', NAME, 'n2', { admin_state: 'up' })] }), rpc });
}

test('export: a running instance is stopped, dumped, pulled by the target, finalized, and started again', async (t) => {
  const h = await harness();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3 }));
  t.deepEqual(h.rpc.trace().filter((c) => /Shutdown|Export|InstanceStart|Snapshot/.test(c)), [
    `InstanceShutdown@${NODE2}`, `ExportPrepare@${NODE2}`, `ExportPull@${NODE3}`, `ExportFinalize@${NODE3}`, `ExportRemove@${NODE2}`, `InstanceStart@${NODE2}`,
  ]);
  const pull = h.rpc.callsTo('ExportPull')[0]!.req;
  t.is(pull.peer_name, NODE2);
  t.is(pull.area, 'outgoing');
  t.regex(h.rpc.callsTo('ExportFinalize')[0]!.req.config ?? '', /\[instance\]\nname = web1.example.com\n/);
});

test('export --noshutdown dumps a snapshot of the running instance and removes it; the instance is not stopped', async (t) => {
  const h = await harness();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3, shutdown: false }));
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
  const dumped = h.rpc.callsTo('ExportPrepare')[0]!.req.disks!.map((d) => d.logical_id?.[1]);
  t.true(dumped.every((p) => /\.snap-export-\d+$/.test(p ?? '')), JSON.stringify(dumped));
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.req.disk?.logical_id?.[1]), dumped);
  assertFailed(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3, shutdown: false, remove_instance: true }),
    OpPrereqError, /Cannot remove the instance without shutting it down first/);
});

test('a failed transfer leaves the instance running again and no dump on the source', async (t) => {
  const h = await harness();
  h.rpc.fail('ExportPull', 'Checksum mismatch');
  assertFailed(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3 }), Error, /Checksum mismatch/);
  t.deepEqual(h.rpc.callsTo('ExportFinalize'), []);
  t.is(h.rpc.callsTo('ExportRemove').length, 1);
  t.is(h.rpc.callsTo('InstanceStart').length, 1);
});

test('export to a plain node: the primary grants it that one pull first (as a move does); without a known certificate it is refused first', async (t) => {
  const digest = 'cd'.repeat(32);
  let h = await harness({ master_candidate: false, cert_digests: [digest] });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3 }));
  t.deepEqual(h.rpc.trace().filter((c) => /^Export/.test(c)),
    [`ExportPrepare@${NODE2}`, `ExportGrantPull@${NODE2}`, `ExportPull@${NODE3}`, `ExportFinalize@${NODE3}`, `ExportRemove@${NODE2}`]);
  t.like(h.rpc.callsTo('ExportGrantPull')[0]!.req, { area: 'outgoing', name: NAME, node: NODE3, cert_digests: [digest] });
  h = await harness({ master_candidate: false });
  assertFailed(t, await h.run({ OP_ID: 'OP_BACKUP_EXPORT', instance_name: NAME, target_node: NODE3 }), OpPrereqError,
    /Node node3.example.com is not a master candidate and has no certificate digest/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
});

test('import: the new disk must hold the exported disk, whatever the size of its (compressed) dump', (t) => {
  const plan = (compression: string, size: number, bytes: number): ImportPlan => ({
    node: node('n2', NODE2), name: 'vm1', doc: {}, compression, disks: [{ index: 0, ivName: 'disk/0', dump: 'disk0_dump', size, bytes, sha256: '' }],
  });
  // gzip of random data is a little larger than the disk: a disk of the same size is enough.
  t.notThrows(() => checkImportDisks(plan('gzip-fast', 384, 384 * 1048576 + 68376), [384]));
  // gzip of zeros is tiny: it does not make a smaller disk enough.
  t.throws(() => checkImportDisks(plan('gzip', 384, 380_000), [128]), { message: 'Disk 0: 128 MiB is smaller than the exported disk (384 MiB)' });
  t.throws(() => checkImportDisks(plan('none', 0, 16 * 1048576), [8]), { message: 'Disk 0: 8 MiB is smaller than the exported disk (16 MiB)' },
    'an export without a size: the raw dump\'s bytes');
  t.throws(() => checkImportDisks(plan('none', 16, 16 * 1048576), [8, 8]), { message: "The export 'vm1' has 1 disk(s), 2 requested" });
});
