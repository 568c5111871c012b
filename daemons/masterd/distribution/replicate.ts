// After config commits: bring every other master candidate's copy of the config up to date
// (UploadConfigDeltas: the journal entries after the serial the candidate last acknowledged,
// or a full copy — config.data's text plus the entries after it — for a candidate that is
// new, was unreachable, or answers that it does not hold that serial) and rewrite the
// changed ssconf facts on every online node. Replication runs in the background and always
// sends the newest config, so under load one upload covers many commits instead of one
// per commit under the committer's locks.
// Honesty: waitReplicated(serial) resolves only once every online master candidate holds
// that serial, or has been marked stale in the config (node.config_stale, committed and
// itself replicated to the others). A stale candidate is an error in `gnt-cluster verify`,
// listed in ssconf master_candidates_stale, skipped by config recovery and not eligible
// for master failover; it is retried in the background and the mark is cleared once it
// holds the newest config. A candidate that cannot be reached does not block the cluster:
// it is marked, and jobs go on. ssconf on non-candidates stays best effort (verify reports it).
// The ssconf keys that every instance add or removal changes (instance_list): while several
// opcodes are under way (setBusy), they go to a node at most once per LIST_EVERY_MS, and a
// round at the end of the interval sends what was held back. One opcode at a time never has
// them held back, and the last one under way waits for what was (processor.ts,
// flushSsconf), so a quiet cluster's nodes hold the newest list. In a burst of adds,
// rewriting it on every node per round was a WriteSsconfFiles call to every node that holds
// no config copy, and a new file and a deleted one on each node (docs/scaling.md, round 13).
// Ganeti 3.0 distributes ssconf in the background too; gnt-cluster verify sends what is held
// back first, so it never reports a list on its way.
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { NodeRpc, NodeTarget } from '../rpc/node-rpc.js';
import { RpcResult } from '../rpc/rpc-result.js';
import type { ConfigCommit } from '../config/commit-log.js';
import { nodeTarget } from '../rpc/node-target.js';
import { InstanceNames, ssconfWithoutInstanceList } from './ssconf-values.js';

/** What a candidate holds after an UploadConfigDeltas call (and why its ssconf part failed). */
interface Held { serial: number; needs_full: boolean; ssconf_error?: string }
/** A commit's full copy as sent: config.data's text as bytes, the entries after it. */
interface FullCopy { full: Buffer; fullSerial: number; deltas: string[] }
function encodeFull(commit: ConfigCommit): FullCopy {
  const c = commit.copy();
  return { full: Buffer.from(c.full), fullSerial: c.fullSerial, deltas: c.deltas };
}

/** Per node the ssconf keys that go to it now, and what it holds once they have (an
 * instance_list held back keeps the value the node has). */
interface SsconfPlan { changes: Map<string, Record<string, string>>; after: Map<string, Record<string, string>>; owed: boolean }

/** instance_list goes to a node at most once per LIST_EVERY_MS while several opcodes are under way. */
const LIST_EVERY_MS = 500;

export class Replicator {
  /** What each node last acknowledged, so a commit sends only the ssconf keys that changed
   * for it (usually just instance_list); a node that failed gets everything next time. */
  private readonly sent = new Map<string, Record<string, string>>();
  /** The instance names for instance_list: the config store's (setInstanceNames), else
   * this replicator's own, brought up to date from each round's document. */
  private instanceNames: (() => InstanceNames) | null = null;
  private ownNames: InstanceNames | null = null;
  setInstanceNames(fn: () => InstanceNames): void { this.instanceNames = fn; }

  constructor(private readonly rpc: NodeRpc, private readonly log: Logger, private readonly listEveryMs = LIST_EVERY_MS) {}

