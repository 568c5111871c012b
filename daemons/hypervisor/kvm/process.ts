// qemu as a process: starting it daemonized (the parent exits once the daemon is ready, or
// with an error on stderr), finding it again from its pid file, and waiting for it to go.
// qemu is never a child of noded after -daemonize, so noded may die and come back while it runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delay } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';

/** The pid in a pid file, or null when there is none or it is not a number. */
export function readPid(pidFile: string): number | null {
  let text: string;
  try { text = readFileSync(pidFile, 'utf8'); } catch { return null; }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

/** argv of a live process, or null when it does not exist (or is a zombie with no cmdline). */
export function processArgv(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!raw) return null;
    return raw.replace(/\0$/, '').split('\0');
  } catch { return null; }
}

/**
 * Whether `pid` is the qemu of instance `name`: alive and started with `-name <name>` and our
 * pid file. A recycled pid belonging to something else is not taken for the instance.
 */
export function isInstanceQemu(pid: number | null, name: string, pidFile: string): pid is number {
  if (pid === null) return false;
  const argv = processArgv(pid);
  if (!argv) return false;
  const at = (opt: string) => { const i = argv.indexOf(opt); return i >= 0 ? argv[i + 1] : undefined; };
  return at('-name') === name && at('-pidfile') === pidFile;
}

/** Waits until the process is gone; true if it went within `ms`. */
export async function waitGone(pid: number, ms: number, stepMs = 50): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (!processArgv(pid)) return true;
    if (Date.now() >= end) return false;
    await delay(stepMs);
  }
}

export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try { process.kill(pid, signal); } catch { /* already gone */ }
}

/**
 * Runs qemu with -daemonize: resolves when the foreground process exits 0 (the daemon is
 * initialised and its pid file written); rejects with qemu's own error message otherwise.
 */
export function startDaemonized(binary: string, argv0: string, argv: readonly string[], name: string,
  timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, argv, { argv0, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } });
    const err: Buffer[] = [];
    child.stderr.on('data', (d: Buffer) => { if (err.length < 64) err.push(d); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new HypervisorError(`qemu for instance ${name} did not finish starting within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new HypervisorError(`Cannot run ${binary} for instance ${name}: ${e.message}`, { ecode: 'environment_error' }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) { resolve(); return; }
      const text = Buffer.concat(err).toString('utf8').trim().split('\n').filter(Boolean).slice(-5).join('; ');
      reject(new HypervisorError(`Failed to start instance ${name}: qemu exited with ${code ?? signal}` +
        (text ? `: ${text}` : '')));
    });
  });
}
