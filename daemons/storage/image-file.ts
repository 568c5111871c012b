// Disk image files, raw or qcow2. Raw images are sparse files sized with ftruncate; qcow2
// images (and overlays on a base image) are made and resized by qemu-img, run without a
// shell. A file's format is decided by its name (.qcow2) and the disk's parameters, never by
// sniffing its content: a guest can write a qcow2 header into a raw disk.
import { execFile } from 'node:child_process';
import { closeSync, createReadStream, existsSync, ftruncateSync, readdirSync, openSync, readSync, statSync } from 'node:fs';
import { copyFile, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BlockDeviceError } from '../common/errors.js';
import type { ExportStream } from './storage-driver.js';

export const MIB = 1024 * 1024;
const QCOW2_MAGIC = 0x514649fb;                    // 'QFI\xfb'
const QEMU_IMG_TIMEOUT_MS = 10 * 60_000;

export type ImageFormat = 'raw' | 'qcow2';

export interface BackingImage { path: string; format: ImageFormat }

/** The file extension a disk of this format gets. */
export function imageExtension(format: ImageFormat): string {
  return format === 'qcow2' ? '.qcow2' : '.file';
}

export function formatOfName(path: string): ImageFormat {
  return path.endsWith('.qcow2') ? 'qcow2' : 'raw';
}

/** Runs qemu-img (argv, no shell); failures become BlockDeviceError with its message. */
export function qemuImg(args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('qemu-img', args, { timeout: QEMU_IMG_TIMEOUT_MS, maxBuffer: 4 * MIB, ...(signal ? { signal } : {}) },
      (err, stdout, stderr) => {
        if (!err) { resolve(stdout); return; }
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'qemu-img is not installed (install qemu-utils)' : (stderr.trim() || err.message);
        reject(new BlockDeviceError(`qemu-img ${args[0]} failed: ${why}`, { cause: err }));
      });
  });
}

/** Reads the qcow2 header: virtual size and backing file (as written by qemu-img). */
export function readQcow2Header(path: string): { size: number; backing: string } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(32);
    if (readSync(fd, head, 0, 32, 0) < 32 || head.readUInt32BE(0) !== QCOW2_MAGIC) {
      throw new BlockDeviceError(`'${path}' is not a qcow2 image`);
    }
    const backingOffset = Number(head.readBigUInt64BE(8));
    const backingLen = head.readUInt32BE(16);
    let backing = '';
    if (backingOffset > 0 && backingLen > 0 && backingLen < 4096) {
      const b = Buffer.alloc(backingLen);
      readSync(fd, b, 0, backingLen, backingOffset);
      backing = b.toString('utf8');
    }
    return { size: Number(head.readBigUInt64BE(24)), backing };
  } finally {
    closeSync(fd);
  }
}

/** The size the guest sees, in bytes. */
export function virtualBytes(path: string, format: ImageFormat = formatOfName(path)): number {
  return format === 'qcow2' ? readQcow2Header(path).size : statSync(path).size;
}

export const toMiB = (bytes: number): number => Math.ceil(bytes / MIB);

/**
 * Creates a new image at path; refuses to overwrite (the path is claimed with O_EXCL first,
 * qemu-img then writes into the claimed file). sizeMiB 0 is allowed for overlays only.
 */
export async function createImage(path: string, format: ImageFormat, sizeMiB: number, shown: string,
  backing?: BackingImage, signal?: AbortSignal): Promise<number> {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o640);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new BlockDeviceError(`File '${shown}' already exists`, { ecode: 'already_exists' });
    }
    throw new BlockDeviceError(`Cannot create file '${shown}': ${(err as Error).message}`, { cause: err });
  }
  try {
    if (format === 'raw') {
      ftruncateSync(fd, sizeMiB * MIB);    // sparse: no blocks are written
      return sizeMiB;
    }
    closeSync(fd);
    fd = -1;
    await qemuImg(qcow2CreateArgs(path, sizeMiB, backing), signal);
    return toMiB(virtualBytes(path, 'qcow2'));
  } catch (err) {
    if (fd >= 0) { closeSync(fd); fd = -1; }
    await unlink(path).catch(() => undefined);
    if (err instanceof BlockDeviceError) throw err;
    throw new BlockDeviceError(`Cannot allocate ${sizeMiB} MiB for '${shown}': ${(err as Error).message}`, { cause: err });
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function qcow2CreateArgs(path: string, sizeMiB: number, backing?: BackingImage): string[] {
  const args = ['create', '-q', '-f', 'qcow2'];
  if (backing) args.push('-b', backing.path, '-F', backing.format);
  args.push(path);
  if (sizeMiB > 0) args.push(`${sizeMiB}M`);
  return args;
}

/** Checks a base image exists as a regular file before an overlay is made on it. */
export function checkBacking(backing: BackingImage, shown: string): void {
  let st;
  try { st = statSync(backing.path); } catch {
    throw new BlockDeviceError(`Backing image '${shown}' does not exist on this node`, { ecode: 'unknown_entity' });
  }
  if (!st.isFile()) throw new BlockDeviceError(`Backing image '${shown}' is not a regular file`, { ecode: 'wrong_input' });
}

/** Grows an image by amountMiB from its current size; returns the new size in MiB. */
export async function growImage(path: string, format: ImageFormat, amountMiB: number, shown: string,
  signal?: AbortSignal): Promise<number> {
  if (!existsSync(path)) throw new BlockDeviceError(`Cannot grow '${shown}': the file does not exist`, { ecode: 'unknown_entity' });
  const target = virtualBytes(path, format) + amountMiB * MIB;
  if (format === 'qcow2') {
    await qemuImg(['resize', '-q', '-f', 'qcow2', path, String(target)], signal);
  } else {
    const fd = openSync(path, 'r+');
    try { ftruncateSync(fd, target); } catch (err) {
      throw new BlockDeviceError(`Cannot grow '${shown}': ${(err as Error).message}`, { cause: err });
    } finally { closeSync(fd); }
  }
  return toMiB(target);
}

/** A unique temporary name next to path (same filesystem, so rename is atomic). */
function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
}

