// Block devices (the Blockdev*, NodeVolumes, StorageList and ExtStorageDiagnose RPCs): the
// Disk's dev_type picks the storage driver; the storage dirs are the node's own (ssconf,
// checked against its file-storage-paths: storage-paths.ts; a request may only repeat them)
// and the driver maps them to this node. Instances get their disks assembled before they start (sharedfile:
// the lease; ext: attach) and released after they stop.
import { readFakeCapacity } from '../../hypervisor/fake-capacity.js';
import { BlockDeviceError, ParameterError } from '../../common/errors.js';
import { listProviders } from '../../storage/ext-provider.js';
import { listableStorageTypes } from '../../storage/descriptors.js';
import { getStorageDriver, resetOverlay } from '../../storage/registry.js';
import type { CreatedDisk, StorageContext, StorageDisk } from '../../storage/storage-driver.js';
import type { BlockdevGrowRequest__Output } from '../../../proto/generated/ganeti/BlockdevGrowRequest.js';
import type { BlockdevRenameRequest__Output } from '../../../proto/generated/ganeti/BlockdevRenameRequest.js';
import type { BlockdevRequest__Output } from '../../../proto/generated/ganeti/BlockdevRequest.js';
import type { BlockdevSnapshotRequest__Output } from '../../../proto/generated/ganeti/BlockdevSnapshotRequest.js';
import type { Disk__Output } from '../../../proto/generated/ganeti/Disk.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { NodeVolumesRequest__Output } from '../../../proto/generated/ganeti/NodeVolumesRequest.js';
import type { StorageListRequest__Output } from '../../../proto/generated/ganeti/StorageListRequest.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { Volume } from '../../../proto/generated/ganeti/Volume.js';
import type { StorageUnit } from '../../../proto/generated/ganeti/StorageUnit.js';
import type { ExtProviderInfo } from '../../../proto/generated/ganeti/ExtProviderInfo.js';
import type { NodedContext } from '../context.js';
import { nodeStorageDirs } from '../storage-paths.js';
import { invalid, parseJsonObject, required, safeName } from '../validate.js';

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

/** The driver's context: the node's own storage dirs (checked when read, storage-paths.ts). */
export function storageCtx(ctx: NodedContext, dirs: StorageDirs, instanceName?: string, signal?: AbortSignal): StorageContext {
  const sc = nodeStorageDirs(ctx.paths, dirs) as StorageContext;
  if (instanceName) sc.instanceName = instanceName;
  if (signal) sc.signal = signal;
  return sc;
}

export function checkDisk(disk: Disk__Output | null): Disk__Output {
  const d = required(disk, 'disk');
  required(d.dev_type, 'disk.dev_type');
  return d;
}

export async function blockdevCreate(ctx: NodedContext, req: BlockdevRequest__Output, signal: AbortSignal): Promise<CreatedDisk> {
  const disk = checkDisk(req.disk);
  const instanceName = safeName(req.instance_name, 'instance_name');
  const created = await getStorageDriver(disk.dev_type, ctx.paths).create(storageDisk(disk), storageCtx(ctx, req, instanceName, signal));
  ctx.logger.info(`created ${disk.dev_type} disk ${disk.uuid} of instance ${instanceName}`, { path: created.path, size: created.size ?? disk.size });
  return created;
}

export async function blockdevRemove(ctx: NodedContext, req: BlockdevRequest__Output): Promise<Empty> {
  const disk = checkDisk(req.disk);
  if (req.instance_name) safeName(req.instance_name, 'instance_name');
  await getStorageDriver(disk.dev_type, ctx.paths).remove(storageDisk(disk), storageCtx(ctx, req, req.instance_name));
  ctx.logger.info(`removed ${disk.dev_type} disk ${disk.uuid}`, { logical_id: disk.logical_id });
  return {};
}

