// idle-gc: one memory-reducing collection after the last of a burst of requests, none while
// they keep coming, and nothing at all when the runtime does not expose gc().
import test from 'ava';
import { idleGcFlavor, touchIdleGc } from '../../../daemons/common/idle-gc.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

test.serial('a burst of touches gives one full collection 3 s after the last', async (t) => {
  const calls: unknown[] = [];
  (globalThis as { gc?: unknown }).gc = (opts: unknown) => calls.push(opts);
  try {
    for (let i = 0; i < 4; i++) { touchIdleGc(); await sleep(1000); }   // each touch pushes it back
    t.is(calls.length, 0);
    await sleep(2300);
    t.is(calls.length, 1);
    t.like(calls[0] as object, { type: 'major', execution: 'sync' });
    await sleep(3200);
    t.is(calls.length, 1, 'no touch, no further collection');
  } finally {
    delete (globalThis as { gc?: unknown }).gc;
  }
});

test.serial('without an exposed gc() it does nothing', (t) => {
  delete (globalThis as { gc?: unknown }).gc;
  t.notThrows(() => touchIdleGc());
});

test('the young generation is given back only once it has grown', (t) => {
  t.is(idleGcFlavor(1 * 2 ** 20), 'regular');
  t.is(idleGcFlavor(4 * 2 ** 20), 'regular');
  t.is(idleGcFlavor(8 * 2 ** 20), 'last-resort');
  t.is(idleGcFlavor(32 * 2 ** 20), 'last-resort');
});
