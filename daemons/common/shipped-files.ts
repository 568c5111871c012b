// The files ganeti-ts ships for its nodes (OS definitions, ExtStorage providers) and their
// installation into a node's directories, which ensure-dirs does on every node (vcluster-
// setup, `gnt-node add` over SSH, `gnt-cluster init` for the first node). Programs are
// bundled into build/bin/<program>.mjs, so the shipped directories are found at run time
// from the project root (the nearest ancestor holding package.json), not relative to this file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paths } from './paths.js';

/** Ganeti's ES_SEARCH_PATH, node-independent. */
export const EXT_SEARCH_PATH = '/srv/ganeti/extstorage';

export interface ShippedTree {
  what: string;
  /** Directory in the project, relative to its root: one sub-directory per installed item. */
  source: string;
  target(paths: Paths): string;
}

/** The OS definitions (dummy, image, ...), into the node's first OS search dir. */
export const OS_DEFINITIONS: ShippedTree = { what: 'OS definitions', source: 'daemons/noded/os-definitions', target: (p) => firstOsDir(p) };
/** The ExtStorage providers (filedisk), into the node's ExtStorage dir. */
export const EXT_PROVIDERS: ShippedTree = { what: 'ExtStorage providers', source: 'daemons/storage/ext-providers', target: (p) => p.local(EXT_SEARCH_PATH) };

/** What ensure-dirs installs on every node. */
export const SHIPPED_TREES: readonly ShippedTree[] = [OS_DEFINITIONS, EXT_PROVIDERS];

function firstOsDir(paths: Paths): string {
  const dir = paths.osSearchPath[0];
  if (!dir) throw new Error('This node has no OS search path');
  return dir;
}

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
 * Copies every sub-directory of sourceDir into targetDir; idempotent (files are replaced,
 * modes kept, site files left alone). Returns the names of the installed items.
 */
export async function installShippedDirs(sourceDir: string, targetDir: string): Promise<string[]> {
  await mkdir(targetDir, { recursive: true, mode: 0o755 });
  const installed: string[] = [];
  for (const entry of await readdir(sourceDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    await installTree(join(sourceDir, entry.name), join(targetDir, entry.name));
    installed.push(entry.name);
  }
  return installed.sort();
}

/** Installs one shipped tree into this node's directory for it; returns the installed names. */
export function installShipped(tree: ShippedTree, paths: Paths, root: string = findProjectRoot()): Promise<string[]> {
  return installShippedDirs(join(root, tree.source), tree.target(paths));
}

export function shippedOsDir(): string {
  return join(findProjectRoot(), OS_DEFINITIONS.source);
}

/** The OS definitions into paths.osSearchPath[0] (tests and ensure-dirs). */
export function installShippedOses(paths: Paths): Promise<string[]> {
  return installShipped(OS_DEFINITIONS, paths);
}
