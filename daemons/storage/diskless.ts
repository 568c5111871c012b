// The diskless template: instances without disks. Every operation succeeds and does nothing,
// so callers need no special case.
import type { CreatedDisk, StorageDisk, StorageDriver, StorageReport } from './storage-driver.js';

export class DisklessStorage implements StorageDriver {
  readonly kind = 'diskless';

  async create(disk: StorageDisk): Promise<CreatedDisk> {
    return { path: '', logical_id: [...disk.logical_id] };
  }

  async remove(): Promise<void> { /* nothing to remove */ }

  async rename(_disk: StorageDisk, newLogicalId: readonly string[]): Promise<CreatedDisk> {
    return { path: '', logical_id: [...newLogicalId] };
  }

  accessPath(): string { return ''; }

  async report(): Promise<StorageReport | null> { return null; }
}
