// The "lock" query resource (gnt-debug locks): held locks with their mode and owners, and
// waiters grouped by mode in queue order; released locks disappear.
import test from 'ava';
import { executeQuery } from '../../../../daemons/masterd/query/index.js';
import { LockManager } from '../../../../daemons/masterd/locking/lock-manager.js';
import { LockLevel } from '../../../../daemons/common/constants.js';
import { makeConfig, makeLive } from './helpers/fixture.js';

test('held and pending locks are listed with Ganeti\'s fields', async (t) => {
  const lm = new LockManager();
  await lm.acquire('job-1/0', LockLevel.Instance, ['web1'], { shared: false });
  const w1 = lm.acquire('job-2/0', LockLevel.Instance, ['web1'], { shared: true });
  const w2 = lm.acquire('job-3/0', LockLevel.Instance, ['web1'], { shared: true });
  await new Promise((r) => setImmediate(r));   // the waiters have queued up
  const q = () => executeQuery({ what: 'lock', fields: ['name', 'mode', 'owner', 'pending'], names: [], filter: null },
    { cfg: makeConfig(), live: makeLive(), locks: lm.snapshot() });
  const row = q().rows.find((r) => r[0]!.value === 'instance/web1');
  t.truthy(row, JSON.stringify(q().rows));
  t.deepEqual(row!.slice(1).map((c) => c.value), ['exclusive', ['job-1/0'], [['shared', ['job-2/0', 'job-3/0']]]]);
  lm.releaseAll('job-1/0');
  await Promise.all([w1, w2]);
  const after = q().rows.find((r) => r[0]!.value === 'instance/web1')!;
  t.deepEqual(after.slice(1).map((c) => c.value), ['shared', ['job-2/0', 'job-3/0'], []]);
  lm.releaseAll('job-2/0'); lm.releaseAll('job-3/0');
  t.false(q().rows.some((r) => r[0]!.value === 'instance/web1'));
});
