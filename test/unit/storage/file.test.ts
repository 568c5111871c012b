import test from 'ava';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockDeviceError, ParameterError } from '../../../daemons/common/errors.js';
import { DisklessStorage } from '../../../daemons/storage/diskless.js';
import { fileDiskLogicalId, FileStorage } from '../../../daemons/storage/file.js';
import { getStorageDriver } from '../../../daemons/storage/registry.js';
import type { StorageDisk } from '../../../daemons/storage/storage-driver.js';
import { makeTempNode, type TempNode } from '../noded/helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const DIR = '/srv/ganeti/file-storage';
const disk = (uuid: string, size = 100, logical_id: string[] = []): StorageDisk => ({ uuid, dev_type: 'file', size, logical_id });

test('create makes a sparse file at <dir>/<instance>/<uuid>.file with a node-independent logical_id', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const r = await fs.create(disk('d1', 1024), { instanceName: 'inst1', fileStorageDir: DIR });
  t.deepEqual(r.logical_id, ['loop', '/srv/ganeti/file-storage/inst1/d1.file']);
  t.deepEqual(r.logical_id, fileDiskLogicalId(DIR, 'inst1', 'd1'));
  t.is(r.path, join(root, 'srv/ganeti/file-storage/inst1/d1.file'));
  const st = statSync(r.path);
  t.is(st.size, 1024 * 1024 * 1024);
  t.true(st.blocks * 512 < 1024 * 1024, 'the file is sparse');
  t.is(fs.accessPath({ ...disk('d1'), logical_id: r.logical_id }, { fileStorageDir: DIR }), r.path);

  const dup = await t.throwsAsync(fs.create(disk('d1'), { instanceName: 'inst1', fileStorageDir: DIR }), { instanceOf: BlockDeviceError });
  t.is(dup.ecode, 'already_exists');
  t.regex(dup.message, /inst1\/d1\.file' already exists/);
});

test('create honours a logical_id chosen by the master and the default storage dir', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const r = await fs.create(disk('x', 1, ['loop', '/srv/ganeti/file-storage/web/disk0']), {});
  t.is(r.path, join(root, 'srv/ganeti/file-storage/web/disk0'));
  await t.throwsAsync(fs.create(disk('y', 0), { instanceName: 'web' }), { instanceOf: ParameterError });
});

test('remove unlinks the file and the now-empty instance dir; removing again succeeds', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const a = await fs.create(disk('a'), { instanceName: 'i1', fileStorageDir: DIR });
  const b = await fs.create(disk('b'), { instanceName: 'i1', fileStorageDir: DIR });
  await fs.remove({ ...disk('a'), logical_id: a.logical_id }, { fileStorageDir: DIR });
  t.false(existsSync(a.path));
  t.true(existsSync(join(root, 'srv/ganeti/file-storage/i1')), 'still holds disk b');
  await fs.remove({ ...disk('b'), logical_id: b.logical_id }, { fileStorageDir: DIR });
  t.false(existsSync(join(root, 'srv/ganeti/file-storage/i1')));
  t.true(existsSync(join(root, 'srv/ganeti/file-storage')));
  await fs.remove({ ...disk('b'), logical_id: b.logical_id }, { fileStorageDir: DIR });
});

test('rename moves the disk into the new instance dir', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const a = await fs.create(disk('a', 5), { instanceName: 'old', fileStorageDir: DIR });
  const r = await fs.rename({ ...disk('a'), logical_id: a.logical_id }, ['loop', '/srv/ganeti/file-storage/new/a.file'], { fileStorageDir: DIR });
  t.deepEqual(r.logical_id, ['loop', '/srv/ganeti/file-storage/new/a.file']);
  t.is(r.path, join(root, 'srv/ganeti/file-storage/new/a.file'));
  t.is(statSync(r.path).size, 5 * 1024 * 1024);
  t.false(existsSync(join(root, 'srv/ganeti/file-storage/old')));
  const missing = await t.throwsAsync(fs.rename({ ...disk('a'), logical_id: a.logical_id }, r.logical_id, { fileStorageDir: DIR }));
  t.regex(missing.message, /does not exist/);
});

