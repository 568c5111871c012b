// kill -9 keeps the page cache, so the masterd kill tests cannot see a missing fsync. This
// test proves the ordering with strace (Debian's package, tools/setup/install-deps.sh): for a
// job that changes the config (gnt-cluster add-tags), masterd writes the job file's temp
// copy, fsyncs it, renames it into place and fsyncs the queue directory before it answers
// the client with the job id; the config likewise (write, fsync, rename, fsync of its
// directory) before the job's final state is written. Tracing another process needs root:
// elsewhere the test is skipped, visibly.
import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  vc = await startVcluster({ nodes: 1, prefix: '127.0.141', programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-job'] });
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

/** The index of the first call after `from` that matches, or -1. */
function find(calls: Call[], from: number, ok: (c: Call) => boolean): number {
  for (let i = from + 1; i < calls.length; i++) if (ok(calls[i]!)) return i;
  return -1;
}

/** write -> fsync -> rename -> directory fsync of one atomic file replacement; returns the indexes. */
function durableReplace(t: ExecutionContext, calls: Call[], dir: string, file: string, from = -1): [number, number, number, number] {
  const tmp = (p: string) => p.startsWith(`${dir}/.${file}.`) && p.endsWith('.tmp');
  const w = find(calls, from, (c) => WRITES.has(c.name) && tmp(fdPath(c.args)));
  const f = find(calls, w, (c) => SYNCS.has(c.name) && tmp(fdPath(c.args)));
  const r = find(calls, f, (c) => RENAMES.has(c.name) && c.args.includes(`"${dir}/${file}"`) && c.ret === '0');
  const d = find(calls, r, (c) => SYNCS.has(c.name) && fdPath(c.args) === dir);
  t.true(w >= 0, `no write of a temp copy of ${file}`);
  t.true(f > w, `no fsync of the temp copy of ${file} after its write`);
  t.true(r > f, `no rename into ${dir}/${file} after the fsync`);
  t.true(d > r, `no fsync of ${dir} after the rename of ${file}`);
  return [w, f, r, d];
}

const run = ROOT ? test.serial : test.serial.skip;
run('a job submission: job file and config are durable (write, fsync, rename, dir fsync) before the client hears of them', async (t) => {
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
  const queue = join(vc.dir, 'node1/var/lib/ganeti/queue');
  const jobFile = calls.filter((c) => RENAMES.has(c.name)).map((c) => /"[^"]*\/queue\/(job-\d+)"/.exec(c.args)?.[1]).find(Boolean);
  t.log(`${calls.length} calls traced (kept in ${out}); renames: ${calls.filter((c) => RENAMES.has(c.name)).slice(0, 5).map((c) => c.args).join(' | ')}`);
  if (!jobFile) {
    keep = true;
    t.fail(`no job file was renamed into ${queue}; trace kept in ${out}`);
    return;
  }
  const [w, , , d] = durableReplace(t, calls, queue, jobFile!);
  // The reply carrying the job id: the first write to the client's Unix socket after the
  // job file's first write must come after the queue directory's fsync.
  const reply = find(calls, w, (c) => (WRITES.has(c.name) || c.name === 'sendmsg' || c.name === 'sendto') && /UNIX-STREAM/.test(fdPath(c.args)));
  t.true(reply > d, `the job id was sent (call ${reply}) before the job file was durable (dir fsync at ${d})`);
  // The config: durable before the job's final state is written.
  const cfgDir = join(vc.dir, 'node1/var/lib/ganeti');
  const [, , , cd] = durableReplace(t, calls, cfgDir, 'config.data', d);
  const lastJobRename = calls.filter((c) => RENAMES.has(c.name) && c.args.includes(`"${queue}/${jobFile}"`)).at(-1)!.i;
  t.true(lastJobRename > cd, 'the job was finished before the config was durable');
  t.log(`job ${jobFile}: ${calls.length} traced calls; job file durable at ${d}, reply at ${reply}, config durable at ${cd}, job final at ${lastJobRename}`);
});
