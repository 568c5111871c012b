// A lowdb adapter for config.data that replaces steno: writes go through atomicWrite
// (unique temp name, fsync, rename, fsync dir; platform.md explains why steno is not
// enough), and a file that does not parse is a ConfigurationError naming the file.
// The text of the last successful write is kept so that commit hooks (replication to
// master candidates) reuse it instead of serialising the document again.
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { atomicWrite } from '../../common/atomic-file.js';
import { ConfigurationError } from '../../common/errors.js';

export interface FileAdapterOptions { mode?: number }

export class FileAdapter<T> implements Adapter<T> {
  /** JSON text of the last successful read or write (what is on disk). */
  lastText: string | null = null;

  constructor(readonly path: string, private readonly opts: FileAdapterOptions = {}) {}

  /** The parsed file, or null if it does not exist. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ConfigurationError(`Cannot read configuration file ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    let data: T;
    try {
      data = JSON.parse(text) as T;
    } catch (err) {
      throw new ConfigurationError(`Cannot parse configuration file ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    this.lastText = text;
    return data;
  }

  async write(data: T): Promise<void> {
    await this.writeText(JSON.stringify(data));
  }

  /** Writes a document already serialised (the config journal's compaction). */
  async writeText(text: string): Promise<void> {
    await atomicWrite(this.path, text, { mode: this.opts.mode ?? 0o640 });
    this.lastText = text;
  }
}
