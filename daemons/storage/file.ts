// The file disk template: one sparse raw file per disk at
//   <file storage dir>/<instance name>/<disk uuid>.file
// logical_id = [driver, that path], node-independent (/srv/ganeti/file-storage/...); this node
// maps it through paths.local() (a virtual node prefixes its root). Every path coming from a
// request is checked to stay inside the file storage dir: a peer may only ever touch disks.
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { mkdir, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, posix } from 'node:path';
import { BlockDeviceError, ParameterError } from '../common/errors.js';
import { isSafeName } from '../common/known-files.js';
import type { Paths } from '../common/paths.js';
import type { CreatedDisk, ReportOptions, StorageContext, StorageDisk, StorageDriver, StorageReport } from './storage-driver.js';

/** Ganeti's default cluster file storage dir, as the config stores it (node-independent). */
export const DEFAULT_FILE_STORAGE_DIR = '/srv/ganeti/file-storage';
/** Ganeti's file drivers; only loop is used, the others are accepted for compatibility. */
export const FILE_DRIVERS: readonly string[] = ['loop', 'blktap', 'blktap2'];
const MIB = 1024 * 1024;

/** The logical_id the master stores for a new file disk. */
export function fileDiskLogicalId(fileStorageDir: string, instanceName: string, diskUuid: string): string[] {
  return ['loop', posix.join(fileStorageDir, instanceName, `${diskUuid}.file`)];
}

function bad(msg: string): BlockDeviceError {
  return new BlockDeviceError(msg, { ecode: 'wrong_input' });
}

export class FileStorage implements StorageDriver {
  readonly kind = 'file';

  constructor(private readonly paths: Paths) {}

