// One lock with a holder table and a priority-ordered wait queue. The same class serves
// per-name locks (modes S and X) and each level's set lock (IS, IX, S, X), so the
// granting rules live in one place.

/** Lock modes: intention-shared, intention-exclusive, shared, exclusive. */
export const Mode = { IS: 0, IX: 1, S: 2, X: 3 } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];
export const MODE_NAMES = ['intent-shared', 'intent-exclusive', 'shared', 'exclusive'] as const;

// COMPAT[m] is the bit set of modes that may be held together with m (bit i = mode i):
// the classic multi-granularity matrix.
const COMPAT: readonly number[] = [
  0b0111, // IS: IS, IX, S
  0b0011, // IX: IS, IX
  0b0101, // S:  IS, S
  0b0000, // X:  nothing
];
const X_BIT = 1 << Mode.X;

function compatible(mode: Mode, mask: number): boolean {
  return (mask & ~COMPAT[mode]!) === 0;
}

export interface Waiter {
  readonly owner: string;
  readonly mode: Mode;
  readonly priority: number;
  readonly seq: number;
  /** Called synchronously once the lock is held on the waiter's behalf. */
  readonly grant: () => void;
}

export class Lock {
  readonly holders = new Map<string, Mode>();
  /** Sorted by priority (lower first), then arrival. */
  waiters: Waiter[] = [];
  private readonly counts = [0, 0, 0, 0];

  constructor(readonly name: string) {}

  get idle(): boolean { return this.holders.size === 0 && this.waiters.length === 0; }

  private heldMask(): number {
    let mask = 0;
    for (let m = 0; m < 4; m++) if (this.counts[m]! > 0) mask |= 1 << m;
    return mask;
  }

  private hold(owner: string, mode: Mode): void {
    this.holders.set(owner, mode);
    this.counts[mode]!++;
  }

  /**
   * Takes the lock at once if that overtakes no waiter it conflicts with: a waiter of
   * better-or-equal priority queued earlier must not be starved by later arrivals.
   */
  tryAcquire(owner: string, mode: Mode, priority: number): boolean {
    if (!compatible(mode, this.heldMask())) return false;
    let ahead = 0;
    for (const w of this.waiters) {
      if (w.priority > priority) break;
      ahead |= 1 << w.mode;
      if (ahead & X_BIT) return false;   // an exclusive waiter ahead: nobody may pass it
    }
    if (!compatible(mode, ahead)) return false;
    this.hold(owner, mode);
    return true;
  }

  enqueue(w: Waiter): void {
    // Usually appended at the end (same priority), so walk backwards.
    let i = this.waiters.length;
    while (i > 0 && this.waiters[i - 1]!.priority > w.priority) i--;
    this.waiters.splice(i, 0, w);
  }

  /** Drops a waiter (timeout, abort); returns false if it was already granted. */
  dequeue(w: Waiter): boolean {
    const i = this.waiters.indexOf(w);
    if (i < 0) return false;
    this.waiters.splice(i, 1);
    this.grantWaiters();
    return true;
  }

  release(owner: string): void {
    const mode = this.holders.get(owner);
    if (mode === undefined) return;
    this.holders.delete(owner);
    this.counts[mode]!--;
    this.grantWaiters();
  }

  /** Changes a held mode to a weaker one (X -> S, IX -> IS); never blocks. */
  weaken(owner: string, mode: Mode): void {
    const old = this.holders.get(owner);
    if (old === undefined || old === mode) return;
    this.counts[old]!--;
    this.hold(owner, mode);
    this.grantWaiters();
  }

  /**
   * Grants waiters in queue order. A waiter is granted when it is compatible with the
   * holders and with every earlier waiter still blocked, so granting never delays a
   * waiter ahead of it. Stops as soon as nothing more could be granted (IS is the most
   * permissive mode; if even IS would conflict, nobody further can go).
   */
  grantWaiters(): void {
    if (this.waiters.length === 0) return;
    let held = this.heldMask();
    let blocked = 0;
    let granted: Waiter[] | null = null;
    let keep: Waiter[] | null = null;
    let i = 0;
    for (; i < this.waiters.length; i++) {
      const w = this.waiters[i]!;
      if (compatible(w.mode, held) && compatible(w.mode, blocked)) {
        this.hold(w.owner, w.mode);
        held |= 1 << w.mode;
        (granted ??= []).push(w);
        keep ??= this.waiters.slice(0, i);
        continue;
      }
      blocked |= 1 << w.mode;
      keep?.push(w);
      if ((held | blocked) & X_BIT) { i++; break; }
    }
    if (!granted) return;
    this.waiters = keep!.concat(this.waiters.slice(i));
    for (const w of granted) w.grant();
  }

  /** 'exclusive' if anyone holds X, 'shared' for any other holder, null when free. */
  displayMode(): 'shared' | 'exclusive' | null {
    if (this.holders.size === 0) return null;
    return this.counts[Mode.X]! > 0 ? 'exclusive' : 'shared';
  }
}
