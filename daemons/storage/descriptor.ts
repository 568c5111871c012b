// What a disk template says about itself without running (Ganeti's DTS_* sets and IDISK
// parameters): its name, whether this build has a driver for it, what it can do, which disk
// parameters a request may give and how to load the driver. The master checks disk requests
// with descriptors only; noded loads drivers through load() (registry.ts). Nothing here
// imports driver code.
import { OpPrereqError } from '../common/errors.js';
import type { StorageDriverFactory } from './storage-driver.js';

export interface StorageCapabilities {
  /** Disks can be grown in place (DTS_GROWABLE). */
  grow: boolean;
  snapshot: boolean;
  /** A disk's content can be streamed out (exports, moves). */
  export: boolean;
  /** Every node sees the same disks (sharedfile, ext): no node-local space is used. */
  shared: boolean;
  /** internal: a secondary node holds a copy (DTS_INT_MIRROR); external: any node reaches the disks
   * (DTS_EXT_MIRROR); none: the disks are on the primary only. Failover and migration need a mirror. */
  mirror: 'none' | 'internal' | 'external';
  /** One image file per disk under a storage dir (DTS_FILEBASED): base images and overlays. */
  fileBased: boolean;
  /** gnt-instance move copies the disks to another node (DTS_COPYABLE). */
  copyable: boolean;
  /** Disks can only be adopted, never created (DTS_MUST_ADOPT). */
  mustAdopt: boolean;
}

/** A checked disk of a create or add request. */
export interface DiskSpec {
  size: number;                       // MiB; 0 only for an overlay that takes its base's size
  mode: 'rw' | 'ro';
  name: string;
  /** What the config stores in Disk.params. */
  params: Record<string, unknown>;
}

/** The template-specific part of a disk request: what goes into Disk.params. */
export interface DiskParamsCheck {
  params: Record<string, unknown>;
  /** Size 0 is allowed (an overlay takes its base image's size). */
  zeroSize?: boolean;
}

export interface StorageDescriptor {
  readonly name: string;
  /** False for Ganeti's templates this build has no driver for (known for messages only). */
  readonly supported: boolean;
  /** Ganeti's storage type reporting this template's space (mapDTToStorageType); null: none. */
  readonly storageType: string | null;
  readonly capabilities: Readonly<StorageCapabilities>;
  /** Checks the template's own keys of one disk request (after the common IDISK checks). */
  checkDiskParams(d: Readonly<Record<string, unknown>>, where: string, defaults: Readonly<Record<string, unknown>>): DiskParamsCheck;
  /** The driver, imported on first use (noded only); absent when unsupported. */
  load?(): Promise<StorageDriverFactory>;
}

export function defineTemplate(d: StorageDescriptor): StorageDescriptor {
  return Object.freeze({ ...d, capabilities: Object.freeze({ ...d.capabilities }) });
}

/** Ganeti's IDISK_PARAMS. */
export const IDISK_KEYS: readonly string[] = ['size', 'mode', 'name', 'vg', 'metavg', 'spindles', 'adopt', 'provider', 'access'];

export function invalidDisk(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/** The disk keys of a template without its own keys: Ganeti's IDISK keys (no provider, no adoption) plus `extra`. */
export function checkPlainDiskKeys(template: string, d: Readonly<Record<string, unknown>>, where: string, extra: readonly string[] = []): void {
  if (d.provider !== undefined) invalidDisk(`${where}: the 'provider' option is only valid for the ext disk template, not ${template}`);
  const allowed = [...IDISK_KEYS.filter((k) => k !== 'provider' && k !== 'adopt'), ...extra];
  const unknown = Object.keys(d).filter((k) => !allowed.includes(k));
  if (unknown.length) invalidDisk(`${where}: unknown parameter(s) ${unknown.join(', ')} for the ${template} disk template (allowed: ${allowed.join(', ')})`);
}

function sizeOf(value: unknown, where: string, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (value === 0 && !allowZero)) {
    invalidDisk(`${where}: size must be a positive number of MiB, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks one disk description of a create or add request and returns what to store: the
 * keys every template shares, then the template's own (its descriptor). `defaults` are the
 * template's disk parameters (cluster diskparams, group overrides).
 */
export function checkDiskSpec(desc: StorageDescriptor, d: Readonly<Record<string, unknown>>, where: string,
  defaults: Readonly<Record<string, unknown>> = {}): DiskSpec {
  const mode = d.mode ?? 'rw';
  if (mode !== 'rw' && mode !== 'ro') invalidDisk(`${where}: invalid access mode '${String(mode)}' (allowed: rw, ro)`);
  if (d.name !== undefined && d.name !== null && typeof d.name !== 'string') invalidDisk(`${where}: the name must be a string`);
  if (d.adopt !== undefined) invalidDisk(`${where}: disk adoption is not supported for the '${desc.name}' disk template`);
  if (d.spindles !== undefined && d.spindles !== null && (typeof d.spindles !== 'number' || !Number.isInteger(d.spindles) || d.spindles < 0)) {
    invalidDisk(`${where}: spindles must be a non-negative integer, got ${JSON.stringify(d.spindles)}`);
  }
  const name = typeof d.name === 'string' ? d.name : '';
  const { params, zeroSize } = desc.checkDiskParams(d, where, defaults);
  return { size: sizeOf(d.size, where, zeroSize === true), mode, name, params };
}
