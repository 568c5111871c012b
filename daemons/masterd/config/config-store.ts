// The cluster configuration (config.data) owned by the master: one in-memory document,
// one writer, group commit. Mutators run synchronously and in call order on the live
// document; every mutation since the last write goes to disk in one flush (serial_no + 1),
// then the commit hooks run (replication to master candidates, ssconf), and only then do the
// updates of that flush resolve. With a journal (the master's store: `journal: true`) a flush
// appends only the changed entries to config.journal and fdatasyncs it (commit-log.ts; the
// whole file is rewritten when the journal has grown past it); without one, a flush writes
// the whole file (serialised once, atomic write).
//
// Mutator contract: synchronous; validate first and throw before changing anything where
// possible. A mutator that throws anyway is rolled back through the draft's undo log, so
// its partial changes never reach disk. Do not keep references to objects obtained inside
// the mutator after it returns (they are draft proxies); return plain values instead.
import { access } from 'node:fs/promises';
import { Low } from 'lowdb';
import { deferred, type Deferred } from '../../common/async.js';
import { ConfigurationError, OpExecError, OpPrereqError, ProgrammerError } from '../../common/errors.js';
import { createLogger, type Logger } from '../../common/log.js';
import { now, type ClusterConfig, type Instance, type Node, type NodeGroup } from '../../common/objects.js';
import { buildDelta, mergeChanges, type ChangeSet } from '../../common/config-journal.js';
import { CommitLog, wholeCommit, type ConfigCommit } from './commit-log.js';
import { createDraft, type Draft } from './draft.js';
import { FileAdapter } from './file-adapter.js';
import { NameIndex } from './name-index.js';
import { Reservations, type ReservationKind } from './reservations.js';

export type CommitHook = (commit: ConfigCommit, cfg: Readonly<ClusterConfig>) => Promise<void>;
export type { ConfigCommit } from './commit-log.js';

export interface ConfigStoreOptions {
  log?: Logger;
  /** Replaces the file adapter (tests inject failures). */
  adapter?: FileAdapter<ClusterConfig>;
  /** Keep config.journal next to the file (common/config-journal.ts): commits append their
   * changes instead of rewriting the file. The master's store; tests of LUs use none. */
  journal?: boolean;
  /** Journal size below which it is never compacted (tests lower it). */
  compactMinBytes?: number;
}

const SECTIONS = ['cluster', 'nodes', 'nodegroups', 'instances'] as const;

/** Generations whose changes are remembered: a table kept longer than this is made anew. */
const GEN_CHANGES_KEPT = 64;

export class ConfigStore {
  private pending: Deferred<void>[] = [];
  private flushing: Promise<void> | null = null;
  private readonly hooks: CommitHook[] = [];
  private readonly reservations = new Reservations();
  private nodeIdx: NameIndex | null = null;
  private instIdx: NameIndex | null = null;
  private groupIdx: NameIndex | null = null;
  private usedMacs: ValuesInUse | null = null;
  private usedPorts: ValuesInUse | null = null;
  private readonly derivedByKey = new Map<string, { value: InstanceDerived; deps: readonly string[] }>();
  private writes = 0;
  private bytesWritten = 0;
  /** What the updates since the last flush changed (for the journal entry). */
  private changes: ChangeSet = new Map();
  private commitLog: CommitLog | null = null;

  private constructor(readonly path: string, private readonly db: Low<ClusterConfig>,
    private readonly adapter: FileAdapter<ClusterConfig>, private readonly log: Logger) {}

  private async openJournal(opts: ConfigStoreOptions): Promise<this> {
    if (opts.journal) this.commitLog = await CommitLog.open(this.path, this.db.data, this.adapter.lastText!, this.log, opts.compactMinBytes);
    return this;
  }

  static async open(path: string, opts: ConfigStoreOptions = {}): Promise<ConfigStore> {
    const adapter = opts.adapter ?? new FileAdapter<ClusterConfig>(path);
    const db = new Low<ClusterConfig>(adapter, null as unknown as ClusterConfig);
    await db.read();
    if (!db.data) throw new ConfigurationError(`Configuration file ${path} does not exist`);
    checkShape(db.data, path);
    return new ConfigStore(path, db, adapter, opts.log ?? createLogger('config')).openJournal(opts);
  }