export async function blockdevRename(ctx: NodedContext, req: BlockdevRenameRequest__Output): Promise<CreatedDisk> {
  const disk = checkDisk(req.disk);
  if (req.new_logical_id.length === 0) throw invalid("Missing required field 'new_logical_id'");
  const renamed = await getStorageDriver(disk.dev_type, ctx.paths).rename(storageDisk(disk), req.new_logical_id, storageCtx(ctx, req));
  ctx.logger.info(`renamed ${disk.dev_type} disk ${disk.uuid}`, { from: disk.logical_id, to: renamed.logical_id });
  return renamed;
}

/** One disk made usable here (sharedfile: its lease; ext: attached); returns its path. */
export async function assembleDisk(ctx: NodedContext, disk: Disk__Output, dirs: StorageDirs, signal?: AbortSignal): Promise<string> {
  const path = await getStorageDriver(disk.dev_type, ctx.paths).assemble(storageDisk(disk), storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`assembled ${disk.dev_type} disk ${disk.uuid}`, { path });
  return path;
}

export async function shutdownDisk(ctx: NodedContext, disk: Disk__Output, dirs: StorageDirs, signal?: AbortSignal): Promise<void> {
  await getStorageDriver(disk.dev_type, ctx.paths).shutdown(storageDisk(disk), storageCtx(ctx, dirs, undefined, signal));
  ctx.logger.info(`shut down ${disk.dev_type} disk ${disk.uuid}`);
}

export async function blockdevAssemble(ctx: NodedContext, req: BlockdevRequest__Output, signal: AbortSignal): Promise<{ path: string }> {
  return { path: await assembleDisk(ctx, checkDisk(req.disk), req, signal) };
}

export async function blockdevShutdown(ctx: NodedContext, req: BlockdevRequest__Output, signal: AbortSignal): Promise<Empty> {
  await shutdownDisk(ctx, checkDisk(req.disk), req, signal);
  return {};
}

export async function blockdevGrow(ctx: NodedContext, req: BlockdevGrowRequest__Output, signal: AbortSignal): Promise<{ size: number }> {
  const disk = checkDisk(req.disk);
  const amount = Number(req.amount);
  if (!Number.isInteger(amount) || amount < 0) {
    throw new ParameterError(`Field 'amount' must be a non-negative number of MiB, got ${amount}`, { ecode: 'wrong_input' });
  }
  const size = await getStorageDriver(disk.dev_type, ctx.paths).grow(storageDisk(disk), amount, storageCtx(ctx, req, undefined, signal));
  ctx.logger.info(`grew ${disk.dev_type} disk ${disk.uuid} by ${amount} MiB`, { size });
  return { size };
}

export async function blockdevSnapshot(ctx: NodedContext, req: BlockdevSnapshotRequest__Output, signal: AbortSignal): Promise<CreatedDisk> {
  const disk = checkDisk(req.disk);
  return getStorageDriver(disk.dev_type, ctx.paths).snapshot(storageDisk(disk), safeName(req.snap_name, 'snap_name'), storageCtx(ctx, req, undefined, signal));
}

/** Discards what the guest wrote to an overlay disk (qcow2 on a base image); the size is kept. */
export async function blockdevResetOverlay(ctx: NodedContext, req: BlockdevRequest__Output, signal: AbortSignal): Promise<Empty> {
  const disk = checkDisk(req.disk);
  safeName(req.instance_name, 'instance_name');
  const r = await resetOverlay(ctx.paths, storageDisk(disk), storageCtx(ctx, req, undefined, signal));
  ctx.logger.info(`reset overlay disk ${disk.uuid} to its base image`, { path: r.path });
  return {};
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
      paths.push(await assembleDisk(ctx, d, {}, signal));
      done.push(d);
    }
  } catch (err) {
    for (const d of done.reverse()) await shutdownDisk(ctx, d, {}).catch(() => undefined);
    throw err;
  }
  return paths;
}

