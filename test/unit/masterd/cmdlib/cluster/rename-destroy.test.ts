// gnt-cluster rename / destroy: the LUs' checks (Ganeti's messages) and what they ask of the master node.
import test from 'ava';
import { createServer } from 'node:net';
import { assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, MASTER, node } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';

const mipCalls = (h: LuHarness) => h.rpc.calls.filter((c) => /MasterIp$/.test(c.method)).map((c) => `${c.method}:${c.node}:${(c.req as { ip: string }).ip}`);

test('rename moves the name and the master IP, taking the IP down first and up again on the new address', async (t) => {
  const h = await LuHarness.create();
  h.rpc.answer('NodeDeactivateMasterIp', {}).answer('NodeActivateMasterIp', {});
  const run = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: '127.0.203.77' });
  assertSucceeded(t, run);
  t.is(run.result, '127.0.203.77');
  const cl = h.cfg.get().cluster;
  t.is(cl.cluster_name, '127.0.203.77');
  t.is(cl.master_ip, '127.0.203.77');
  t.deepEqual(mipCalls(h), [`NodeDeactivateMasterIp:${MASTER}:127.0.9.254`, `NodeActivateMasterIp:${MASTER}:127.0.203.77`]);
});

test('rename refuses an unchanged name and address, an unresolvable name and an address already in use', async (t) => {
  const cfg = clusterConfig();
  cfg.cluster.cluster_name = '127.0.9.254';
  const h = await LuHarness.create({ config: cfg });
  const same = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: '127.0.9.254' });
  t.regex(same.error?.message ?? '', /Neither the name nor the IP address of the cluster has changed/);
  const unknown = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: 'no-such-name.invalid' });
  t.regex(unknown.error?.message ?? '', /Unable to resolve hostname 'no-such-name.invalid'/);
  const srv = createServer((s) => s.destroy());
  await new Promise<void>((r) => srv.listen(1811, '127.0.203.250', r));
  try {
    const taken = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: '127.0.203.250' });
    t.regex(taken.error?.message ?? '', /The given cluster IP address \(127\.0\.203\.250\) is reachable on the network/);
  } finally { srv.close(); }
  t.is(h.cfg.get().cluster.cluster_name, '127.0.9.254');
  t.deepEqual(mipCalls(h), []);
});

test('rename re-enables the master IP and warns when that fails; a failed take-down changes nothing', async (t) => {
  const h = await LuHarness.create();
  h.rpc.fail('NodeDeactivateMasterIp', 'netdev gone', { times: 1 });
  const r1 = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: '127.0.203.78' });
  t.regex(r1.error?.message ?? '', /Could not disable the master role/);
  t.is(h.cfg.get().cluster.cluster_name, 'cluster.example.com');
  h.rpc.answer('NodeDeactivateMasterIp', {}).fail('NodeActivateMasterIp', 'no such device');
  const r2 = await h.run({ OP_ID: 'OP_CLUSTER_RENAME', name: '127.0.203.78' });
  assertSucceeded(t, r2);
  t.true(r2.feedback.some((l) => /WARNING: Could not re-enable the master role on the master, please restart manually/.test(l)));
});

test('destroy needs an empty cluster, then takes the master IP down and returns the master uuid', async (t) => {
  const full = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'web1', 'n2')] }) });
  t.regex((await full.run({ OP_ID: 'OP_CLUSTER_DESTROY' })).error?.message ?? '', /There are still 2 node\(s\) in this cluster\./);
  const withInstance = await LuHarness.create({ config: clusterConfig({ nodes: [node('n1', MASTER)], instances: [instance('i1', 'web1', 'n1')] }) });
  t.regex((await withInstance.run({ OP_ID: 'OP_CLUSTER_DESTROY' })).error?.message ?? '', /There are still 1 instance\(s\) in this cluster\./);
  t.deepEqual(mipCalls(full), []);
  const empty = await LuHarness.create({ config: clusterConfig({ nodes: [node('n1', MASTER)] }) });
  empty.rpc.answer('NodeDeactivateMasterIp', {});
  const run = await empty.run({ OP_ID: 'OP_CLUSTER_DESTROY' });
  assertSucceeded(t, run);
  t.is(run.result, 'n1');
  t.deepEqual(mipCalls(empty), [`NodeDeactivateMasterIp:${MASTER}:127.0.9.254`]);
});

test('modify --use-external-mip-script sets and clears the cluster flag', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', use_external_mip_script: true }));
  t.true(h.cfg.get().cluster.use_external_mip_script);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', use_external_mip_script: false }));
  t.false(h.cfg.get().cluster.use_external_mip_script);
});
