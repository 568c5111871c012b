// Block devices: the Disk's dev_type picks the storage driver; the request's file storage dir
// is node-independent and the driver maps it to this node.
import { getStorageDriver } from '../../storage/registry.js';
import type { CreatedDisk, StorageDisk } from '../../storage/storage-driver.js';
import type { Disk__Output } from '../../../proto/generated/ganeti/Disk.js';
import { fileStorageDirFor, type NodedContext } from '../context.js';

export function storageDisk(d: Disk__Output): StorageDisk {
  return { uuid: d.uuid, name: d.name, dev_type: d.dev_type, size: d.size, logical_id: d.logical_id };
}

export async function blockdevCreate(ctx: NodedContext, disk: Disk__Output, instanceName: string,
  fileStorageDir: string): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  const created = await driver.create(storageDisk(disk), { instanceName, fileStorageDir: fileStorageDirFor(ctx, fileStorageDir) });
  ctx.logger.info(`created ${disk.dev_type} disk ${disk.uuid} of instance ${instanceName}`, { path: created.path, size: disk.size });
  return created;
}

export async function blockdevRemove(ctx: NodedContext, disk: Disk__Output, instanceName: string,
  fileStorageDir: string): Promise<void> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  await driver.remove(storageDisk(disk), { instanceName, fileStorageDir: fileStorageDirFor(ctx, fileStorageDir) });
  ctx.logger.info(`removed ${disk.dev_type} disk ${disk.uuid}`, { logical_id: disk.logical_id });
}

export async function blockdevRename(ctx: NodedContext, disk: Disk__Output, newLogicalId: readonly string[],
  fileStorageDir: string): Promise<CreatedDisk> {
  const driver = getStorageDriver(disk.dev_type, ctx.paths);
  const renamed = await driver.rename(storageDisk(disk), newLogicalId, { fileStorageDir: fileStorageDirFor(ctx, fileStorageDir) });
  ctx.logger.info(`renamed ${disk.dev_type} disk ${disk.uuid}`, { from: disk.logical_id, to: renamed.logical_id });
  return renamed;
}

/**
 * Where this node finds each disk: computed from the disk itself (never trusting a path sent
 * by a peer when the driver can compute it), falling back to the request's disk_paths.
 */
export function diskAccessPaths(ctx: NodedContext, disks: readonly Disk__Output[], given: readonly string[]): string[] {
  const fileStorageDir = fileStorageDirFor(ctx);
  return disks.map((d, i) => {
    if (d.dev_type && d.logical_id.length > 0) {
      const p = getStorageDriver(d.dev_type, ctx.paths).accessPath(storageDisk(d), { fileStorageDir });
      if (p) return p;
    }
    return given[i] ?? '';
  });
}
