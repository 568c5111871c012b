// ganeti-watcher's pieces that need no cluster: command line, state file, run lock, pause
// file and the instance status files.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, parseTimespec } from '../../../tools/watcher/options.js';
import { WatcherState, RETRY_EXPIRATION } from '../../../tools/watcher/state.js';
import { acquireLock } from '../../../tools/watcher/lock.js';
import { globalStatusFile, mergeStatus, writeGroupStatus } from '../../../tools/watcher/instance-status.js';
import type { WatcherLog } from '../../../tools/watcher/log.js';
import { readWatcherPause, watcherPauseMessage } from '../../../daemons/common/watcher-pause.js';
import { readWatcherRecords, watcherText } from '../../../daemons/masterd/query/watcher-records.js';

function memLog(): WatcherLog & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (m: string) => { lines.push(`${level} ${m}`); };
  return { lines, debug: add('DEBUG'), info: add('INFO'), warning: add('WARNING'), error: add('ERROR'), critical: add('CRITICAL') };
}

function tmp(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'watcher-unit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('options: Ganeti defaults, job age timespecs, and usage errors exit 2 naming the value', (t) => {
  const d = parseArgs([], 'v');
  t.is(d.kind, 'run');
  if (d.kind === 'run') {
    t.is(d.opts.jobAge, 6 * 3600);
    t.false(d.opts.noStrict);
    t.true(d.opts.waitChildren);
  }
  const r = parseArgs(['-d', '--job-age=30m', '--no-strict', '--ignore-pause', '--no-verify-disks', '--no-wait-children'], 'v');
  t.like(r, { kind: 'run', opts: { debug: true, jobAge: 1800, noStrict: true, ignorePause: true, noVerifyDisks: true, waitChildren: false } });
  t.like(parseArgs(['-A', '2h'], 'v'), { kind: 'run', opts: { jobAge: 7200 } });
  t.like(parseArgs(['-A90'], 'v'), { kind: 'run', opts: { jobAge: 90 } });
  t.is(parseTimespec('1w'), 604800);
  t.is(parseTimespec('h'), null);
  const bad = parseArgs(['--job-age', '6x'], 'v');
  t.like(bad, { kind: 'exit', code: 2 });
  if (bad.kind === 'exit') t.regex(bad.err, /invalid job age '6x'.*s, m, h, d or w/);
  const unknown = parseArgs(['--frobnicate'], 'v');
  t.like(unknown, { kind: 'exit', code: 2 });
  if (unknown.kind === 'exit') t.regex(unknown.err, /^Usage: ganeti-watcher \[-d\]\n\nganeti-watcher: error: no such option: --frobnicate/);
  t.like(parseArgs(['extra'], 'v'), { kind: 'exit', code: 2 });
  t.like(parseArgs(['--job-age'], 'v'), { kind: 'exit', code: 2 });
  const help = parseArgs(['--help'], 'v');
  t.like(help, { kind: 'exit', code: 0 });
  if (help.kind === 'exit') t.regex(help.out, /--no-verify-disks/);
});

test('state: counters, expiry and the Ganeti JSON layout; unchanged data only touches the file', async (t) => {
  const dir = tmp(t);
  const file = join(dir, 'watcher.g1.data');
  let now = 1_000_000;
  const log = memLog();
  const s = new WatcherState(file, log, () => now);
  s.recordRestartAttempt('a');
  s.recordRestartAttempt('a');
  s.recordCleanupAttempt('b');
  s.setNodeBootId('node1', 'boot-1');
  await s.save();
  t.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
    instance: { a: { restart_count: 2, restart_when: now }, b: { cleanup_count: 1, cleanup_when: now } },
    node: { node1: { bootid: 'boot-1' } },
  });

  const again = new WatcherState(file, log, () => now);
  t.is(again.numberOfRestartAttempts('a'), 2);
  t.is(again.numberOfCleanupAttempts('b'), 1);
  t.is(again.getNodeBootId('node1'), 'boot-1');
  utimesSync(file, new Date(0), new Date(0));
  await again.save();
  t.true(statSync(file).mtimeMs > 0, 'an unchanged state is touched');
  t.true(log.lines.includes("DEBUG Data didn't change, just touching status file"));

  now += RETRY_EXPIRATION + 1;
  again.maintainInstanceList(['a', 'b']);
  t.is(again.numberOfRestartAttempts('a'), 0, 'records older than 8 hours expire');
  const third = new WatcherState(file, log, () => now);
  third.maintainInstanceList(['b']);
  t.is(third.numberOfRestartAttempts('a'), 0, 'removed instances are forgotten');
});

