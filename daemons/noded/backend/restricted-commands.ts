// Ganeti's backend.RunRestrictedCmd (gnt-node restricted-command): runs a command from this
// node's own restricted-commands directory, <confdir>/restricted-commands, and nothing
// else. The master sends only a name; the path is derived here. As in Ganeti:
// - the name is a plain file name (letters, digits, '_' and '-');
// - the directory and the command must belong to root (here: root or the user the node
//   daemon runs as, which is the administrator on a virtual cluster) and must not be
//   writable by group or others; the command must be a regular executable file;
// - checks and start-up hold the node's restricted-commands lock (one at a time; the file
//   <lockdir>/ganeti-restricted-commands.lock marks it), the command itself runs without it,
//   with an empty environment (LC_ALL=C) in '/';
// - a refused command is answered only after a delay of 10 seconds, still holding the lock,
//   and with a message that does not say why (the reason goes to this node's log), so the
//   directory cannot be probed quickly.
// The directory's existence is the switch Ganeti sets at configure time
// (--enable-restricted-commands): without it restricted commands are disabled on the node.
import { execFile } from 'node:child_process';
import { constants as fsc, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';
import { delay, Mutex } from '../../common/async.js';
import type { RestrictedCommandRequest__Output } from '../../../proto/generated/ganeti/RestrictedCommandRequest.js';
import type { RestrictedCommandResponse } from '../../../proto/generated/ganeti/RestrictedCommandResponse.js';
import type { RpcContext } from './rpc-types.js';

/** Ganeti's _RCMD_INVALID_DELAY (seconds). */
export const RCMD_INVALID_DELAY_MS = 10_000;
/** Ganeti's constants.EXT_PLUGIN_MASK: the names a restricted command may have. */
const NAME_MASK = /^[a-zA-Z0-9_-]+$/;
const MAX_RUN_MS = 20 * 60_000;

export function restrictedCommandsDir(paths: Paths): string { return join(paths.confDir, 'restricted-commands'); }
export function restrictedCommandsLockFile(paths: Paths): string { return join(paths.lockDir, 'ganeti-restricted-commands.lock'); }

/** _CommonRestrictedCmdCheck: owner root (or this daemon's user), not writable by group/others. */
function ownerProblem(path: string, what: string): string | null {
  let st;
  try { st = statSync(path); } catch (err) { return `Can't stat(2) '${path}': ${(err as Error).message}`; }
  const me = process.getuid?.() ?? 0;
  if (st.uid !== 0 && st.uid !== me) return `${what} '${path}' is owned by uid ${st.uid}, not root or uid ${me}`;
  if (st.mode & (fsc.S_IWGRP | fsc.S_IWOTH)) return `${what} '${path}' is writable by group or others (mode ${(st.mode & 0o7777).toString(8)})`;
  return null;
}

/** _PrepareRestrictedCmd: the command's path, or why it is refused. */
export function prepareRestrictedCommand(dir: string, name: string): { path: string } | { problem: string } {
  if (!name) return { problem: 'Missing command name' };
  if (name.includes('/')) return { problem: `Command name '${name}' contains a slash` };
  if (!NAME_MASK.test(name)) return { problem: `Command name '${name}' contains invalid characters` };
  const dirProblem = ownerProblem(dir, 'Directory');
  if (dirProblem) return { problem: dirProblem };
  const path = join(dir, name);
  const problem = ownerProblem(path, 'Command');
  if (problem) return { problem };
  const st = statSync(path);
  if (!st.isFile()) return { problem: `Command '${path}' is not a regular file` };
  if (!(st.mode & fsc.S_IXUSR)) return { problem: `Command '${path}' is not executable` };
  return { path };
}

// The node's restricted-commands lock: one noded per node runs them, so a FIFO mutex is the
// lock; the lock file records which daemon holds it for an administrator looking.
const LOCK = new Mutex();
function withLock<T>(paths: Paths, fn: () => Promise<T>): Promise<T> {
  return LOCK.run(() => {
    try { mkdirSync(paths.lockDir, { recursive: true }); writeFileSync(restrictedCommandsLockFile(paths), `${process.pid}\n`); } catch { /* only a marker */ }
    return fn();
  });
}

function run(path: string, signal: AbortSignal): Promise<{ ok: boolean; reason: string; output: string }> {
  return new Promise((resolve) => {
    execFile(path, [], { env: { LC_ALL: 'C' }, cwd: '/', timeout: MAX_RUN_MS, signal, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!err) { resolve({ ok: true, reason: '', output }); return; }
      const e = err as NodeJS.ErrnoException & { code?: unknown; signal?: string | null };
      const reason = typeof e.code === 'number' ? `exited with exit code ${e.code}` : e.signal ? `terminated by signal ${e.signal}` : e.message;
      resolve({ ok: false, reason, output });
    });
  });
}

export async function restrictedCommand(ctx: RpcContext, req: RestrictedCommandRequest__Output, signal: AbortSignal,
  delayMs = RCMD_INVALID_DELAY_MS): Promise<RestrictedCommandResponse> {
  const name = req.command;
  const dir = restrictedCommandsDir(ctx.paths);
  let enabled = false;
  try { enabled = statSync(dir).isDirectory(); } catch { /* disabled */ }
  if (!enabled) throw new CommandError(`Restricted commands are disabled on this node (no directory ${dir})`, { ecode: 'environment_error' });
  ctx.logger.info(`preparing to run restricted command '${name}'`);
  const started = await withLock(ctx.paths, async () => {
    const prep = prepareRestrictedCommand(dir, name);
    if ('path' in prep) return { run: run(prep.path, signal) };   // started under the lock, runs without it
    ctx.logger.error(`restricted command '${name}' refused: ${prep.problem}`);
    await delay(delayMs);
    return null;
  });
  if (!started) throw new CommandError(`Executing command '${name}' failed`, { ecode: 'environment_error' });
  const res = await started.run;
  if (!res.ok) throw new CommandError(`Restricted command '${name}' failed: ${res.reason}; output: ${res.output}`, { ecode: 'environment_error' });
  return { output: res.output };
}
