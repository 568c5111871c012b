// Node add: only the prerequisite checks. Past them the LU bootstraps the node over SSH
// (bootstrap/node-join.ts), which the cluster tests cover; dry_run stops right after them.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { NODE2 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const addOp = (extra: Record<string, unknown>) => ({ OP_ID: 'OP_NODE_ADD', ...extra });

test('a node already in the cluster is refused unless re-added', async (t) => {
  const h = await LuHarness.create();
  const serial = h.cfg.serial();
  assertFailed(t, await h.run(addOp({ node_name: NODE2, primary_ip: '127.0.9.12' })), OpPrereqError,
    /Node node2.example.com is already in the configuration/, 'already_exists');
  t.is(h.cfg.serial(), serial);
  t.deepEqual(h.rpc.trace(), []);
  assertSucceeded(t, await h.run(addOp({ node_name: NODE2, primary_ip: '127.0.9.12', readd: true, dry_run: true })));
});

test('re-adding a node the cluster does not know is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(addOp({ node_name: 'node4.example.com', primary_ip: '127.0.9.14', readd: true })), OpPrereqError,
    /Node node4.example.com is not in the configuration/, 'unknown_entity');
});

test('an address another node has is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(addOp({ node_name: 'node4.example.com', primary_ip: '127.0.9.12' })), OpPrereqError,
    /New node ip address\(es\) conflict with existing node node2.example.com/, 'already_exists');
});

test('an unknown node group is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(addOp({ node_name: 'node4.example.com', primary_ip: '127.0.9.14', group: 'rack9' })), OpPrereqError,
    /Node group 'rack9' not known/, 'unknown_entity');
});

test('an invalid node name is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run(addOp({ node_name: 'node4;reboot', primary_ip: '127.0.9.14' })), OpPrereqError, /Invalid node name 'node4;reboot'/, 'wrong_input');
});

test('a new node passes the checks (dry run: no bootstrap, no change)', async (t) => {
  const h = await LuHarness.create();
  const serial = h.cfg.serial();
  assertSucceeded(t, await h.run(addOp({ node_name: 'node4.example.com', primary_ip: '127.0.9.14', group: 'default', dry_run: true })));
  t.is(h.cfg.serial(), serial);
  t.is(h.node('node4.example.com'), undefined);
  t.deepEqual(h.rpc.trace(), []);
});