  /** Writes a new configuration file; refuses to overwrite an existing one. */
  static async create(path: string, initial: ClusterConfig, opts: ConfigStoreOptions = {}): Promise<ConfigStore> {
    if (await exists(path)) {
      throw new OpPrereqError(`Configuration file ${path} already exists`, { ecode: 'already_exists' });
    }
    checkShape(initial, path);
    const adapter = opts.adapter ?? new FileAdapter<ClusterConfig>(path);
    const db = new Low<ClusterConfig>(adapter, structuredClone(initial));
    if (opts.journal) await CommitLog.discard(path);
    await db.write();
    return new ConfigStore(path, db, adapter, opts.log ?? createLogger('config')).openJournal(opts);
  }

  /** The in-memory document. Read-only: change it through update(). Replaced after a failed write. */
  get(): Readonly<ClusterConfig> { return this.db.data; }

  serial(): number { return this.db.data.serial_no; }

  /** How many times the file was written by this store (group-commit statistics). */
  writeCount(): number { return this.writes; }

  /** Bytes this store wrote (file rewrites and journal appends) since it was opened. */
  writtenBytes(): number { return this.bytesWritten; }

  /** The journal's size in bytes (0 without one). */
  journalSize(): number { return this.commitLog?.size() ?? 0; }

  /** The newest durable commit, for a full redistribution (null before the first commit without a journal). */
  lastCommit(): ConfigCommit {
    if (this.commitLog) return this.commitLog.commit(this.serial(), null);
    return wholeCommit(this.adapter.lastText ?? JSON.stringify(this.db.data), this.serial());
  }

  /** Closes the journal (clean shutdown; nothing needs compacting: replay covers it). */
  async close(): Promise<void> {
    await this.flush();
    await this.commitLog?.close();
    this.commitLog = null;
  }

  /** Registers a hook run after every successful write; returns a function removing it. */
  onCommit(hook: CommitHook): () => void {
    this.hooks.push(hook);
    return () => { const i = this.hooks.indexOf(hook); if (i >= 0) this.hooks.splice(i, 1); };
  }

  /** Runs mutator now; resolves with its result once the change is on disk and replicated. */
  update<T>(mutator: (cfg: ClusterConfig) => T): Promise<T> {
    const draft = createDraft(this.db.data);
    let result: T;
    try {
      result = mutator(draft.root);
      if (result instanceof Promise) {
        throw new ProgrammerError('ConfigStore.update() mutators must be synchronous (got a Promise)');
      }
    } catch (err) {
      draft.undo();
      this.invalidate(draft);
      return Promise.reject(err);
    }
    this.invalidate(draft);
    if (this.commitLog) mergeChanges(this.changes, draft.touched, draft.entries, draft.replaced);
    const value = draft.unwrap(result);
    const d = deferred<void>();
    this.pending.push(d);
    this.flushing ??= Promise.resolve().then(() => this.flushLoop());
    return d.promise.then(() => value);
  }

