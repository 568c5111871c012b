// The sharedfile disk template: disk images in a directory every node mounts (NFS, a cluster
// filesystem; on a virtual cluster one real directory all node roots link to). Any node can
// open a disk, but only one at a time: assembling takes a lease next to the disk naming the
// node (lease.ts), shutting down drops it, and nothing changes a disk another node has open.
import type { Paths } from '../common/paths.js';
import { FileBasedStorage } from './file-based.js';
import { checkNotOpenElsewhere, dropLease, takeLease } from './lease.js';
import { SHARED_FILE_DESCRIPTOR } from './file-descriptor.js';
import type { ReportOptions } from './storage-driver.js';

/** Ganeti's default shared file storage dir, as the config stores it (node-independent). */
export const DEFAULT_SHARED_FILE_STORAGE_DIR = '/srv/ganeti/shared-file-storage';

export class SharedFileStorage extends FileBasedStorage {
  readonly kind = SHARED_FILE_DESCRIPTOR.name;
  readonly capabilities = SHARED_FILE_DESCRIPTOR.capabilities;
  protected readonly defaultDir = DEFAULT_SHARED_FILE_STORAGE_DIR;
  protected readonly dirLabel = 'shared file storage dir';

  constructor(paths: Paths) { super(paths); }

  protected configuredDir(ctx: ReportOptions): string | undefined { return ctx.sharedFileStorageDir; }

  protected override beforeOpen(local: string, shown: string): void {
    takeLease(local, this.paths.hostname, shown);
  }

  protected override afterClose(local: string): void {
    dropLease(local, this.paths.hostname);
  }

  protected override checkChange(local: string, shown: string, action: string): void {
    checkNotOpenElsewhere(local, this.paths.hostname, shown, action);
  }
}
