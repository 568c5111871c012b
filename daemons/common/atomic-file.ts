// Durable file replacement: unique temp name, fsync the data, rename, fsync the directory.
// steno (lowdb's default) neither fsyncs nor uses unique names (platform.md), so every
// config and job file goes through here.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { syncFileSystems } from './journal.js';

export interface AtomicWriteOptions { mode?: number; fsyncDir?: boolean }

export async function atomicWrite(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', opts.mode ?? 0o640);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (opts.fsyncDir !== false) await fsyncDir(dir);
}

/**
 * Many files of one directory replaced atomically and made durable together: each is written
 * under a temporary name, one syncfs (an fsync per file where that is missing) makes them
 * durable, then each is renamed into place and the directory fsynced. A crash leaves every
 * file either old or new. For a thousand job files an fsync each took seconds on a busy disk.
 */
export async function atomicWriteMany(dir: string, files: { name: string; data: string | Uint8Array; mode?: number }[]): Promise<void> {
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmps = files.map((f) => join(dir, `.${f.name}.${tag}.tmp`));
  try {
    for (let i = 0; i < files.length; i++) await writeFile(tmps[i]!, files[i]!.data, { mode: files[i]!.mode ?? 0o640 });
    if (!(await syncFileSystems([dir]))) {
      for (const t of tmps) { const fh = await open(t, 'r'); try { await fh.sync(); } finally { await fh.close(); } }
    }
    for (let i = 0; i < files.length; i++) await rename(tmps[i]!, join(dir, files[i]!.name));
  } catch (err) {
    await Promise.all(tmps.map((t) => unlink(t).catch(() => undefined)));
    throw err;
  }
  await fsyncDir(dir);
}

export async function fsyncDir(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try { await dh.sync(); } finally { await dh.close(); }
}

export async function ensureDir(dir: string, mode = 0o750): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
}

export async function readIfExists(path: string): Promise<string | null> {
  try { return await readFile(path, 'utf8'); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