  /** Resolves when every update() made so far has been flushed (or failed). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const data = this.db.data;
        data.serial_no += 1;
        data.mtime = now();
        let commit: ConfigCommit;
        try {
          commit = await this.writeOut(data);
        } catch (err) {
          // Memory is ahead of disk. Go back to the file; the updates queued meanwhile were
          // applied on top of the lost state, so they are lost with it.
          const lost = batch.concat(this.pending);
          this.pending = [];
          await this.reload();
          // With a journal, a commit appends to it (and rewrites config.data only to compact or repair).
          const file = this.commitLog ? `${this.path} (journal ${this.commitLog.path})` : this.path;
          this.log.error(`Cannot write configuration file ${file}: ${(err as Error).message}`);
          // A system error (ENOSPC, EIO...) names neither the file nor what became of the change.
          const failure = (err as NodeJS.ErrnoException).code ? new OpExecError(`Cannot write the configuration file ` +
            `${file}: ${(err as Error).message}; the change was not made, the previous configuration is kept`, { cause: err }) : err;
          for (const d of lost) d.reject(failure);
          continue;
        }
        const results = await Promise.allSettled(this.hooks.map((h) => h(commit, data)));
        for (const r of results) {
          if (r.status === 'rejected') this.log.warn(`Configuration commit hook failed: ${(r.reason as Error)?.message}`);
        }
        for (const d of batch) d.resolve();
        await this.compactIfDue();
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Makes the commit durable: one journal entry, or the whole file (no journal, or a
   * journal whose last append failed). Everything it serialises is taken before the first await. */
  private async writeOut(data: ClusterConfig): Promise<ConfigCommit> {
    const log = this.commitLog;
    if (!log) {
      await this.db.write();
      this.writes++;
      this.bytesWritten += this.adapter.lastText!.length;
      return wholeCommit(this.adapter.lastText!, data.serial_no);
    }
    const changes = this.changes;
    this.changes = new Map();
    if (log.needsRepair()) {
      const full = JSON.stringify(data);
      await log.compact(data.serial_no, full, (t) => this.writeFull(t));
      return log.commit(data.serial_no, null);
    }
    const delta = buildDelta(data, changes);
    // The full text for a compaction is this commit's state: taken now, before later updates.
    if (log.compactionDue(delta.length)) this.compactText = { serial: data.serial_no, text: JSON.stringify(data) };
    await log.append(data.serial_no, delta);
    this.bytesWritten += delta.length;
    return log.commit(data.serial_no, delta);
  }

  private compactText: { serial: number; text: string } | null = null;

  /** Folds the journal into config.data when writeOut found it due (after the waiters of the
   * commit were answered: their change is durable in the journal already). */
  private async compactIfDue(): Promise<void> {
    const c = this.compactText;
    this.compactText = null;
    if (!c || !this.commitLog) return;
    try {
      await this.commitLog.compact(c.serial, c.text, (t) => this.writeFull(t));
    } catch (err) {
      // The journal still holds everything: nothing is lost, the next commit tries again.
      this.log.error(`Cannot compact the configuration journal into ${this.path}: ${(err as Error).message}`);
    }
  }

  private async writeFull(text: string): Promise<void> {
    await this.adapter.writeText(text);
    this.writes++;
    this.bytesWritten += text.length;
  }

  private async reload(): Promise<void> {
    this.changes = new Map();
    if (this.commitLog) {
      // The newest durable state: config.data's text plus the journal entries after it.
      this.db.data = this.commitLog.replayOnto((t) => JSON.parse(t) as ClusterConfig);
      this.invalidate(null);
      return;
    }
    try {
      await this.db.read();
    } catch (err) {
      // The file is unreadable too: fall back to the text of the last good write.
      this.log.error(`Cannot reload ${this.path}: ${(err as Error).message}`);
      try {
        if (this.adapter.lastText) this.db.data = JSON.parse(this.adapter.lastText) as ClusterConfig;
      } catch { /* lastText came from JSON.stringify or a successful parse; cannot fail */ }
    }
    this.invalidate(null);
  }

  /** Brings the lookup indexes up to date after a change: entry by entry where the draft
   * knows which entries changed (an add touches one instance, not 10,000), else rebuilt. */
  /** Changes on every update() and reload, before any flush: a key for caches derived from the document. */
  generation(): number { return this.gen; }
  private gen = 0;
  /** Per recent generation, the instance entries its change wrote; null when it wrote more
   * than instance entries (another section, a whole section, a reload). Oldest first. */
  private readonly genChanges: { gen: number; instances: ReadonlySet<string> | null }[] = [];

  /**
   * The uuids of the instances written since generation `since` (added, changed or deleted),
   * when nothing but instance entries was: what a table kept from that generation must make
   * again row by row (query/table-answer.ts). null when something else changed, or `since`
   * is older than the last GEN_CHANGES_KEPT generations.
   */
  instancesChangedSince(since: number): ReadonlySet<string> | null {
    if (since === this.gen) return new Set();
    const first = this.genChanges.findIndex((c) => c.gen === since + 1);
    if (first < 0) return null;
    const out = new Set<string>();
    for (let i = first; i < this.genChanges.length; i++) {
      const c = this.genChanges[i]!.instances;
      if (!c) return null;
      for (const u of c) out.add(u);
    }
    return out;
  }

