// Suspend to a file and resume from it on qemu (issue 13): the guest's virtual CPUs are
// stopped, QMP migrate writes the whole machine state through gzip into a temporary file
// next to the state file, and only a completed migration is renamed into place; qemu is then
// ended by the driver. A failed save (disk full, gzip dying) lets the guest run on and leaves
// nothing behind. Resume starts qemu with -incoming reading that file; qemu leaves "inmigrate"
// for "running" once the state is loaded, or exits when the file cannot be loaded.
import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { delay } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';
import type { InstanceMonitor } from './monitor.js';
import { QMP_TIMEOUT_MS } from './run-qemu.js';

/** Characters a state path may have: qemu runs the exec: URI through /bin/sh. */
const SAFE_PATH = /^\/[A-Za-z0-9._/+-]+$/;

export function checkStatePath(p: string): string {
  if (!SAFE_PATH.test(p) || p.split('/').includes('..')) {
    throw new HypervisorError(`Refusing state file path '${p}': only letters, digits and ._/+- are allowed`, { ecode: 'wrong_input' });
  }
  return p;
}

/** The temporary file a save writes before it is complete. */
export function partialStatePath(statePath: string): string {
  return join(dirname(statePath), `.${basename(statePath)}.partial`);
}

/** qemu's -incoming argument that loads a saved state. */
export function incomingUri(statePath: string): string {
  return `exec:gzip -dc < ${checkStatePath(statePath)}`;
}

interface MigrateInfo { status?: string; 'error-desc'?: string }

/**
 * qemu's run state, after taking back a guest whose save completed but was never followed by
 * the end of qemu (the node daemon died in between: snapshot --memory or suspend). There
 * qemu has handed its disks over (read-only, as for a migration's target) and refuses to
 * migrate again; cont takes the disks back and lets the guest run on, as it did before.
 */
export async function takeBackAfterSave(monitor: InstanceMonitor): Promise<string> {
  const q = { timeoutMs: QMP_TIMEOUT_MS };
  const status = (await monitor.execute<{ status?: string }>('query-status', undefined, q))?.status ?? '';
  if (status !== 'postmigrate') return status;
  await monitor.execute('cont', undefined, q);
  return 'running';
}

/**
 * Stops the guest and saves its state to statePath. Throws (with the guest running again)
 * when the save did not complete; on success the guest is stopped and qemu can be ended.
 */
export async function saveState(monitor: InstanceMonitor, name: string, statePath: string, signal?: AbortSignal): Promise<number> {
  const tmp = partialStatePath(checkStatePath(statePath));
  rmSync(tmp, { force: true });
  const q = { timeoutMs: QMP_TIMEOUT_MS };
  const wasRunning = (await takeBackAfterSave(monitor)) === 'running';
  await monitor.execute('stop', undefined, q);
  try {
    // Unlimited bandwidth: the guest is stopped, the only limit is the disk.
    await monitor.execute('migrate-set-parameters', { 'max-bandwidth': 1024 * 1048576 * 64 }, q).catch(() => undefined);
    // "set -o pipefail" is not POSIX: gzip's exit status is the pipeline's as gzip is last.
    await monitor.execute('migrate', { uri: `exec:gzip -1 -c > ${tmp}` }, q);
    for (;;) {
      if (signal?.aborted) {
        await monitor.execute('migrate_cancel', undefined, q).catch(() => undefined);
        throw new HypervisorError(`Suspend of instance ${name} was cancelled`);
      }
      const info = await monitor.execute<MigrateInfo>('query-migrate', undefined, q);
      if (info?.status === 'completed') break;
      if (info?.status === 'failed' || info?.status === 'cancelled') {
        throw new HypervisorError(`Could not save the state of instance ${name} to '${statePath}': ` +
          `${info['error-desc'] ?? info.status} (the instance keeps running)`, { ecode: 'environment_error' });
      }
      await delay(100);
    }
    const size = statSync(tmp).size;
    if (size === 0) throw new HypervisorError(`Saving the state of instance ${name} wrote nothing to '${statePath}' (disk full?)`);
    // qemu reports completion when it has written the stream into the pipe; gzip may still
    // fail while flushing (disk full): only a file that tests whole is kept.
    await gzipTest(tmp).catch((err: Error) => {
      throw new HypervisorError(`Could not save the state of instance ${name} to '${statePath}': ${err.message} (the instance keeps running)`,
        { ecode: 'environment_error' });
    });
    renameSync(tmp, statePath);
    return size;
  } catch (err) {
    rmSync(tmp, { force: true });
    if (wasRunning) await monitor.execute('cont', undefined, q).catch(() => undefined);
    throw err;
  }
}

/**
 * Waits until qemu started with incomingUri() runs the loaded guest. `alive` says whether the
 * qemu process still exists: qemu exits when the state cannot be loaded.
 */
export async function waitLoaded(monitor: InstanceMonitor, name: string, statePath: string, alive: () => boolean,
  timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  const corrupt = () => corruptState(name, statePath);
  while (Date.now() < end) {
    if (!alive()) throw corrupt();
    let status = '';
    try {
      status = (await monitor.execute<{ status?: string }>('query-status', undefined, { timeoutMs: QMP_TIMEOUT_MS }))?.status ?? '';
    } catch {
      if (!alive()) throw corrupt();
    }
    if (status === 'running') return;
    if (status === 'paused' || status === 'postmigrate') {   // loaded but not started (-S)
      await monitor.execute('cont', undefined, { timeoutMs: QMP_TIMEOUT_MS });
      return;
    }
    if (status && status !== 'inmigrate' && status !== 'prelaunch' && status !== 'restore-vm') throw corrupt();
    await delay(100);
  }
  throw new HypervisorError(`Cannot resume instance ${name}: loading '${statePath}' did not finish in ${timeoutMs / 1000} s`);
}

export function stateFileExists(statePath: string): boolean {
  return existsSync(statePath);
}

export function corruptState(name: string, statePath: string, detail = ''): HypervisorError {
  return new HypervisorError(`Cannot resume instance ${name}: its state file '${statePath}' could not be loaded ` +
    `(corrupt or incomplete); the file is kept${detail ? ` (${detail})` : ''}`, { ecode: 'environment_error' });
}

/** gzip's own integrity test (CRC and length of the whole file): a truncated or damaged save
 * is refused before any qemu starts (qemu 7 can wait forever on a stream gzip gave up on). */
export async function checkStateFile(name: string, statePath: string): Promise<void> {
  checkStatePath(statePath);
  await gzipTest(statePath).catch((err: Error) => { throw corruptState(name, statePath, err.message); });
}

function gzipTest(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('gzip', ['-t', path], (err, _out, stderr) => {
      if (err) reject(new Error(String(stderr).trim().split('\n').pop() || 'gzip -t failed'));
      else resolve();
    });
  });
}
