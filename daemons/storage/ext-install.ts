// Installs the ExtStorage providers shipped with ganeti-ts (filedisk) into a node's
// ExtStorage search dir, as ensure-dirs does for the OS definitions. Programs run bundled
// from build/bin, so the shipped directory is found from the project root (the nearest
// ancestor holding package.json) at run time. Files are replaced atomically, modes kept.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paths } from '../common/paths.js';
import { extSearchDir } from './ext-provider.js';

export function shippedExtProvidersDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ganeti-ts installation: no package.json above ${start}`);
    dir = parent;
  }
  return join(dir, 'daemons', 'storage', 'ext-providers');
}

async function installFile(src: string, dst: string): Promise<void> {
  const tmp = join(dirname(dst), `.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await copyFile(src, tmp);
    await chmod(tmp, (await stat(src)).mode & 0o7777);
    await rename(tmp, dst);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Copies every shipped provider into the node's ExtStorage dir; returns their names. */
export async function installShippedExtProviders(paths: Paths, sourceDir: string = shippedExtProvidersDir()): Promise<string[]> {
  const target = extSearchDir(paths);
  await mkdir(target, { recursive: true, mode: 0o755 });
  const installed: string[] = [];
  for (const p of await readdir(sourceDir, { withFileTypes: true })) {
    if (!p.isDirectory() || p.name.startsWith('.')) continue;
    await mkdir(join(target, p.name), { recursive: true, mode: 0o755 });
    for (const f of await readdir(join(sourceDir, p.name), { withFileTypes: true })) {
      if (f.isFile()) await installFile(join(sourceDir, p.name, f.name), join(target, p.name, f.name));
    }
    installed.push(p.name);
  }
  return installed.sort();
}
