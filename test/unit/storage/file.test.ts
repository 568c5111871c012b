import test from 'ava';
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { BlockDeviceError, ParameterError } from '../../../daemons/common/errors.js';
import { DisklessStorage } from '../../../daemons/storage/diskless.js';
import { fileDiskLogicalId, FileStorage } from '../../../daemons/storage/file.js';
import { getStorageDriver, loadStorageDrivers, resetOverlay } from '../../../daemons/storage/registry.js';
import { readQcow2Header } from '../../../daemons/storage/image-file.js';
import { storageConformance } from './conformance.js';
import type { StorageDisk } from '../../../daemons/storage/storage-driver.js';
import { makeTempNode, type TempNode } from '../noded/helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const DIR = '/srv/ganeti/file-storage';
const disk = (uuid: string, size = 100, logical_id: string[] = []): StorageDisk => ({ uuid, dev_type: 'file', size, logical_id });

test.before(() => loadStorageDrivers());

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

test('report: total from the node capacity, used = the disks\' sizes, free = total - used', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  await fs.create(disk('a', 300), { instanceName: 'i1', fileStorageDir: DIR });
  await fs.create(disk('b', 200), { instanceName: 'i2', fileStorageDir: DIR });
  t.deepEqual(await fs.report({ fileStorageDir: DIR, totalMiB: 10_000 }), { total: 10_000, used: 500, free: 9_500 });
  writeFileSync(join(root, 'srv/ganeti/file-storage/i2/stray'), Buffer.alloc(1024 * 1024));
  t.deepEqual(await fs.report({ fileStorageDir: DIR, totalMiB: 10_000 }), { total: 10_000, used: 501, free: 9_499 });
  const real = await fs.report({ fileStorageDir: '/srv/ganeti/other-dir' });
  t.true(real.total > 0 && real.free >= 0 && real.free <= real.total);
});

test('diskless does nothing and reports nothing; the registry picks drivers by dev_type', async (t) => {
  const { paths } = node();
  const d = new DisklessStorage();
  t.deepEqual(await d.create(disk('a')), { path: '', logical_id: [], size: 0 });
  t.is(await d.assemble(), '');
  t.deepEqual(await d.listVolumes(), []);
  await d.remove();
  t.is(d.accessPath(), '');
  t.is(await d.report(), null);
  t.is(getStorageDriver('diskless', paths).kind, 'diskless');
  t.is(getStorageDriver('file', paths).kind, 'file');
  const err = t.throws(() => getStorageDriver('drbd', paths), { instanceOf: ParameterError });
  t.regex(err.message, /Unsupported disk type 'drbd' \(supported on this node: diskless, file, sharedfile, ext\)/);
});

// --- formats: raw by default, qcow2 on request, overlays on a base image ---

const qdisk = (uuid: string, size: number, params: Record<string, unknown>, logical_id: string[] = []): StorageDisk =>
  ({ uuid, dev_type: 'file', size, logical_id, params });

test('a qcow2 disk is a .qcow2 image of the virtual size asked for; grow goes through qemu-img', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const r = await fs.create(qdisk('q1', 2048, { format: 'qcow2' }), { instanceName: 'web', fileStorageDir: DIR });
  t.deepEqual(r.logical_id, ['loop', '/srv/ganeti/file-storage/web/q1.qcow2']);
  t.is(r.path, join(root, 'srv/ganeti/file-storage/web/q1.qcow2'));
  t.is(r.size, 2048);
  t.true(statSync(r.path).size < 1024 * 1024, 'a fresh qcow2 image is small');
  t.is(readQcow2Header(r.path).size, 2048 * 1024 * 1024);
  const d = qdisk('q1', 2048, { format: 'qcow2' }, r.logical_id);
  t.is(await fs.grow(d, 1024, {}), 3072);
  t.is(readQcow2Header(r.path).size, 3072 * 1024 * 1024);
  t.deepEqual(await fs.usage({ ...d, size: 3072 }, {}), { size: 3072, used: (await fs.usage(d, {}))!.used });
  const vols = await fs.listVolumes({ fileStorageDir: DIR });
  t.deepEqual(vols, [{ phys: r.path, vg: DIR, name: '/srv/ganeti/file-storage/web/q1.qcow2', size: 3072 }]);
});

test('a raw disk whose guest wrote a qcow2 header stays raw (formats come from names, not content)', async (t) => {
  const { paths } = node();
  const fs = new FileStorage(paths);
  const r = await fs.create(disk('raw1', 8), { instanceName: 'x', fileStorageDir: DIR });
  const q = await fs.create(qdisk('tmp', 1024, { format: 'qcow2' }), { instanceName: 'x', fileStorageDir: DIR });
  writeFileSync(r.path, readFileSync(q.path).subarray(0, 512), { flag: 'r+' });
  t.is((await fs.usage({ ...disk('raw1', 8), logical_id: r.logical_id }, {}))!.size, 8);
  t.is(await fs.grow({ ...disk('raw1', 8), logical_id: r.logical_id }, 8, {}), 16);
  t.is(statSync(r.path).size, 16 * 1024 * 1024);
});

