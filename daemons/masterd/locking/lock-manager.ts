// The master's lock manager: Ganeti's lock levels (cluster > instance > nodegroup > node >
// node-res > network), shared/exclusive name locks created on demand, and one set lock
// per level taken in intention mode so that "ALL" does not need to enumerate names.
// Owners must acquire levels in increasing order, which rules out deadlocks; within a call
// names are taken sorted and the call is all-or-nothing.
import { LOCK_LEVEL_NAMES, LockLevel } from '../../common/constants.js';
import { LockTimeoutError, ProgrammerError } from '../../common/errors.js';
import { Lock, Mode, MODE_NAMES, type Waiter } from './lock.js';

export type HeldMode = 'shared' | 'exclusive';
/** Key reported by owned() when the owner holds the whole level. */
export const ALL_KEY = '__all__';

export interface AcquireOptions {
  shared?: boolean;
  /** Ganeti priority, -20 (first) .. 19; default 0. */
  priority?: number;
  /** Give up after this long; 0 = only if free right now; undefined = wait forever. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LockInfo {
  name: string;
  mode: HeldMode | null;
  owners: string[];
  pending: { owner: string; mode: string }[];
}

interface LevelHolding {
  all: boolean;
  setMode: Mode;
  names: Map<string, HeldMode>;
}

/** One acquire() call in progress: what it has taken so far and what it waits on. */
interface Call {
  readonly owner: string;
  readonly level: number;
  readonly priority: number;
  readonly timeoutMs: number | undefined;
  taken: Lock[];
  waiting: { lock: Lock; waiter: Waiter; reject: (e: unknown) => void } | null;
  error: unknown;
}

interface OwnerState {
  levels: Map<number, LevelHolding>;
  calls: Set<Call>;
}

export class LockManager {
  private readonly setLocks: Lock[];
  private readonly nameLocks: Map<string, Lock>[];
  private readonly owners = new Map<string, OwnerState>();
  private seq = 0;

  constructor() {
    this.setLocks = LOCK_LEVEL_NAMES.map((n) => new Lock(`${n}/[lockset]`));
    this.nameLocks = LOCK_LEVEL_NAMES.map(() => new Map());
  }

