// An append-only journal with group commit: the entries appended while one write is on its
// way share the next write and its single flush, so a burst of changes to many files
// costs one disk flush instead of one per file. The file is opened O_DSYNC: each write
// returns once its data is on disk, as a write and an fdatasync would, in one trip through
// libuv's thread pool instead of two (each trip is a wake-up of a pool thread and of the
// event loop; docs/scaling.md, round 15). Each entry is one line, `CRC32 PAYLOAD`
// (the payload has no newline; JSON text never has a raw one); on open, a torn or corrupt
// tail (a crash in the middle of an append) is cut off at the first bad line, and the valid
// entries before it are returned for replay. The owner decides when everything the journal
// records is durable elsewhere and then resets it (compaction).
import { execFile } from 'node:child_process';
import { constants as fsc } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { deferred, type Deferred } from './async.js';

const NL = 0x0a;

/** Appends that are durable when the write returns (O_DSYNC: data, and the metadata needed
 * to read it back, such as the file's size). */
const DURABLE_APPEND = fsc.O_RDWR | fsc.O_CREAT | fsc.O_APPEND | fsc.O_DSYNC;

/** Splits journal bytes into valid payloads; `valid` is the length of the intact prefix. */
export function parseJournal(buf: Buffer): { entries: string[]; valid: number } {
  const entries: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const end = buf.indexOf(NL, pos);
    if (end < 0) break;                                   // torn last line
    const line = buf.toString('utf8', pos, end);
    const sp = line.indexOf(' ');
    const payload = line.slice(sp + 1);
    if (sp !== 8 || Number.parseInt(line.slice(0, 8), 16) !== crc32(payload) || !/^[0-9a-f]{8}$/.test(line.slice(0, 8))) break;
    entries.push(payload);
    pos = end + 1;
  }
  return { entries, valid: pos };
}

export function journalLine(payload: string): string {
  return `${crc32(payload).toString(16).padStart(8, '0')} ${payload}\n`;
}

export class Journal {
  private pending: string[] = [];
  private waiters: Deferred<void>[] = [];
  private running: Promise<void> | null = null;
  private bytes: number;
  /** Statistics: flushes (durable writes) and entries written since open. */
  readonly stats = { flushes: 0, entries: 0, bytes: 0 };

  private constructor(readonly path: string, private readonly fh: FileHandle, size: number) { this.bytes = size; }

  /** Opens (creating) the journal; returns the valid entries and cuts off a bad tail. */
  static async open(path: string, mode = 0o600): Promise<{ journal: Journal; entries: string[]; cut: number }> {
    const fh = await open(path, DURABLE_APPEND, mode);
    try {
      const buf = await fh.readFile();
      const { entries, valid } = parseJournal(buf);
      if (valid < buf.length) { await fh.truncate(valid); await fh.datasync(); }
      return { journal: new Journal(path, fh, valid), entries, cut: buf.length - valid };
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** Size in bytes of what the journal holds. */
  size(): number { return this.bytes; }

  /** Resolves once the payloads (and everything appended before them) are on disk. */
  append(payloads: string[]): Promise<void> {
    for (const p of payloads) this.pending.push(journalLine(p));
    const d = deferred<void>();
    this.waiters.push(d);
    this.running ??= this.loop();
    return d.promise;
  }

  /** Runs fn while no append is being written (appends made meanwhile wait for it). */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this.running) await this.running;
      // An append may have started the loop again between the wait and here.
      if (this.running) continue;
      const d = deferred<void>();
      this.running = d.promise;
      try { return await fn(); } finally {
        this.running = null;
        d.resolve();
        if (this.waiters.length) this.running = this.loop();
      }
    }
  }

  /** Empties the journal (call inside exclusive(), once its entries are durable elsewhere). */
  async reset(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.datasync();
    this.bytes = 0;
  }

  async close(): Promise<void> {
    while (this.running) await this.running;
    await this.fh.close();
  }

  private async loop(): Promise<void> {
    try {
      while (this.waiters.length) {
        const lines = this.pending; const waiters = this.waiters;
        this.pending = []; this.waiters = [];
        try {
          const buf = Buffer.from(lines.join(''));
          if (buf.length) {
            // A write to a nearly full disk can be short without an error: write the rest,
            // so that the error (ENOSPC) surfaces instead of a torn entry reported durable.
            for (let off = 0; off < buf.length;) off += (await this.fh.write(buf, off, buf.length - off, null)).bytesWritten;
            this.bytes += buf.length;
            this.stats.flushes++; this.stats.entries += lines.length; this.stats.bytes += buf.length;
          }
          for (const w of waiters) w.resolve();
        } catch (err) {
          for (const w of waiters) w.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}

/**
 * Makes everything written to the file systems holding `paths` durable with one syncfs(2)
 * (coreutils `sync -f`), instead of an fsync per file; false when that is not available
 * (the caller then fsyncs its files one by one).
 */
export function syncFileSystems(paths: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('sync', ['-f', ...paths], { timeout: 300_000 }, (err) => resolve(!err));
  });
}
