import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

async function harness() {
  return LuHarness.create({ config: clusterConfig({ instances: [instance('i1', NAME, 'n2', { beparams: { maxmem: 256, minmem: 256 } })] }) });
}

const modify = (extra: Record<string, unknown>) => ({ OP_ID: 'OP_INSTANCE_SET_PARAMS', instance_name: NAME, ...extra });

test('an unknown backend parameter is refused and nothing changes', async (t) => {
  const h = await harness();
  const serial = h.cfg.serial();
  assertFailed(t, await h.run(modify({ beparams: { memroy: 512 } })), OpPrereqError, /Unknown backend parameter 'memroy' \(allowed: .*maxmem/, 'wrong_input');
  t.is(h.cfg.serial(), serial);
  t.deepEqual(h.rpc.trace(), []);
});

test('a memory size that is not a size is refused', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(modify({ beparams: { memory: 'lots' } })), OpPrereqError, /backend parameter 'memory'/, 'wrong_input');
  t.is(h.instance(NAME)?.beparams.maxmem, 256);
});

test('a minimum memory above the maximum is refused', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(modify({ beparams: { minmem: 1024 } })), OpPrereqError,
    /Minimum memory \(1024\) is greater than maximum memory \(256\)/, 'wrong_input');
  t.is(h.instance(NAME)?.beparams.minmem, 256);
});

test('memory beyond the instance policy is refused unless the policy is ignored', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(modify({ beparams: { memory: 65536 } })), OpPrereqError,
    /would violate the instance policy: memory-size value 65536 is not in range \[128, 32768\]/, 'wrong_input');
  t.is(h.instance(NAME)?.beparams.maxmem, 256);
  assertSucceeded(t, await h.run(modify({ beparams: { memory: 65536 }, ignore_ipolicy: true })));
  t.is(h.instance(NAME)?.beparams.maxmem, 65536);
});

test('a memory change sets maximum and minimum memory and reports both', async (t) => {
  const h = await harness();
  const run = await h.run(modify({ beparams: { memory: 512 } }));
  t.deepEqual(assertSucceeded(t, run), [['be/maxmem', 512], ['be/minmem', 512]]);
  t.like(h.instance(NAME)?.beparams, { maxmem: 512, minmem: 512 });
  t.is(h.instance(NAME)?.serial_no, 2);
});

test('no change at all is refused', async (t) => {
  const h = await harness();
  assertFailed(t, await h.run(modify({})), OpPrereqError, /No changes submitted/, 'wrong_input');
});
