// Block devices: the Disk's dev_type picks the storage driver; the request's storage dirs
// are node-independent (falling back to ssconf, then Ganeti's defaults) and the driver maps
// them to this node. Instances get their disks assembled before they start (sharedfile:
// the lease; ext: attach) and released after they stop.
import { readFakeCapacity } from '../../hypervisor/fake-capacity.js';
import { readSsconf } from '../../common/ssconf.js';
import { ParameterError } from '../../common/errors.js';
import { listProviders } from '../../storage/ext-provider.js';
import { listableStorageTypes } from '../../storage/descriptors.js';
import { getStorageDriver, resetOverlay } from '../../storage/registry.js';
import { DEFAULT_SHARED_FILE_STORAGE_DIR } from '../../storage/sharedfile.js';
import type { CreatedDisk, StorageContext, StorageDisk } from '../../storage/storage-driver.js';
import type { Disk__Output } from '../../../proto/generated/ganeti/Disk.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { Volume } from '../../../proto/generated/ganeti/Volume.js';
import type { StorageUnit } from '../../../proto/generated/ganeti/StorageUnit.js';
import type { ExtProviderInfo } from '../../../proto/generated/ganeti/ExtProviderInfo.js';
import { fileStorageDirFor, type NodedContext } from '../context.js';
import { parseJsonObject } from '../validate.js';

/** The storage dirs of a request (either may be empty). */
export interface StorageDirs { file_storage_dir?: string; shared_file_storage_dir?: string }

/** Storage types list-storage can report (Ganeti's STS_REPORT, of what this build has). */
export const LISTABLE_STORAGE_TYPES: readonly string[] = listableStorageTypes();

export function storageDisk(d: Disk__Output): StorageDisk {
  return {
    uuid: d.uuid, name: d.name, dev_type: d.dev_type, size: Number(d.size), logical_id: d.logical_id,
    iv_name: d.iv_name, params: parseJsonObject(d.params_json, 'disk.params_json'),
  };
}

function sharedDirFor(ctx: NodedContext, requested?: string): string {
  return requested || readSsconf(ctx.paths, 'shared_file_storage_dir') || DEFAULT_SHARED_FILE_STORAGE_DIR;
}

function storageCtx(ctx: NodedContext, dirs: StorageDirs, instanceName?: string, signal?: AbortSignal): StorageContext {
  return {
    ...(instanceName ? { instanceName } : {}),
    fileStorageDir: fileStorageDirFor(ctx, dirs.file_storage_dir),
    sharedFileStorageDir: sharedDirFor(ctx, dirs.shared_file_storage_dir),
    ...(signal ? { signal } : {}),
  };
}

export async function blockdevCreate(ctx: NodedContext, disk: Disk__Output, instanceName: string,
  fileStorageDir: string, sharedFileStorageDir = '', signal?: AbortSignal): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  const created = await driver.create(storageDisk(disk),
    storageCtx(ctx, { file_storage_dir: fileStorageDir, shared_file_storage_dir: sharedFileStorageDir }, instanceName, signal));
  ctx.logger.info(`created ${disk.dev_type} disk ${disk.uuid} of instance ${instanceName}`, { path: created.path, size: created.size ?? disk.size });
  return created;
}

export async function blockdevRemove(ctx: NodedContext, disk: Disk__Output, instanceName: string,
  fileStorageDir: string, sharedFileStorageDir = ''): Promise<void> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  await driver.remove(storageDisk(disk), storageCtx(ctx, { file_storage_dir: fileStorageDir, shared_file_storage_dir: sharedFileStorageDir }, instanceName));
  ctx.logger.info(`removed ${disk.dev_type} disk ${disk.uuid}`, { logical_id: disk.logical_id });
}

export async function blockdevRename(ctx: NodedContext, disk: Disk__Output, newLogicalId: readonly string[],
  fileStorageDir: string, sharedFileStorageDir = ''): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  const renamed = await driver.rename(storageDisk(disk), newLogicalId, storageCtx(ctx, { file_storage_dir: fileStorageDir, shared_file_storage_dir: sharedFileStorageDir }));
  ctx.logger.info(`renamed ${disk.dev_type} disk ${disk.uuid}`, { from: disk.logical_id, to: renamed.logical_id });
  return renamed;
}

export async function blockdevAssemble(ctx: NodedContext, disk: Disk__Output, dirs: StorageDirs, signal?: AbortSignal): Promise<string> {
  const path = await getStorageDriver(disk.dev_type, ctx.paths).assemble(storageDisk(disk), storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`assembled ${disk.dev_type} disk ${disk.uuid}`, { path });
  return path;
}

export async function blockdevShutdown(ctx: NodedContext, disk: Disk__Output, dirs: StorageDirs, signal?: AbortSignal): Promise<void> {
  await getStorageDriver(disk.dev_type, ctx.paths).shutdown(storageDisk(disk), storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`shut down ${disk.dev_type} disk ${disk.uuid}`);
}

export async function blockdevGrow(ctx: NodedContext, disk: Disk__Output, amount: number, dirs: StorageDirs,
  signal?: AbortSignal): Promise<number> {
  if (!Number.isInteger(amount) || amount < 0) {
    throw new ParameterError(`Field 'amount' must be a non-negative number of MiB, got ${amount}`, { ecode: 'wrong_input' });
  }
  const size = await getStorageDriver(disk.dev_type, ctx.paths).grow(storageDisk(disk), amount, storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`grew ${disk.dev_type} disk ${disk.uuid} by ${amount} MiB`, { size });
  return size;
}

