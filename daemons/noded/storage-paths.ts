// Where this node keeps file and sharedfile disks: its own ssconf says (the master writes it,
// and only the master may: authz.ts), and the node's own file-storage-paths file (Ganeti's
// /etc/ganeti/file-storage-paths, which only the node's admin edits) says which dirs are
// acceptable at all. A request never chooses the dir: one that names another is refused.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { BlockDeviceError, ParameterError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { readSsconf } from '../common/ssconf.js';
import { DEFAULT_FILE_STORAGE_DIR } from '../storage/file.js';
import { DEFAULT_SHARED_FILE_STORAGE_DIR } from '../storage/sharedfile.js';

export function fileStoragePathsFile(paths: Paths): string { return join(paths.confDir, 'file-storage-paths'); }

/** Dirs that never hold disks, even when the file lists them (Ganeti's forbidden paths). */
const FORBIDDEN = ['/', '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/proc', '/root', '/run', '/sbin',
  '/sys', '/usr', '/usr/bin', '/usr/lib', '/usr/sbin', '/usr/share', '/var', '/var/lib', '/var/lib/ganeti',
  '/var/log', '/var/run', '/var/run/ganeti'];
/** No disk lives below these, whatever the file says. */
const FORBIDDEN_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/proc', '/sbin', '/sys',
  '/usr/bin', '/usr/lib', '/usr/sbin', '/var/lib/ganeti', '/var/run/ganeti', '/var/log/ganeti'];

function isBelow(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root === '/' ? '/' : `${root}/`);
}

/** The node-independent dirs this node accepts for file storage; without the file, Ganeti's
 * two default storage dirs (ensure-dirs makes them). */
export function allowedFileStoragePaths(paths: Paths): string[] {
  let text: string;
  try { text = readFileSync(fileStoragePathsFile(paths), 'utf8'); } catch {
    return [DEFAULT_FILE_STORAGE_DIR, DEFAULT_SHARED_FILE_STORAGE_DIR];
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .filter((l) => isAbsolute(l) && !l.split('/').includes('..'))
    .map((l) => posix.normalize(l).replace(/(.)\/+$/, '$1'))
    .filter((l) => !FORBIDDEN.includes(l));
}

/** Throws unless `dir` (node-independent) is an acceptable file storage dir on this node. */
export function checkFileStoragePath(paths: Paths, dir: string, what: string): string {
  if (!isAbsolute(dir) || dir.split('/').includes('..')) {
    throw new BlockDeviceError(`Invalid ${what} '${dir}': must be an absolute path without '..'`, { ecode: 'wrong_input' });
  }
  const clean = posix.normalize(dir).replace(/(.)\/+$/, '$1');
  if (FORBIDDEN.includes(clean) || FORBIDDEN_TREES.some((f) => isBelow(clean, f))) {
    throw new BlockDeviceError(`The ${what} '${dir}' is not acceptable for file storage on node ${paths.hostname}: ` +
      'it is (or is below) a system directory', { ecode: 'environment_error' });
  }
  const allowed = allowedFileStoragePaths(paths);
  if (!allowed.some((a) => isBelow(clean, a))) {
    throw new BlockDeviceError(`The ${what} '${dir}' is not allowed on node ${paths.hostname}: it is not below any path ` +
      `listed in ${fileStoragePathsFile(paths)} (allowed: ${allowed.join(', ') || 'none'})`, { ecode: 'environment_error' });
  }
  return clean;
}

function dirFor(paths: Paths, key: 'file_storage_dir' | 'shared_file_storage_dir', fallback: string, what: string,
  requested?: string): string {
  const own = readSsconf(paths, key) || fallback;
  if (requested && posix.normalize(requested).replace(/(.)\/+$/, '$1') !== posix.normalize(own).replace(/(.)\/+$/, '$1')) {
    throw new ParameterError(`Refusing ${key} '${requested}' from the request: node ${paths.hostname} keeps its disks in ` +
      `its own ${what} '${own}' (ssconf_${key}) and never in a dir a caller names`, { ecode: 'wrong_input' });
  }
  return checkFileStoragePath(paths, own, what);
}

/** This node's file storage dir (node-independent); a request's dir may only repeat it. */
export function fileStorageDirFor(paths: Paths, requested?: string): string {
  return dirFor(paths, 'file_storage_dir', DEFAULT_FILE_STORAGE_DIR, 'file storage dir', requested);
}

export function sharedFileStorageDirFor(paths: Paths, requested?: string): string {
  return dirFor(paths, 'shared_file_storage_dir', DEFAULT_SHARED_FILE_STORAGE_DIR, 'shared file storage dir', requested);
}

/** The storage dirs a driver may read, each checked only when a driver reads it: a disk of
 * one template does not fail because the other template's dir is not allowed here. A dir
 * named by the request must repeat the node's own (else refused). */
export function nodeStorageDirs(paths: Paths, req: { file_storage_dir?: string; shared_file_storage_dir?: string } = {}):
{ readonly fileStorageDir: string; readonly sharedFileStorageDir: string } {
  return {
    get fileStorageDir() { return fileStorageDirFor(paths, req.file_storage_dir); },
    get sharedFileStorageDir() { return sharedFileStorageDirFor(paths, req.shared_file_storage_dir); },
  };
}
