// The job queue on disk, in Ganeti's layout: queue/serial (last id handed out),
// queue/job-<id> (one JSON file per job), queue/archive/<id div 10000>/job-<id>,
// queue/drain (exists = drained), plus queue/journal: the durability of job changes.
// A change is durable once its entry is in the journal: every job changed in one turn
// shares one append and one fdatasync (group commit, as the config's). A job's file is
// written (without an fsync of its own) when the job is final; the states in between live
// in the journal, and reach the files when it is compacted (one syncfs makes every file
// durable, then the journal is emptied) and at a clean shutdown, so the files alone hold
// every job again (master failover copies them). Replay at start-up rewrites from the
// journal whatever a crash left behind in the files. Every journal entry also goes to the
// master candidates (a QueueReplica) before the change is acknowledged: a candidate's queue
// directory holds a journal that its masterd replays when it takes over.
import { readFileSync } from 'node:fs';
import { open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite, ensureDir, fsyncDir, readIfExists } from '../../common/atomic-file.js';
import { deferred, Mutex, type Deferred } from '../../common/async.js';
import { GanetiError } from '../../common/errors.js';
import { archivedJobFile, archiveEntry } from '../../common/job-archive.js';
import { Journal, syncFileSystems } from '../../common/journal.js';
import type { Logger } from '../../common/log.js';
import { jobShapeProblem, redactSecrets, type JobData } from './job.js';
import type { QueueReplica } from './types.js';

/** Journal size past which its entries are made durable in the files and it is emptied. */
const COMPACT_BYTES = 32 << 20;
const JOB_FILE = /^job-(\d+)$/;
const LOAD_BATCH = 1000;

export interface LoadResult { jobs: JobData[]; corrupt: string[] }

export class JobStore {
  private lastId = 0;
  private drained = false;
  private readonly idMutex = new Mutex();
  private journal: Journal | null = null;
  /** Jobs changed since the last append, with the callers waiting for them to be durable. */
  private dirty = new Map<number, { job: JobData; final: boolean; d: Deferred<void> }>();
  /** Journaled states not yet in their job file (written at compaction). */
  private readonly stale = new Map<number, string>();
  /** Job file writes in progress, by job id. */
  private readonly fileWrites = new Map<number, Promise<void>>();
  private flushQueued = false;
  private readonly flushes = new Set<Promise<void>>();
  /** Job files written since the last compaction (fsynced one by one if syncfs fails). */
  private readonly unsynced = new Set<string>();

  constructor(readonly queueDir: string, readonly archiveDir: string, private readonly log: Logger,
    private readonly compactBytes = COMPACT_BYTES, private readonly replica: QueueReplica | null = null) {}

  get journalFile(): string { return join(this.queueDir, 'journal'); }
  /** Journal statistics (appends, entries, bytes) for benchmarks. */
  journalStats(): { flushes: number; entries: number; bytes: number } | null { return this.journal?.stats ?? null; }

  get serialFile(): string { return join(this.queueDir, 'serial'); }
  get drainFile(): string { return join(this.queueDir, 'drain'); }
  jobFile(id: number): string { return join(this.queueDir, `job-${id}`); }
  archivedFile(id: number): string { return archivedJobFile(this.archiveDir, id); }

  async init(): Promise<void> {
    await ensureDir(this.queueDir);
    await ensureDir(this.archiveDir);
    this.drained = (await readIfExists(this.drainFile)) !== null;
    const text = await readIfExists(this.serialFile);
    const n = text === null ? NaN : Number(text.trim());
    if (Number.isInteger(n) && n >= 0) {
      this.lastId = n;
    } else {
      // Without a usable serial the archive is the only record of ids already used.
      if (text !== null) this.log.warn(`Job queue serial file ${this.serialFile} is corrupt; recovering from job files`);
      this.lastId = await this.highestArchivedId();
    }
    const { journal, entries, cut } = await Journal.open(this.journalFile);
    this.journal = journal;
    if (cut) this.log.warn(`Job queue journal ${this.journalFile}: cut ${cut} bytes of a torn last entry`);
    if (entries.length) await this.replay(entries);
  }

