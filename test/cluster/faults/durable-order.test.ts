// kill -9 keeps the page cache, so the masterd kill tests cannot see a missing fsync. This
// test proves the ordering with strace (Debian's package, tools/setup/install-deps.sh): for a
// job that changes the config (gnt-cluster add-tags), masterd appends the job to the queue's
// journal and makes it durable before it answers the client with the job id; the config change
// is appended to the config journal (config.journal, config/commit-log.ts) and made durable
// before the job's final state is appended (and made durable) in turn; config.data itself is
// not rewritten for one change (only when the journal is compacted into it). An append is
// durable when it returns if its file is open O_DSYNC (the journals are: common/journal.ts,
// seen in /proc/PID/fdinfo), otherwise at the next fsync or fdatasync of the file. Tracing
// another process needs root: elsewhere the test is skipped, visibly.
import test from 'ava';
import { spawn } from 'node:child_process';
import { constants as fsc, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { daemonPid, isAlive, jobIdOf, sleep, waitFor } from './util.js';

const ROOT = process.getuid?.() === 0;
let vc: Vcluster;
const traceDir = mkdtempSync(join(tmpdir(), 'durable-order-'));

if (!ROOT) console.log('durable-order: SKIPPED, strace needs root to attach to masterd (run as root to check the fsync ordering)');

test.before(async () => {
  if (!ROOT) return;
  vc = await startVcluster({ nodes: 1, prefix: '127.0.220', programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-job'] });
  await vc.init();
});
let keep = false;   // a failed run keeps its trace for a look
test.after.always(async () => {
  await vc?.stop();
  if (!keep) rmSync(traceDir, { recursive: true, force: true });
});

/** One completed system call: its thread, name, arguments (fds shown with their path by -yy) and result. */
interface Call { i: number; name: string; args: string; ret: string }

/** strace -f output to calls in completion order (an unfinished call is placed where it resumes). */
function parseTrace(text: string): Call[] {
  const pending = new Map<string, { name: string; args: string }>();
  const calls: Call[] = [];
  for (const line of text.split('\n')) {
    let m = /^(\d+)\s+(\w+)\((.*) <unfinished \.\.\.>$/.exec(line);
    if (m) { pending.set(m[1]!, { name: m[2]!, args: m[3]! }); continue; }
    m = /^(\d+)\s+<\.\.\. (\w+) resumed>(.*)\)\s+= (.*)$/.exec(line);
    if (m) {
      const p = pending.get(m[1]!);
      pending.delete(m[1]!);
      calls.push({ i: calls.length, name: m[2]!, args: `${p?.args ?? ''}${m[3]!}`, ret: m[4]! });
      continue;
    }
    m = /^(\d+)\s+(\w+)\((.*)\)\s+= (.*)$/.exec(line);
    if (m) calls.push({ i: calls.length, name: m[2]!, args: m[3]!, ret: m[4]! });
  }
  return calls;
}

const WRITES = new Set(['write', 'pwrite64', 'writev', 'pwritev', 'pwritev2']);
const RENAMES = new Set(['rename', 'renameat', 'renameat2']);
const SYNCS = new Set(['fsync', 'fdatasync']);
const fdPath = (args: string) => /^\d+<([^>]*)>/.exec(args)?.[1] ?? '';
const fdOf = (args: string) => Number(/^(\d+)</.exec(args)?.[1] ?? -1);

/** Whether process `pid`'s file descriptor `fd` is open O_DSYNC (its writes are durable when they return). */
function dsync(pid: number, fd: number): boolean {
  const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1];
  return flags !== undefined && (Number.parseInt(flags, 8) & fsc.O_DSYNC) !== 0;
}

/** The index of the first call after `from` that matches, or -1. */
function find(calls: Call[], from: number, ok: (c: Call) => boolean): number {
  for (let i = from + 1; i < calls.length; i++) if (ok(calls[i]!)) return i;
  return -1;
}

const run = ROOT ? test.serial : test.serial.skip;
run('a job submission: the journal and the config are durable before the client hears of them', async (t) => {
  t.timeout(120_000);
  const pid = daemonPid(vc, 'node1', 'ganeti-masterd');
  const out = join(traceDir, 'masterd.trace');
  const strace = spawn('strace', ['-f', '-qq', '-yy', '-s', '0', '-o', out, '-p', String(pid),
    '-e', 'trace=write,pwrite64,writev,pwritev,pwritev2,fsync,fdatasync,rename,renameat,renameat2,sendmsg,sendto'], { stdio: 'ignore' });
  try {
    await waitFor('strace to attach', () => /TracerPid:\s+[1-9]/.test(readFileSync(`/proc/${pid}/status`, 'utf8')), 10_000, 50);
    await sleep(500);   // every thread of masterd is attached once strace has written its first lines
    const r = await vc.gnt(['gnt-cluster', 'add-tags', '--submit', 'durable-order']);
    t.is(r.code, 0, r.stdout + r.stderr);
    const id = jobIdOf(r);
    await waitFor('the job to end', async () => (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(id)])).stdout.trim() === 'success', 60_000, 250);
  } finally {
    strace.kill('SIGINT');
    await waitFor('strace to end', () => strace.exitCode !== null || strace.signalCode !== null, 10_000, 50).catch(() => undefined);
  }
  t.true(isAlive(pid), 'masterd survived the trace');
  t.true(existsSync(out), 'strace wrote no trace');
  const calls = parseTrace(readFileSync(out, 'utf8'));
  /** Where the write at index w is durable: the write itself on an O_DSYNC descriptor, else the next sync of its file (-1: never). */
  const durableAt = (w: number) => w < 0 ? -1
    : dsync(pid, fdOf(calls[w]!.args)) ? w : find(calls, w, (c) => SYNCS.has(c.name) && fdPath(c.args) === fdPath(calls[w]!.args));
  const queue = join(vc.dir, 'node1/var/lib/ganeti/queue');
  const journal = join(queue, 'journal');
  const onJournal = (c: Call) => fdPath(c.args) === journal;
  // The job queue's journal (jqueue/job-store.ts): a submitted job is one append, made durable
  // durable, before the reply; job files are written later, for final states only.
  const w = find(calls, -1, (c) => WRITES.has(c.name) && onJournal(c));
  if (w < 0) {
    keep = true;
    t.fail(`no append to ${journal}; trace kept in ${out}`);
    return;
  }
  const f = durableAt(w);
  t.true(f >= w, 'the journal append was never made durable (no O_DSYNC, no fdatasync after it)');
  // The reply carrying the job id: the first write to the client's Unix socket after the
  // journal append must come after the append is durable.
  const reply = find(calls, w, (c) => (WRITES.has(c.name) || c.name === 'sendmsg' || c.name === 'sendto') && /UNIX-STREAM/.test(fdPath(c.args)));
  t.true(reply > f, `the job id was sent (call ${reply}) before the journal was durable (at call ${f})`);
  // The config: its journal entry is durable before the job's final state is recorded (the
  // job journal's last append); the whole config.data is not written for one change.
  const cfgDir = join(vc.dir, 'node1/var/lib/ganeti');
  const cfgJournal = join(cfgDir, 'config.journal');
  const onCfgJournal = (c: Call) => fdPath(c.args) === cfgJournal;
  const cw = find(calls, f, (c) => WRITES.has(c.name) && onCfgJournal(c));
  const cd = durableAt(cw);
  t.true(cw > f, `no append to ${cfgJournal} after the job was submitted`);
  t.true(cd >= cw, 'the config journal append was never made durable');
  t.false(calls.some((c) => RENAMES.has(c.name) && c.args.includes(`"${cfgDir}/config.data"`)), 'config.data was rewritten for one change');
  const lastAppend = calls.filter((c) => WRITES.has(c.name) && onJournal(c)).at(-1)!.i;
  t.true(lastAppend > cd, 'the job was recorded as finished before the config change was durable');
  t.true(durableAt(lastAppend) >= lastAppend, 'the final state was not made durable');
  t.log(`${calls.length} traced calls; journal append at ${w}, durable at ${f}, reply at ${reply}, config durable at ${cd}, final append at ${lastAppend}`);
});