test('state: a broken file counts as empty, with a warning', (t) => {
  const dir = tmp(t);
  const file = join(dir, 'watcher.g1.data');
  writeFileSync(file, '{not json');
  const log = memLog();
  const s = new WatcherState(file, log);
  t.is(s.numberOfRestartAttempts('x'), 0);
  t.regex(log.lines.join('\n'), /WARNING Invalid state file\. Using defaults\./);
});

test('lock: one holder at a time; a dead holder\'s lock is broken; release removes only our own', (t) => {
  const dir = tmp(t);
  const file = join(dir, 'ganeti-watcher.lock');
  const first = acquireLock(file);
  t.true(first.ok);
  t.is(readFileSync(file, 'utf8').trim(), String(process.pid));
  // Another process (simulated: the file names a live foreign pid).
  writeFileSync(file, '4242\n');
  const busy = acquireLock(file, (pid) => pid === 4242);
  t.deepEqual(busy, { ok: false, holder: 4242 });
  // Its holder died: the next run takes over.
  const taken = acquireLock(file, () => false);
  t.true(taken.ok);
  t.false(existsSync(`${file}.break`));
  if (first.ok) first.release();      // releasing twice is harmless
  if (taken.ok) taken.release();
  t.false(existsSync(file));
  writeFileSync(file, '4242\n');
  if (first.ok) first.release();
  t.true(existsSync(file), 'release never removes a lock another process holds');
});

test('pause file: a future integer pauses; past, garbage or no file does not', (t) => {
  const dir = tmp(t);
  const file = join(dir, 'watcher.pause');
  t.is(readWatcherPause(file, 1000), null);
  writeFileSync(file, '2000\n');
  t.is(readWatcherPause(file, 1000), 2000);
  t.is(readWatcherPause(file, 3000), null);
  writeFileSync(file, 'soon');
  t.is(readWatcherPause(file, 1000), null);
  t.is(watcherPauseMessage(null, 1000, String), 'The watcher is not paused.');
  t.is(watcherPauseMessage(2000, 1000, (s) => `T${s}`), 'The watcher is paused until T2000.');
});

test('instance status files: per group, sorted, merged with the newest file winning', async (t) => {
  const dir = tmp(t);
  const log = memLog();
  await writeGroupStatus(dir, 'g1', [['b', 'running'], ['a', 'ERROR_down']], log);
  await writeGroupStatus(dir, 'g2', [['a', 'running'], ['c', 'ADMIN_down']], log);
  utimesSync(join(dir, 'watcher.g1.instance-status'), new Date(1000), new Date(1000));
  await mergeStatus(dir, ['g1', 'g2', 'g3'], log);
  t.is(readFileSync(join(dir, 'watcher.g1.instance-status'), 'utf8'), 'a ERROR_down\nb running');
  t.is(readFileSync(globalStatusFile(dir), 'utf8'), 'a running\nb running\nc ADMIN_down');
});

test('the master reads the watcher records for `gnt-instance list -o watcher`', (t) => {
  const dir = tmp(t);
  writeFileSync(join(dir, 'watcher.0f2c-aa.data'), JSON.stringify({
    instance: { a: { restart_count: 6, restart_when: 1 }, b: { restart_count: 2, restart_when: 1 }, c: { cleanup_count: 1, cleanup_when: 1 } },
    node: {},
  }));
  writeFileSync(join(dir, 'watcher.bad.data'), 'garbage');
  const recs = readWatcherRecords(dir);
  t.is(watcherText(recs.get('a')), 'gave up after 5 restart attempts');
  t.is(watcherText(recs.get('b')), 'restart attempts: 2/5');
  t.is(watcherText(recs.get('c')), 'cleanup attempts: 1/5');
  t.is(watcherText(recs.get('d')), null);
  t.is(readWatcherRecords(join(dir, 'missing')).size, 0);
});
