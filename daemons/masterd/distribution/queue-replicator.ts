// The job queue replicated to the master candidates (Ganeti's JobQueueUpdate: the master
// updates the candidates' copies of a job file before it acknowledges the change). Every
// journal entry the job store appends (jqueue/job-store.ts) is also sent, in order, to each
// online candidate (node RPC JobQueueUpdate; the candidate appends it to the journal in its
// own queue directory, noded/backend/queue-replica.ts), so the candidate that takes the
// master role over (gnt-cluster master-failover) replays every acknowledged job even when
// the old master's disks are gone.
// Each push is a numbered batch; each candidate has its own ordered sender, which sends what
// queued up meanwhile in one call (group commit). A candidate that does not hold the batch
// the call follows (new, was down, was the master itself, its journal grew too large)
// answers needs_full and gets every live job at once (which also compacts its copy). A push
// resolves once every candidate in step has its batch; a candidate that fails falls out of
// step, is retried in the background (RETRY_MS) with a full copy, and holds nothing up.
import { deferred, delay, type Deferred } from '../../common/async.js';
import type { Logger } from '../../common/log.js';
import type { QueueReplica } from '../jqueue/types.js';
import type { NodeRpc, NodeTarget } from '../rpc/node-rpc.js';

/** How long a candidate that failed is left out before the next (full) attempt. */
const RETRY_MS = 5_000;
/** Per call: a candidate slower than this falls out of step (and is retried later). */
const CALL_TIMEOUT_MS = 10_000;

interface Batch { seq: number; entries: string[]; done: Deferred<void> | null }

interface Copy {
  target: NodeTarget;
  /** The batch this candidate acknowledged last; null: out of step, needs a full copy. */
  acked: number | null;
  retryAt: number;
  queue: Batch[];
  running: boolean;
}

export class QueueReplicator implements QueueReplica {
  /** This masterd's run: a candidate holding another run's batches needs everything. */
  private readonly epoch = Date.now();
  private seq = 0;
  private snapshot: () => string[] = () => [];
  private readonly copies = new Map<string, Copy>();
  /** For benchmarks and tests: batches, calls, full copies sent, failed calls. */
  readonly stats = { batches: 0, calls: 0, fullCopies: 0, failures: 0 };

  constructor(private readonly rpc: NodeRpc, private readonly log: Logger, private readonly master: string,
    private readonly candidates: () => NodeTarget[]) {}

  setSnapshot(fn: () => string[]): void { this.snapshot = fn; }

  /** Numbered now (the caller's order is the candidates' order); resolves when the
   * candidates in step hold it. */
  push(entries: string[]): Promise<void> {
    const seq = ++this.seq;
    this.stats.batches++;
    const waits: Promise<void>[] = [];
    for (const target of this.candidates()) {
      let c = this.copies.get(target.name);
      if (!c) { c = { target, acked: null, retryAt: 0, queue: [], running: false }; this.copies.set(target.name, c); }
      c.target = target;
      const inStep = c.retryAt <= Date.now();
      const b: Batch = { seq, entries, done: inStep ? deferred<void>() : null };
      c.queue.push(b);
      if (b.done) waits.push(b.done.promise);
      if (!c.running) { c.running = true; void this.run(c); }
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** The candidate's sender: one call at a time, carrying everything queued meanwhile. */
  private async run(c: Copy): Promise<void> {
    try {
      while (c.queue.length) {
        const wait = c.retryAt - Date.now();
        if (wait > 0) await delay(wait);
        const group = c.queue.splice(0);
        const last = group[group.length - 1]!.seq;
        const ok = await this.sendTo(c, group, last).catch((err: unknown) => {
          this.log.error(`job queue replication to ${c.target.name} failed: ${String(err)}`);
          return false;
        });
        if (ok) c.acked = last;
        else { c.acked = null; c.retryAt = Date.now() + RETRY_MS; }
        for (const b of group) b.done?.resolve();
      }
    } finally { c.running = false; }
  }

  private async sendTo(c: Copy, group: Batch[], last: number): Promise<boolean> {
    let full = c.acked === null || group[0]!.seq !== c.acked + 1;
    for (;;) {
      // A full copy: the group's entries (a job being submitted is not in the snapshot yet),
      // then the live jobs as they are now, newer than or as new as the group's (on replay
      // the last entry of a job wins).
      const own = group.flatMap((b) => b.entries);
      const entries = full ? [...own, ...this.snapshot()] : own;
      this.stats.calls++;
      const r = await this.rpc.call(c.target, 'JobQueueUpdate',
        { master: this.master, epoch: this.epoch, seq: last, after: full ? 0 : c.acked!, full, entries }, { timeoutMs: CALL_TIMEOUT_MS });
      if (!r.failed && r.payload!.needs_full && !full) { full = true; continue; }
      if (r.failed || r.payload!.needs_full) {
        this.stats.failures++;
        if (c.retryAt === 0 || c.acked !== null) {
          this.log.warn(`cannot update the job queue copy on candidate ${c.target.name}: ` +
            `${r.failed ? r.failMsg : 'it refused a full copy'}; retrying in the background`);
        }
        return false;
      }
      if (full) {
        this.stats.fullCopies++;
        if (c.retryAt) { c.retryAt = 0; this.log.info(`job queue copy on candidate ${c.target.name} is up to date again`); }
      }
      return true;
    }
  }
}
