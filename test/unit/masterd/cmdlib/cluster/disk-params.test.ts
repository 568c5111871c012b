// gnt-cluster modify -D / gnt-group -D: unknown disk parameters are refused, naming the key.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

test('an unknown disk parameter is refused and nothing changes; a known one is set', async (t) => {
  const h = await LuHarness.create();
  const serial = h.cfg.serial();
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', diskparams: { drbd: { nonexistent: 1 } } }), OpPrereqError,
    /Unknown disk parameter\(s\) nonexistent for disk template drbd \(allowed: resync-rate/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'default', diskparams: { file: { stripes: 2 } } }), OpPrereqError,
    /Unknown disk parameter\(s\) stripes for disk template file \(allowed: format\)/, 'wrong_input');
  t.is(h.cfg.serial(), serial);
  assertSucceeded(t, await h.run({ OP_ID: 'OP_CLUSTER_SET_PARAMS', diskparams: { drbd: { 'resync-rate': 1024 } } }));
  t.deepEqual(h.cfg.get().cluster.diskparams.drbd, { 'resync-rate': 1024 });
});
