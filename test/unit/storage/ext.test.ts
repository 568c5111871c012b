import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlockDeviceError } from '../../../daemons/common/errors.js';
import type { Paths } from '../../../daemons/common/paths.js';
import { ExtStorage } from '../../../daemons/storage/ext.js';
import { installShippedExtProviders } from '../../../daemons/storage/ext-install.js';
import { extSearchDir, listProviders } from '../../../daemons/storage/ext-provider.js';
import type { StorageDisk } from '../../../daemons/storage/storage-driver.js';
import { makeTempNode, type TempNode } from '../noded/helpers/temp-node.js';
import { storageConformance } from './conformance.js';

const nodes: TempNode[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const SCRIPTS = ['create', 'attach', 'detach', 'remove', 'grow', 'setinfo', 'verify'];

/** A provider whose every script records its environment; `bodies` override single scripts. */
function writeProvider(paths: Paths, name: string, bodies: Record<string, string> = {}, params = 'foo A test parameter\nbar_baz Another one\n'): string {
  const dir = join(extSearchDir(paths), name);
  mkdirSync(dir, { recursive: true });
  for (const s of SCRIPTS) {
    const body = bodies[s] ?? `mkdir -p "$GANETI_ROOTDIR/rec"; env | sort > "$GANETI_ROOTDIR/rec/${s}"` +
      (s === 'attach' ? `; touch "$GANETI_ROOTDIR/rec/vol"; echo "$GANETI_ROOTDIR/rec/vol"` : '');
    writeFileSync(join(dir, s), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, s), 0o755);
  }
  writeFileSync(join(dir, 'parameters.list'), params);
  return dir;
}

function envOf(root: string, script: string): Record<string, string> {
  return Object.fromEntries(readFileSync(join(root, 'rec', script), 'utf8').trim().split('\n').map((l) => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));
}

const extDisk = (uuid: string, size: number, params: Record<string, unknown>, logical_id: string[] = [], iv = 'disk/0'): StorageDisk =>
  ({ uuid, name: 'data', dev_type: 'ext', size, logical_id, iv_name: iv, params });

test('scripts get Ganeti\'s variables (VOL_*, EXTP_*) in a clean environment', async (t) => {
  const { paths, root } = node();
  writeProvider(paths, 'rec');
  const ext = new ExtStorage(paths);
  const params = { provider: 'rec', foo: 'one', bar_baz: '2' };
  const r = await ext.create(extDisk('u1', 512, params, [], 'disk/1'), { instanceName: 'web' });
  t.deepEqual(r.logical_id, ['rec', 'u1.ext.disk1']);
  t.is(r.path, join(root, 'rec/vol'));
  const create = envOf(root, 'create');
  t.like(create, { VOL_NAME: 'u1.ext.disk1', VOL_SIZE: '512', VOL_UUID: 'u1', VOL_CNAME: 'data', EXTP_FOO: 'one', EXTP_BAR_BAZ: '2' });
  t.is(create.PATH, '/usr/sbin:/usr/bin:/sbin:/bin');
  t.is(create.HOME, undefined, 'the daemon environment is not passed on');
  t.like(envOf(root, 'setinfo'), { VOL_NAME: 'u1.ext.disk1', VOL_METADATA: 'originstname+web' });
  const d = extDisk('u1', 512, params, r.logical_id, 'disk/1');
  t.is(await ext.grow(d, 256, {}), 768);
  t.like(envOf(root, 'grow'), { VOL_NAME: 'u1.ext.disk1', VOL_SIZE: '512', VOL_NEW_SIZE: '768' });
  t.is(ext.accessPath(d), join(root, 'rec/vol'), 'the attached path is remembered');
  await ext.shutdown(d, {});
  t.is(ext.accessPath(d), '');
  t.like(envOf(root, 'detach'), { VOL_NAME: 'u1.ext.disk1' });
  // Every run is logged under <log dir>/extstorage.
  t.true(readdirSync(join(paths.logDir, 'extstorage')).some((f) => f.startsWith('create-rec-u1.ext.disk1-')));
});

