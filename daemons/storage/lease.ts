// The one-opener rule of shared file disks: a lease file next to the disk names the node
// that has it open. It is created with O_EXCL (atomic on local filesystems and NFS v3+),
// so two nodes assembling the same disk at once cannot both win.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { BlockDeviceError } from '../common/errors.js';

export const LEASE_SUFFIX = '.lease';

export function leasePath(diskPath: string): string {
  return diskPath + LEASE_SUFFIX;
}

/** The lease file's content: null when there is none, '' when it names no node (being
 * written by its taker right now, or left empty by a crash). */
function readLease(diskPath: string): string | null {
  try {
    return readFileSync(leasePath(diskPath), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new BlockDeviceError(`Cannot read the lease of '${diskPath}': ${(err as Error).message}`, { cause: err });
  }
}

/** The node holding the disk, or null when nobody does. */
export function leaseHolder(diskPath: string): string | null {
  return readLease(diskPath) || null;
}

/** How often takeLease retries when the lease vanished between its two looks. */
const TAKE_TRIES = 5;

function inUse(shown: string, holder: string, action: string): BlockDeviceError {
  return new BlockDeviceError(`Cannot ${action} disk '${shown}': it is open on node ${holder} ` +
    `(lease file ${shown}${LEASE_SUFFIX}); deactivate it there first (gnt-instance deactivate-disks or shutdown)`,
  { ecode: 'wrong_state' });
}

/** Takes the lease for node; succeeds again for the same node (assemble is idempotent). */
export function takeLease(diskPath: string, node: string, shown: string): void {
  for (let i = 0; i < TAKE_TRIES; i++) {
    try {
      writeFileSync(leasePath(diskPath), `${node}\n`, { flag: 'wx', mode: 0o640 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BlockDeviceError(`Cannot take the lease of '${shown}': ${(err as Error).message}`, { cause: err });
      }
    }
    const holder = readLease(diskPath);
    if (holder === node) return;
    if (holder) throw inUse(shown, holder, 'open');
    if (holder === '') {
      throw new BlockDeviceError(`Cannot open disk '${shown}': its lease file ${shown}${LEASE_SUFFIX} names no node (another ` +
        'node is taking it right now, or a crash left it empty); remove it once no node has the disk open', { ecode: 'wrong_state' });
    }
    // released between the two looks: try again, a bounded number of times
  }
  throw new BlockDeviceError(`Cannot take the lease of '${shown}': it was taken and released ${TAKE_TRIES} times meanwhile`, { ecode: 'wrong_state' });
}

/** Drops the lease if node holds it; a lease of another node is left alone. */
export function dropLease(diskPath: string, node: string): boolean {
  if (leaseHolder(diskPath) !== node) return false;
  try { unlinkSync(leasePath(diskPath)); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return true;
}

/** Refuses an action on a disk another node has open. */
export function checkNotOpenElsewhere(diskPath: string, node: string, shown: string, action: string): void {
  const holder = leaseHolder(diskPath);
  if (holder !== null && holder !== node) throw inUse(shown, holder, action);
}
