// OP_INSTANCE_MULTI_ALLOC: one multi-allocate request places every instance; each placed one
// becomes a creation job of its own with its node filled in (ResultWithJobs), the result says
// which were allocatable and which failed; mixed node/no-node requests and duplicates are refused.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const create = (name: string, extra: Record<string, unknown> = {}) => ({
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', os_type: 'dummy',
  beparams: { memory: 128 }, name_check: false, ip_check: false, ...extra,
});

test('hail places every instance; one creation job each, with the chosen node and no iallocator', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', iallocator: 'hail', instances: [create('m1'), create('m2'), create('m3')] });
  assertSucceeded(t, run);
  t.deepEqual(run.result, { jobs: [[true, 1000], [true, 1001], [true, 1002]], allocatable: ['m1', 'm2', 'm3'], failed: [] });
  const ops = h.submitted.map((j) => j.ops);
  t.true(ops.every((o) => o.length === 1 && o[0]!.OP_ID === 'OP_INSTANCE_CREATE'));
  t.deepEqual(ops.map((o) => o[0]!.instance_name), ['m1', 'm2', 'm3']);
  for (const [op] of ops) {
    t.truthy(h.node(String(op!.pnode)), `pnode ${String(op!.pnode)} is a node`);
    t.falsy(op!.iallocator);
  }
  t.true(run.feedback.some((l) => /Selected nodes for instance m1 via iallocator hail/.test(l)));
  t.is(h.instance('m1'), undefined, 'the jobs create the instances, not the planning opcode');
});

test('instances the allocator cannot place are listed as failed and get no job', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', iallocator: 'hail',
    instances: [create('small'), create('huge', { beparams: { memory: 100_000_000 } })] });
  assertSucceeded(t, run);
  const r = run.result as { jobs: unknown[]; allocatable: string[]; failed: string[] };
  t.deepEqual(r.allocatable, ['small']);
  t.deepEqual(r.failed, ['huge']);
  t.is(h.submitted.length, 1);
  t.is(h.submitted[0]!.ops[0]!.instance_name, 'small');
});

test('instances naming their nodes are created as given, without the allocator', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [create('a', { pnode: 'node2' }), create('b', { pnode: 'node3' })] });
  assertSucceeded(t, run);
  t.like(run.result, { allocatable: ['a', 'b'], failed: [] });
  t.deepEqual(h.submitted.map((j) => j.ops[0]!.pnode), ['node2', 'node3']);
});

test('bad requests are refused before anything is planned', async (t) => {
  const h = await LuHarness.create();
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [create('a', { pnode: 'node2' }), create('b')] }), OpPrereqError,
    /There are instance objects providing pnode\/snode while others do not/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [create('a'), create('a')] }), OpPrereqError,
    /There are duplicate instance names: a/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [create('a', { iallocator: 'hail' })] }), OpPrereqError,
    /iallocator are not allowed to be set on instance objects/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [create('a', { disk_template: 7 })] }), OpPrereqError,
    /instances\[0\]/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_INSTANCE_MULTI_ALLOC', instances: [] }), OpPrereqError, /No instances given/, 'wrong_input');
  t.is(h.submitted.length, 0);
});
