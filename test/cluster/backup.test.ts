// gnt-backup beyond the basics (fake hypervisor, 2 nodes): dumps compressed with one of the
// cluster's compression tools and read back on import onto another template, node and size;
// tools the cluster does not allow refused; an export or an import that fails half-way (the
// second of two disks) leaves nothing half-written and everything as it was.
import test from 'ava';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addArgs as add, clusterPerFile, diskHolds as holds, markDisk as mark, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.166', templates: 'diskless,file,sharedfile',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-backup'],
});
const ok = vc.ok;
/** Every disk's file as its primary sees it (`on primary: PATH` of gnt-instance info). */
async function diskFiles(t: T, node: string, inst: string): Promise<string[]> {
  return [...(await ok(t, ['gnt-instance', 'info', inst])).matchAll(/on primary: (\S+)/g)].map((m) => join(vc.dir, node, m[1]!));
}
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const exportDir = (node: string, name = '') => join(vc.dir, node, 'srv/ganeti/export', name);
const names = async (t: T) => (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name'])).trim().split('\n');

test.serial('export --transport-compression: compressed dumps, checksummed; import onto another template, node and size', async (t) => {
  await ok(t, add('c1', '-t', 'file', '--disk', '0:size=16M,format=qcow2', '--disk', '1:size=8M', '-n', 'node1', '--no-start'));
  const [d0, d1] = await diskFiles(t, 'node1', 'c1');
  mark(d0!, '0x51');
  mark(d1!, '0x52');
  await ok(t, ['gnt-backup', 'export', '-n', 'node2', '--transport-compression', 'gzip-fast', 'c1']);
  const exp = exportDir('node2', 'c1');
  t.deepEqual(files(exp), ['config.ini', 'disk0_dump', 'disk1_dump']);
  const ini = readFileSync(join(exp, 'config.ini'), 'utf8');
  t.regex(ini, /\[export\][^[]*compression = gzip-fast\n/);
  for (const i of [0, 1]) {
    const dump = join(exp, `disk${i}_dump`);
    t.is(readFileSync(dump).subarray(0, 2).toString('hex'), '1f8b', `disk${i}_dump is gzip'd`);
    t.true(ini.includes(`disk${i}_dump_sha256 = ${sha(dump)}\n`), 'the config holds the checksum of the file as kept');
  }
  // A 16 MiB disk holding 4 KiB of data compresses to almost nothing.
  t.true(readFileSync(join(exp, 'disk0_dump')).length < 1024 * 1024);

  await ok(t, ['gnt-backup', 'import', '-n', 'node2', '--src-node=node2', '-t', 'sharedfile', '--disk', '0:size=32M', '--disk', '1:size=8M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', '--src-dir', 'c1', 'c2']);
  const [i0, i1] = await diskFiles(t, 'node2', 'c2');
  t.regex(await ok(t, ['gnt-instance', 'info', 'c2']), /disk\/0: sharedfile, size 32M/);
  t.true(holds(i0!, '0x51'), 'disk 0 holds the exported data');
  t.true(holds(i1!, '0x52'), 'disk 1 holds the exported data');
  await ok(t, ['gnt-instance', 'remove', '-f', 'c2']);
});

test.serial('a compression tool the cluster does not allow is refused, naming the allowed ones', async (t) => {
  for (const tool of ['lzop', 'xz']) {
    const r = await vc.gnt(['gnt-backup', 'export', '-n', 'node2', '--transport-compression', tool, 'c1']);
    t.is(r.code, 1);
    t.regex(out(r), new RegExp(`Compression tool '${tool}' is not allowed on this cluster \\(allowed: none, gzip, gzip-fast, gzip-slow\\)`));
  }
  t.deepEqual(files(exportDir('node2')), ['c1'], 'nothing written');
});

test.serial('an export failing at its second disk keeps the older export, writes nothing, and the instance runs again', async (t) => {
  await ok(t, add('f1', '-t', 'file', '--disk', '0:size=8M', '--disk', '1:size=8M,format=qcow2', '-n', 'node1'));
  const [d0, d1] = await diskFiles(t, 'node1', 'f1');
  mark(d0!, '0x61');
  await ok(t, ['gnt-backup', 'export', '-n', 'node2', 'f1']);
  const exp = exportDir('node2', 'f1');
  const before = Object.fromEntries(files(exp).map((f) => [f, sha(join(exp, f))]));
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'f1']), /running/);
  // The second disk is not a readable image any more: its dump fails after the first is made.
  const good = readFileSync(d1!);
  writeFileSync(d1!, Buffer.concat([Buffer.from('QFI\xfbgarbage'), good.subarray(16)]));
  mark(d0!, '0x62');
  const r = await vc.gnt(['gnt-backup', 'export', '-n', 'node2', 'f1']);
  t.is(r.code, 1);
  t.regex(out(r), /Could not dump the disks of f1/);
  t.deepEqual(Object.fromEntries(files(exp).map((f) => [f, sha(join(exp, f))])), before, 'the older export is untouched');
  t.deepEqual(files(exportDir('node2')).filter((f) => f.endsWith('.new')), [], 'no partial export');
  t.deepEqual(files(join(vc.dir, 'node1/var/lib/ganeti/export-out')), [], 'no dump left on the source');
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'f1']), /running/, 'the instance runs again');
  writeFileSync(d1!, good);
  await ok(t, ['gnt-instance', 'remove', '-f', 'f1']);
});

test.serial('an import failing at its second disk leaves no instance and no disk behind', async (t) => {
  const exp = exportDir('node2', 'f1');
  const dump1 = join(exp, 'disk1_dump');
  const good = readFileSync(dump1);
  const bad = Buffer.from(good);
  bad[4096] = bad[4096]! ^ 0xff;
  writeFileSync(dump1, bad);
  const r = await vc.gnt(['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '-t', 'file', '--disk', '0:size=8M', '--disk', '1:size=8M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', '--src-dir', 'f1', 'f2']);
  t.is(r.code, 1);
  t.regex(out(r), /Checksum mismatch for f1\/disk1_dump from node node2/);
  t.false((await names(t)).includes('f2'));
  t.deepEqual(files(join(vc.dir, 'node1/srv/ganeti/file-storage/f2')), [], 'the disks already imported are removed');
  t.deepEqual(files(join(vc.dir, 'node1/var/lib/ganeti/import-in')), [], 'no partial download left');
  writeFileSync(dump1, good);
  await ok(t, ['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '-t', 'file', '--disk', '0:size=8M', '--disk', '1:size=8M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', '--src-dir', 'f1', 'f2']);
  const [i0] = await diskFiles(t, 'node1', 'f2');
  t.true(holds(i0!, '0x61'), 'the retried import holds the data of the complete export');
});
