// OP_OOB_COMMAND (LUOobCommand) against a scripted RunOob: the master is never powered off or
// cycled, power-off needs offline unless ignore_status, powered is recorded, nodes without
// a program are RS_UNAVAIL, bad answers RS_NODATA, health warnings are logged.
import test from 'ava';
import { OpPrereqError } from '../../../../../daemons/common/errors.js';
import { oobPayloadProblems } from '../../../../../daemons/common/oob.js';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, node, MASTER, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';

const oob = (command: string, node_names: string[], extra: Record<string, unknown> = {}) =>
  ({ OP_ID: 'OP_OOB_COMMAND', command, node_names, power_delay: 0, ...extra });

async function harness(opts: { offline3?: boolean; noOob2?: boolean } = {}) {
  const cfg = clusterConfig({ nodes: [
    node('n1', MASTER), node('n2', NODE2, opts.noOob2 ? {} : { ndparams: { oob_program: '/usr/bin/oob' } }),
    node('n3', NODE3, { ndparams: { oob_program: '/usr/bin/oob' }, offline: !!opts.offline3, master_candidate: !opts.offline3 }),
  ] });
  cfg.cluster.ndparams = { ...cfg.cluster.ndparams, oob_program: '' };
  return LuHarness.create({ config: cfg });
}

test('power-off and power-cycle refuse the master and name the command to use', async (t) => {
  const h = await harness();
  for (const c of ['power-off', 'power-cycle']) {
    assertFailed(t, await h.run(oob(c, [MASTER, NODE3], { ignore_status: true })), OpPrereqError,
      new RegExp(`Operating on the master node ${MASTER.replace(/\./g, '\\.')} is not allowed for ${c}; it does not support out-of-band operations`));
  }
  t.is(h.rpc.callsTo('RunOob').length, 0);
});

test('power-off needs the node offline unless ignore_status; it records powered=false', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(oob('power-off', [NODE3])), OpPrereqError, /Cannot power off node node3\.example\.com because it is not marked offline/);
  h.rpc.answer('RunOob', { stdout: '' });
  const res = assertSucceeded(t, await h.run(oob('power-off', [NODE3], { ignore_status: true })));
  t.deepEqual(res, [[[0, NODE3], [0, null]]]);
  t.false(h.node(NODE3)!.powered);
  const call = h.rpc.callsTo('RunOob')[0]!;
  t.is(call.node, MASTER, 'the program runs on the master node');
  t.like(call.req, { program: '/usr/bin/oob', command: 'power-off', node: NODE3 });
});

test('power-status without names covers every node; no program is RS_UNAVAIL, a bad answer RS_NODATA', async (t) => {
  const h = await harness({ noOob2: true, offline3: true });
  h.rpc.answer('RunOob', { stdout: '{"powered": "yes"}' });
  const run = await h.run(oob('power-status', []));
  t.deepEqual(assertSucceeded(t, run), [[[0, MASTER], [3, null]], [[0, NODE2], [3, null]], [[0, NODE3], [2, null]]]);
  t.true(run.feedback.some((l) => /Payload returned by node 'node3\.example\.com' is not valid/.test(l)));
});

test('health warnings are logged and the items returned; power-on records powered', async (t) => {
  const h = await harness();
  h.rpc.answer('RunOob', (req) => ({ stdout: req.command === 'health' ? '[["fan", "WARNING"], ["disk", "OK"]]' : '' }));
  const run = await h.run(oob('health', [NODE2]));
  t.deepEqual(assertSucceeded(t, run), [[[0, NODE2], [0, [['fan', 'WARNING'], ['disk', 'OK']]]]]);
  t.true(run.feedback.some((l) => /Item 'fan' on node 'node2\.example\.com' has status 'WARNING'/.test(l)));
  h.rpc.fail('RunOob', 'exited with exit code 1', { node: MASTER, times: 1 });
  const failed = await h.run(oob('power-on', [NODE2, NODE3]));
  t.deepEqual(assertSucceeded(t, failed), [[[0, NODE2], [2, null]], [[0, NODE3], [0, null]]]);
  t.true(h.node(NODE3)!.powered);
});

test('payload checks follow the protocol', (t) => {
  t.deepEqual(oobPayloadProblems('power-status', { powered: true }), []);
  t.regex(oobPayloadProblems('power-status', [])[0]!, /expected to return a dict but got list/);
  t.regex(oobPayloadProblems('health', [['a', 'BAD']])[0]!, /health item 'a' has invalid status 'BAD'/);
  t.regex(oobPayloadProblems('power-on', { x: 1 })[0]!, /power-on is expected to not return payload/);
  t.deepEqual(oobPayloadProblems('power-cycle', null), []);
});

test('--node-powered is only for nodes with an OOB program; offline is reset only when powered', async (t) => {
  const h = await harness({ noOob2: true, offline3: true });
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_SET_PARAMS', node_name: NODE2, powered: false }), OpPrereqError,
    /Unable to change powered state for node node2\.example\.com as it does not support out-of-band handling/);
  h.rpc.answer('RunOob', { stdout: '' });
  assertSucceeded(t, await h.run(oob('power-off', [NODE3])));
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_SET_PARAMS', node_name: NODE3, offline: false }), OpPrereqError,
    /needs to be turned on before its offline status can be reset/);
});

test('node parameters are type-checked at every level; oob_program must be absolute', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ndparams: { oob_program: 'relative/oob' } }), OpPrereqError,
    /node parameter 'oob_program' must be an absolute path/);
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ndparams: { bogus: '1' } }), OpPrereqError,
    /Unknown node parameter 'bogus' \(allowed: cpu_speed, exclusive_storage, oob_program, ovs, ovs_link, ovs_name, spindle_count, ssh_port\)/);
  assertFailed(t, await h.run({ OP_ID: 'OP_NODE_SET_PARAMS', node_name: NODE2, ndparams: { spindle_count: 'x' } }), OpPrereqError,
    /node parameter 'spindle_count' must be a non-negative integer/);
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'default', ndparams: { ovs: 'maybe' } }), OpPrereqError, /'ovs' must be a boolean/);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NODE_SET_PARAMS', node_name: NODE2, ndparams: { spindle_count: '3', oob_program: '/bin/oob2' } }));
  t.like(h.node(NODE2)!.ndparams, { spindle_count: 3, oob_program: '/bin/oob2' });
});
