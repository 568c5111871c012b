// Node groups: add, assign-nodes (no split instances unless forced), remove, rename,
// set-params, and instance placement restricted to the group given with -g.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const groupOf = (h: LuHarness, node: string) => h.cfg.get().nodegroups[h.node(node)!.group]!.name;

test('add a group, refuse the same name twice, assign a node to it', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g2', alloc_policy: 'last_resort' }));
  const g2 = h.cfg.groupByName('g2')!;
  t.is(g2.alloc_policy, 'last_resort');
  const serial = h.cfg.serial();
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g2' }), OpPrereqError, /'g2' already exists/, 'already_exists');
  t.is(h.cfg.serial(), serial);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: [NODE3] }));
  t.is(groupOf(h, NODE3), 'g2');
  t.is(groupOf(h, NODE2), 'default');
});

test('a bad group name or alloc policy is refused', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'a b' }), OpPrereqError, /Invalid node group name 'a b'/, 'wrong_input');
  const bad = await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g3', alloc_policy: 'sometimes' });
  t.truthy(bad.error);
  t.regex(bad.error!.message, /alloc_policy/);
  t.is(h.cfg.groupByName('g3'), undefined);
});

test('moving a node that would split an instance needs force', async (t) => {
  const inst = instance('i1', 'web1', 'n2', { secondary_nodes: ['n3'] });
  const h = await LuHarness.create({ config: clusterConfig({ instances: [inst] }) });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g2' }));
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: [NODE3] }), OpPrereqError,
    /Instances web1 would be split across node groups; use --force/, 'wrong_state');
  t.is(groupOf(h, NODE3), 'default');
  const run = await h.run({ OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: [NODE3], force: true });
  assertSucceeded(t, run);
  t.true(run.feedback.some((l) => /WARNING: Instances web1 would be split/.test(l)));
  t.is(groupOf(h, NODE3), 'g2');
});

test('a group with nodes cannot be removed; an empty one can; rename', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_REMOVE', group_name: 'default' }), OpPrereqError, /not empty, has the following node\(s\)/, 'wrong_state');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g2' }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_RENAME', group_name: 'g2', new_name: 'rack2' }));
  t.truthy(h.cfg.groupByName('rack2'));
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_RENAME', group_name: 'rack2', new_name: 'default' }), OpPrereqError, /clashes/, 'already_exists');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_REMOVE', group_name: 'rack2' }));
  t.is(h.cfg.groupByName('rack2'), undefined);
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_REMOVE', group_name: 'nosuch' }), OpPrereqError, /Node group 'nosuch' not found/, 'unknown_entity');
});

test('set-params: alloc policy, ndparams with default dropping a key, custom ipolicy', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'default', alloc_policy: 'unallocable', ndparams: { spindle_count: 4 } }));
  let g = h.cfg.groupByName('default')!;
  t.is(g.alloc_policy, 'unallocable');
  t.deepEqual(g.ndparams, { spindle_count: 4 });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'default', ndparams: { spindle_count: 'default' }, ipolicy: { 'vcpu-ratio': 2 } }));
  g = h.cfg.groupByName('default')!;
  t.deepEqual(g.ndparams, {});
  t.is(g.ipolicy['vcpu-ratio'], 2);
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'default' }), OpPrereqError, /at least one modification/, 'wrong_input');
});

test('instance create with group_name and an allocator places inside that group only', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'g2' }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: [NODE3] }));
  for (const name of ['a1', 'a2', 'a3']) {
    assertSucceeded(t, await h.run({
      OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', disks: [], nics: [{}], os_type: 'debootstrap+default',
      iallocator: 'hail', group_name: 'g2', name_check: false, ip_check: false, beparams: { memory: 128 },
    }));
    t.is(h.nodeName(h.instance(name)!.primary_node), NODE3);
  }
  assertFailed(t, await h.run({
    OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'a4', disk_template: 'diskless', disks: [], nics: [{}], os_type: 'debootstrap+default',
    iallocator: 'hail', group_name: 'nosuch', name_check: false, ip_check: false,
  }), OpPrereqError, /Node group 'nosuch' not found/, 'unknown_entity');
});

test("a group's own instance policy applies to instances placed in it", async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ADD', group_name: 'small', ipolicy: {
    minmax: [{ min: { 'cpu-count': 1, 'disk-count': 0, 'disk-size': 0, 'memory-size': 64, 'nic-count': 0, 'spindle-use': 0 },
      max: { 'cpu-count': 1, 'disk-count': 1, 'disk-size': 1024, 'memory-size': 256, 'nic-count': 1, 'spindle-use': 1 } }],
  } }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'small', nodes: [NODE3] }));
  const op = (name: string, extra: Record<string, unknown>) => ({
    OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', disks: [], nics: [{}], os_type: 'debootstrap+default',
    name_check: false, ip_check: false, beparams: { memory: 512 }, ...extra,
  });
  assertFailed(t, await h.run(op('b1', { iallocator: 'hail', group_name: 'small' })), OpPrereqError,
    /Instance allocation to group small violates policy: memory-size value 512 is not in range \[64, 256\]/, 'wrong_input');
  assertFailed(t, await h.run(op('b2', { pnode: NODE3 })), OpPrereqError, /group small violates policy/, 'wrong_input');
  assertSucceeded(t, await h.run(op('b3', { pnode: NODE3, ignore_ipolicy: true })));
  assertSucceeded(t, await h.run(op('b4', { pnode: NODE2 })));
});