export async function blockdevSnapshot(ctx: NodedContext, disk: Disk__Output, snapName: string, dirs: StorageDirs,
  signal?: AbortSignal): Promise<CreatedDisk> {
  return getStorageDriver(disk.dev_type, ctx.paths).snapshot(storageDisk(disk), snapName, storageCtx(ctx, dirs, undefined, signal));
}

/** Discards what the guest wrote to an overlay disk (qcow2 on a base image); the size is kept. */
export async function blockdevResetOverlay(ctx: NodedContext, disk: Disk__Output, dirs: StorageDirs,
  signal?: AbortSignal): Promise<CreatedDisk> {
  const r = await resetOverlay(ctx.paths, storageDisk(disk), storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`reset overlay disk ${disk.uuid} to its base image`, { path: r.path });
  return r;
}

/**
 * Assembles every disk of an instance on this node (in order) and returns their paths; on a
 * failure the disks assembled by this call are shut down again.
 */
export async function assembleInstanceDisks(ctx: NodedContext, inst: Instance__Output, signal?: AbortSignal): Promise<string[]> {
  const done: Disk__Output[] = [];
  const paths: string[] = [];
  try {
    for (const d of inst.disks) {
      if (!d.dev_type || d.dev_type === 'diskless') { paths.push(''); continue; }
      paths.push(await blockdevAssemble(ctx, d, {}, signal));
      done.push(d);
    }
  } catch (err) {
    for (const d of done.reverse()) await blockdevShutdown(ctx, d, {}).catch(() => undefined);
    throw err;
  }
  return paths;
}

/** Shuts down every disk of a stopped instance; failures are logged, not raised (the instance is down). */
export async function shutdownInstanceDisks(ctx: NodedContext, inst: Instance__Output): Promise<void> {
  for (const d of inst.disks) {
    if (!d.dev_type || d.dev_type === 'diskless') continue;
    await blockdevShutdown(ctx, d, {}).catch((err: unknown) =>
      ctx.logger.warn(`could not shut down disk ${d.iv_name} of ${inst.name}: ${(err as Error).message}`));
  }
}

/** Every file and sharedfile volume on this node (gnt-node volumes). */
export async function nodeVolumes(ctx: NodedContext, dirs: StorageDirs): Promise<Volume[]> {
  const opts = { fileStorageDir: fileStorageDirFor(ctx, dirs.file_storage_dir), sharedFileStorageDir: sharedDirFor(ctx, dirs.shared_file_storage_dir) };
  const out: Volume[] = [];
  for (const type of LISTABLE_STORAGE_TYPES) {
    for (const v of await getStorageDriver(type, ctx.paths).listVolumes(opts)) out.push({ type, ...v });
  }
  return out;
}

/** The storage units of one type (gnt-node list-storage): one per storage dir. */
export async function storageList(ctx: NodedContext, type: string, dirs: StorageDirs): Promise<StorageUnit[]> {
  if (!LISTABLE_STORAGE_TYPES.includes(type)) {
    throw new ParameterError(`Storage type '${type}' cannot be listed (allowed: ${LISTABLE_STORAGE_TYPES.join(', ')})`, { ecode: 'wrong_input' });
  }
  const fileStorageDir = fileStorageDirFor(ctx, dirs.file_storage_dir);
  const sharedFileStorageDir = sharedDirFor(ctx, dirs.shared_file_storage_dir);
  // A virtual node's own disk capacity applies to its own file storage; shared storage is
  // not the node's, so it reports the real filesystem.
  const totalMiB = type === 'file' ? (readFakeCapacity(ctx.paths.fakeCapacityFile)?.disk ?? null) : null;
  const r = await getStorageDriver(type, ctx.paths).report({ fileStorageDir, sharedFileStorageDir, totalMiB });
  if (!r) return [];
  const name = type === 'file' ? fileStorageDir : sharedFileStorageDir;
  return [{ type, name, size: r.total, used: r.used, free: r.free, allocatable: true }];
}

export function extStorageDiagnose(ctx: NodedContext): ExtProviderInfo[] {
  return listProviders(ctx.paths).map((p) => ({
    name: p.name, path: p.path, valid: p.valid, diagnose: p.diagnose, parameters: p.parameters.map(([n]) => n),
  }));
}

/**
 * Where this node finds each disk: computed from the disk itself (never trusting a path sent
 * by a peer when the driver can compute it), falling back to the request's disk_paths.
 */
export function diskAccessPaths(ctx: NodedContext, disks: readonly Disk__Output[], given: readonly string[]): string[] {
  const fileStorageDir = fileStorageDirFor(ctx);
  const sharedFileStorageDir = sharedDirFor(ctx);
  return disks.map((d, i) => {
    if (d.dev_type && d.logical_id.length > 0) {
      const p = getStorageDriver(d.dev_type, ctx.paths).accessPath(storageDisk(d), { fileStorageDir, sharedFileStorageDir });
      if (p) return p;
    }
    return given[i] ?? '';
  });
}
