// Runs one OS-definition script the way Ganeti's utils.RunCmd does for OS scripts: no shell
// (argv only), a clean environment, output appended to a log file, a timeout that kills the
// whole process group (scripts start children: mkfs, debootstrap...).
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

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

export async function runScript(run: ScriptRun): Promise<ScriptOutcome> {
  let log: WriteStream | null = null;
  if (run.logFile) {
    await mkdir(dirname(run.logFile), { recursive: true, mode: 0o750 });
    const stream = createWriteStream(run.logFile, { flags: 'a', mode: 0o640 });
    await new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', reject); });
    log = stream;
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

  const outcome = await new Promise<ScriptOutcome>((resolve) => {
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(run.script, run.args ?? [], {
      cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    const killGroup = (sig: NodeJS.Signals) => {
      try { if (child.pid) process.kill(-child.pid, sig); } catch { /* already gone */ }
    };
    const stop = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => { timedOut = true; stop(); }, run.timeoutMs);
    const onAbort = () => { aborted = true; stop(); };
    run.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const finish = (o: ScriptOutcome) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      run.signal?.removeEventListener('abort', onAbort);
      resolve(o);
    };
    child.once('error', (err) => finish({ ok: false, failReason: `could not execute ${run.script}: ${err.message}`, output: '' }));
    child.once('close', (code, sig) => {
      const reasons: string[] = [];
      if (sig) reasons.push(`terminated by signal ${sig}`);
      else if (code !== 0) reasons.push(`exited with exit code ${code}`);
      if (timedOut) reasons.push(`terminated after timeout of ${(run.timeoutMs / 1000).toFixed(2)} seconds`);
      if (aborted) reasons.push('terminated because the request was cancelled');
      finish({ ok: reasons.length === 0, failReason: reasons.join(', '), output: '' });
    });
  });

  if (log) { const l = log; await new Promise<void>((resolve) => l.end(() => resolve())); }
  return { ...outcome, output: tailText(Buffer.concat(kept).toString('utf8'), MAX_KEPT) };
}
