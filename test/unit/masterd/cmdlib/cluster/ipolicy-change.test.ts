// gnt-cluster modify with a partial bounds change (--specs-mem-size=max=N): only that bound
// changes; a std spec left outside the bounds is refused without any change.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

test('a partial max changes only that bound', async (t) => {
  const h = await LuHarness.create();
  const before = structuredClone(h.cfg.get().cluster.ipolicy);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ipolicy: { minmax: [{ min: {}, max: { 'memory-size': 1024 } }] } }));
  const after = h.cfg.get().cluster.ipolicy;
  t.deepEqual(after.minmax[0]!.max, { ...before.minmax[0]!.max, 'memory-size': 1024 });
  t.deepEqual(after.minmax[0]!.min, before.minmax[0]!.min);
  t.deepEqual(after.std, before.std);
});

test('a bound that would leave the std spec outside is refused, nothing changes', async (t) => {
  const h = await LuHarness.create();
  const serial = h.cfg.serial();
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ipolicy: { minmax: [{ min: { 'cpu-count': 2 }, max: {} }] } }), OpPrereqError,
    /std value 1 for cpu-count is outside the bounds \(2-8\)/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ipolicy: { minmax: [{ min: { 'memory-size': 40000 }, max: {} }] } }), OpPrereqError,
    /memory-size minimum 40000 is greater than maximum 32768/, 'wrong_input');
  t.is(h.cfg.serial(), serial);
});
