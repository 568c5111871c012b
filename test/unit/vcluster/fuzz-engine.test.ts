// The fuzz engine's judges (vcluster/fuzz.ts): what counts as a crash line in a daemon log,
// state compared by content, and generators that replay from their seed.
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRASH_LINE, crashLines, logMarks, randomJob, rng, stateChanges, type ClusterState } from '../../../vcluster/fuzz.js';

test('crash lines: uncaught exceptions, unhandled rejections, stack traces; not ordinary refusals', (t) => {
  for (const l of ['2026-12-03T00:00:00Z noded ERROR uncaught exception: TypeError: x is undefined',
    '2026-12-03T00:00:00Z masterd ERROR unhandled rejection {"err":"Error: boom"}', 'TypeError: Cannot read properties of undefined',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)', 'FATAL ERROR: Reached heap limit']) {
    t.true(CRASH_LINE.test(l), l);
  }
  for (const l of ['2026-12-03T00:00:00Z noded WARN Permission denied: NodeLeaveCluster is accepted only from the master',
    '2026-12-03T00:00:00Z masterd INFO job 12 failed: OpPrereqError: Instance ghost1 not known']) {
    t.false(CRASH_LINE.test(l), l);
  }
});

test('crashLines sees only what was logged after the marks', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-engine-'));
  const logs = join(dir, 'node1/var/log/ganeti');
  mkdirSync(logs, { recursive: true });
  writeFileSync(join(logs, 'node-daemon.log'), 'x ERROR uncaught exception: old\n');
  const marks = logMarks(dir);
  t.deepEqual(crashLines(dir, marks), []);
  appendFileSync(join(logs, 'node-daemon.log'), 'y INFO fine\nz ERROR uncaught exception: new\n');
  t.deepEqual(crashLines(dir, marks), ['node1/var/log/ganeti/node-daemon.log: z ERROR uncaught exception: new']);
  rmSync(dir, { recursive: true, force: true });
});

test('state is compared by content: a changed checksum, config or process is a change', (t) => {
  const a: ClusterState = { config: '5 abc', files: ['node1/f 111', 'node2/g 222'], processes: ['10 ganeti-noded'] };
  t.deepEqual(stateChanges(a, structuredClone(a)), []);
  t.deepEqual(stateChanges(a, { ...a, files: ['node1/f 112', 'node2/g 222'] }),
    ['file gone or changed: node1/f 111', 'file new or changed: node1/f 112']);
  t.deepEqual(stateChanges(a, { ...a, config: '6 abd' }), ['config: 5 abc -> 6 abd']);
  t.deepEqual(stateChanges(a, { ...a, processes: ['11 ganeti-noded'] }),
    ['process gone or changed: 10 ganeti-noded', 'process new or changed: 11 ganeti-noded']);
});

test('the generators replay from their seed', (t) => {
  const run = (seed: number) => { const r = rng(seed); return Array.from({ length: 50 }, () => randomJob(r)); };
  t.deepEqual(run(42), run(42));
  t.notDeepEqual(run(42), run(43));
});
