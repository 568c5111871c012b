// Runs one OS-definition script the way Ganeti's utils.RunCmd does for OS scripts: no shell
// (argv only), a clean environment, output appended to a log file, a timeout that kills the
// whole process group (scripts start children: mkfs, debootstrap...). The scripts are started
// by the worker's script runner (script-runner.ts), in-process when there is none.
import { spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openScriptLog } from '../../common/script-log.js';
import { sharedScriptRunner, type RunnerEnd, type ScriptRunner } from './script-runner.js';

export interface ScriptRun {
  script: string;
  args?: string[];
  cwd: string;
  env: Record<string, string>;
  /** Appended to when given (install logs); verify runs keep their output in memory only, as Ganeti. */
  logFile?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ScriptOutcome {
  ok: boolean;
  /** Ganeti's RunResult.fail_reason: "exited with exit code 1", "terminated by signal SIGKILL", ... */
  failReason: string;
  /** This run's combined stdout+stderr (its last MAX_KEPT bytes). */
  output: string;
}

const MAX_KEPT = 64 * 1024;
const KILL_GRACE_MS = 5000;

/** Ganeti's utils.TimestampForFilename: 2024-05-01_13_45_02. */
export function timestampForFilename(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}_${p(d.getMinutes())}_${p(d.getSeconds())}`;
}

/** The last `maxBytes` of text, starting at a line boundary when possible. */
export function tailText(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let tail = Buffer.from(text).subarray(-maxBytes).toString('utf8');
  const nl = tail.indexOf('\n');
  if (nl >= 0 && nl < tail.length - 1) tail = tail.slice(nl + 1);
  return tail;
}

export function lastLines(text: string, n: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.slice(-n).join('\n');
}

/** How runScript starts scripts: through this process's script runner (script-runner.ts), or
 * in-process with spawn() when there is none. Tests pass their own runner or null. */
let runnerOf: () => ScriptRunner | null = () => sharedScriptRunner();
export function setScriptRunner(get: () => ScriptRunner | null): void { runnerOf = get; }

/** What started a script: a way to signal its group, and its end. */
interface Started {
  kill(sig: 'SIGTERM' | 'SIGKILL'): void;
  done: Promise<RunnerEnd>;
}

export async function runScript(run: ScriptRun): Promise<ScriptOutcome> {
  if (run.logFile) await mkdir(dirname(run.logFile), { recursive: true, mode: 0o750 });
  const runner = runnerOf();
  if (runner && !runner.unavailable()) {
    const started = runner.run({ file: run.script, args: run.args ?? [], cwd: run.cwd, env: run.env, log: run.logFile ?? null });
    const r = await supervise(run, started);
    if (r) return r;
    // The runner never came up (nothing ran): this and later runs go in-process.
  }
  return supervise(run, await spawnHere(run)) as Promise<ScriptOutcome>;
}

/** Timeout and cancellation around a started script, and Ganeti's fail_reason from its end;
 * null when the runner handed the run back. */
async function supervise(run: ScriptRun, started: Started): Promise<ScriptOutcome | null> {
  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    started.kill('SIGTERM');
    killTimer = setTimeout(() => started.kill('SIGKILL'), KILL_GRACE_MS);
    killTimer.unref();
  };
  const timer = setTimeout(() => { timedOut = true; stop(); }, run.timeoutMs);
  const onAbort = () => { aborted = true; stop(); };
  run.signal?.addEventListener('abort', onAbort, { once: true });
  let end: RunnerEnd;
  try {
    end = await started.done;
  } finally {
    clearTimeout(timer);
    if (killTimer) clearTimeout(killTimer);
    run.signal?.removeEventListener('abort', onAbort);
  }
  if (end.kind === 'retry') return null;
  if (end.kind === 'error') return { ok: false, failReason: `could not execute ${run.script}: ${end.message}`, output: '' };
  const reasons: string[] = [];
  if (end.signal) reasons.push(`terminated by signal ${end.signal}`);
  else if (end.code !== 0) reasons.push(`exited with exit code ${end.code}`);
  if (timedOut) reasons.push(`terminated after timeout of ${(run.timeoutMs / 1000).toFixed(2)} seconds`);
  if (aborted) reasons.push('terminated because the request was cancelled');
  return { ok: reasons.length === 0, failReason: reasons.join(', '), output: tailText(end.output.toString('utf8'), MAX_KEPT) };
}

/** The script as a child of this process (spawn() forks this process: see script-runner.py). */
async function spawnHere(run: ScriptRun): Promise<Started> {
  let log: WriteStream | null = null;
  if (run.logFile) {
    log = await openScriptLog(run.logFile);
  }

  // Raw chunks, not strings: a multi-byte character may straddle two chunks.
  let kept: Buffer[] = [];
  let keptBytes = 0;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    kept.push(chunk);
    keptBytes += chunk.length;
    if (keptBytes > 2 * MAX_KEPT) {
      const joined = Buffer.concat(kept).subarray(-MAX_KEPT);
      kept = [joined];
      keptBytes = joined.length;
    }
  };
  const child = spawn(run.script, run.args ?? [], {
    cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const closeLog = async () => { if (log) { const l = log; await new Promise<void>((resolve) => l.end(() => resolve())); } };
  // A spawn failure emits 'error', then 'close' (as for any child).
  let spawnError: Error | null = null;
  child.once('error', (err) => { spawnError = err; });
  const done = new Promise<RunnerEnd>((resolve) => {
    child.once('close', (code, sig) => {
      void closeLog().then(() => resolve(spawnError ? { kind: 'error', message: spawnError.message }
        : { kind: 'exit', code, signal: sig, output: Buffer.concat(kept) }));
    });
  });
  return {
    kill: (sig) => { try { if (child.pid) process.kill(-child.pid, sig); } catch { /* already gone */ } },
    done,
  };
}