  private invalidate(draft: Pick<Draft<ClusterConfig>, 'touched' | 'entries' | 'replaced'> | null): void {
    this.gen++;
    const changed = (section: string): Set<string> | 'all' | null => {
      if (!draft || draft.touched.has('*') || draft.replaced.has(section)) return 'all';
      if (!draft.touched.has(section)) return null;
      return draft.entries.get(section) ?? 'all';
    };
    const onlyInstances = draft && [...draft.touched].every((s) => s === 'instances' || s === 'serial_no' || s === 'mtime');
    const written = changed('instances');
    this.genChanges.push({ gen: this.gen, instances: onlyInstances ? (written === 'all' ? null : written ?? new Set()) : null });
    if (this.genChanges.length > GEN_CHANGES_KEPT) this.genChanges.shift();
    const nodes = changed('nodes');
    if (nodes === 'all') this.nodeIdx = null;
    else if (nodes && this.nodeIdx) for (const u of nodes) this.nodeIdx.update(u, own(this.db.data.nodes, u));
    if (changed('nodegroups')) this.groupIdx = null;
    const insts = changed('instances');
    for (const [key, d] of this.derivedByKey) {
      if (insts === 'all' || d.deps.some((sec) => changed(sec) !== null)) this.derivedByKey.delete(key);
      else if (insts) for (const u of insts) d.value.update(u, own(this.db.data.instances, u));
    }
    if (insts === 'all') { this.instIdx = null; this.usedMacs = null; this.usedPorts = null; }
    else if (insts) {
      for (const u of insts) {
        const inst = own(this.db.data.instances, u);
        this.instIdx?.update(u, inst);
        this.usedMacs?.update(u, inst ? inst.nics.map((n) => n.mac.toLowerCase()) : []);
        this.usedPorts?.update(u, inst && inst.network_port !== null && inst.network_port !== undefined ? [String(inst.network_port)] : []);
      }
    }
  }

  /**
   * A structure derived from the instances (capacity sums per node, the allocator's parsed
   * instances), built on first use and then kept up to date entry by entry as the name
   * indexes are, so that what an add reads does not cost a pass over every instance. It is
   * dropped (rebuilt on next use) when the instances section is replaced or a section in
   * deps changes at all.
   */
  derived<T extends InstanceDerived>(key: string, deps: readonly string[], build: (instances: Readonly<Instance>[]) => T): T {
    let d = this.derivedByKey.get(key);
    if (!d) {
      d = { value: build(Object.values(this.db.data.instances)), deps };
      this.derivedByKey.set(key, d);
    }
    return d.value as T;
  }

  // --- lookups -------------------------------------------------------------------------

  nodeByUuid(uuid: string): Readonly<Node> | undefined { return own(this.db.data.nodes, uuid); }
  instanceByUuid(uuid: string): Readonly<Instance> | undefined { return own(this.db.data.instances, uuid); }
  groupByUuid(uuid: string): Readonly<NodeGroup> | undefined { return own(this.db.data.nodegroups, uuid); }

  nodeByName(name: string): Readonly<Node> | undefined {
    const uuid = this.nodeIndex().byName(name);
    return uuid === undefined ? undefined : this.nodeByUuid(uuid);
  }

  instanceByName(name: string): Readonly<Instance> | undefined {
    const uuid = this.instanceIndex().byName(name);
    return uuid === undefined ? undefined : this.instanceByUuid(uuid);
  }

  groupByName(name: string): Readonly<NodeGroup> | undefined {
    this.groupIdx ??= new NameIndex(Object.values(this.db.data.nodegroups));
    const uuid = this.groupIdx.byName(name);
    return uuid === undefined ? undefined : this.groupByUuid(uuid);
  }

