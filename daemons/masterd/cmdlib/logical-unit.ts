// The logical-unit contract (Ganeti's cmdlib/base.py): an opcode is checked, its locks are
// declared level by level and taken in level order, prerequisites are checked against the
// config under those locks, then it executes. One subclass per opcode.
import { LockLevel } from '../../common/constants.js';
import type { Opcode } from '../../common/opcodes/index.js';
import type { MasterContext } from '../context.js';

export type LockNames = string[] | 'ALL';

export interface LuRuntime extends MasterContext {
  readonly jobId: number;
  readonly owner: string;           // lock and reservation owner of this opcode
  readonly signal: AbortSignal;
  /** A line for the job's log (the user sees it): '* step...', ' - INFO: ...'. */
  feedback(msg: string): void;
  /** While on, a cancel request aborts the running opcode (only for opcodes that just wait). */
  setCancellable?(on: boolean): void;
}

export abstract class LogicalUnit<Op extends Opcode = Opcode> {
  /** Whether the Big Ganeti Lock is needed, and whether exclusively (cluster-wide changes). */
  requiresBgl = true;
  bglExclusive = false;
  readonly needLocks = new Map<LockLevel, LockNames>();
  /** Levels whose locks are taken shared (default exclusive). */
  readonly shareLocks = new Set<LockLevel>();

  constructor(readonly op: Op, readonly rt: LuRuntime) {}

  get cfg() { return this.rt.cfg; }

  /** Syntax checks that need no config and no locks. */
  checkArguments(): void {}
  /** Names what to lock first (usually the instance or node named in the opcode). */
  expandNames(): void {}
  /** Called before each level is acquired: derive this level's locks from those held. */
  declareLocks(_level: LockLevel): void | Promise<void> {}
  abstract checkPrereq(): void | Promise<void>;
  abstract exec(): Promise<unknown>;

  feedback(msg: string): void { this.rt.feedback(msg); }
  logInfo(msg: string): void { this.rt.feedback(` - INFO: ${msg}`); }
  logWarning(msg: string, hint?: string): void {
    this.rt.feedback(` - WARNING: ${msg}${hint ? `\n      Hint: ${hint}` : ''}`);
  }

  /** Names currently held at a level (after acquisition). */
  owned(level: LockLevel): string[] {
    return [...this.rt.locks.owned(this.rt.owner, level).keys()].filter((n) => n !== '__all__');
  }

  /** Drops node locks we no longer need (Ganeti's ReleaseLocks), e.g. after allocation. */
  releaseLocks(level: LockLevel, keep: string[]): void {
    const drop = this.owned(level).filter((n) => !keep.includes(n));
    if (drop.length) this.rt.locks.release(this.rt.owner, level, drop);
  }
}

export const ACQUIRE_ORDER: LockLevel[] = [
  LockLevel.Instance, LockLevel.NodeGroup, LockLevel.Node, LockLevel.NodeRes, LockLevel.Network,
];
