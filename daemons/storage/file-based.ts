// What the file and sharedfile templates share: one image file per disk at
//   <storage dir>/<instance name>/<disk uuid>.file   (raw)  or  .qcow2
// logical_id = [driver, that path], node-independent (/srv/ganeti/file-storage/...); this node
// maps it through paths.local() (a virtual node prefixes its root). Every path coming from a
// request is checked to stay inside the storage dir: a peer may only ever touch disks.
import { existsSync, readdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { mkdir, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, posix } from 'node:path';
import { BlockDeviceError, ParameterError } from '../common/errors.js';
import { isSafeName } from '../common/known-files.js';
import type { Paths } from '../common/paths.js';
import { checkFormat, checkImagePath, diskFormat } from './file-descriptor.js';
import {
  checkBacking, copyImage, createImage, exportImage, formatOfName, growImage, imageExtension, MIB,
  resetOverlay, toMiB, virtualBytes, type BackingImage, type ImageFormat,
} from './image-file.js';
import { LEASE_SUFFIX } from './lease.js';
import type {
  CreatedDisk, ExportStream, ReportOptions, StorageCapabilities, StorageContext, StorageDisk, StorageDriver,
  StorageReport, VolumeInfo,
} from './storage-driver.js';

/** Ganeti's file drivers; only loop is used, the others are accepted for compatibility. */
export const FILE_DRIVERS: readonly string[] = ['loop', 'blktap', 'blktap2'];

/** The logical_id the master stores for a new file disk. */
export function fileDiskLogicalId(storageDir: string, instanceName: string, diskUuid: string, format: ImageFormat = 'raw'): string[] {
  return ['loop', posix.join(storageDir, instanceName, `${diskUuid}${imageExtension(format)}`)];
}

export function bad(msg: string): BlockDeviceError {
  return new BlockDeviceError(msg, { ecode: 'wrong_input' });
}

/** The disk's params as a driver may trust them (a peer sends them; check again). */
function imageParams(disk: StorageDisk): { format: ImageFormat; backing?: BackingImage } {
  const p = disk.params ?? {};
  try {
    const format = p.format === undefined ? diskFormat(p) : checkFormat(p.format, 'disk format');
    if (p.backing === undefined || p.backing === '') return { format };
    if (format !== 'qcow2') throw bad(`Disk ${disk.uuid}: a backing image needs format qcow2`);
    return { format, backing: { path: checkImagePath(p.backing, 'backing image'), format: checkFormat(p.backing_format ?? 'qcow2', 'backing image format') } };
  } catch (err) {
    if (err instanceof BlockDeviceError) throw err;
    throw bad((err as Error).message);
  }
}

export abstract class FileBasedStorage implements StorageDriver {
  abstract readonly kind: string;
  abstract readonly capabilities: Readonly<StorageCapabilities>;
  /** Ganeti's default for this template's dir, as the config stores it. */
  protected abstract readonly defaultDir: string;
  /** "file storage dir" / "shared file storage dir", for messages. */
  protected abstract readonly dirLabel: string;
  protected abstract configuredDir(ctx: ReportOptions): string | undefined;

  constructor(protected readonly paths: Paths) {}

  /** Hooks for the sharedfile lease: called around opening and before changing a disk. */
  protected beforeOpen(_local: string, _shown: string): void {}
  protected afterClose(_local: string): void {}
  protected checkChange(_local: string, _shown: string, _action: string): void {}

  async create(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
    const { format, backing } = imageParams(disk);
    const backingSize = backing !== undefined && disk.size === 0;
    if (!Number.isInteger(disk.size) || disk.size < 0 || (disk.size === 0 && !backingSize)) {
      throw new ParameterError(`Disk size must be a positive number of MiB, got ${disk.size}`, { ecode: 'wrong_input' });
    }
    const logicalId = this.logicalIdFor(disk, ctx, format);
    const shown = logicalId[1]!;
    const { dir, local } = this.resolve(shown, ctx);
    if (formatOfName(local) !== format) throw bad(`Disk path '${shown}' does not match its format ${format} (${imageExtension(format)})`);
    const localBacking = backing ? { ...backing, path: this.paths.local(backing.path) } : undefined;
    if (localBacking) checkBacking(localBacking, backing!.path);
    await mkdir(dirname(local), { recursive: true, mode: 0o750 });
    this.checkRealParent(local, dir, shown);
    const size = await createImage(local, format, disk.size, shown, localBacking, ctx.signal);
    return { path: local, logical_id: logicalId, size };
  }

  async remove(disk: StorageDisk, ctx: StorageContext): Promise<void> {
    const shown = this.logicalPathOf(disk.logical_id);
    const { dir, local } = this.resolve(shown, ctx);
    this.checkChange(local, shown, 'remove');
    try {
      await unlink(local);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new BlockDeviceError(`Cannot remove file '${shown}': ${(err as Error).message}`, { cause: err });
      }
    }
    this.afterClose(local);
    await removeIfEmpty(dirname(local), dir);
  }

  async rename(disk: StorageDisk, newLogicalId: readonly string[], ctx: StorageContext): Promise<CreatedDisk> {
    const oldPath = this.logicalPathOf(disk.logical_id);
    const newPath = this.logicalPathOf(newLogicalId);
    const from = this.resolve(oldPath, ctx);
    const to = this.resolve(newPath, ctx);
    if (from.local === to.local) return { path: to.local, logical_id: [newLogicalId[0]!, this.unlocal(to.local)] };
    if (formatOfName(from.local) !== formatOfName(to.local)) throw bad(`Cannot rename '${oldPath}' to '${newPath}': the format would change`);
    this.checkChange(from.local, oldPath, 'rename');
    if (!existsSync(from.local)) throw new BlockDeviceError(`Cannot rename '${oldPath}': file does not exist`, { ecode: 'unknown_entity' });
    if (existsSync(to.local)) throw new BlockDeviceError(`Cannot rename '${oldPath}' to '${newPath}': target exists`, { ecode: 'already_exists' });
    await mkdir(dirname(to.local), { recursive: true, mode: 0o750 });
    this.checkRealParent(to.local, to.dir, newPath);
    try {
      await rename(from.local, to.local);
    } catch (err) {
      throw new BlockDeviceError(`Cannot rename '${oldPath}' to '${newPath}': ${(err as Error).message}`, { cause: err });
    }
    this.afterClose(from.local);
    await removeIfEmpty(dirname(from.local), from.dir);
    return { path: to.local, logical_id: [newLogicalId[0]!, this.unlocal(to.local)] };
  }

  async assemble(disk: StorageDisk, ctx: StorageContext): Promise<string> {
    const shown = this.logicalPathOf(disk.logical_id);
    const { local } = this.resolve(shown, ctx);
    if (!existsSync(local)) throw new BlockDeviceError(`Cannot assemble '${shown}': the file does not exist`, { ecode: 'unknown_entity' });
    this.beforeOpen(local, shown);
    return local;
  }

  async shutdown(disk: StorageDisk, ctx: StorageContext): Promise<void> {
    this.afterClose(this.resolve(this.logicalPathOf(disk.logical_id), ctx).local);
  }

  async grow(disk: StorageDisk, amountMiB: number, ctx: StorageContext): Promise<number> {
    if (!Number.isInteger(amountMiB) || amountMiB < 0) throw bad(`Invalid grow amount ${amountMiB}: expected a non-negative number of MiB`);
    const shown = this.logicalPathOf(disk.logical_id);
    const { local } = this.resolve(shown, ctx);
    this.checkChange(local, shown, 'grow');
    return growImage(local, formatOfName(local), amountMiB, shown, ctx.signal);
  }

  async snapshot(disk: StorageDisk, snapName: string, ctx: StorageContext): Promise<CreatedDisk> {
    if (!isSafeName(snapName)) throw bad(`Invalid snapshot name '${snapName}'`);
    const shown = this.logicalPathOf(disk.logical_id);
    const { local } = this.resolve(shown, ctx);
    const ext = imageExtension(formatOfName(local));
    const snapLocal = `${local.slice(0, -ext.length)}.snap-${snapName}${ext}`;
    await copyImage(local, snapLocal, shown);
    return { path: snapLocal, logical_id: [disk.logical_id[0]!, this.unlocal(snapLocal)], size: toMiB(virtualBytes(snapLocal)) };
  }

  async revert(disk: StorageDisk, snapshotLogicalId: readonly string[], ctx: StorageContext): Promise<void> {
    const shown = this.logicalPathOf(disk.logical_id);
    const { local } = this.resolve(shown, ctx);
    const snap = this.resolve(this.logicalPathOf(snapshotLogicalId), ctx).local;
    if (formatOfName(snap) !== formatOfName(local)) throw bad(`Snapshot '${snapshotLogicalId[1]}' is not in the format of disk '${shown}'`);
    this.checkChange(local, shown, 'revert');
    // A copy next to the disk renamed over it: the disk is either the old or the reverted one.
    const next = `${local.slice(0, -imageExtension(formatOfName(local)).length)}.reverting${imageExtension(formatOfName(local))}`;
    await unlink(next).catch(() => undefined);
    await copyImage(snap, next, shown);
    await rename(next, local);
  }

  async exportStream(disk: StorageDisk, ctx: StorageContext): Promise<ExportStream> {
    const shown = this.logicalPathOf(disk.logical_id);
    const { local } = this.resolve(shown, ctx);
    return exportImage(local, formatOfName(local), shown, ctx.signal);
  }

  /** Recreates an overlay disk from its base image (the disk's backing parameter). */
  async resetOverlay(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
    const { backing } = imageParams(disk);
    const shown = this.logicalPathOf(disk.logical_id);
    if (!backing) throw bad(`Disk '${shown}' has no base image (it is not an overlay)`);
    const { local } = this.resolve(shown, ctx);
    this.checkChange(local, shown, 'reset');
    const localBacking = { ...backing, path: this.paths.local(backing.path) };
    checkBacking(localBacking, backing.path);
    const size = await resetOverlay(local, localBacking, shown, ctx.signal);
    return { path: local, logical_id: [...disk.logical_id], size };
  }

  accessPath(disk: StorageDisk, ctx: StorageContext): string {
    return this.resolve(this.logicalPathOf(disk.logical_id), ctx).local;
  }

  async usage(disk: StorageDisk, ctx: StorageContext): Promise<{ size: number; used: number } | null> {
    const { local } = this.resolve(this.logicalPathOf(disk.logical_id), ctx);
    try {
      const st = statSync(local);
      return { size: toMiB(virtualBytes(local)), used: toMiB(st.blocks * 512) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async report(opts: ReportOptions): Promise<StorageReport> {
    const dir = this.localDir(this.configuredDir(opts));
    const committed = toMiB(listImages(dir).reduce((a, f) => a + f.bytes, 0));
    if (opts.totalMiB !== undefined && opts.totalMiB !== null) {
      return { total: opts.totalMiB, used: committed, free: Math.max(0, opts.totalMiB - committed) };
    }
    // A real node: the filesystem's own figures (the dir may not exist yet: ask its parent).
    let probe = dir;
    while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
    const st = statfsSync(probe);
    return { total: Math.floor((st.blocks * st.bsize) / MIB), free: Math.floor((st.bavail * st.bsize) / MIB), used: committed };
  }

  async listVolumes(opts: ReportOptions): Promise<VolumeInfo[]> {
    const vg = this.nodeIndependentDir(this.configuredDir(opts));
    const dir = this.localDir(this.configuredDir(opts));
    return listImages(dir).map((f) => ({ phys: f.path, vg, name: this.unlocal(f.path), size: toMiB(f.bytes) }));
  }

  /** The node-independent path of a file disk, from its logical_id ([driver, path]). */
  protected logicalPathOf(logicalId: readonly string[]): string {
    if (logicalId.length !== 2 || !FILE_DRIVERS.includes(logicalId[0]!) || !logicalId[1]) {
      throw bad(`Invalid file disk logical_id ${JSON.stringify(logicalId)}: expected [driver, path] with driver one of ${FILE_DRIVERS.join(', ')}`);
    }
    return logicalId[1];
  }

  private logicalIdFor(disk: StorageDisk, ctx: StorageContext, format: ImageFormat): string[] {
    if (disk.logical_id.length > 0) return [disk.logical_id[0]!, this.logicalPathOf(disk.logical_id)];
    if (!ctx.instanceName || !isSafeName(ctx.instanceName)) {
      throw new ParameterError(`Invalid instance name '${ctx.instanceName ?? ''}' for a file disk`, { ecode: 'wrong_input' });
    }
    if (!isSafeName(disk.uuid)) throw new ParameterError(`Invalid disk uuid '${disk.uuid}'`, { ecode: 'wrong_input' });
    return fileDiskLogicalId(this.nodeIndependentDir(this.configuredDir(ctx)), ctx.instanceName, disk.uuid, format);
  }

  private nodeIndependentDir(configured: string | undefined): string {
    const d = configured || this.defaultDir;
    if (!isAbsolute(d) || d.split('/').includes('..')) throw bad(`Invalid ${this.dirLabel} '${d}': must be an absolute path without '..'`);
    return this.unlocal(d);
  }

  protected localDir(configured: string | undefined): string {
    return normalize(this.paths.local(this.nodeIndependentDir(configured))).replace(/\/+$/, '');
  }

  /** Maps a node-independent disk path to this node, refusing anything outside the storage dir. */
  protected resolve(logicalPath: string, ctx: StorageContext): { dir: string; local: string } {
    if (!isAbsolute(logicalPath) || logicalPath.split('/').includes('..')) {
      throw bad(`Refusing file disk path '${logicalPath}': it must be an absolute path without '..'`);
    }
    const dir = this.localDir(this.configuredDir(ctx));
    const local = normalize(this.paths.local(logicalPath));
    if (!local.startsWith(dir + '/') || local.endsWith(LEASE_SUFFIX)) {
      throw bad(`Refusing file disk path '${logicalPath}': it is outside the ${this.dirLabel} '${this.unlocal(dir)}'`);
    }
    return { dir, local };
  }

  /** A symlinked instance dir must not lead out of the storage dir either. */
  private checkRealParent(local: string, dir: string, shown: string): void {
    const realDir = realpathSync(dir);
    const realParent = realpathSync(dirname(local));
    if (realParent !== realDir && !realParent.startsWith(realDir + '/')) {
      throw bad(`Refusing file disk path '${shown}': its directory resolves outside the ${this.dirLabel}`);
    }
  }

  /** The node-independent form of a path of this node (strips a virtual node's root). */
  protected unlocal(p: string): string {
    const root = this.paths.nodeRoot;
    return root && p.startsWith(root + '/') ? p.slice(root.length) : p;
  }
}

/** Disk images in the storage dir (one level of instance dirs), with their virtual sizes. */
function listImages(dir: string): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  const walk = (d: string, depth: number) => {
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory() && depth === 0) walk(p, 1);
      else if (e.isFile() && !e.name.startsWith('.') && !e.name.endsWith(LEASE_SUFFIX)) {
        try { out.push({ path: p, bytes: virtualBytes(p) }); } catch { /* removed meanwhile, or not an image */ }
      }
    }
  };
  walk(dir, 0);
  return out;
}

async function removeIfEmpty(dir: string, storageDir: string): Promise<void> {
  if (dir === storageDir || !dir.startsWith(storageDir + '/')) return;
  try {
    await rmdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'ENOENT' && code !== 'EEXIST') throw err;
  }
}

