// The StorageDriver interface (STYLE.md 2.2): one driver per disk template, registered by
// kind. Drivers get node-independent identifiers (logical_id, storage dirs) and map them to
// this node's paths themselves, so the master never sends a node-local path.
import type { Readable } from 'node:stream';
import type { Paths } from '../common/paths.js';
import type { StorageCapabilities } from './descriptor.js';

export type { StorageCapabilities } from './descriptor.js';

/** The disk fields a driver uses (a subset of the proto Disk / config Disk). */
export interface StorageDisk {
  uuid: string;
  name?: string;
  dev_type: string;
  size: number;                       // MiB
  logical_id: readonly string[];
  iv_name?: string;                   // disk/0: ext volume names carry the index
  /** Per-disk parameters: file {format, backing, backing_format}; ext {provider, <ext params>}. */
  params?: Readonly<Record<string, unknown>>;
}

export interface StorageContext {
  /** Owner of the disk; file disks live in <storage dir>/<instance>/. */
  instanceName?: string;
  /** Cluster's file storage dir, node-independent (/srv/ganeti/file-storage); default when empty. */
  fileStorageDir?: string;
  /** Cluster's shared file storage dir, node-independent; default when empty. */
  sharedFileStorageDir?: string;
  signal?: AbortSignal;
}

export interface CreatedDisk {
  path: string;                       // where this node's hypervisor and OS scripts find the disk
  logical_id: string[];               // node-independent, to store in the config
  /** Size in MiB when the driver decided it (an overlay of size 0 takes its base's size). */
  size?: number;
}

export interface StorageReport { total: number; free: number; used: number }   // MiB

export interface ReportOptions {
  fileStorageDir?: string;
  sharedFileStorageDir?: string;
  /** Capacity to report instead of the filesystem's (virtual nodes: fake-node.json "disk"). */
  totalMiB?: number | null;
}

/** One volume as `gnt-node volumes` shows it (Ganeti's node_volumes: dev, vg, name, size). */
export interface VolumeInfo {
  phys: string;                       // where the data really is on this node
  vg: string;                         // the pool: the storage dir (node-independent)
  name: string;                       // the volume: the disk file (node-independent)
  size: number;                       // MiB (virtual size)
}

/** A disk's content as a byte stream, for exports and copies between nodes. */
export interface ExportStream {
  format: 'raw' | 'qcow2';
  size: number;                       // bytes in the stream
  stream: Readable;
  /** Releases what the export needed (temporary files, attachments); call once the stream ended or failed. */
  done(): Promise<void>;
}

export interface StorageDriver {
  readonly kind: string;
  /** The descriptor's capabilities (descriptor.ts). */
  readonly capabilities: Readonly<StorageCapabilities>;
  create(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk>;
  /** Removing a disk that is already gone succeeds (Ganeti: idempotent removal for rollback). */
  remove(disk: StorageDisk, ctx: StorageContext): Promise<void>;
  rename(disk: StorageDisk, newLogicalId: readonly string[], ctx: StorageContext): Promise<CreatedDisk>;
  /** Makes the disk usable on this node (attach, open, take the lease) and returns its path; idempotent. */
  assemble(disk: StorageDisk, ctx: StorageContext): Promise<string>;
  /** Undoes assemble (detach, close, drop the lease); idempotent. */
  shutdown(disk: StorageDisk, ctx: StorageContext): Promise<void>;
  /** Grows the disk by amountMiB (Ganeti's blockdev_grow); returns the new size in MiB. */
  grow(disk: StorageDisk, amountMiB: number, ctx: StorageContext): Promise<number>;
  /** A point-in-time copy named snapName, as a disk of the same driver. */
  snapshot(disk: StorageDisk, snapName: string, ctx: StorageContext): Promise<CreatedDisk>;
  exportStream(disk: StorageDisk, ctx: StorageContext): Promise<ExportStream>;
  /** Puts a snapshot's content back into the disk (same path); drivers with capabilities.snapshot. */
  revert?(disk: StorageDisk, snapshotLogicalId: readonly string[], ctx: StorageContext): Promise<void>;
  /** The path without side effects; '' when only assemble can tell (ext before attach). */
  accessPath(disk: StorageDisk, ctx: StorageContext): string;
  /** Size and space used of one disk in MiB; null when it does not exist. */
  usage(disk: StorageDisk, ctx: StorageContext): Promise<{ size: number; used: number } | null>;
  /** Space report of the storage pool; null when this kind has nothing to report (diskless, ext). */
  report(opts: ReportOptions): Promise<StorageReport | null>;
  /** Every volume in the pool (gnt-node volumes). */
  listVolumes(opts: ReportOptions): Promise<VolumeInfo[]>;
}

export type StorageDriverFactory = (paths: Paths) => StorageDriver;
