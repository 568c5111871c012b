// The noded worker's script runner (daemons/noded/script-runner.py, backend/script-runner.ts)
// as runScript uses it: what a script sees and returns, timeouts and cancellation killing the
// whole group, the runner dying and being replaced, a runner that cannot start, bad input.
import test from 'ava';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, setScriptRunner } from '../../../daemons/noded/backend/os-script.js';
import { ScriptRunner, sharedScriptRunner } from '../../../daemons/noded/backend/script-runner.js';
import { findProjectRoot } from '../../../daemons/common/shipped-files.js';
// Zombies count as ended: a container's PID 1 may never reap a killed orphan.
import { isAlive as alive } from '../../../daemons/common/process-alive.js';

const PROGRAM = join(findProjectRoot(), 'daemons', 'noded', 'script-runner.py');
const dir = mkdtempSync(join(tmpdir(), 'script-runner-'));
const runners: ScriptRunner[] = [];
test.after.always(() => {
  for (const r of runners) r.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runner(argv = ['/usr/bin/python3', '-I', '-S', PROGRAM]): ScriptRunner {
  const r = new ScriptRunner(argv);
  runners.push(r);
  setScriptRunner(() => r);
  return r;
}

let n = 0;
function script(body: string): string {
  const f = join(dir, `s${n++}`);
  writeFileSync(f, `#!/bin/sh\n${body}\n`);
  chmodSync(f, 0o755);
  return f;
}

const ppidOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, f: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) { if (Date.now() > end) throw new Error(`timed out waiting for ${what}`); await sleep(20); }
}

test.serial('the shared runner is the project\'s script-runner.py under the system Python', (t) => {
  t.is(sharedScriptRunner().unavailable(), null);
});

test.serial('a script run by the runner: argv, cwd, exactly the environment given, stdout and stderr together, exit codes', async (t) => {
  const r = runner();
  const s = script('echo "args=$*"; echo "cwd=$(pwd)"; env | sort; echo oops >&2; echo "ppid=$PPID"; exit 3');
  const out = await runScript({ script: s, args: ['a b', 'c'], cwd: dir, env: { FOO: 'bar', PATH: '/usr/bin:/bin' }, timeoutMs: 10_000 });
  t.false(out.ok);
  t.is(out.failReason, 'exited with exit code 3');
  t.regex(out.output, /^args=a b c\ncwd=.*script-runner-/);
  const env = out.output.split('\n').filter((l) => /^[A-Z_]+=/.test(l) && !l.startsWith('PWD=') && !l.startsWith('SHLVL=') && !l.startsWith('_='));
  t.deepEqual(env, ['FOO=bar', 'PATH=/usr/bin:/bin']);
  t.regex(out.output, /\noops\n/);
  t.is(Number(/ppid=(\d+)/.exec(out.output)![1]), r.pid!, 'the runner, not this process, started it');
  const ok = await runScript({ script: script('printf \'\\303\\251t\\303\\251\''), cwd: dir, env: {}, timeoutMs: 10_000 });
  t.deepEqual(ok, { ok: true, failReason: '', output: 'été' });
});

test.serial('the log file gets the output appended; a log that cannot be opened fails the run before it starts', async (t) => {
  runner();
  const log = join(dir, 'logs', 'x.log');
  writeFileSync(join(dir, 'marker'), '');
  const s = script(`echo line; echo more >&2; touch ${join(dir, 'ran')}`);
  await runScript({ script: s, cwd: dir, env: {}, logFile: log, timeoutMs: 10_000 });
  await runScript({ script: s, cwd: dir, env: {}, logFile: log, timeoutMs: 10_000 });
  t.is(readFileSync(log, 'utf8'), 'line\nmore\nline\nmore\n');
  rmSync(join(dir, 'ran'));
  const bad = await runScript({ script: s, cwd: dir, env: {}, logFile: join(dir, 'marker', 'x.log'), timeoutMs: 10_000 }).catch((e: Error) => e);
  t.true(bad instanceof Error, 'mkdir of the log directory under a file fails');
});

test.serial('a script that cannot be executed: Ganeti\'s "could not execute" with the reason', async (t) => {
  runner();
  const out = await runScript({ script: join(dir, 'nope'), cwd: dir, env: {}, timeoutMs: 10_000 });
  t.deepEqual(out, { ok: false, failReason: `could not execute ${join(dir, 'nope')}: No such file or directory (errno 2)`, output: '' });
  const notExec = script('exit 0');
  chmodSync(notExec, 0o644);
  const out2 = await runScript({ script: notExec, cwd: dir, env: {}, timeoutMs: 10_000 });
  t.is(out2.failReason, `could not execute ${notExec}: Permission denied (errno 13)`);
});