test('paths outside the file storage dir are refused, naming the path', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const ctx = { fileStorageDir: DIR };
  for (const bad of ['/srv/ganeti/file-storage/../../../etc/passwd', '/etc/passwd', 'relative/x.file', '/srv/ganeti/file-storage-evil/x']) {
    const err = t.throws(() => fs.accessPath({ ...disk('z'), logical_id: ['loop', bad] }, ctx), { instanceOf: BlockDeviceError });
    t.true(err.message.includes(`'${bad}'`), err.message);
    t.is(err.ecode, 'wrong_input');
    await t.throwsAsync(fs.remove({ ...disk('z'), logical_id: ['loop', bad] }, ctx), { instanceOf: BlockDeviceError });
    await t.throwsAsync(fs.create(disk('z', 1, ['loop', bad]), ctx), { instanceOf: BlockDeviceError });
  }
  await t.throwsAsync(fs.create(disk('z'), { instanceName: '..', fileStorageDir: DIR }), { instanceOf: ParameterError });
  await t.throwsAsync(fs.create(disk('../z'), { instanceName: 'i', fileStorageDir: DIR }), { instanceOf: ParameterError });
  await t.throwsAsync(fs.create(disk('z'), { instanceName: 'i', fileStorageDir: '/srv/../etc' }), { instanceOf: BlockDeviceError });
  t.throws(() => fs.accessPath({ ...disk('z'), logical_id: ['nbd', '/srv/ganeti/file-storage/i/z.file'] }, ctx), { message: /expected \[driver, path\]/ });

  // An instance dir that is a symlink to elsewhere does not lead out either.
  const outside = join(root, 'outside');
  mkdirSync(outside);
  mkdirSync(join(root, 'srv/ganeti/file-storage'), { recursive: true });
  symlinkSync(outside, join(root, 'srv/ganeti/file-storage/sneaky'));
  const err = await t.throwsAsync(fs.create(disk('s'), { instanceName: 'sneaky', fileStorageDir: DIR }), { instanceOf: BlockDeviceError });
  t.regex(err.message, /resolves outside/);
  t.false(existsSync(join(outside, 's.file')));
});

test('report: total from the node capacity, free = total - apparent sizes', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  await fs.create(disk('a', 300), { instanceName: 'i1', fileStorageDir: DIR });
  await fs.create(disk('b', 200), { instanceName: 'i2', fileStorageDir: DIR });
  t.deepEqual(await fs.report({ fileStorageDir: DIR, totalMiB: 10_000 }), { total: 10_000, free: 9_500 });
  writeFileSync(join(root, 'srv/ganeti/file-storage/i2/stray'), Buffer.alloc(1024 * 1024));
  t.deepEqual(await fs.report({ fileStorageDir: DIR, totalMiB: 10_000 }), { total: 10_000, free: 9_499 });
  const real = await fs.report({ fileStorageDir: '/srv/ganeti/other-dir' });
  t.true(real.total > 0 && real.free >= 0 && real.free <= real.total);
});

test('diskless does nothing and reports nothing; the registry picks drivers by dev_type', async (t) => {
  const { paths } = node();
  const d = new DisklessStorage();
  t.deepEqual(await d.create(disk('a')), { path: '', logical_id: [] });
  await d.remove();
  t.is(d.accessPath(), '');
  t.is(await d.report(), null);
  t.is(getStorageDriver('diskless', paths).kind, 'diskless');
  t.is(getStorageDriver('file', paths).kind, 'file');
  const err = t.throws(() => getStorageDriver('drbd', paths), { instanceOf: ParameterError });
  t.regex(err.message, /Unsupported disk type 'drbd' \(supported on this node: diskless, file\)/);
});
