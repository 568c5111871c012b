// OP_NODE_MIGRATE / OP_NODE_EVACUATE: the master makes one job per primary instance of the
// node (nicely sorted), passing the options on; the result lists the jobs and their instances.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

async function harness() {
  return LuHarness.create({
    config: clusterConfig({
      instances: [instance('i1', 'f10', 'n2'), instance('i2', 'f2', 'n2'), instance('i3', 'other', 'n3'), instance('i4', 'f1', 'n2')],
    }),
  });
}

test('node migrate: one OP_INSTANCE_MIGRATE job per primary instance, options passed on', async (t) => {
  const h = await harness();
  const res = assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_MIGRATE', node_name: NODE2, mode: 'non-live', iallocator: 'hail', priority: 5 }));
  t.deepEqual(res, { jobs: [[true, 1000], [true, 1001], [true, 1002]], instances: ['f1', 'f2', 'f10'] });
  t.deepEqual(h.submitted.map((j) => j.ops.map((o) => [o.OP_ID, o.instance_name, o.mode, o.iallocator, o.allow_failover, o.priority])), [
    [['OP_INSTANCE_MIGRATE', 'f1', 'non-live', 'hail', false, 5]],
    [['OP_INSTANCE_MIGRATE', 'f2', 'non-live', 'hail', false, 5]],
    [['OP_INSTANCE_MIGRATE', 'f10', 'non-live', 'hail', false, 5]],
  ]);
  // The instances themselves are untouched by the node opcode: the jobs move them.
  t.is(h.nodeName(h.instance('f1')!.primary_node), NODE2);
});

test('node migrate: an empty node makes no job; conflicting options are refused', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig() });
  t.deepEqual(assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_MIGRATE', node_name: NODE3 })), { jobs: [], instances: [] });
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_MIGRATE', node_name: NODE3, target_node: NODE2, iallocator: 'hail' }), OpPrereqError,
    /Do not specify both, iallocator and node/, 'wrong_input');
  t.deepEqual(h.submitted, []);
});

test('node evacuate: migrate with fallback to failover, to the given node', async (t) => {
  const h = await harness();
  const res = assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all', remote_node: NODE3 })) as { jobs: unknown[] };
  t.is(res.jobs.length, 3);
  t.deepEqual(h.submitted.map((j) => [j.ops[0]!.instance_name, j.ops[0]!.allow_failover, j.ops[0]!.target_node]),
    [['f1', true, NODE3], ['f2', true, NODE3], ['f10', true, NODE3]]);
  t.deepEqual(assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'secondary-only' })), { jobs: [], instances: [] });
});

test('node evacuate: bad arguments are refused naming the problem', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all', remote_node: NODE3, iallocator: 'hail' }), OpPrereqError,
    /Give either the iallocator or the new secondary, not both/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all', early_release: true }), OpPrereqError,
    /--early-release applies to DRBD secondaries only/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all', remote_node: NODE2 }), OpPrereqError,
    /Can not use evacuated node as a new secondary node/, 'wrong_input');
  t.deepEqual(h.submitted, []);
});