test.serial('a script that hangs is killed with its children on timeout; a cancelled one too', async (t) => {
  runner();
  const pidFile = join(dir, 'child.pid');
  const s = script(`sleep 60 & echo $! > ${pidFile}; echo started; wait`);
  const out = await runScript({ script: s, cwd: dir, env: {}, timeoutMs: 400 });
  t.is(out.failReason, 'terminated by signal SIGTERM, terminated after timeout of 0.40 seconds');
  t.is(out.output, 'started\n');
  const child = Number(readFileSync(pidFile, 'utf8'));
  await until('the script\'s child to be killed', () => !alive(child));
  // A script that ignores SIGTERM gets SIGKILL after the grace period: not waited for here;
  // cancellation takes the same path.
  const ac = new AbortController();
  const p = runScript({ script: script('sleep 60'), cwd: dir, env: {}, timeoutMs: 60_000, signal: ac.signal });
  await sleep(200);
  ac.abort();
  t.is((await p).failReason, 'terminated by signal SIGTERM, terminated because the request was cancelled');
});

test.serial('the runner killed under a running script: that run fails, its group is killed, the next run gets a new runner', async (t) => {
  const r = runner();
  await runScript({ script: script('exit 0'), cwd: dir, env: {}, timeoutMs: 10_000 });
  const first = r.pid!;
  const pidFile = join(dir, 'hang.pid');
  const p = runScript({ script: script(`echo $$ > ${pidFile}; exec sleep 60`), cwd: dir, env: {}, timeoutMs: 60_000 });
  await until('the script to start', () => { try { return Number(readFileSync(pidFile, 'utf8')) > 0; } catch { return false; } });
  const scriptPid = Number(readFileSync(pidFile, 'utf8'));
  t.is(ppidOf(scriptPid), first);
  // The script can run before the runner's line saying it started has been read.
  await until('the runner to report the start', () => r.runningPids.includes(scriptPid));
  process.kill(first, 'SIGKILL');
  const out = await p;
  t.false(out.ok);
  t.is(out.failReason, `could not execute ${join(dir, `s${n - 1}`)}: the script runner was killed by SIGKILL`);
  await until('the orphaned script to be killed', () => !alive(scriptPid));
  const again = await runScript({ script: script('echo "ppid=$PPID"'), cwd: dir, env: {}, timeoutMs: 10_000 });
  t.true(again.ok);
  t.not(r.pid, first);
  t.is(again.output, `ppid=${r.pid}\n`);
});

test.serial('a runner that cannot start, or is not there: scripts run in-process, once each', async (t) => {
  const count = join(dir, 'count');
  writeFileSync(count, '');
  const s = script(`echo x >> ${count}; echo "ppid=$PPID"`);
  const badProgram = join(dir, 'bad-runner.py');
  writeFileSync(badProgram, 'import sys\nsys.exit("no runner here")\n');
  const failing = runner(['/usr/bin/python3', '-I', '-S', badProgram]);
  t.is(failing.unavailable(), null, 'not known before it has been tried');
  const out = await runScript({ script: s, cwd: dir, env: {}, timeoutMs: 10_000 });
  t.deepEqual(out, { ok: true, failReason: '', output: `ppid=${process.pid}\n` });
  t.is(failing.unavailable(), 'the script runner exited with code 1: no runner here');
  t.is(readFileSync(count, 'utf8'), 'x\n');
  const missing = runner(['/nonexistent/python3', PROGRAM]);
  t.is(missing.unavailable(), '/nonexistent/python3 is missing');
  t.true((await runScript({ script: s, cwd: dir, env: {}, timeoutMs: 10_000 })).ok);
  t.is(readFileSync(count, 'utf8'), 'x\nx\n');
});

test.serial('the runner program refuses bad lines with a reason and goes on; at the end of its input it exits, leaving what runs', async (t) => {
  const child = spawn('/usr/bin/python3', ['-I', '-S', PROGRAM], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => { buf += s; let i; while ((i = buf.indexOf('\n')) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); } });
  const pidFile = join(dir, 'eof.pid');
  child.stdin.write('not json\n{"id":1}\n{"id":"x","run":{}}\n{"id":2,"run":{"file":"/bin/true"}}\n{"id":3,"signal":"SIGSTOP"}\n');
  child.stdin.write(`${JSON.stringify({ id: 4, run: { file: script(`echo $$ > ${pidFile}; exec sleep 60`), args: [], cwd: dir, env: {}, log: null } })}\n`);
  await until('the answers', () => lines.length >= 7);
  const msgs = lines.map((l) => JSON.parse(l) as { ready?: boolean; id: number | null; error?: string; pid?: number });
  t.deepEqual(msgs[0], { ready: true } as never);
  const errors = msgs.filter((m) => m.id === null).map((m) => m.error);
  t.is(errors.length, 5);
  t.regex(errors[0]!, /^bad request not json: /);
  t.regex(errors[1]!, /neither run nor signal/);
  t.regex(errors[2]!, /id must be an integer/);
  t.regex(errors[3]!, /run needs file, cwd \(strings\), env \(an object\) and args \(a list\)/);
  t.regex(errors[4]!, /unknown signal 'SIGSTOP' \(allowed: SIGTERM, SIGKILL\)/);
  t.is(msgs[6]!.id, 4);
  await until('the script to start', () => { try { return Number(readFileSync(pidFile, 'utf8')) > 0; } catch { return false; } });
  const scriptPid = Number(readFileSync(pidFile, 'utf8'));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  child.stdin.end();
  t.is(await exited, 0);
  // Left to the next noded's start-up cleanup (orphans.ts), as a dead worker's own children.
  t.true(alive(scriptPid));
  process.kill(-scriptPid, 'SIGKILL');
});
