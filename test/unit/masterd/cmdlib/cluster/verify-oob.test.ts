// gnt-cluster verify and out-of-band programs (Ganeti's NV_OOB_PATHS / ENODEOOBPATH): every
// node is asked about every distinct oob_program of the cluster; what a node says is wrong
// with one is an error for the master and the nodes that can become it, not for others.
import test from 'ava';
import { clusterConfig, node } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../helpers/masterd.js';

const verify = (oob_path_errors: string[]) => ({
  software_version: SOFTWARE_VERSION, protocol_version: PROTOCOL_VERSION, file_checksums: {}, hypervisor_errors: [], instances: [],
  time_ms: Date.now(), os_errors: [], storage_error: '', lifecycle_leftovers: [], oob_path_errors,
});

test('a node\'s bad oob_program is ENODEOOBPATH on master-capable nodes only', async (t) => {
  const cfg = clusterConfig({ nodes: [node('n1', 'node1'), node('n2', 'node2', { ndparams: { oob_program: '/opt/oob-n2' } }),
    node('n3', 'node3', { master_candidate: false, master_capable: false })] });
  cfg.cluster.ndparams.oob_program = '/opt/oob';
  const h = await LuHarness.create({ config: cfg });
  const bad = 'out of band helper /opt/oob is not executable';
  h.rpc.answer('NodeVerify', (_req, n) => verify(n === 'node1' ? [] : [bad]));
  const run = await h.run({ OP_ID: 'OP_CLUSTER_VERIFY_GROUP', group_name: 'default' });
  t.deepEqual(h.rpc.callsTo('NodeVerify').map((c) => [c.node, c.req.oob_paths]),
    [['node1', ['/opt/oob', '/opt/oob-n2']], ['node2', ['/opt/oob', '/opt/oob-n2']], ['node3', ['/opt/oob', '/opt/oob-n2']]]);
  t.deepEqual(run.feedback.filter((l) => /oob|out of band/.test(l)), [`  - ERROR: node node2: ${bad}`]);
  t.false(run.result as boolean, 'verify fails');

  const codes = await h.run({ OP_ID: 'OP_CLUSTER_VERIFY_GROUP', group_name: 'default', error_codes: true, ignore_errors: ['ENODEOOBPATH'] });
  t.true(codes.feedback.includes(`  - WARNING:ENODEOOBPATH:node:node2:${bad}`), codes.feedback.join('\n'));
  t.true(codes.result as boolean, 'an ignored ENODEOOBPATH does not fail verify');
});

test('without oob programs nothing is asked', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig() });
  h.rpc.answer('NodeVerify', verify([]));
  const run = await h.run({ OP_ID: 'OP_CLUSTER_VERIFY_GROUP', group_name: 'default' });
  t.true(h.rpc.callsTo('NodeVerify').every((c) => c.req.oob_paths?.length === 0));
  t.true(run.result as boolean, run.feedback.join('\n'));
});
