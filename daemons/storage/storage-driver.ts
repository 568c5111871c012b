// The StorageDriver interface (STYLE.md 2.2): one driver per disk template, registered by
// kind. Drivers get node-independent identifiers (logical_id, file storage dir) and map them
// to this node's paths themselves, so the master never sends a node-local path.
import type { Paths } from '../common/paths.js';

/** The disk fields a driver uses (a subset of the proto Disk / config Disk). */
export interface StorageDisk {
  uuid: string;
  name?: string;
  dev_type: string;
  size: number;                       // MiB
  logical_id: readonly string[];
}

export interface StorageContext {
  /** Owner of the disk; file disks live in <file storage dir>/<instance>/. */
  instanceName?: string;
  /** Cluster's file storage dir, node-independent (/srv/ganeti/file-storage); default when empty. */
  fileStorageDir?: string;
}

export interface CreatedDisk {
  path: string;                       // where this node's hypervisor and OS scripts find the disk
  logical_id: string[];               // node-independent, to store in the config
}

export interface StorageReport { total: number; free: number }   // MiB

export interface ReportOptions {
  fileStorageDir?: string;
  /** Capacity to report instead of the filesystem's (virtual nodes: fake-node.json "disk"). */
  totalMiB?: number | null;
}

export interface StorageDriver {
  readonly kind: string;
  create(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk>;
  /** Removing a disk that is already gone succeeds (Ganeti: idempotent removal for rollback). */
  remove(disk: StorageDisk, ctx: StorageContext): Promise<void>;
  rename(disk: StorageDisk, newLogicalId: readonly string[], ctx: StorageContext): Promise<CreatedDisk>;
  accessPath(disk: StorageDisk, ctx: StorageContext): string;
  /** Space report; null when this kind has nothing to report (diskless). */
  report(opts: ReportOptions): Promise<StorageReport | null>;
}

export type StorageDriverFactory = (paths: Paths) => StorageDriver;
