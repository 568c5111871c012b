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

test.serial('on demand, a process started without --expose-gc collects when idle', async (t) => {
  const { exposeGcWhenIdle, runtimeGc } = await import('../../../daemons/common/idle-gc.js');
  t.is(runtimeGc(), undefined, 'not asked for: none');
  exposeGcWhenIdle();
  const gc = runtimeGc();
  t.is(typeof gc, 'function');
  // A collection it runs frees what nothing holds any more.
  let garbage: object | null = { big: new Array(1000).fill('x') };
  const ref = new WeakRef(garbage);
  garbage = null;
  await sleep(0);   // a WeakRef keeps its target until the current job ends
  gc!({ type: 'major', execution: 'sync', flavor: 'regular' });
  t.is(ref.deref(), undefined);
  t.is(runtimeGc(), gc, 'exposed once');
});

test('the young generation is given back only once it has grown', (t) => {
  t.is(idleGcFlavor(1 * 2 ** 20), 'regular');
  t.is(idleGcFlavor(4 * 2 ** 20), 'regular');
  t.is(idleGcFlavor(8 * 2 ** 20), 'last-resort');
  t.is(idleGcFlavor(32 * 2 ** 20), 'last-resort');
});
