// One watcher run at a time per node (Ganeti flocks lock/ganeti-watcher.lock). Node has no
// flock, so the lock is a file holding the owner's pid, created atomically: the pid is
// written to a private temp file which is then hard-linked to the lock name (link fails if
// the name exists, and the lock never exists without its pid). A lock whose owner is gone
// (crash, kill -9) is broken under a second, short-lived "break" lock so that two runs that
// both find it stale cannot both take it.
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export type LockResult = { ok: true; release(): void } | { ok: false; holder: number | null };

const BREAK_STALE_MS = 60_000;

function readOwner(file: string): string | null {
  try { return readFileSync(file, 'utf8'); } catch { return null; }
}

/** Alive, not a zombie, and (where /proc tells) still a watcher: pids get reused. */
export function isWatcherAlive(pid: number, marker = 'watcher'): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(marker);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

function tryCreate(file: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try { writeSync(fd, `${process.pid}\n`); } finally { closeSync(fd); }
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/** Removes the lock if it still holds exactly `seen` (the dead owner's content). */
function breakStale(file: string, seen: string): void {
  const brk = `${file}.break`;
  let fd: number;
  try { fd = openSync(brk, 'wx', 0o644); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Someone else is breaking it; a break file left by a crash goes after a minute.
    try { if (Date.now() - statSync(brk).mtimeMs > BREAK_STALE_MS) unlinkSync(brk); } catch { /* gone */ }
    return;
  }
  closeSync(fd);
  try {
    if (readOwner(file) === seen) unlinkSync(file);
  } catch { /* already removed */ } finally {
    try { unlinkSync(brk); } catch { /* ignore */ }
  }
}

export function acquireLock(file: string, alive: (pid: number) => boolean = (p) => isWatcherAlive(p)): LockResult {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file)) {
      return {
        ok: true,
        release: () => {
          if (readOwner(file)?.trim() === String(process.pid)) {
            try { unlinkSync(file); } catch { /* already gone */ }
          }
        },
      };
    }
    const seen = readOwner(file);
    if (seen === null) continue;            // released meanwhile: try again
    const pid = Number.parseInt(seen.trim(), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { ok: false, holder: pid };
    breakStale(file, seen);
  }
  const pid = Number.parseInt(readOwner(file)?.trim() ?? '', 10);
  return { ok: false, holder: Number.isInteger(pid) ? pid : null };
}