test('an overlay on a base image: created with -b/-F, size 0 takes the base size, resetOverlay drops the writes', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const ctx = { instanceName: 'lab1', fileStorageDir: DIR };
  const base = await fs.create(qdisk('base', 64, { format: 'qcow2' }), { instanceName: 'admin', fileStorageDir: DIR });
  const backing = '/srv/ganeti/file-storage/admin/base.qcow2';
  const params = { format: 'qcow2', backing, backing_format: 'qcow2' };
  const o = await fs.create(qdisk('ov', 0, params), ctx);
  t.is(o.size, 64);
  t.is(readQcow2Header(o.path).backing, base.path, 'the overlay names the base by its path on this node');
  const ov = qdisk('ov', 64, params, o.logical_id);
  // The guest writes into the overlay: it grows; reset brings back the empty overlay, size kept.
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x55 0 4M', o.path], { stdio: 'ignore' });
  const written = statSync(o.path).size;
  t.true(written > 4 * 1024 * 1024);
  await fs.grow(ov, 64, {});
  const reset = await fs.resetOverlay({ ...ov, size: 128 }, ctx);
  t.is(reset.size, 128);
  t.true(statSync(o.path).size < written);
  t.is(readQcow2Header(o.path).backing, base.path);
  t.is(readQcow2Header(o.path).size, 128 * 1024 * 1024);
  // Exporting an overlay flattens it: the stream is a standalone qcow2 image.
  const ex = await fs.exportStream({ ...ov, size: 128 }, ctx);
  const copy = join(root, 'exported.qcow2');
  await pipeline(ex.stream, createWriteStream(copy));
  await ex.done();
  t.is(readQcow2Header(copy).backing, '');
  t.is(readQcow2Header(copy).size, 128 * 1024 * 1024);
  t.deepEqual(readdirSync(join(root, 'srv/ganeti/file-storage/lab1')), ['ov.qcow2'], 'the temporary flat copy is gone');
  // The same through the registry (what the OS images helper calls).
  t.is((await resetOverlay(paths, { ...ov, size: 128 }, ctx)).path, o.path);
  await t.throwsAsync(resetOverlay(paths, { ...disk('plain', 8), logical_id: base.logical_id, params: { format: 'qcow2' } }, ctx), { message: /no base image/ });
});

test('bad format parameters are refused before anything is written', async (t) => {
  const { paths, root } = node();
  const fs = new FileStorage(paths);
  const ctx = { instanceName: 'bad', fileStorageDir: DIR };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ format: 'vmdk' }, /Invalid disk format 'vmdk' \(allowed: raw, qcow2\)/],
    [{ format: 'raw', backing: '/srv/ganeti/file-storage/a/b.qcow2' }, /backing image needs format qcow2/],
    [{ format: 'qcow2', backing: 'relative.qcow2' }, /Invalid backing image 'relative.qcow2'/],
    [{ format: 'qcow2', backing: '/srv/../etc/passwd' }, /Invalid backing image/],
    [{ format: 'qcow2', backing: '/srv/ganeti/missing.qcow2' }, /Backing image '\/srv\/ganeti\/missing.qcow2' does not exist/],
  ];
  for (const [params, re] of cases) {
    const err = await t.throwsAsync(fs.create(qdisk('b1', 8, params), ctx), { instanceOf: BlockDeviceError });
    t.regex(err.message, re);
  }
  t.false(existsSync(join(root, 'srv/ganeti/file-storage/bad/b1.qcow2')));
  t.false(existsSync(join(root, 'srv/ganeti/file-storage/bad/b1.file')));
});

storageConformance('file (raw)', () => {
  const n = makeTempNode();
  return {
    driver: new FileStorage(n.paths), ctx: { instanceName: 'inst', fileStorageDir: DIR }, raw: true, cleanup: n.cleanup,
    disk: (uuid, size) => ({ uuid, dev_type: 'file', size, logical_id: [], params: { format: 'raw' } }),
  };
});

storageConformance('file (qcow2)', () => {
  const n = makeTempNode();
  return {
    driver: new FileStorage(n.paths), ctx: { instanceName: 'inst', fileStorageDir: DIR }, raw: false, cleanup: n.cleanup,
    disk: (uuid, size) => ({ uuid, dev_type: 'file', size, logical_id: [], params: { format: 'qcow2' } }),
  };
});
