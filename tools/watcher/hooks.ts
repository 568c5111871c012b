// Watcher hooks (Ganeti's RunWatcherHooks): the executables in etc/ganeti/hooks/watcher run
// on every node at every run, in name order, as run-parts does: only names of letters,
// digits, '_' and '-' count; the rest is skipped. Failures are logged, never fatal.
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WatcherLog } from './log.js';

const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;
const HOOK_TIMEOUT_MS = 5 * 60_000;

export function watcherHooksDir(confDir: string): string {
  return join(confDir, 'hooks', 'watcher');
}

function run(file: string): Promise<{ code: number | null; output: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(file, [], { timeout: HOOK_TIMEOUT_MS, env: process.env, cwd: '/' }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!err) resolve({ code: 0, output });
      else if (typeof (err as { code?: unknown }).code === 'number') resolve({ code: (err as { code: number }).code, output });
      else resolve({ code: null, output, error: err.message });
    });
  });
}

export async function runWatcherHooks(confDir: string, log: WatcherLog): Promise<void> {
  const dir = watcherHooksDir(confDir);
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return; }   // no hooks directory: nothing to do
  for (const name of names) {
    const file = join(dir, name);
    let executable = false;
    try { executable = statSync(file).isFile() && (accessSync(file, constants.X_OK), true); } catch { /* not executable */ }
    if (!RUN_PARTS_NAME.test(name) || !executable) {
      log.debug(`Watcher hook ${name}: skipped`);
      continue;
    }
    const r = await run(file);
    if (r.error) log.warning(`Watcher hook ${name}: error (${r.error})`);
    else if (r.code !== 0) log.warning(`Watcher hook ${name}: failed (exit: ${r.code}) (output: ${r.output})`);
    else log.debug(`Watcher hook ${name}: success (output: ${r.output})`);
  }
}
