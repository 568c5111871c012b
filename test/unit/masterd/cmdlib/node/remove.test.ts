import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const removeOp = (node_name: string) => ({ OP_ID: 'OP_NODE_REMOVE', node_name });

test('a node that is still primary of an instance is refused', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'web1.example.com', 'n3')] }) });
  assertFailed(t, await h.run(removeOp(NODE3)), OpPrereqError, /Instance web1.example.com is still running on the node, please remove first/, 'wrong_input');
  t.truthy(h.node(NODE3));
  t.deepEqual(h.rpc.trace(), []);
});

test('a node that is still secondary of an instance is refused', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'web1.example.com', 'n2', { secondary_nodes: ['n3'] })] }) });
  assertFailed(t, await h.run(removeOp(NODE3)), OpPrereqError, /Instance web1.example.com is still running on the node/, 'wrong_input');
  t.truthy(h.node(NODE3));
});

test('the master node is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(removeOp(MASTER)), OpPrereqError, /Node is the master node, failover to another node is required/, 'wrong_input');
  t.truthy(h.node(MASTER));
  t.deepEqual(h.rpc.trace(), []);
});

test('an unknown node is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(removeOp('node9.example.com')), OpPrereqError, /Node 'node9.example.com' not known/, 'unknown_entity');
});

test('an empty node leaves the config, is told to leave the cluster, and a candidate takes its place', async (t) => {
  const nodes = [node('n1', MASTER), node('n2', NODE2, { master_candidate: false }), node('n3', NODE3)];
  const config = clusterConfig({ nodes, instances: [instance('i1', 'web1.example.com', 'n2')] });
  config.cluster.candidate_pool_size = 2;
  const h = await LuHarness.create({ config });
  assertSucceeded(t, await h.run(removeOp(NODE3)));
  t.is(h.node(NODE3), undefined);
  t.deepEqual(h.rpc.trace(), [`NodeLeaveCluster@${NODE3}`]);
  t.true(h.node(NODE2)?.master_candidate);
});
