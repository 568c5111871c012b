import test from 'ava';
import { assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, node, MASTER, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';

const modify = (node_name: string, fields: Record<string, unknown>) => ({ OP_ID: 'OP_NODE_SET_PARAMS', node_name, ...fields });

test('draining a master candidate keeps it a candidate (it can still take over the master role)', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)] }) });
  assertSucceeded(t, await h.run(modify(NODE2, { drained: true })));
  t.true(h.node(NODE2)!.drained);
  t.true(h.node(NODE2)!.master_candidate);
});

test('offlining a master candidate demotes it', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)] }) });
  assertSucceeded(t, await h.run(modify(NODE3, { offline: true, auto_promote: true })));
  t.true(h.node(NODE3)!.offline);
  t.false(h.node(NODE3)!.master_candidate);
});