test('a failing script is reported with its output; a volume that cannot be attached after create is removed', async (t) => {
  const { paths, root } = node();
  writeProvider(paths, 'boom', { create: 'echo "no space left on the SAN" >&2; exit 3' });
  const ext = new ExtStorage(paths);
  const err = await t.throwsAsync(ext.create(extDisk('u2', 64, { provider: 'boom' }), {}), { instanceOf: BlockDeviceError });
  t.regex(err.message, /ExtStorage provider 'boom': create script for volume u2\.ext\.disk0 failed \(exited with exit code 3\), last lines of output:\nno space left on the SAN/);

  writeProvider(paths, 'noattach', { attach: 'echo "not mapped" >&2; exit 1' });
  await t.throwsAsync(ext.create(extDisk('u3', 64, { provider: 'noattach' }), {}), { message: /attach script for volume u3.ext.disk0 failed/ });
  t.like(envOf(root, 'remove'), { VOL_NAME: 'u3.ext.disk0' }, 'the half-made volume was removed');

  writeProvider(paths, 'relpath', { attach: 'echo dev/sdb' });
  await t.throwsAsync(ext.create(extDisk('u4', 64, { provider: 'relpath' }), {}), { message: /printed no device path \(got 'dev\/sdb'\)/ });
});

test('unknown providers, broken providers and undeclared parameters are refused before any script runs', async (t) => {
  const { paths, root } = node();
  writeProvider(paths, 'rec');
  const broken = writeProvider(paths, 'broken');
  chmodSync(join(broken, 'grow'), 0o644);
  const ext = new ExtStorage(paths);
  const missing = await t.throwsAsync(ext.create(extDisk('u5', 8, { provider: 'nosuch' }), {}), { instanceOf: BlockDeviceError });
  t.regex(missing.message, /ExtStorage provider 'nosuch' is not usable on node node1: provider directory .* not found \(valid providers: rec\)/);
  const bad = await t.throwsAsync(ext.create(extDisk('u6', 8, { provider: 'broken' }), {}));
  t.regex(bad.message, /script 'grow' is not executable/);
  const param = await t.throwsAsync(ext.create(extDisk('u7', 8, { provider: 'rec', colour: 'blue' }), {}));
  t.regex(param.message, /ExtStorage provider 'rec' does not take parameter\(s\) colour \(it takes: foo, bar_baz\)/);
  const name = await t.throwsAsync(ext.create(extDisk('u8', 8, { provider: '../rec' }), {}));
  t.regex(name.message, /invalid ExtStorage provider name '\.\.\/rec'/);
  t.false(existsSync(join(root, 'rec/create')), 'no script ran');
  t.deepEqual(listProviders(paths).map((p) => [p.name, p.valid]), [['broken', false], ['rec', true]]);
});

test('snapshots need the provider\'s snapshot script', async (t) => {
  const { paths } = node();
  writeProvider(paths, 'rec');
  const ext = new ExtStorage(paths);
  const r = await ext.create(extDisk('u9', 8, { provider: 'rec' }), {});
  const err = await t.throwsAsync(ext.snapshot(extDisk('u9', 8, { provider: 'rec' }, r.logical_id), 'snap', {}));
  t.regex(err.message, /provider 'rec' does not support snapshots/);
});

const MIB = 1024 * 1024;
/** Writes (or reads back) a 4 KiB pattern of `byte` at each offset of the file. */
function stamp(path: string, byte: number, offsets: number[]): void {
  const fd = openSync(path, 'r+');
  try { for (const o of offsets) writeSync(fd, Buffer.alloc(4096, byte), 0, 4096, o); } finally { closeSync(fd); }
}
function holds(path: string, byte: number, offset: number): boolean {
  const fd = openSync(path, 'r');
  const b = Buffer.alloc(4096);
  try { readSync(fd, b, 0, 4096, offset); } finally { closeSync(fd); }
  return b.equals(Buffer.alloc(4096, byte));
}

