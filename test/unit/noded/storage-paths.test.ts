// A node keeps file disks only in its own storage dir (its ssconf), and only when its own
// file-storage-paths allows that dir; a request naming another dir is refused.
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { BlockDeviceError, ParameterError } from '../../../daemons/common/errors.js';
import { allowedFileStoragePaths, fileStorageDirFor, fileStoragePathsFile, nodeStorageDirs } from '../../../daemons/noded/storage-paths.js';
import { makeTempNode } from './helpers/temp-node.js';

function node(ssconfDir?: string, allowed?: string) {
  const tmp = makeTempNode();
  mkdirSync(tmp.paths.dataDir, { recursive: true });
  mkdirSync(tmp.paths.confDir, { recursive: true });
  if (ssconfDir) writeFileSync(tmp.paths.ssconfFile('file_storage_dir'), ssconfDir);
  if (allowed !== undefined) writeFileSync(fileStoragePathsFile(tmp.paths), allowed);
  return tmp;
}

test('without ssconf or file-storage-paths: Ganeti\'s default dir, which the defaults allow', (t) => {
  const tmp = node();
  t.is(fileStorageDirFor(tmp.paths), '/srv/ganeti/file-storage');
  t.deepEqual(allowedFileStoragePaths(tmp.paths), ['/srv/ganeti/file-storage', '/srv/ganeti/shared-file-storage']);
  tmp.cleanup();
});

test('a request naming another dir than the node\'s own is refused, naming both', (t) => {
  const tmp = node('/srv/ganeti/file-storage');
  const err = t.throws(() => fileStorageDirFor(tmp.paths, '/etc'), { instanceOf: ParameterError });
  t.regex(err!.message, /Refusing file_storage_dir '\/etc' from the request: node node1 keeps its disks in its own file storage dir '\/srv\/ganeti\/file-storage'/);
  t.is(fileStorageDirFor(tmp.paths, '/srv/ganeti/file-storage/'), '/srv/ganeti/file-storage');
  tmp.cleanup();
});

test('an ssconf dir that file-storage-paths does not allow is refused', (t) => {
  const tmp = node('/srv/other', '# admin list\n/srv/ganeti/file-storage\n');
  const err = t.throws(() => fileStorageDirFor(tmp.paths), { instanceOf: BlockDeviceError });
  t.regex(err!.message, /The file storage dir '\/srv\/other' is not allowed on node node1: it is not below any path listed in .*file-storage-paths \(allowed: \/srv\/ganeti\/file-storage\)/);
  writeFileSync(fileStoragePathsFile(tmp.paths), '/srv/other\n');
  t.is(fileStorageDirFor(tmp.paths), '/srv/other');
  tmp.cleanup();
});

test('system dirs are refused even when the file lists them', (t) => {
  const tmp = node('/etc', '/\n/etc\n');
  t.deepEqual(allowedFileStoragePaths(tmp.paths), []);
  t.throws(() => fileStorageDirFor(tmp.paths), { message: /The file storage dir '\/etc' is not acceptable for file storage on node node1/ });
  writeFileSync(tmp.paths.ssconfFile('file_storage_dir'), '/var/lib/ganeti/x');
  t.throws(() => fileStorageDirFor(tmp.paths), { message: /not acceptable/ });
  tmp.cleanup();
});

test('storage dirs are checked only when a driver reads them', (t) => {
  const tmp = node('/srv/ganeti/file-storage', '/srv/ganeti/file-storage\n');
  writeFileSync(tmp.paths.ssconfFile('shared_file_storage_dir'), '/srv/shared');
  const dirs = nodeStorageDirs(tmp.paths);
  t.is(dirs.fileStorageDir, '/srv/ganeti/file-storage');
  t.throws(() => dirs.sharedFileStorageDir, { message: /shared file storage dir '\/srv\/shared' is not allowed/ });
  tmp.cleanup();
});
