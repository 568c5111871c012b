import test from 'ava';
import { LockLevel } from '../../../../daemons/common/constants.js';
import { JobCanceledError, LockTimeoutError, ProgrammerError } from '../../../../daemons/common/errors.js';
import { LockManager } from '../../../../daemons/masterd/locking/lock-manager.js';

const { Cluster, Instance, Node, NodeRes } = LockLevel;

/** Resolves to true if p settles within a few turns of the event loop. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  await new Promise((r) => setImmediate(r));
  return done;
}

test('shared locks coexist, exclusive excludes', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Instance, ['i1'], { shared: true });
  await lm.acquire('b', Instance, ['i1'], { shared: true });
  const c = lm.acquire('c', Instance, ['i1']);
  t.false(await settled(c));
  lm.release('a', Instance);
  t.false(await settled(c));
  lm.release('b', Instance, ['i1']);
  t.true(await settled(c));
  t.deepEqual([...lm.owned('c', Instance)], [['i1', 'exclusive']]);
});

test('different names do not conflict; snapshot names locks by level', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Cluster, ['BGL'], { shared: true });
  await lm.acquire('a', Instance, ['inst1']);
  await lm.acquire('b', Instance, ['inst2']);
  const snap = lm.snapshot();
  const byName = new Map(snap.map((l) => [l.name, l]));
  t.deepEqual(byName.get('cluster/BGL')?.owners, ['a']);
  t.is(byName.get('cluster/BGL')?.mode, 'shared');
  t.is(byName.get('instance/inst1')?.mode, 'exclusive');
  t.deepEqual(byName.get('instance/inst2')?.owners, ['b']);
  t.deepEqual(byName.get('instance/[lockset]')?.owners, ['a', 'b']);
  lm.releaseAll('a');
  lm.releaseAll('b');
  t.deepEqual(lm.snapshot(), []);
});

test('ALL exclusive excludes everyone at the level, but not other levels', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Node, 'ALL');
  t.true(lm.ownsAll('a', Node));
  t.deepEqual([...lm.owned('a', Node)], [['__all__', 'exclusive']]);
  const b = lm.acquire('b', Node, ['n1'], { shared: true });
  const c = lm.acquire('c', Node, 'ALL', { shared: true });
  await lm.acquire('d', Instance, ['i1']);
  t.false(await settled(b));
  t.false(await settled(c));
  lm.release('a', Node);
  t.true(await settled(b));
  t.true(await settled(c));
});

test('ALL shared excludes individual exclusive holders and admits shared ones', async (t) => {
  const lm = new LockManager();
  await lm.acquire('x', Node, ['n1']);
  await lm.acquire('s', Node, ['n2'], { shared: true });
  const all = lm.acquire('a', Node, 'ALL', { shared: true });
  t.false(await settled(all), 'IX holder blocks S');
  lm.release('x', Node);
  t.true(await settled(all));
  // S on the set is compatible with IS (individual shared), not with IX.
  await lm.acquire('s2', Node, ['n3'], { shared: true });
  const ex = lm.acquire('e', Node, ['n4']);
  t.false(await settled(ex));
  lm.release('a', Node);
  t.true(await settled(ex));
});

test('downgrade turns exclusive into shared and wakes shared waiters', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Instance, ['i1', 'i2']);
  const b = lm.acquire('b', Instance, ['i1'], { shared: true });
  t.false(await settled(b));
  lm.downgrade('a', Instance, ['i1']);
  t.true(await settled(b));
  t.is(lm.owned('a', Instance).get('i1'), 'shared');
  t.is(lm.owned('a', Instance).get('i2'), 'exclusive');
  // ALL X -> S lets individual shared lockers in.
  await lm.acquire('c', Node, 'ALL');
  const d = lm.acquire('d', Node, ['n1'], { shared: true });
  t.false(await settled(d));
  lm.downgrade('c', Node);
  t.true(await settled(d));
});

test('ordered acquisition: same or lower level is a ProgrammerError', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Node, ['n1']);
  await t.throwsAsync(lm.acquire('a', Instance, ['i1']), { instanceOf: ProgrammerError });
  await t.throwsAsync(lm.acquire('a', Node, ['n2']), { instanceOf: ProgrammerError });
  await lm.acquire('a', NodeRes, ['n1']);
  lm.releaseAll('a');
  await lm.acquire('a', Instance, ['i1']);
  t.deepEqual([...lm.owned('a', Instance).keys()], ['i1'], 'after releasing everything the order starts again');
});

test('waiters are granted by priority, then FIFO', async (t) => {
  const lm = new LockManager();
  await lm.acquire('holder', Instance, ['i1']);
  const order: string[] = [];
  const w = (owner: string, priority: number) =>
    lm.acquire(owner, Instance, ['i1'], { priority }).then(() => { order.push(owner); lm.releaseAll(owner); });
  const all = [w('low', 10), w('n1', 0), w('high', -10), w('n2', 0)];
  await settled(Promise.resolve());
  lm.releaseAll('holder');
  await Promise.all(all);
  t.deepEqual(order, ['high', 'n1', 'n2', 'low']);
});

test('a shared waiter does not overtake an earlier exclusive waiter', async (t) => {
  const lm = new LockManager();
  await lm.acquire('s1', Instance, ['i1'], { shared: true });
  const x = lm.acquire('x', Instance, ['i1']);
  const s2 = lm.acquire('s2', Instance, ['i1'], { shared: true });
  t.false(await settled(x));
  t.false(await settled(s2), 'compatible with the holder but must queue behind x');
  // A better-priority shared request may go first.
  await lm.acquire('urgent', Instance, ['i1'], { shared: true, priority: -20 });
  lm.releaseAll('s1');
  lm.releaseAll('urgent');
  t.true(await settled(x));
  t.false(await settled(s2));
  lm.releaseAll('x');
  t.true(await settled(s2));
});

test('timeout rejects with LockTimeoutError and keeps nothing from the call', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Instance, ['i2']);
  const err = await t.throwsAsync(lm.acquire('b', Instance, ['i1', 'i2', 'i3'], { timeoutMs: 30 }),
    { instanceOf: LockTimeoutError });
  t.regex(err!.message, /timeout/);
  t.is(lm.owned('b', Instance).size, 0);
  // i1 was taken first (sorted) and must have been given back.
  await lm.acquire('c', Instance, ['i1'], { timeoutMs: 0 });
  await t.throwsAsync(lm.acquire('d', Instance, ['i2'], { timeoutMs: 0 }), { instanceOf: LockTimeoutError });
  t.deepEqual(lm.snapshot().map((l) => l.name).sort(), ['instance/[lockset]', 'instance/i1', 'instance/i2']);
});

test('abort rejects with signal.reason and releases what the call took', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Node, ['n2']);
  const ac = new AbortController();
  const p = lm.acquire('job1', Node, ['n1', 'n2'], { signal: ac.signal });
  t.false(await settled(p));
  ac.abort(new JobCanceledError('Job 1 canceled'));
  await t.throwsAsync(p, { instanceOf: JobCanceledError });
  t.is(lm.owned('job1', Node).size, 0);
  t.false(lm.snapshot().some((l) => l.owners.includes('job1') || l.pending.some((w) => w.owner === 'job1')));
  // Already aborted: rejects at once.
  await t.throwsAsync(lm.acquire('job2', Node, ['n9'], { signal: ac.signal }), { instanceOf: JobCanceledError });
  // A removed waiter no longer blocks the queue behind it.
  lm.releaseAll('a');
  await lm.acquire('z', Node, ['n1', 'n2'], { timeoutMs: 0 });
});

test('snapshot shows pending waiters', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Instance, ['i1']);
  const p = lm.acquire('b', Instance, ['i1'], { shared: true });
  t.false(await settled(p));
  const info = lm.snapshot().find((l) => l.name === 'instance/i1');
  t.deepEqual(info?.pending, [{ owner: 'b', mode: 'shared' }]);
  lm.releaseAll('a');
  await p;
});

test('many contending owners all finish, none left holding a lock', async (t) => {
  const lm = new LockManager();
  const names = Array.from({ length: 20 }, (_, i) => `inst${i}`);
  let done = 0;
  const jobs = Array.from({ length: 500 }, async (_, j) => {
    const owner = `job${j}`;
    for (let round = 0; round < 10; round++) {
      await lm.acquire(owner, Cluster, ['BGL'], { shared: true });
      await lm.acquire(owner, Instance, [names[(j + round) % 20]!, names[(j * 7 + round) % 20]!],
        { shared: round % 3 === 0 });
      await lm.acquire(owner, Node, ['node1'], { shared: true });
      lm.releaseAll(owner);
      done++;
    }
  });
  await Promise.all(jobs);
  t.is(done, 5000);
  t.deepEqual(lm.snapshot(), []);
});

test('hundreds of waiters on one lock are served in order', async (t) => {
  const lm = new LockManager();
  await lm.acquire('holder', Instance, ['hot']);
  const order: number[] = [];
  const waiters = Array.from({ length: 300 }, (_, i) =>
    lm.acquire(`w${i}`, Instance, ['hot'], { shared: i % 50 === 0 ? false : i % 2 === 0 }).then(() => {
      order.push(i);
      setImmediate(() => lm.releaseAll(`w${i}`));
    }));
  await settled(Promise.resolve());
  lm.releaseAll('holder');
  await Promise.all(waiters);
  // Each exclusive waiter is granted only after everyone queued before it.
  for (const x of [0, 50, 100, 150, 200, 250]) {
    t.true(order.slice(0, order.indexOf(x)).every((i) => i < x), `no later waiter overtook exclusive ${x}`);
  }
  await settled(Promise.resolve());
  t.deepEqual(lm.snapshot(), []);
});

test('releaseAll fails the owner\'s pending acquire and leaves nothing behind', async (t) => {
  const lm = new LockManager();
  await lm.acquire('a', Node, ['n2']);
  await lm.acquire('job', Instance, ['i1']);
  const p = lm.acquire('job', Node, ['n1', 'n2']);
  t.false(await settled(p));
  lm.releaseAll('job');
  await t.throwsAsync(p, { instanceOf: ProgrammerError });
  lm.releaseAll('a');
  t.deepEqual(lm.snapshot(), []);
});