test('ext revert goes through the provider\'s revert script; an interrupted revert leaves the old disk intact', async (t) => {
  const { paths, root } = node();
  await installShippedExtProviders(paths);
  const ext = new ExtStorage(paths);
  const r = await ext.create(extDisk('rv', 8, { provider: 'filedisk' }), {});
  const disk = extDisk('rv', 8, { provider: 'filedisk' }, r.logical_id);
  const offsets = [0, 6 * MIB];
  stamp(r.path, 0x41, offsets);
  const snap = await ext.snapshot(disk, 's1', {});
  stamp(r.path, 0x42, offsets);
  // The copy fails at 4 MiB, between the two stamps: a copy onto the volume would leave its
  // first half reverted and its second half not.
  const worker = join(dirname(fileURLToPath(import.meta.url)), 'ext-revert-worker.ts');
  const cut = spawnSync('sh', ['-c', 'ulimit -f 8192; exec "$@"', 'sh', process.execPath, '--import=tsx', worker,
    root, JSON.stringify(disk), JSON.stringify(snap.logical_id)], { encoding: 'utf8' });
  t.not(cut.status, 0, `the limited revert should fail: ${cut.stdout}${cut.stderr}`);
  t.true(holds(r.path, 0x42, 0) && holds(r.path, 0x42, 6 * MIB), 'the interrupted revert left the disk as it was');
  t.is(statSync(r.path).size, 8 * MIB);
  t.deepEqual(readdirSync(dirname(r.path)).filter((f) => f.includes('.reverting.')), [], 'no partial copy left behind');
  await ext.revert(disk, snap.logical_id, {});
  t.true(holds(r.path, 0x41, 0) && holds(r.path, 0x41, 6 * MIB), 'the revert put the snapshot\'s content back');
  t.is(statSync(r.path).size, 8 * MIB);
  t.is(ext.accessPath(disk), r.path, 'the disk is where it was');
  // A provider without a revert script cannot revert.
  writeProvider(paths, 'rec');
  const e = await ext.create(extDisk('u8', 8, { provider: 'rec' }), {});
  const err = await t.throwsAsync(ext.revert(extDisk('u8', 8, { provider: 'rec' }, e.logical_id), ['rec', `${e.logical_id[1]}.s1`], {}));
  t.regex(err.message, /provider 'rec' cannot revert to a snapshot: it has no revert script/);
});

test('the shipped filedisk provider is installed valid, with its parameter', async (t) => {
  const { paths } = node();
  t.deepEqual(await installShippedExtProviders(paths), ['filedisk']);
  const [p] = listProviders(paths);
  t.like(p, { name: 'filedisk', valid: true, diagnose: '' });
  t.deepEqual(p!.parameters.map(([n]) => n), ['dir']);
  t.true(p!.optional.has('snapshot'));
  t.true(p!.optional.has('revert'));
});

storageConformance('ext (filedisk provider)', async () => {
  const n = makeTempNode();
  await installShippedExtProviders(n.paths);
  return {
    driver: new ExtStorage(n.paths), ctx: { instanceName: 'inst' }, raw: true, cleanup: n.cleanup,
    disk: (uuid, size) => extDisk(uuid, size, { provider: 'filedisk' }),
  };
});

test('filedisk keeps volumes under its dir parameter, inside a virtual node\'s root', async (t) => {
  const { paths, root } = node();
  await installShippedExtProviders(paths);
  const ext = new ExtStorage(paths);
  const r = await ext.create(extDisk('fd', 32, { provider: 'filedisk', dir: '/srv/volumes' }), { instanceName: 'db' });
  t.is(r.path, join(root, 'srv/volumes/fd.ext.disk0'));
  t.is(readFileSync(join(root, 'srv/volumes/fd.ext.disk0.meta'), 'utf8'), 'originstname+db\n');
  const err = await t.throwsAsync(ext.create(extDisk('fe', 32, { provider: 'filedisk', dir: 'relative' }), {}));
  t.regex(err.message, /the dir parameter must be an absolute path, got 'relative'/);
});