  /** When each node's instance_list last went out; the timer of the round that sends what
   * was held back; whether the last round held some back; whether the next one sends them
   * whatever the interval (flushSsconf). */
  private readonly listSentAt = new Map<string, number>();
  private trailing: NodeJS.Timeout | null = null;
  private owing = false;
  private flushNext = false;
  /** Whether several opcodes are under way (masterd's processor); without it nothing is held back. */
  private busy: () => boolean = () => false;
  setBusy(fn: () => boolean): void { this.busy = fn; }
  private roundsStarted = 0;
  private readonly roundWaiters: { round: number; resolve: () => void }[] = [];

  /** Commits the stale marks (node name -> stale) to the config; without one (tests of
   * other parts), failed candidates are only logged and jobs do not wait for them. */
  private recordStale: ((marks: Map<string, boolean>) => Promise<void>) | null = null;
  setStaleRecorder(fn: (marks: Map<string, boolean>) => Promise<void>): void { this.recordStale = fn; }
  /** The config serial each candidate last acknowledged. */
  private readonly acked = new Map<string, number>();
  ackedSerial(node: string): number | undefined { return this.acked.get(node); }

  /** Bytes of config sent to candidates and how: for benchmarks and the docs' figures. */
  readonly stats = { fullCopies: 0, deltaCalls: 0, bytesSent: 0 };

  private pending: { commit: ConfigCommit; cfg: Readonly<ClusterConfig>; serial: number } | null = null;
  private running: Promise<void> | null = null;
  private doneSerial = 0;
  private readonly waiters: { serial: number; resolve: () => void }[] = [];

  /** The ConfigStore onCommit hook: queue the newest config and return at once. */
  readonly onCommit = async (commit: ConfigCommit, cfg: Readonly<ClusterConfig>): Promise<void> => {
    this.pending = { commit, cfg, serial: commit.serial };
    this.kick();
  };

  /** Starts the loop unless it runs; a commit that came while it was ending starts it again. */
  private kick(): void {
    this.running ??= this.loop().finally(() => {
      this.running = null;
      if (this.pending) this.kick();
    });
  }