/** Shuts down every disk of a stopped instance; failures are logged, not raised (the instance is down). */
export async function shutdownInstanceDisks(ctx: NodedContext, inst: Instance__Output): Promise<void> {
  for (const d of inst.disks) {
    if (!d.dev_type || d.dev_type === 'diskless') continue;
    await shutdownDisk(ctx, d, {}).catch((err: unknown) =>
      ctx.logger.warn(`could not shut down disk ${d.iv_name} of ${inst.name}: ${(err as Error).message}`));
  }
}

/** Every file and sharedfile volume on this node (gnt-node volumes). */
export async function nodeVolumes(ctx: NodedContext, dirs: NodeVolumesRequest__Output): Promise<{ volumes: Volume[] }> {
  const opts = nodeStorageDirs(ctx.paths, dirs);
  const volumes: Volume[] = [];
  for (const type of LISTABLE_STORAGE_TYPES) {
    let found;
    try { found = await getStorageDriver(type, ctx.paths).listVolumes(opts); } catch (err) {
      // A dir this node does not accept holds no disk of ours: nothing to list there.
      if (err instanceof BlockDeviceError && err.ecode === 'environment_error') { ctx.logger.debug(err.message); continue; }
      throw err;
    }
    for (const v of found) volumes.push({ type, ...v });
  }
  return { volumes };
}

/** The storage units of one type (gnt-node list-storage): one per storage dir. */
export async function storageList(ctx: NodedContext, req: StorageListRequest__Output): Promise<{ units: StorageUnit[] }> {
  const type = required(req.storage_type, 'storage_type');
  if (!LISTABLE_STORAGE_TYPES.includes(type)) {
    throw new ParameterError(`Storage type '${type}' cannot be listed (allowed: ${LISTABLE_STORAGE_TYPES.join(', ')})`, { ecode: 'wrong_input' });
  }
  const dirs = nodeStorageDirs(ctx.paths, req);
  // A virtual node's own disk capacity applies to its own file storage; shared storage is
  // not the node's, so it reports the real filesystem.
  const totalMiB = type === 'file' ? (readFakeCapacity(ctx.paths.fakeCapacityFile)?.disk ?? null) : null;
  const r = await getStorageDriver(type, ctx.paths).report(Object.assign(dirs, { totalMiB }));
  if (!r) return { units: [] };
  const name = type === 'file' ? dirs.fileStorageDir : dirs.sharedFileStorageDir;
  return { units: [{ type, name, size: r.total, used: r.used, free: r.free, allocatable: true }] };
}

export async function extStorageDiagnose(ctx: NodedContext): Promise<{ providers: ExtProviderInfo[] }> {
  return {
    providers: listProviders(ctx.paths).map((p) => ({
      name: p.name, path: p.path, valid: p.valid, diagnose: p.diagnose, parameters: p.parameters.map(([n]) => n),
    })),
  };
}

/** Where this node finds each disk, computed from the disk's logical id by its storage
 * driver: a node never opens a path that a peer sent it. */
export function diskAccessPaths(ctx: NodedContext, disks: readonly Disk__Output[]): string[] {
  const dirs = nodeStorageDirs(ctx.paths);
  return disks.map((d) => (d.dev_type && d.logical_id.length > 0
    ? getStorageDriver(d.dev_type, ctx.paths).accessPath(storageDisk(d), dirs)
    : ''));
}

/** Ganeti's blockdev_getdimensions: the size the disk really has (repair-disk-sizes). */
export async function blockdevGetDimensions(ctx: NodedContext, req: BlockdevRequest__Output, signal: AbortSignal): Promise<{ found: boolean; size: number }> {
  const disk = checkDisk(req.disk);
  const u = await getStorageDriver(disk.dev_type, ctx.paths).usage(storageDisk(disk), storageCtx(ctx, req, undefined, signal));
  return u ? { found: true, size: u.size } : { found: false, size: 0 };
}
