// The real ConfigStore (group commit, undo of failed mutators, name index, reservations) on
// an in-memory document instead of config.data: LU tests see exactly the master's config
// semantics without touching the disk. A test can make the next writes fail.
import { ConfigStore, FileAdapter, nullLogger, type ClusterConfig } from './masterd.js';

/** A FileAdapter that keeps the text in memory; `failWrites` makes that many writes fail. */
export class MemoryAdapter extends FileAdapter<ClusterConfig> {
  failWrites = 0;
  writes = 0;

  constructor() { super('/nonexistent/memory-config/config.data'); }

  override async read(): Promise<ClusterConfig | null> {
    return this.lastText === null ? null : JSON.parse(this.lastText) as ClusterConfig;
  }

  override async write(data: ClusterConfig): Promise<void> {
    if (this.failWrites > 0) {
      this.failWrites--;
      throw Object.assign(new Error('ENOSPC: no space left on device (injected by the test)'), { code: 'ENOSPC' });
    }
    this.lastText = JSON.stringify(data);
    this.writes++;
  }
}

export interface MemoryConfig { store: ConfigStore; adapter: MemoryAdapter }

/** A ConfigStore holding a copy of `initial` (the caller's object is never changed). */
export async function memoryConfigStore(initial: ClusterConfig): Promise<MemoryConfig> {
  const adapter = new MemoryAdapter();
  const store = await ConfigStore.create(adapter.path, initial, { adapter, log: nullLogger });
  return { store, adapter };
}