  /** Resolves once a replication round that covers config serial `serial` has finished. */
  waitReplicated(serial: number): Promise<void> {
    if (this.doneSerial >= serial) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ serial, resolve }));
  }

  private async loop(): Promise<void> {
    while (this.pending) {
      const round = this.pending;
      this.pending = null;
      const no = ++this.roundsStarted;
      const flush = this.flushNext || !this.busy();
      this.flushNext = false;
      let honest = true;
      try {
        // One call per candidate: its ssconf changes ride with its config (UploadConfigDeltas'
        // ssconf); the other nodes get WriteSsconfFiles.
        const plan = this.ssconfPlan(round.cfg, false, flush);
        this.owing = plan.owed;
        const carried = new Map<string, Record<string, string>>();
        for (const n of this.candidatesOf(round.cfg)) {
          const diff = plan.changes.get(n.name);
          if (!n.config_stale && diff && Object.keys(diff).length) carried.set(n.name, diff);
        }
        const [failed] = await Promise.all([this.uploadConfig(round.commit, round.cfg, false, { plan, carried }),
          this.writeSsconf(round.cfg, false, { plan, skip: new Set(carried.keys()) })]);
        honest = await this.markStale(round.cfg, failed);
      } catch (err) {
        this.log.error('replication round failed', { err: String(err) });
      }
      for (let i = this.roundWaiters.length - 1; i >= 0; i--) {
        if (this.roundWaiters[i]!.round <= no) this.roundWaiters.splice(i, 1)[0]!.resolve();
      }
      // A round in which a candidate that was not marked stale missed the config is done
      // only by the next one, which carries the mark to the others.
      if (!honest && this.pending) continue;
      this.doneSerial = Math.max(this.doneSerial, round.serial);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i]!.serial <= this.doneSerial) this.waiters.splice(i, 1)[0]!.resolve();
      }
    }
  }

  /** Nodes whose last delivery failed: later rounds do not wait for them (a hung or dead
   * node must not hold every job of the cluster); they get one background attempt at a
   * time until one succeeds, which queues a fresh round with the newest state. */
  private readonly lagging = new Set<string>();
  private readonly inflight = new Set<string>();
  private lastRound: { commit: ConfigCommit; cfg: Readonly<ClusterConfig>; serial: number } | null = null;

  /** Marks the candidates that missed this round's config; true when none needed a mark
   * (the round may count as done), false when a commit with new marks follows. */
  private async markStale(cfg: Readonly<ClusterConfig>, failed: string[]): Promise<boolean> {
    const fresh = failed.filter((name) => {
      const n = Object.values(cfg.nodes).find((x) => x.name === name);
      return n !== undefined && !n.config_stale;
    });
    if (!fresh.length || !this.recordStale) return true;
    this.log.error(`master candidate(s) ${fresh.join(', ')} did not take configuration serial ${cfg.serial_no}: ` +
      'marked stale, they are skipped by recovery and master failover until they have caught up');
    try {
      await this.recordStale(new Map(fresh.map((n) => [n, true])));
    } catch (err) {
      this.log.error(`cannot mark ${fresh.join(', ')} stale: ${String(err)}`);
      return true;
    }
    return false;
  }

  /** A stale candidate took the newest config: clear its mark (a commit, replicated as usual). */
  private caughtUp(name: string, serial: number, cfg: Readonly<ClusterConfig>): void {
    this.acked.set(name, serial);
    const n = Object.values(cfg.nodes).find((x) => x.name === name);
    if (!n?.config_stale || !this.recordStale) return;
    this.log.info(`master candidate ${name} holds configuration serial ${serial} again: no longer stale`);
    this.recordStale(new Map([[name, false]])).catch((err: unknown) => this.log.error(`cannot clear the stale mark of ${name}: ${String(err)}`));
  }

  private async deliver(targets: NodeTarget[], what: string, waitForAll: boolean,
    send: (n: NodeTarget) => Promise<RpcResult<unknown>>, done: (node: string, ok: boolean, r: RpcResult<unknown>) => void): Promise<string[]> {
    const failed: string[] = [];
    // Lagging per kind of delivery: a node that takes ssconf but refuses the config is
    // still lagging for the config.
    const key = (n: NodeTarget) => `${what}/${n.name}`;
    const attempt = async (n: NodeTarget): Promise<void> => {
      const r = await send(n);
      done(n.name, !r.failed, r);
      if (r.failed) {
        failed.push(n.name);
        if (!this.lagging.has(key(n))) this.log.warn(`Could not ${what} on node ${n.name}: ${r.failMsg}`);
        this.lagging.add(key(n));
      } else if (this.lagging.delete(key(n))) {
        this.log.info(`node ${n.name} answers again; sending it the newest configuration`);
        if (this.lastRound) { this.pending ??= this.lastRound; this.kick(); }
      }
    };
    const awaited: Promise<void>[] = [];
    for (const n of targets) {
      if (waitForAll || !this.lagging.has(key(n))) { awaited.push(attempt(n)); continue; }
      if (this.inflight.has(key(n))) continue;
      this.inflight.add(key(n));
      void attempt(n).finally(() => this.inflight.delete(key(n)));
    }
    await Promise.all(awaited);
    return failed;
  }

  private candidatesOf(cfg: Readonly<ClusterConfig>) {
    return Object.values(cfg.nodes).filter((n) => n.master_candidate && !n.offline && n.uuid !== cfg.cluster.master_node);
  }

  /** `ssconf.carried`: the ssconf changes to send with each named candidate's config. */
  async uploadConfig(commit: ConfigCommit, cfg: Readonly<ClusterConfig>, waitForAll = false,
    ssconf?: { plan: SsconfPlan; carried: Map<string, Record<string, string>> }): Promise<string[]> {
    this.lastRound = { commit, cfg, serial: commit.serial };
    const candidates = this.candidatesOf(cfg);
    const what = 'upload the configuration';
    // Who gets only the entries since its serial: a candidate whose last delivery succeeded
    // (so the serial it acknowledged is what it holds) and whose serial the journal still
    // covers. Decided before the lagging marks below are cleared: one that missed a round
    // (down, hung, new) gets a full copy.
    const deltasFor = new Map<string, string[]>();
    for (const n of candidates) {
      const acked = this.acked.get(n.name);
      if (waitForAll || acked === undefined || this.lagging.has(`${what}/${n.name}`)) continue;
      const d = commit.deltasSince(acked);
      if (d) deltasFor.set(n.name, d);
    }
    // Every candidate not marked stale is waited for, whatever its last delivery did.
    for (const n of candidates) if (!n.config_stale) this.lagging.delete(`${what}/${n.name}`);
    // One encoded full copy for all candidates of this round that need one (masterd's start:
    // every candidate), not a multi-megabyte Buffer per candidate; dropped when the round
    // ends (a late delivery to a lagging candidate makes its own).
    let shared: FullCopy | null = null;
    const fullCopy = (): FullCopy => shared ??= encodeFull(commit);
    const failed = await this.deliver(candidates.map(nodeTarget), what, waitForAll,
      async (n) => {
        const deltas = deltasFor.get(n.name);
        const ss = ssconf?.carried.get(n.name) ?? {};
        if (deltas?.length === 0 && !Object.keys(ss).length) return RpcResult.ok(n.name, { serial: this.acked.get(n.name) ?? 0, needs_full: false });
        if (deltas) {
          const r = await this.send(n, { deltas }, undefined, ss);
          if (r.failed || !r.payload!.needs_full) return r;
          this.log.info(`master candidate ${n.name} holds serial ${r.payload!.serial}, not what it acknowledged: sending a full copy`);
        }
        return this.send(n, null, fullCopy(), ss);
      },
      (node, ok, r) => {
        if (ok) this.caughtUp(node, (r as RpcResult<Held>).payload!.serial, cfg); else this.acked.delete(node);
        if (!ssconf?.carried.has(node)) return;
        const ssErr = ok ? (r as RpcResult<Held>).payload!.ssconf_error : r.failMsg;
        if (!ssErr) { this.sent.set(node, ssconf.plan.after.get(node)!); this.lagging.delete(`write ssconf files/${node}`); return; }
        this.sent.delete(node);
        if (ok) this.log.warn(`Could not write ssconf files on node ${node}: ${ssErr}`);
      });
    shared = null;
    return failed;
  }

  /** One UploadConfigDeltas call: the given entries, or a full copy. */
  private async send(n: NodeTarget, part: { deltas: string[] } | null, c?: FullCopy,
    ssconf: Record<string, string> = {}): Promise<RpcResult<Held>> {
    const full = c ? c.full : Buffer.alloc(0);
    const deltas = c ? c.deltas : part!.deltas;
    const bytes = full.length + deltas.reduce((a, d) => a + Buffer.byteLength(d), 0);
    if (c) this.stats.fullCopies++; else this.stats.deltaCalls++;
    this.stats.bytesSent += bytes;
    // Its own deadline (5 s + 1 s per MB): a hung candidate is found out quickly and then
    // no longer waited for; a healthy one writes a config in milliseconds.
    const timeoutMs = 5000 + Math.ceil(bytes / 1e6) * 1000;
    const r = await this.rpc.call(n, 'UploadConfigDeltas', { full, full_serial: c?.fullSerial ?? 0, deltas, ssconf }, { timeoutMs });
    if (r.failed) return RpcResult.fail(n.name, r.error ?? r.failMsg);
    const held = { serial: Number(r.payload!.serial), needs_full: r.payload!.needs_full, ssconf_error: r.payload!.ssconf_error ?? '' };
    if (held.needs_full && c) return RpcResult.fail(n.name, `it did not take the full copy (it holds serial ${held.serial})`);
    return RpcResult.ok(n.name, held);
  }

  /** The ssconf values of `cfg` and what changed for each online node since its last write;
   * an instance_list sent to the node less than listEveryMs ago waits, unless `flush` (owed:
   * some did). */
  private ssconfPlan(cfg: Readonly<ClusterConfig>, force: boolean, flush = force): SsconfPlan {
    const values = ssconfWithoutInstanceList(cfg);
    const list = this.namesOf(cfg);
    const changes = new Map<string, Record<string, string>>();
    const after = new Map<string, Record<string, string>>();
    const now = performance.now();
    let owed = false;
    for (const n of Object.values(cfg.nodes)) {
      if (n.offline) continue;
      const last = force ? undefined : this.sent.get(n.name);
      const diff = last ? Object.fromEntries(Object.entries(values).filter(([k, v]) => last[k] !== v)) : { ...values };
      const held: Record<string, string> = { ...values };
      // The node holds the current list only if the text has been built for the current names.
      const current = list.built();
      if (last && current !== null && last.instance_list === current) held.instance_list = current;
      else if (last && !flush && now - (this.listSentAt.get(n.name) ?? -Infinity) < this.listEveryMs) {
        if ('instance_list' in last) held.instance_list = last.instance_list!;
        owed = true;
      } else {
        diff.instance_list = held.instance_list = list.value();
        this.listSentAt.set(n.name, now);
      }
      changes.set(n.name, diff);
      after.set(n.name, held);
    }
    if (owed && !this.trailing) {
      this.trailing = setTimeout(() => {
        this.trailing = null;
        if (this.lastRound) { this.pending ??= this.lastRound; this.kick(); }
      }, this.listEveryMs);
      this.trailing.unref();
    }
    return { changes, after, owed };
  }

  private namesOf(cfg: Readonly<ClusterConfig>): InstanceNames {
    if (this.instanceNames) return this.instanceNames();
    this.ownNames ??= new InstanceNames([]);
    this.ownNames.syncWith(cfg.instances);
    return this.ownNames;
  }

  /** Whether the last round held back ssconf keys that a later one has not sent yet. */
  owesSsconf(): boolean { return this.owing; }

  /** Resolves once every online node holds the newest ssconf values, throttled ones too
   * (gnt-cluster verify compares them). */
  flushSsconf(): Promise<void> {
    if (!this.lastRound) return Promise.resolve();
    this.flushNext = true;
    const round = this.roundsStarted + 1;
    this.pending ??= this.lastRound;
    this.kick();
    return new Promise((resolve) => this.roundWaiters.push({ round, resolve }));
  }

  /** WriteSsconfFiles to every online node whose files changed, but those in `opts.skip`
   * (their changes went with their config this round). */
  async writeSsconf(cfg: Readonly<ClusterConfig>, force: boolean, opts?: { plan: SsconfPlan; skip: Set<string> }): Promise<string[]> {
    const { changes, after } = opts?.plan ?? this.ssconfPlan(cfg, force);
    const targets = Object.values(cfg.nodes).filter((n) => !n.offline && !opts?.skip.has(n.name)).map(nodeTarget);
    const pending = targets.filter((n) => Object.keys(changes.get(n.name) ?? {}).length > 0);
    return this.deliver(pending, 'write ssconf files', force,
      (n) => this.rpc.call(n, 'WriteSsconfFiles', { values: changes.get(n.name)! }, { timeoutMs: 5000 }),
      (node, ok) => { if (ok) this.sent.set(node, after.get(node)!); else this.sent.delete(node); });
  }

  /** Everything, unconditionally (gnt-cluster redist-conf, master start-up). */
  async redistribute(commit: ConfigCommit, cfg: Readonly<ClusterConfig>): Promise<string[]> {
    const [a, b] = await Promise.all([this.uploadConfig(commit, cfg, true), this.writeSsconf(cfg, true)]);
    return [...new Set([...a, ...b])];
  }
}
