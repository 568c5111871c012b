// The diskless template: instances without disks. Every operation succeeds and does nothing
// (there is never a disk to act on), so callers need no special case.
import { Readable } from 'node:stream';
import { DISKLESS_DESCRIPTOR } from './diskless-descriptor.js';
import type {
  CreatedDisk, ExportStream, StorageDisk, StorageDriver, StorageReport, VolumeInfo,
} from './storage-driver.js';

export class DisklessStorage implements StorageDriver {
  readonly kind = DISKLESS_DESCRIPTOR.name;
  readonly capabilities = DISKLESS_DESCRIPTOR.capabilities;

  async create(disk: StorageDisk): Promise<CreatedDisk> {
    return { path: '', logical_id: [...disk.logical_id], size: 0 };
  }

  async remove(): Promise<void> { /* nothing to remove */ }

  async rename(_disk: StorageDisk, newLogicalId: readonly string[]): Promise<CreatedDisk> {
    return { path: '', logical_id: [...newLogicalId] };
  }

  async assemble(): Promise<string> { return ''; }
  async shutdown(): Promise<void> { /* nothing attached */ }
  async grow(disk: StorageDisk): Promise<number> { return disk.size; }
  async snapshot(disk: StorageDisk): Promise<CreatedDisk> { return { path: '', logical_id: [...disk.logical_id], size: 0 }; }

  async exportStream(): Promise<ExportStream> {
    return { format: 'raw', size: 0, stream: Readable.from([]), done: async () => undefined };
  }

  accessPath(): string { return ''; }
  async usage(): Promise<{ size: number; used: number } | null> { return { size: 0, used: 0 }; }
  async report(): Promise<StorageReport | null> { return null; }
  async listVolumes(): Promise<VolumeInfo[]> { return []; }
}
