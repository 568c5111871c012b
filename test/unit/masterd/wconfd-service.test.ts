// gnt-debug wconfd's Master RPC: lock listings per job and overall, cleanuplocks releasing
// only the locks of jobs that are no longer running, flushconfig, bad commands named.
import test from 'ava';
import { wconfdHandlers } from '../../../daemons/masterd/wconfd-service.js';
import { LockManager } from '../../../daemons/masterd/locking/lock-manager.js';
import { LockLevel } from '../../../daemons/common/constants.js';
import type { MasterContext } from '../../../daemons/masterd/context.js';
import type { JobQueue } from '../../../daemons/masterd/jqueue/job-queue.js';

type Call = (req: { command: string; args: string[] }) => Promise<unknown>;

function setup() {
  const locks = new LockManager();
  let flushed = 0;
  const mc = { locks, cfg: { flush: async () => { flushed++; }, serial: () => 5 }, replicator: { waitReplicated: async () => {} } } as unknown as MasterContext;
  const running = { ops: [{ status: 'running' }] };
  const queue = { get: (id: number) => (id === 1 ? running : undefined) } as unknown as JobQueue;
  const guard = <Req, Res>(_n: string, fn: (req: Req) => Promise<Res> | Res) => fn;
  const h = wconfdHandlers(mc, queue, guard as never) as unknown as { Wconfd: Call };
  const call = async (command: string, ...args: string[]) => JSON.parse(((await h.Wconfd({ command, args })) as { json: string }).json) as unknown;
  // Whole-level entries ('node/[lockset]') are listed too; these tests look at the named locks.
  const named = async (command: string, ...args: string[]) =>
    ((await call(command, ...args)) as unknown[]).filter((x) => !JSON.stringify(x).includes('[lockset]'));
  return { locks, call, named, flushed: () => flushed };
}

test('listlocks, listalllocks, listalllocksowners, echo', async (t) => {
  const { locks, call, named } = setup();
  await locks.acquire('job-1/0', LockLevel.Node, ['node2'], { shared: false });
  await locks.acquire('job-2/0', LockLevel.Instance, ['web1'], { shared: true });
  t.is(await call('echo', 'hi'), 'hi');
  t.deepEqual(await named('listlocks', '1'), [['node/node2', 'OwnExclusive']]);
  t.deepEqual(await named('listalllocks'), ['instance/web1', 'node/node2']);
  t.deepEqual(await named('listalllocksowners'), [['instance/web1', [['job-2/0', 'OwnShared']]], ['node/node2', [['job-1/0', 'OwnExclusive']]]]);
});

test('cleanuplocks drops the locks of jobs not running; flushconfig flushes; bad input named', async (t) => {
  const { locks, call, named, flushed } = setup();
  await locks.acquire('job-1/0', LockLevel.Node, ['node2'], { shared: false });
  await locks.acquire('job-2/0', LockLevel.Instance, ['web1'], { shared: true });
  t.deepEqual(await call('cleanuplocks'), ['job-2/0']);
  t.deepEqual(await named('listalllocks'), ['node/node2']);
  await call('flushconfig');
  t.is(flushed(), 1);
  await t.throwsAsync(call('frobnicate'), { message: /Command 'frobnicate' not supported/ });
  await t.throwsAsync(call('listlocks'), { message: /takes precisely one argument/ });
  await t.throwsAsync(call('listlocks', 'x'), { message: /Invalid job id 'x'/ });
});
