// Runs one ExtStorage provider script as Ganeti's _ExtStorageAction does: argv only (no
// shell), a clean environment with the VOL_* and EXTP_* variables, stdout kept apart (attach
// prints the device path there), everything logged to
// <log dir>/extstorage/<action>-<provider>-<volume>-<timestamp>.log, and a timeout that kills
// the script's whole process group.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openScriptLog } from '../common/script-log.js';
import { BlockDeviceError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import type { ExtAction, ExtProvider } from './ext-provider.js';

const SCRIPT_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
const TIMEOUT_MS = 15 * 60_000;
const KILL_GRACE_MS = 5000;
const MAX_KEPT = 64 * 1024;

export interface ExtRunOptions {
  volName: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}_${p(d.getMinutes())}_${p(d.getSeconds())}`;
}

/** The environment of every script: PATH, the variables given, and a virtual node's root. */
export function scriptEnv(paths: Paths, vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: SCRIPT_PATH, ...vars };
  if (paths.nodeRoot) {
    env.GANETI_ROOTDIR = paths.nodeRoot;
    env.GANETI_HOSTNAME = paths.hostname;
  }
  return env;
}

/** Runs the action's script; resolves with its stdout, throws BlockDeviceError with the log's tail. */
export async function runExtScript(paths: Paths, provider: ExtProvider, action: ExtAction, opts: ExtRunOptions): Promise<string> {
  const logDir = join(paths.logDir, 'extstorage');
  await mkdir(logDir, { recursive: true, mode: 0o750 });
  const logFile = join(logDir, `${action}-${provider.name}-${opts.volName}-${stamp()}.log`);
  const log = await openScriptLog(logFile);
  const stdout: Buffer[] = [];
  let all: Buffer[] = [];
  let allBytes = 0;
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    all.push(chunk);
    allBytes += chunk.length;
    if (allBytes > 2 * MAX_KEPT) { all = [Buffer.concat(all).subarray(-MAX_KEPT)]; allBytes = all[0]!.length; }
  };
  const script = join(provider.path, action);
  const failReason = await new Promise<string>((resolve) => {
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(script, [], { cwd: provider.path, env: scriptEnv(paths, opts.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = (sig: NodeJS.Signals) => { try { if (child.pid) process.kill(-child.pid, sig); } catch { /* gone */ } };
    const stop = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
    const timer = setTimeout(() => { timedOut = true; stop(); }, timeoutMs);
    const onAbort = () => { aborted = true; stop(); };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => { stdout.push(c); keep(c); });
    child.stderr.on('data', keep);
    const finish = (reason: string) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    };
    child.once('error', (err) => finish(`could not execute ${script}: ${err.message}`));
    child.once('close', (code, sig) => {
      const reasons: string[] = [];
      if (sig) reasons.push(`terminated by signal ${sig}`);
      else if (code !== 0) reasons.push(`exited with exit code ${code}`);
      if (timedOut) reasons.push(`terminated after timeout of ${(timeoutMs / 1000).toFixed(2)} seconds`);
      if (aborted) reasons.push('terminated because the request was cancelled');
      finish(reasons.join(', '));
    });
  });
  await new Promise<void>((resolve) => log.end(() => resolve()));
  if (failReason) {
    const lines = Buffer.concat(all).toString('utf8').replace(/\n+$/, '').split('\n').slice(-20).join('\n');
    throw new BlockDeviceError(`ExtStorage provider '${provider.name}': ${action} script for volume ${opts.volName} failed` +
      ` (${failReason}), last lines of output:\n${lines}`);
  }
  return Buffer.concat(stdout).toString('utf8');
}
