// Lock query fields (Ganeti's LQ_* fields, what gnt-debug locks lists): every lock that is
// held or waited for, from the lock manager's snapshot at query time.
import type { LockInfo } from '../locking/lock-manager.js';
import { fieldMap, makeField, type Field, type FieldMap } from './types.js';

type LF = Field<null, LockInfo>;

/** Pending acquires grouped by mode, in queue order: [[mode, [owner, ...]], ...]. */
function pending(l: LockInfo): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const p of l.pending) {
    const last = out[out.length - 1];
    if (last && last[0] === p.mode) last[1].push(p.owner); else out.push([p.mode, [p.owner]]);
  }
  return out;
}

function build(): FieldMap<null, LockInfo> {
  const f = makeField<null, LockInfo>;
  const fields: LF[] = [
    f('name', 'Name', 'text', 'Lock name', (_c, l) => l.name),
    f('mode', 'Mode', 'other', 'Mode in which the lock is currently acquired (exclusive or shared)', (_c, l) => l.mode),
    f('owner', 'Owner', 'other', 'Current lock owner(s)', (_c, l) => l.owners),
    f('pending', 'Pending', 'other', 'Threads waiting for the lock', (_c, l) => pending(l)),
  ];
  return fieldMap(fields);
}

export const LOCK_FIELDS: FieldMap<null, LockInfo> = build();
