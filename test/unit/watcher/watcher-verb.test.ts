// gnt-cluster watcher pause|continue|info against a scripted master.
process.env.TZ = 'UTC';
import test from 'ava';
import { run } from '../../../gnt-cli/framework/runner.js';
import { spec } from '../../../gnt-cli/gnt-cluster/command.js';
import { FakeMaster, makeIo } from '../gnt-cli/helpers/fake-master.js';

class PauseMaster extends FakeMaster {
  pauses: (number | null)[] = [];
  stored: number | null = null;
  async setWatcherPause(until: number | null): Promise<number | null> {
    this.pauses.push(until);
    this.stored = until;
    return until;
  }
  async queryConfigValues(keys: string[]): Promise<unknown[]> {
    return keys.map((k) => (k === 'watcher_pause' ? this.stored : null));
  }
}

test('pause DURATION sets the end on the master and prints it like time.ctime', async (t) => {
  const m = new PauseMaster();
  const io = makeIo(m);          // now = 1_700_000_000 s = Tue Nov 14 22:13:20 2023 UTC
  t.is(await run(spec, ['watcher', 'pause', '1h'], io.io), 0);
  t.deepEqual(m.pauses, [1_700_003_600]);
  t.deepEqual(io.out, ['The watcher is paused until Tue Nov 14 23:13:20 2023.']);
  const info = makeIo(m);
  t.is(await run(spec, ['watcher', 'info'], info.io), 0);
  t.deepEqual(info.out, ['The watcher is paused until Tue Nov 14 23:13:20 2023.']);
  const cont = makeIo(m);
  t.is(await run(spec, ['watcher', 'continue'], cont.io), 0);
  t.deepEqual(m.pauses, [1_700_003_600, null]);
  t.deepEqual(cont.out, ['The watcher is no longer paused.']);
  const after = makeIo(m);
  t.is(await run(spec, ['watcher', 'info'], after.io), 0);
  t.deepEqual(after.out, ['The watcher is not paused.']);
});

test('bad input names the value, exits 1 and never reaches the master', async (t) => {
  for (const [args, re] of [
    [['watcher', 'pause', '10x'], /Invalid time specification '10x'/],
    [['watcher', 'pause'], /Missing pause duration/],
    [['watcher', 'stop'], /Command 'stop' is not valid \(allowed: pause, continue, info\)/],
    [['watcher', 'info', 'now'], /takes no argument \(got 'now'\)/],
  ] as [string[], RegExp][]) {
    const m = new PauseMaster();
    const io = makeIo(m);
    t.is(await run(spec, args, io.io), 1, args.join(' '));
    t.regex(io.stderr(), re);
    t.deepEqual(m.pauses, []);
  }
});