  /** Full node name for a name or unique short name; OpPrereqError unknown_entity otherwise. */
  expandNodeName(name: string): string { return this.expandNode(name).name; }
  expandInstanceName(name: string): string { return this.expandInstance(name).name; }

  expandNode(name: string): Readonly<Node> {
    const uuid = this.nodeIndex().expand(name);
    const node = uuid === undefined ? undefined : this.nodeByUuid(uuid);
    if (!node) throw new OpPrereqError(`Node '${name}' not known`, { ecode: 'unknown_entity' });
    return node;
  }

  expandInstance(name: string): Readonly<Instance> {
    const uuid = this.instanceIndex().expand(name);
    const inst = uuid === undefined ? undefined : this.instanceByUuid(uuid);
    if (!inst) throw new OpPrereqError(`Instance '${name}' not known`, { ecode: 'unknown_entity' });
    return inst;
  }

  // --- temporary reservations ----------------------------------------------------------

  reserve(kind: ReservationKind, value: string, owner: string): void {
    this.reservations.reserve(kind, value, owner, this.inConfig);
  }

  releaseReservations(owner: string): void { this.reservations.releaseOwner(owner); }

  generateMac(prefix: string, owner: string): string {
    return this.reservations.generateMac(prefix, owner, this.inConfig);
  }

  private readonly inConfig = (kind: ReservationKind, value: string): boolean => {
    if (kind === 'name') return this.instanceIndex().byName(value) !== undefined || this.nodeIndex().byName(value) !== undefined;
    if (kind === 'mac') return this.macsInUse().has(value.toLowerCase());
    return this.portsInUse().has(value);
  };

  private nodeIndex(): NameIndex { return (this.nodeIdx ??= new NameIndex(Object.values(this.db.data.nodes))); }
  private instanceIndex(): NameIndex { return (this.instIdx ??= new NameIndex(Object.values(this.db.data.instances))); }

  private macsInUse(): ValuesInUse {
    return (this.usedMacs ??= new ValuesInUse(Object.values(this.db.data.instances).map((i) => [i.uuid, i.nics.map((n) => n.mac.toLowerCase())])));
  }

  private portsInUse(): ValuesInUse {
    return (this.usedPorts ??= new ValuesInUse(Object.values(this.db.data.instances).map((i) =>
      [i.uuid, i.network_port !== null && i.network_port !== undefined ? [String(i.network_port)] : []])));
  }
}

/** What ConfigStore.derived() keeps: told of every instance that changed (undefined: removed). */
export interface InstanceDerived { update(uuid: string, inst: Readonly<Instance> | undefined): void }

/** Values (MACs, ports) the instances use, by instance, kept up to date entry by entry. */
class ValuesInUse {
  private readonly count = new Map<string, number>();
  private readonly byOwner = new Map<string, string[]>();

  constructor(entries: [string, string[]][]) { for (const [u, vs] of entries) this.update(u, vs); }

  has(v: string): boolean { return (this.count.get(v) ?? 0) > 0; }

  update(owner: string, values: string[]): void {
    for (const v of this.byOwner.get(owner) ?? []) {
      const n = (this.count.get(v) ?? 0) - 1;
      if (n > 0) this.count.set(v, n); else this.count.delete(v);
    }
    if (values.length) this.byOwner.set(owner, values); else this.byOwner.delete(owner);
    for (const v of values) this.count.set(v, (this.count.get(v) ?? 0) + 1);
  }
}

function own<V>(rec: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

async function exists(path: string): Promise<boolean> {
  try { await access(path); return true; } catch { return false; }
}

function checkShape(data: unknown, path: string): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigurationError(`Configuration file ${path} does not hold a JSON object`);
  }
  const d = data as Record<string, unknown>;
  for (const key of SECTIONS) {
    if (d[key] === null || typeof d[key] !== 'object') {
      throw new ConfigurationError(`Configuration file ${path} is not a cluster configuration: '${key}' is missing`);
    }
  }
  if (typeof d.serial_no !== 'number') {
    throw new ConfigurationError(`Configuration file ${path} is not a cluster configuration: 'serial_no' is missing`);
  }
}
