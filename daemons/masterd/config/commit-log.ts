// The master's side of the config journal (common/config-journal.ts): each commit is one
// entry appended to config.journal and fdatasynced (the commit is durable then), and kept in
// memory with the text of config.data it follows, so replication sends a candidate the
// entries after the serial it holds, or a full copy (config.data's text + the entries)
// without serialising the document again. When the journal outgrows config.data (at least
// COMPACT_MIN_BYTES), the next commit's full text is written to config.data (atomic,
// fsynced) and the journal is emptied: the bytes written per commit stay proportional to the
// change (about twice the entry, amortised), and a restart replays at most one file's worth.
import { unlink } from 'node:fs/promises';
import { fsyncDir } from '../../common/atomic-file.js';
import { configJournalPath, readConfigJournal, replayDeltas } from '../../common/config-journal.js';
import { Journal } from '../../common/journal.js';
import type { Logger } from '../../common/log.js';
import { dirname } from 'node:path';

export const COMPACT_MIN_BYTES = 1 << 20;

/** What replication needs from a commit. */
export interface ConfigCommit {
  serial: number;
  /** This commit's journal entry; null when the store writes whole files (no journal). */
  delta: string | null;
  /** A full copy of the newest durable state: config.data's text at fullSerial, then the entries after it. */
  copy(): { full: string; fullSerial: number; deltas: string[] };
  /** The entries after `serial` up to the newest durable commit; null when they are no longer
   * kept (the candidate needs a full copy). */
  deltasSince(serial: number): string[] | null;
}

/** A commit that is a whole document (a store without a journal, or a redistribution). */
export function wholeCommit(text: string, serial: number): ConfigCommit {
  return { serial, delta: null, copy: () => ({ full: text, fullSerial: serial, deltas: [] }), deltasSince: () => null };
}

export class CommitLog {
  /** Entries after baseSerial, oldest first (what the journal holds). */
  private entries: { serial: number; payload: string }[] = [];
  /** The journal's last append failed (a torn line may be left): compact before the next one. */
  private broken = false;

  private constructor(readonly path: string, private journal: Journal, private baseText: string, private baseSerial: number,
    private readonly log: Logger, private readonly minBytes: number) {}

  /**
   * Opens the journal next to `confFile`, replaying its entries onto `doc` (config.data, whose
   * text is fileText). A torn last entry (never acknowledged) is cut with a warning; damage
   * followed by intact entries is a ConfigurationError (readConfigJournal).
   */
  static async open(confFile: string, doc: { serial_no: number }, fileText: string, log: Logger,
    minBytes = COMPACT_MIN_BYTES): Promise<CommitLog> {
    const path = configJournalPath(confFile);
    const { entries, cut } = await readConfigJournal(path);
    const fileSerial = doc.serial_no;
    const applied = replayDeltas(doc, entries, path);
    const { journal } = await Journal.open(path, 0o600);
    await fsyncDir(dirname(path));
    if (cut) log.warn(`Configuration journal ${path}: cut ${cut} bytes of a torn last entry (a change never acknowledged)`);
    if (applied.length) log.info(`Configuration journal ${path}: replayed ${applied.length} changes onto serial ${fileSerial}, now at serial ${doc.serial_no}`);
    const self = new CommitLog(path, journal, fileText, fileSerial, log, minBytes);
    self.entries = applied.map((payload, i) => ({ serial: fileSerial + i + 1, payload }));
    return self;
  }

  /** A journal left behind by an earlier cluster or a replaced config.data is removed. */
  static async discard(confFile: string): Promise<void> {
    await unlink(configJournalPath(confFile)).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
  }

  /** Whether the next commit should also rewrite config.data (journal larger than the file). */
  compactionDue(nextBytes: number): boolean {
    return this.journal.size() + nextBytes > Math.max(this.minBytes, this.baseText.length);
  }

  /** The last append failed and may have left a torn line: the next commit must be a whole
   * config.data (compact) instead of an append after it. */
  needsRepair(): boolean { return this.broken; }

  /** Appends one commit's entry; durable when it resolves. */
  async append(serial: number, payload: string): Promise<void> {
    try {
      await this.journal.append([payload]);
    } catch (err) {
      this.broken = true;
      throw err;
    }
    this.entries.push({ serial, payload });
  }

  /** Makes `fullText` (the document at serial `serial`, the newest entry) config.data and empties the journal. */
  async compact(serial: number, fullText: string, writeFull: (text: string) => Promise<void>): Promise<void> {
    await this.journal.exclusive(async () => {
      await writeFull(fullText);
      await this.journal.reset();
    });
    this.baseText = fullText;
    this.baseSerial = serial;
    this.entries = [];
    this.broken = false;
    this.log.debug(`configuration journal compacted into config.data at serial ${serial}`);
  }

  /** The state as of the newest durable commit, rebuilt (after a failed write). */
  replayOnto<T extends { serial_no: number }>(parse: (text: string) => T): T {
    const doc = parse(this.baseText);
    replayDeltas(doc, this.entries.map((e) => e.payload), this.path);
    return doc;
  }

  size(): number { return this.journal.size(); }
  stats(): { flushes: number; entries: number; bytes: number } { return this.journal.stats; }

  commit(serial: number, delta: string | null): ConfigCommit {
    return {
      serial,
      delta,
      copy: () => ({ full: this.baseText, fullSerial: this.baseSerial, deltas: this.entries.map((e) => e.payload) }),
      deltasSince: (s) => {
        if (s < this.baseSerial) return null;
        const newest = this.entries.at(-1)?.serial ?? this.baseSerial;
        if (s > newest) return null;
        return this.entries.filter((e) => e.serial > s).map((e) => e.payload);
      },
    };
  }

  async close(): Promise<void> { await this.journal.close(); }
}
