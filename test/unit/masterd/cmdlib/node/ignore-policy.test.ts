// --ignore-ipolicy / --ignore-soft-errors: the node opcodes pass them on to every instance job,
// and a migration or failover to a node whose group policy the instance breaks is refused,
// or only warned about with ignore_ipolicy (Ganeti's CheckTargetNodeIPolicy).
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

test('node migrate passes ignore_ipolicy on; node evacuate passes ignore_ipolicy and turns ignore_soft_errors into it', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'f1', 'n2'), instance('i2', 'f2', 'n2')] }) });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_MIGRATE', node_name: NODE2, ignore_ipolicy: true }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_MIGRATE', node_name: NODE2 }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all', ignore_soft_errors: true }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_EVACUATE', node_name: NODE2, mode: 'all' }));
  t.deepEqual(h.submitted.map((j) => j.ops[0]!.ignore_ipolicy), [true, true, false, false, true, true, false, false]);
});

test('a target whose group policy the instance breaks is refused, or warned about with ignore_ipolicy', async (t) => {
  const cfg = clusterConfig({ instances: [instance('i1', NAME, 'n2', { disk_template: 'sharedfile', admin_state: 'down' })] });
  // A policy whose largest allowed memory is below the instance's 128 MiB.
  cfg.cluster.ipolicy.minmax[0]!.max['memory-size'] = 64;
  const h = await LuHarness.create({ config: cfg });
  const op = { OP_ID: 'OP_INSTANCE_FAILOVER', instance_name: NAME, target_node: NODE3 };
  assertFailed(t, await h.run(op), OpPrereqError, /Instance does not meet target node group's \(default\) instance policy: .*memory/i, 'wrong_input');
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
  const run = await h.run({ ...op, ignore_ipolicy: true });
  assertSucceeded(t, run);
  t.true(run.feedback.some((l) => /WARNING: Instance does not meet target node group's \(default\) instance policy/.test(l)));
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE3);
});
