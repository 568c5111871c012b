// gnt-cluster repair-disk-sizes: a recorded size that differs from what the primary node
// reports is corrected and named; matching, missing and unreachable disks are left alone.
import test from 'ava';
import { assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';

test('mismatched sizes are corrected, others kept', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [
    instance('i1', 'web1', 'n2'), instance('i2', 'db1', 'n3'), instance('i3', 'gone1', 'n2'), instance('i4', 'nodisk', 'n2', { disk_template: 'diskless' }),
  ] }) });
  h.rpc.answer('BlockdevGetDimensions', (req) => (req.instance_name === 'web1' ? { found: true, size: 2048 }
    : req.instance_name === 'gone1' ? { found: false, size: 0 } : { found: true, size: 1024 }));
  const run = await h.run({ OP_ID: 'OP_CLUSTER_REPAIR_DISK_SIZES' });
  assertSucceeded(t, run);
  t.deepEqual(run.result, [['web1', 0, 'size', 2048]]);
  t.is(h.instance('web1')!.disks[0]!.size, 2048);
  t.is(h.instance('db1')!.disks[0]!.size, 1024);
  t.true(run.feedback.includes(' - INFO: Disk 0 of instance web1 has mismatched size, correcting: recorded 1024, actual 2048'));
  t.true(run.feedback.some((l) => /Disk 0 of instance gone1 did not return size information, ignoring/.test(l)));
  t.false(h.rpc.callsTo('BlockdevGetDimensions').some((c) => c.req.instance_name === 'nodisk'));
  // Only the named instances are looked at.
  const one = await h.run({ OP_ID: 'OP_CLUSTER_REPAIR_DISK_SIZES', instances: ['db1'] });
  t.deepEqual(one.result, []);
  t.true(h.rpc.callsTo('BlockdevGetDimensions').filter((c) => c.req.instance_name === 'web1').length === 1);
});