  /** Rewrites the job files (and archive moves) the journal holds, makes them durable, empties it. */
  private async replay(entries: string[]): Promise<void> {
    const latest = new Map<number, string>();
    const archived = new Set<number>();
    for (const e of entries) {
      if (e.startsWith('J')) {
        let id: unknown;
        try { id = (JSON.parse(e.slice(1)) as { id?: unknown }).id; } catch { id = undefined; }
        if (typeof id !== 'number') { this.log.error('Job queue journal: an entry without a job id; skipped'); continue; }
        latest.set(id, e.slice(1));
      } else if (e.startsWith('A')) {
        archived.add(Number(e.slice(1)));
        this.noteId(Number(e.slice(1)));
      } else if (e.startsWith('N')) {
        // A candidate's copy: the master had handed out ids up to here (its archive and
        // serial file are not copied), so a new master never hands them out again.
        this.noteId(Number(e.slice(1)));
      }
    }
    for (const [id, text] of latest) {
      this.noteId(id);
      if (archived.has(id)) continue;
      void this.writeFile(id, this.jobFile(id), text);
    }
    for (const id of archived) {
      const text = latest.get(id) ?? await readIfExists(this.jobFile(id));
      if (text !== null) {
        await ensureDir(join(this.archivedFile(id), '..'));
        await this.writeFile(id, this.archivedFile(id), text);
      }
      await unlink(this.jobFile(id)).catch(() => undefined);
    }
    this.log.info(`Job queue journal: replayed ${latest.size} job states and ${archived.size} archive moves`);
    await this.compact();
  }

  /** Makes sure ids are never reused even if the serial file lagged behind the job files. */
  noteId(id: number): void { if (id > this.lastId) this.lastId = id; }

  /** The last id handed out (a candidate's copy records it: N<id>, see queue-replica.ts). */
  get highestId(): number { return this.lastId; }

  /** Hands out n consecutive ids; the serial file is durable before they are returned. */
  allocateIds(n: number): Promise<number[]> {
    return this.idMutex.run(async () => {
      const first = this.lastId + 1;
      await atomicWrite(this.serialFile, `${this.lastId + n}\n`);
      this.lastId += n;
      return Array.from({ length: n }, (_, i) => first + i);
    });
  }

