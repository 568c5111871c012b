// gnt-group evacuate and gnt-instance change-group: the allocator's change-group plan becomes
// jobs (migrate when running, failover when stopped) to nodes of the target group; the
// opcode's result lists them; bad targets are refused before anything is planned.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpExecError, OpPrereqError } from '../../helpers/masterd.js';

/** default = node1, node2; g2 = node3; web1 runs on node2, db1 is stopped on node2. */
async function twoGroups(extra: Parameters<typeof instance>[3] = {}): Promise<LuHarness> {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [
    instance('i1', 'web1', 'n2', { disk_template: 'diskless', admin_state: 'up', ...extra }),
    instance('i2', 'db1', 'n2', { disk_template: 'diskless', ...extra }),
  ] }) });
  for (const op of [{ OP_ID: 'OP_GROUP_ADD', group_name: 'g2' }, { OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: [NODE3] }]) {
    const r = await h.run(op);
    if (r.error) throw r.error;
  }
  return h;
}

test('group evacuate plans a migration for a running and a failover for a stopped instance', async (t) => {
  const h = await twoGroups();
  const run = await h.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default' });
  assertSucceeded(t, run);
  t.deepEqual(run.result, { jobs: [[true, 1000], [true, 1001]] });
  const ops = h.submitted.map((j) => j.ops[0]!);
  const byName = Object.fromEntries(ops.map((o) => [o.instance_name, o]));
  t.is(byName.web1!.OP_ID, 'OP_INSTANCE_MIGRATE');
  t.is(byName.db1!.OP_ID, 'OP_INSTANCE_FAILOVER');
  for (const o of ops) t.is(o.target_node, NODE3);
  t.true(run.feedback.some((l) => /Iallocator returned 2 job\(s\) for evacuating node group default/.test(l)));
  // Nothing moved yet: the jobs do that.
  t.is(h.nodeName(h.instance('web1')!.primary_node), 'node2.example.com');
});

test('--sequential chains the jobs; --force-failover turns migrations into failovers', async (t) => {
  const h = await twoGroups();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default', sequential: true, force_failover: true }));
  t.is(h.submitted.length, 2);
  t.true(h.submitted.every((j) => j.ops[0]!.OP_ID === 'OP_INSTANCE_FAILOVER'));
  t.falsy(h.submitted[0]!.ops[0]!.depends);
  t.deepEqual(h.submitted[1]!.ops[0]!.depends, [[-1, ['error', 'success']]]);
});

test('the evacuated group cannot be a target; a single group has no targets; unknown groups are named', async (t) => {
  const h = await twoGroups();
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default', target_groups: ['default'] }), OpPrereqError,
    /Group to be evacuated \(g1\) can not be used as a target group/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default', target_groups: ['nope'] }), OpPrereqError,
    /Node group 'nope' not found/, 'unknown_entity');
  const single = await LuHarness.create();
  assertFailed(t, await single.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default' }), OpPrereqError, /There are no possible target groups/);
  t.is(h.submitted.length + single.submitted.length, 0);
});

test('local-storage instances cannot change group: the evacuation fails naming them', async (t) => {
  const h = await twoGroups({ disk_template: 'file' });
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_EVACUATE', group_name: 'default' }), OpExecError,
    /Unable to evacuate instances .*web1 \(Instances of type file cannot be relocated\)/);
  t.is(h.submitted.length, 0);
});

test('instance change-group moves one instance; its own group is refused as a target', async (t) => {
  const h = await twoGroups();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_CHANGE_GROUP', instance_name: 'web1', target_groups: ['g2'] });
  assertSucceeded(t, run);
  t.deepEqual(run.result, { jobs: [[true, 1000]] });
  t.like(h.submitted[0]!.ops[0]!, { OP_ID: 'OP_INSTANCE_MIGRATE', instance_name: 'web1', target_node: NODE3 });
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_CHANGE_GROUP', instance_name: 'web1', target_groups: ['default'] }), OpPrereqError,
    /Can't use group\(s\) 'default' as targets, they are used by the instance 'web1'/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_CHANGE_GROUP', instance_name: 'web9' }), OpPrereqError, /web9/);
});