  async acquire(owner: string, level: LockLevel, names: string[] | 'ALL', opts: AcquireOptions = {}): Promise<void> {
    checkLevel(level);
    const st = this.owners.get(owner);
    if (st) {
      for (const l of st.levels.keys()) {
        if (l >= level) throw orderError(owner, level, l);
      }
      for (const c of st.calls) {
        if (c.level >= level) throw orderError(owner, level, c.level);
      }
    }
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (names !== 'ALL' && names.length === 0) return;
    const shared = opts.shared ?? false;
    const call: Call = {
      owner, level, priority: opts.priority ?? 0, timeoutMs: opts.timeoutMs,
      taken: [], waiting: null, error: undefined,
    };
    const state = st ?? this.newOwner(owner);
    state.calls.add(call);
    const fail = (err: unknown) => this.failCall(call, err);
    const onAbort = () => fail(opts.signal!.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = opts.timeoutMs !== undefined && opts.timeoutMs > 0
      ? setTimeout(() => fail(timeoutError(owner, level, names, opts.timeoutMs!)), opts.timeoutMs)
      : undefined;
    try {
      const sorted = names === 'ALL' ? null : [...new Set(names)].sort();
      const setMode = sorted ? (shared ? Mode.IS : Mode.IX) : (shared ? Mode.S : Mode.X);
      await this.take(call, this.setLocks[level]!, setMode, names);
      const nameMode = shared ? Mode.S : Mode.X;
      for (const name of sorted ?? []) await this.take(call, this.nameLock(level, name), nameMode, names);
      if (call.error !== undefined) throw call.error;
      const held: LevelHolding = { all: sorted === null, setMode, names: new Map() };
      for (const name of sorted ?? []) held.names.set(name, shared ? 'shared' : 'exclusive');
      state.levels.set(level, held);
      call.taken = [];
    } catch (err) {
      for (const lock of call.taken.reverse()) this.releaseLock(lock, owner, level);
      throw err;
    } finally {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      state.calls.delete(call);
      this.dropIfEmpty(owner, state);
    }
  }

  /** Releases names at a level (all of the level when names is omitted). Unheld names are ignored. */
  release(owner: string, level: LockLevel, names?: string[]): void {
    const st = this.owners.get(owner);
    const held = st?.levels.get(level);
    if (!st || !held) return;
    if (names === undefined || (held.all && names.includes(ALL_KEY))) {
      this.releaseLevel(owner, level, held);
      st.levels.delete(level);
    } else {
      for (const name of names) {
        if (!held.names.delete(name)) continue;
        this.releaseLock(this.nameLocks[level]!.get(name), owner, level);
      }
      this.adjustSetLock(owner, level, held, st);
    }
    this.dropIfEmpty(owner, st);
  }

  releaseAll(owner: string): void {
    const st = this.owners.get(owner);
    if (!st) return;
    for (const [level, held] of st.levels) this.releaseLevel(owner, level, held);
    st.levels.clear();
    // Calls still waiting would otherwise come back holding locks after the owner let go.
    for (const c of st.calls) this.failCall(c, new ProgrammerError(`Locks of ${owner} released while acquiring`));
    this.dropIfEmpty(owner, st);
  }

  /** Exclusive -> shared for the given names (or the whole level, ALL included). */
  downgrade(owner: string, level: LockLevel, names?: string[]): void {
    const st = this.owners.get(owner);
    const held = st?.levels.get(level);
    if (!st || !held) return;
    if (held.all) {
      if (names === undefined || names.includes(ALL_KEY)) {
        held.setMode = Mode.S;
        this.setLocks[level]!.weaken(owner, Mode.S);
      }
      return;
    }
    for (const name of names ?? [...held.names.keys()]) {
      if (held.names.get(name) !== 'exclusive') continue;
      held.names.set(name, 'shared');
      this.nameLocks[level]!.get(name)?.weaken(owner, Mode.S);
    }
    this.adjustSetLock(owner, level, held, st);
  }

  owned(owner: string, level: LockLevel): Map<string, HeldMode> {
    const held = this.owners.get(owner)?.levels.get(level);
    const out = new Map<string, HeldMode>();
    if (!held) return out;
    if (held.all) out.set(ALL_KEY, held.setMode === Mode.X ? 'exclusive' : 'shared');
    for (const [n, m] of held.names) out.set(n, m);
    return out;
  }

  ownsAll(owner: string, level: LockLevel): boolean {
    return this.owners.get(owner)?.levels.get(level)?.all ?? false;
  }

  /** Every lock that is held or waited for, as Ganeti's lock monitor lists them. */
  snapshot(): LockInfo[] {
    const out: LockInfo[] = [];
    const add = (lock: Lock, level: number, isSet: boolean) => {
      if (lock.idle) return;
      out.push({
        name: isSet ? lock.name : `${LOCK_LEVEL_NAMES[level]}/${lock.name}`,
        mode: lock.displayMode(),
        owners: [...lock.holders.keys()].sort(),
        pending: lock.waiters.map((w) => ({
          owner: w.owner, mode: isSet ? MODE_NAMES[w.mode] : (w.mode === Mode.X ? 'exclusive' : 'shared'),
        })),
      });
    };
    for (let level = 0; level < LOCK_LEVEL_NAMES.length; level++) {
      add(this.setLocks[level]!, level, true);
      for (const lock of this.nameLocks[level]!.values()) add(lock, level, false);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async take(call: Call, lock: Lock, mode: Mode, names: string[] | 'ALL'): Promise<void> {
    if (call.error !== undefined) throw call.error;
    if (lock.tryAcquire(call.owner, mode, call.priority)) {
      call.taken.push(lock);
      return;
    }
    if (call.timeoutMs !== undefined && call.timeoutMs <= 0) {
      throw timeoutError(call.owner, call.level, names, 0);
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner: call.owner, mode, priority: call.priority, seq: this.seq++,
        // Runs inside the granting release: record the lock now so a failure that
        // arrives before this call resumes still releases it.
        grant: () => { call.taken.push(lock); call.waiting = null; resolve(); },
      };
      call.waiting = { lock, waiter, reject };
      lock.enqueue(waiter);
    });
    if (call.error !== undefined) throw call.error;
  }

  private failCall(call: Call, err: unknown): void {
    if (call.error !== undefined) return;
    call.error = err;
    const w = call.waiting;
    if (w) {
      call.waiting = null;
      w.lock.dequeue(w.waiter);
      this.dropIdle(w.lock, call.level);
      w.reject(err);
    }
  }

  private nameLock(level: number, name: string): Lock {
    const locks = this.nameLocks[level]!;
    let lock = locks.get(name);
    if (!lock) {
      lock = new Lock(name);
      locks.set(name, lock);
    }
    return lock;
  }

  private releaseLock(lock: Lock | undefined, owner: string, level: number): void {
    if (!lock) return;
    lock.release(owner);
    this.dropIdle(lock, level);
  }

  private dropIdle(lock: Lock, level: number): void {
    // Name locks are created on demand; forget them when nobody holds or wants them.
    if (lock.idle && lock !== this.setLocks[level]) this.nameLocks[level]!.delete(lock.name);
  }

  private releaseLevel(owner: string, level: number, held: LevelHolding): void {
    // Names first, then the set lock: waiters for ALL are granted only when it all is free.
    for (const name of held.names.keys()) this.releaseLock(this.nameLocks[level]!.get(name), owner, level);
    held.names.clear();
    this.setLocks[level]!.release(owner);
  }

  /** Keeps the set lock's intention mode in line with the names still held. */
  private adjustSetLock(owner: string, level: number, held: LevelHolding, st: OwnerState): void {
    if (held.all) return;
    if (held.names.size === 0) {
      this.setLocks[level]!.release(owner);
      st.levels.delete(level);
      return;
    }
    if (held.setMode === Mode.IX && ![...held.names.values()].includes('exclusive')) {
      held.setMode = Mode.IS;
      this.setLocks[level]!.weaken(owner, Mode.IS);
    }
  }

  private newOwner(owner: string): OwnerState {
    const st: OwnerState = { levels: new Map(), calls: new Set() };
    this.owners.set(owner, st);
    return st;
  }

  private dropIfEmpty(owner: string, st: OwnerState): void {
    if (st.levels.size === 0 && st.calls.size === 0 && this.owners.get(owner) === st) this.owners.delete(owner);
  }
}

function checkLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level >= LOCK_LEVEL_NAMES.length) {
    throw new ProgrammerError(`Unknown lock level ${level} (known: 0..${LOCK_LEVEL_NAMES.length - 1})`);
  }
}

function orderError(owner: string, level: number, heldLevel: number): ProgrammerError {
  return new ProgrammerError(
    `${owner} cannot acquire locks at level ${LOCK_LEVEL_NAMES[level]} while holding or acquiring ` +
    `level ${LOCK_LEVEL_NAMES[heldLevel]}: levels must be acquired in increasing order`);
}

function timeoutError(owner: string, level: number, names: string[] | 'ALL', ms: number): LockTimeoutError {
  const what = names === 'ALL' ? 'all' : names.join(', ');
  return new LockTimeoutError(
    `${owner}: timeout after ${ms} ms while acquiring ${LOCK_LEVEL_NAMES[level]} locks (${what})`);
}