  /**
   * Writes the job's current state. Returns when a write that started after this call
   * (so it contains everything the caller changed) is durable. Every job changed in the
   * same turn shares one journal append. `final`: the job reached its final state (its
   * file is written now; other states reach the file at compaction).
   */
  write(job: JobData, final = false): Promise<void> {
    let w = this.dirty.get(job.id);
    if (!w) { w = { job, final, d: deferred<void>() }; this.dirty.set(job.id, w); }
    w.job = job;
    w.final ||= final;
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        const p = this.flushDirty().finally(() => this.flushes.delete(p));
        this.flushes.add(p);
      });
    }
    return w.d.promise;
  }

  private async flushDirty(): Promise<void> {
    const batch = [...this.dirty.values()];
    this.dirty = new Map();
    if (!batch.length) return;
    if (!this.journal) {
      for (const w of batch) w.d.reject(new GanetiError('The job queue is closed; job changes are no longer written'));
      return;
    }
    // Serialised now, when the append starts, so the entry holds the newest state.
    // Secret OS parameters never reach the disk, neither in the journal nor in the job files.
    const texts = batch.map((w) => JSON.stringify(w.job, redactSecrets));
    // The candidates' copies are written alongside ours (pushed in the same turn as the
    // states were serialised, so a candidate's full copy never precedes an older state): a
    // change is acknowledged once both are done, and a failover to a candidate loses nothing.
    const entries = texts.map((t) => `J${t}`);
    const replicated = this.replica?.push(entries);
    try {
      if (this.journal!.size() > this.compactBytes) await this.compact();
      await Promise.all([this.journal!.append(entries), replicated]);
    } catch (err) {
      for (const w of batch) w.d.reject(err);
      return;
    }
    // Durable now. Final states go to their files in the background (without an fsync:
    // replay covers a crash; archive() waits for the file).
    batch.forEach((w, k) => {
      const id = w.job.id;
      if (w.final) {
        this.stale.delete(id);
        void this.writeFile(id, this.jobFile(id), texts[k]!);
      } else {
        this.stale.set(id, texts[k]!);
      }
      w.d.resolve();
    });
  }

  /** Writes a job file in the background, in place (no temp file and rename: creating files
   * is what costs here). A crash in the middle leaves a torn file, which replay rewrites:
   * the journal is emptied only once the files are durable. */
  private writeFile(id: number, path: string, text: string): Promise<void> {
    this.unsynced.add(path);
    const prev = this.fileWrites.get(id) ?? Promise.resolve();
    const p: Promise<void> = prev.then(() => writeFile(path, text, { mode: 0o600 })).catch((err: unknown) => {
      this.log.error(`Cannot write job file ${path}: ${(err as Error).message} (its state is in the journal)`);
    }).finally(() => { if (this.fileWrites.get(id) === p) this.fileWrites.delete(id); });
    this.fileWrites.set(id, p);
    return p;
  }

  /** Makes every job file written so far durable (one syncfs), then empties the journal. */
  private compact(): Promise<void> {
    return this.journal!.exclusive(async () => {
      for (const [id, text] of this.stale) void this.writeFile(id, this.jobFile(id), text);
      this.stale.clear();
      while (this.fileWrites.size) await Promise.all([...this.fileWrites.values()]);
      if (!(await syncFileSystems([this.queueDir, this.archiveDir]))) {
        this.log.warn('syncfs (sync -f) is not available: fsyncing job files one by one');
        for (const f of this.unsynced) {
          const fh = await open(f, 'r').catch(() => null);
          if (fh) { try { await fh.sync(); } finally { await fh.close(); } }
        }
        await fsyncDir(this.queueDir);
      }
      this.unsynced.clear();
      await this.journal!.reset();
    });
  }

  /** Waits until no job write is in flight. */
  async flush(): Promise<void> {
    while (this.dirty.size > 0 || this.flushQueued || this.flushes.size > 0 || this.fileWrites.size > 0) {
      if (this.flushQueued || this.dirty.size) await new Promise((r) => setImmediate(r));
      await Promise.all([...this.flushes, ...this.fileWrites.values()]);
    }
  }

  /** Flushes, makes the files durable and closes the journal (clean shutdown). */
  async close(): Promise<void> {
    await this.flush();
    if (!this.journal) return;
    await this.compact();
    await this.journal.close();
    this.journal = null;
  }

  async loadAll(): Promise<LoadResult> {
    const names = (await readdir(this.queueDir)).filter((n) => JOB_FILE.test(n));
    const jobs: JobData[] = [];
    const corrupt: string[] = [];
    // Synchronous reads: ~6x faster than fs/promises for thousands of small files (each
    // async readFile costs several thread-pool round trips). Yield now and then so a
    // start-up with a huge queue does not starve timers.
    for (const [i, name] of names.entries()) {
      const job = await this.loadFile(join(this.queueDir, name), Number(JOB_FILE.exec(name)![1]), corrupt);
      if (job) jobs.push(job);
      if (i % LOAD_BATCH === LOAD_BATCH - 1) await new Promise((r) => setImmediate(r));
    }
    for (const j of jobs) this.noteId(j.id);
    jobs.sort((a, b) => a.id - b.id);
    return { jobs, corrupt: corrupt.sort() };
  }

  async loadArchived(id: number): Promise<JobData | undefined> {
    const path = this.archivedFile(id);
    const text = await readIfExists(path);
    if (text === null) return undefined;
    const job = parseJob(text, id);
    if (typeof job === 'string') throw new GanetiError(`Archived job file ${path} is corrupt: ${job}`);
    return job;
  }

  /** Moves a finished job's file into the archive: recorded in the journal first, so a
   * crash after the move never brings the job back into the queue on replay. The
   * candidates get the job's final state with it (common/job-archive.ts): they hold no
   * job files, and a full copy of the live queue would otherwise lose the job. */
  async archive(job: JobData): Promise<void> {
    const id = job.id;
    const dest = this.archivedFile(id);
    await ensureDir(join(dest, '..'));
    await this.fileWrites.get(id);
    const replicated = this.replica?.push([archiveEntry(JSON.stringify(job, redactSecrets))]);
    await Promise.all([this.journal!.append([`A${id}`]), replicated]);
    await rename(this.jobFile(id), dest);
    this.unsynced.delete(this.jobFile(id));
    this.unsynced.add(dest);
  }

  isDrained(): boolean { return this.drained; }

  async setDrained(drained: boolean): Promise<void> {
    if (drained) {
      await atomicWrite(this.drainFile, '');
    } else {
      try { await unlink(this.drainFile); } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await fsyncDir(this.queueDir);
    }
    this.drained = drained;
  }

  private async loadFile(path: string, id: number, corrupt: string[]): Promise<JobData | null> {
    let text: string;
    try { text = readFileSync(path, 'utf8'); } catch (err) {
      this.log.error(`Cannot read job file ${path}: ${(err as Error).message}`);
      corrupt.push(path);
      return null;
    }
    const job = parseJob(text, id);
    if (typeof job !== 'string') return job;
    corrupt.push(path);
    // Keep the evidence but out of the way, so the next start does not trip on it again.
    const aside = `${path}.corrupt-${Math.floor(Date.now() / 1000)}`;
    this.log.error(`Job file ${path} is corrupt (${job}); moved to ${aside}`);
    try { await rename(path, aside); } catch (err) {
      this.log.error(`Cannot move corrupt job file ${path} aside: ${(err as Error).message}`);
    }
    return null;
  }

  /** Every archived job's id (gnt-job list --archived reads them all, as in Ganeti). */
  async archivedIds(): Promise<number[]> {
    let buckets: string[];
    try { buckets = (await readdir(this.archiveDir)).filter((n) => /^\d+$/.test(n)); } catch { return []; }
    const ids: number[] = [];
    for (const b of buckets) {
      for (const n of await readdir(join(this.archiveDir, b)).catch(() => [] as string[])) {
        const m = JOB_FILE.exec(n);
        if (m) ids.push(Number(m[1]));
      }
    }
    return ids.sort((a, b) => a - b);
  }

  private async highestArchivedId(): Promise<number> {
    let buckets: number[];
    try {
      buckets = (await readdir(this.archiveDir)).filter((n) => /^\d+$/.test(n)).map(Number);
    } catch { return 0; }
    const top = Math.max(-1, ...buckets);
    if (top < 0) return 0;
    const ids = (await readdir(join(this.archiveDir, String(top))))
      .map((n) => JOB_FILE.exec(n)?.[1]).filter((x): x is string => x !== undefined).map(Number);
    return Math.max(0, ...ids);
  }
}

/** Parses a job file; returns the problem as a string when it is not a job. */
function parseJob(text: string, id: number): JobData | string {
  let v: unknown;
  try { v = JSON.parse(text); } catch (err) { return (err as Error).message; }
  const problem = jobShapeProblem(v);
  if (problem) return problem;
  const job = v as JobData;
  if (job.id !== id) return `file is named for job ${id} but contains job ${job.id}`;
  return job;
}
