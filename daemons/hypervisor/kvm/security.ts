// Which user qemu runs as (Ganeti's security_model): 'none' keeps noded's user; 'user' drops
// to security_domain; 'pool' takes a free uid from the cluster's uid pool (ssconf uid_pool,
// "1000-1009" ranges), reserved with a lock file per uid under <run>/kvm-hypervisor/uid so
// two instances never share one (Ganeti's uidpool.RequestUnusedUid). qemu opens its disks
// and sockets first, then drops privileges itself (-runas), so nothing needs chown.
import { closeSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorError } from '../../common/errors.js';

export interface RunasDecision { runas: string | null; poolUid: number | null }

/** uid ranges of the pool text: one "a-b" or "a" per line or comma. */
export function parseUidPool(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new HypervisorError(`Invalid uid pool entry '${part}' (expected N or N-M)`, { ecode: 'environment_error' });
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new HypervisorError(`Invalid uid pool range '${part}': end before start`, { ecode: 'environment_error' });
    out.push([a, b]);
  }
  return out;
}

/** Whether a user exists in the passwd file (qemu's -runas resolves names with getpwnam). */
export function userExists(name: string, passwdFile = '/etc/passwd'): boolean {
  let text: string;
  try { text = readFileSync(passwdFile, 'utf8'); } catch { return false; }
  return text.split('\n').some((l) => l.split(':', 1)[0] === name);
}

/** Reserves a free uid of the pool for `owner`; the lock file holds the owner's name. */
export function takePoolUid(uidDir: string, pool: [number, number][], owner: string): number {
  for (const [a, b] of pool) {
    for (let uid = a; uid <= b; uid++) {
      let fd: number;
      try {
        fd = openSync(join(uidDir, String(uid)), 'wx', 0o640);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw new HypervisorError(`Cannot reserve uid ${uid}: ${(err as Error).message}`, { ecode: 'environment_error' });
      }
      try { writeSync(fd, `${owner}\n`); } finally { closeSync(fd); }
      return uid;
    }
  }
  throw new HypervisorError('No free uid in the cluster uid pool (gnt-cluster modify --uid-pool to add some)',
    { ecode: 'insufficient_resources' });
}

export function releasePoolUid(uidDir: string, uid: number | null): void {
  if (uid === null) return;
  try { unlinkSync(join(uidDir, String(uid))); } catch { /* already free */ }
}

/** uids reserved by `owner` (to release after a crash left them behind). */
export function poolUidsOf(uidDir: string, owner: string): number[] {
  let entries: string[];
  try { entries = readdirSync(uidDir); } catch { return []; }
  return entries.filter((e) => /^\d+$/.test(e)).filter((e) => {
    try { return readFileSync(join(uidDir, e), 'utf8').trim() === owner; } catch { return false; }
  }).map(Number);
}

export interface RunasInput {
  model: string;
  domain: string;
  owner: string;
  isRoot: boolean;
  uidDir: string;
  /** The cluster's uid pool text (ssconf uid_pool), read only for 'pool'. */
  uidPool: () => string;
  passwdFile?: string;
}

export function decideRunas(inp: RunasInput): RunasDecision {
  if (inp.model === 'none' || !inp.model) return { runas: null, poolUid: null };
  if (!inp.isRoot) {
    throw new HypervisorError(`security_model '${inp.model}' needs noded to run as root (qemu can only change user from root)`,
      { ecode: 'environment_error' });
  }
  if (inp.model === 'user') {
    if (!userExists(inp.domain, inp.passwdFile)) {
      throw new HypervisorError(`security_domain user '${inp.domain}' does not exist on this node`, { ecode: 'environment_error' });
    }
    return { runas: inp.domain, poolUid: null };
  }
  const pool = parseUidPool(inp.uidPool());
  if (!pool.length) {
    throw new HypervisorError("security_model 'pool' needs a cluster uid pool (gnt-cluster modify --uid-pool 4000-4019)",
      { ecode: 'environment_error' });
  }
  const uid = takePoolUid(inp.uidDir, pool, inp.owner);
  // qemu 7.2 takes a numeric "uid:gid" for -runas; the pool uid doubles as its own group.
  return { runas: `${uid}:${uid}`, poolUid: uid };
}