  async create(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
    if (!Number.isInteger(disk.size) || disk.size <= 0) {
      throw new ParameterError(`Disk size must be a positive number of MiB, got ${disk.size}`, { ecode: 'wrong_input' });
    }
    const logicalId = this.logicalIdFor(disk, ctx);
    const { dir, local } = this.resolve(logicalId[1]!, ctx);
    await mkdir(dirname(local), { recursive: true, mode: 0o750 });
    this.checkRealParent(local, dir, logicalId[1]!);
    let fd: number;
    try {
      fd = openSync(local, 'wx', 0o640);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new BlockDeviceError(`File '${logicalId[1]}' already exists`, { ecode: 'already_exists' });
      }
      throw new BlockDeviceError(`Cannot create file '${logicalId[1]}': ${(err as Error).message}`, { cause: err });
    }
    try {
      ftruncateSync(fd, disk.size * MIB);   // sparse: no blocks are written
    } catch (err) {
      closeSync(fd);
      await unlink(local).catch(() => undefined);
      throw new BlockDeviceError(`Cannot allocate ${disk.size} MiB for '${logicalId[1]}': ${(err as Error).message}`, { cause: err });
    }
    closeSync(fd);
    return { path: local, logical_id: logicalId };
  }

  async remove(disk: StorageDisk, ctx: StorageContext): Promise<void> {
    const logicalPath = this.logicalPathOf(disk.logical_id);
    const { dir, local } = this.resolve(logicalPath, ctx);
    try {
      await unlink(local);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new BlockDeviceError(`Cannot remove file '${logicalPath}': ${(err as Error).message}`, { cause: err });
      }
    }
    await removeIfEmpty(dirname(local), dir);
  }

  async rename(disk: StorageDisk, newLogicalId: readonly string[], ctx: StorageContext): Promise<CreatedDisk> {
    const oldPath = this.logicalPathOf(disk.logical_id);
    const newPath = this.logicalPathOf(newLogicalId);
    const from = this.resolve(oldPath, ctx);
    const to = this.resolve(newPath, ctx);
    if (from.local === to.local) return { path: to.local, logical_id: [newLogicalId[0]!, this.unlocal(to.local)] };
    if (!existsSync(from.local)) throw new BlockDeviceError(`Cannot rename '${oldPath}': file does not exist`, { ecode: 'unknown_entity' });
    if (existsSync(to.local)) throw new BlockDeviceError(`Cannot rename '${oldPath}' to '${newPath}': target exists`, { ecode: 'already_exists' });
    await mkdir(dirname(to.local), { recursive: true, mode: 0o750 });
    this.checkRealParent(to.local, to.dir, newPath);
    try {
      await rename(from.local, to.local);
    } catch (err) {
      throw new BlockDeviceError(`Cannot rename '${oldPath}' to '${newPath}': ${(err as Error).message}`, { cause: err });
    }
    await removeIfEmpty(dirname(from.local), from.dir);
    return { path: to.local, logical_id: [newLogicalId[0]!, this.unlocal(to.local)] };
  }

  accessPath(disk: StorageDisk, ctx: StorageContext): string {
    return this.resolve(this.logicalPathOf(disk.logical_id), ctx).local;
  }

  async report(opts: ReportOptions): Promise<StorageReport> {
    const dir = this.localDir(opts.fileStorageDir);
    const usedMiB = Math.ceil(apparentBytes(dir) / MIB);
    if (opts.totalMiB !== undefined && opts.totalMiB !== null) {
      return { total: opts.totalMiB, free: Math.max(0, opts.totalMiB - usedMiB) };
    }
    // A real node: the filesystem's own figures (the dir may not exist yet: ask its parent).
    let probe = dir;
    while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
    const st = statfsSync(probe);
    return { total: Math.floor((st.blocks * st.bsize) / MIB), free: Math.floor((st.bavail * st.bsize) / MIB) };
  }

  /** The node-independent path of a file disk, from its logical_id ([driver, path]). */
  private logicalPathOf(logicalId: readonly string[]): string {
    if (logicalId.length !== 2 || !FILE_DRIVERS.includes(logicalId[0]!) || !logicalId[1]) {
      throw bad(`Invalid file disk logical_id ${JSON.stringify(logicalId)}: expected [driver, path] with driver one of ${FILE_DRIVERS.join(', ')}`);
    }
    return logicalId[1];
  }

  private logicalIdFor(disk: StorageDisk, ctx: StorageContext): string[] {
    if (disk.logical_id.length > 0) return [disk.logical_id[0]!, this.logicalPathOf(disk.logical_id)];
    if (!ctx.instanceName || !isSafeName(ctx.instanceName)) {
      throw new ParameterError(`Invalid instance name '${ctx.instanceName ?? ''}' for a file disk`, { ecode: 'wrong_input' });
    }
    if (!isSafeName(disk.uuid)) throw new ParameterError(`Invalid disk uuid '${disk.uuid}'`, { ecode: 'wrong_input' });
    return fileDiskLogicalId(this.nodeIndependentDir(ctx.fileStorageDir), ctx.instanceName, disk.uuid);
  }

  private nodeIndependentDir(fileStorageDir: string | undefined): string {
    const d = fileStorageDir || DEFAULT_FILE_STORAGE_DIR;
    if (!isAbsolute(d) || d.split('/').includes('..')) throw bad(`Invalid file storage dir '${d}': must be an absolute path without '..'`);
    return this.unlocal(d);
  }

  private localDir(fileStorageDir: string | undefined): string {
    return normalize(this.paths.local(this.nodeIndependentDir(fileStorageDir))).replace(/\/+$/, '');
  }

  /** Maps a node-independent disk path to this node, refusing anything outside the storage dir. */
  private resolve(logicalPath: string, ctx: StorageContext): { dir: string; local: string } {
    if (!isAbsolute(logicalPath) || logicalPath.split('/').includes('..')) {
      throw bad(`Refusing file disk path '${logicalPath}': it must be an absolute path without '..'`);
    }
    const dir = this.localDir(ctx.fileStorageDir);
    const local = normalize(this.paths.local(logicalPath));
    if (!local.startsWith(dir + '/')) {
      throw bad(`Refusing file disk path '${logicalPath}': it is outside the file storage dir '${this.unlocal(dir)}'`);
    }
    return { dir, local };
  }

  /** A symlinked instance dir must not lead out of the storage dir either. */
  private checkRealParent(local: string, dir: string, shown: string): void {
    const realDir = realpathSync(dir);
    const realParent = realpathSync(dirname(local));
    if (realParent !== realDir && !realParent.startsWith(realDir + '/')) {
      throw bad(`Refusing file disk path '${shown}': its directory resolves outside the file storage dir`);
    }
  }

  /** The node-independent form of a path of this node (strips a virtual node's root). */
  private unlocal(p: string): string {
    const root = this.paths.nodeRoot;
    return root && p.startsWith(root + '/') ? p.slice(root.length) : p;
  }
}

/** Sum of the apparent sizes of the files in the storage dir (one level of instance dirs). */
function apparentBytes(dir: string): number {
  let total = 0;
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return 0; }
  for (const e of entries) {
    const p = join(dir, e.name);
    try {
      if (e.isFile()) total += statSync(p).size;
      else if (e.isDirectory()) total += apparentBytes(p);
    } catch { /* removed meanwhile */ }
  }
  return total;
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