function isTempNameFor(path: string, name: string): boolean {
  return name.startsWith(`.${basename(path)}.`) && /^[0-9a-f]{8}\.tmp$/.test(name.slice(basename(path).length + 2));
}

/**
 * A temporary name for a new `dst`, after removing what an interrupted write to the same name
 * (node daemon killed) left: the caller's locks keep two writes to one name from running at once.
 */
export async function freshTempNameFor(dst: string): Promise<string> {
  for (const f of tempFilesFor(dst)) await unlink(f).catch(() => undefined);
  return tempNameFor(dst);
}

/** The temporary files an interrupted write to `dst` left next to it (tempNameFor). */
export function tempFilesFor(dst: string): string[] {
  try { return readdirSync(dirname(dst)).filter((f) => isTempNameFor(dst, f)).map((f) => join(dirname(dst), f)); } catch { return []; }
}

/** Whether a file name is the temporary file of an image copy (tempNameFor). */
export function isImageTempName(name: string): boolean {
  return /^\..+\.[0-9a-f]{8}\.tmp$/.test(name);
}

/** The overlay a running guest writes to while its disk at `path` is snapshotted (hidden, next to it). */
export function liveOverlayPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.live.qcow2`);
}

/** Whether a file name is such an overlay (liveOverlayPath). */
export function isLiveOverlayName(name: string): boolean {
  return /^\..+\.live\.qcow2$/.test(name);
}

/** Recreates an overlay from its base: the guest's changes are dropped, the size is kept. */
export async function resetOverlay(path: string, backing: BackingImage, shown: string, signal?: AbortSignal): Promise<number> {
  if (!existsSync(path)) throw new BlockDeviceError(`Cannot reset '${shown}': the file does not exist`, { ecode: 'unknown_entity' });
  const sizeMiB = toMiB(virtualBytes(path, 'qcow2'));
  const tmp = tempNameFor(path);
  try {
    await qemuImg(qcow2CreateArgs(tmp, sizeMiB, backing), signal);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return sizeMiB;
}

/** A point-in-time copy, sparse where the source is (refuses to overwrite). */
export async function copyImage(src: string, dst: string, shown: string): Promise<void> {
  if (!existsSync(src)) throw new BlockDeviceError(`Cannot copy '${shown}': the file does not exist`, { ecode: 'unknown_entity' });
  if (existsSync(dst)) throw new BlockDeviceError(`Cannot copy '${shown}': '${basename(dst)}' already exists`, { ecode: 'already_exists' });
  const tmp = await freshTempNameFor(dst);
  try {
    // FICLONE where the filesystem can (instant, shares blocks), a plain copy elsewhere.
    await copyFile(src, tmp, fsConstants.COPYFILE_FICLONE);
    await rename(tmp, dst);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new BlockDeviceError(`Cannot copy '${shown}': ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The image as a stream in its own format. An overlay is first flattened into a standalone
 * temporary qcow2 image (its base may not exist where the stream goes); done() removes it.
 */
export async function exportImage(path: string, format: ImageFormat, shown: string, signal?: AbortSignal): Promise<ExportStream> {
  if (!existsSync(path)) throw new BlockDeviceError(`Cannot export '${shown}': the file does not exist`, { ecode: 'unknown_entity' });
  let source = path;
  let tmp: string | null = null;
  if (format === 'qcow2' && readQcow2Header(path).backing) {
    tmp = tempNameFor(path);
    await qemuImg(['convert', '-q', '-f', 'qcow2', '-O', 'qcow2', path, tmp], signal).catch(async (err) => {
      await unlink(tmp!).catch(() => undefined);
      throw err;
    });
    source = tmp;
  }
  const size = (await stat(source)).size;
  const stream = createReadStream(source);
  return {
    format, size, stream,
    done: async () => {
      stream.destroy();
      if (tmp) await unlink(tmp).catch(() => undefined);
    },
  };
}
