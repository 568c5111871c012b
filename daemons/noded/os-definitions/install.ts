// Installs the OS definitions shipped with ganeti-ts (dummy, image, ...) into a node's first OS
// search dir. Programs are bundled into build/bin/<program>.mjs, so the shipped directory is
// found at run time from the project root (the nearest ancestor holding package.json), not
// relative to this source file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paths } from '../../common/paths.js';

/** Nearest ancestor of `start` holding package.json. */
export function findProjectRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ganeti-ts installation: no package.json above ${start}`);
    dir = parent;
  }
}

export function shippedOsDir(): string {
  return join(findProjectRoot(), 'daemons', 'noded', 'os-definitions');
}

/** Copies one file into place atomically (a concurrent OS run never sees half a script), keeping its mode. */
async function installFile(src: string, dst: string, mode: number): Promise<void> {
  const tmp = join(dirname(dst), `.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await copyFile(src, tmp);
    await chmod(tmp, mode & 0o7777);
    await rename(tmp, dst);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Files a site edits on its nodes (its own variants): shipped once, never overwritten. */
const SITE_FILES = new Set(['variants.list']);

async function installTree(src: string, dst: string): Promise<void> {
  await mkdir(dst, { recursive: true, mode: 0o755 });
  for (const entry of await readdir(src, { withFileTypes: true })) {
    const s = join(src, entry.name);
    const d = join(dst, entry.name);
    if (entry.isDirectory()) await installTree(s, d);
    else if (entry.isFile() && !(SITE_FILES.has(entry.name) && existsSync(d))) await installFile(s, d, (await stat(s)).mode);
  }
}

/**
 * Copies every shipped OS directory into paths.osSearchPath[0]; idempotent (files are
 * replaced, modes kept). Returns the names of the installed OSes.
 */
export async function installShippedOses(paths: Paths, sourceDir: string = shippedOsDir()): Promise<string[]> {
  const target = paths.osSearchPath[0];
  if (!target) throw new Error('This node has no OS search path');
  const installed: string[] = [];
  for (const entry of await readdir(sourceDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    await installTree(join(sourceDir, entry.name), join(target, entry.name));
    installed.push(entry.name);
  }
  return installed.sort();
}
