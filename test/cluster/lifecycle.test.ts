// The VM life cycle as a user drives it on a 2-node virtual cluster (fake hypervisor, file
// disks): snapshots with revert and delete, save-as images, and gnt-backup export, list,
// import (another size, node), remove, with the data checked in the disk files themselves.
import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addArgs as add, clusterPerFile, diskHolds as holds, imageInfo, markDisk as mark, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.125', templates: 'diskless,file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-backup'],
});
const ok = vc.ok;
/** The disk's file on its node, from `gnt-instance info` (on primary: PATH). */
async function diskFile(t: T, node: string, inst: string): Promise<string> {
  const m = /on primary: (\S+)/.exec(await ok(t, ['gnt-instance', 'info', inst]));
  if (!m) { t.fail(`no 'on primary' in info of ${inst}`); return ''; }
  return join(vc.dir, node, m[1]!);
}

test.serial('snapshots of qcow2 and raw file disks: list, revert to the content at the snapshot, delete', async (t) => {
  for (const [name, format] of [['sq', 'qcow2'], ['sr', 'raw']] as const) {
    await ok(t, add(name, '-t', 'file', '--disk', `0:size=16M,format=${format}`, '-n', 'node1', '--no-start'));
    const disk = await diskFile(t, 'node1', name);
    t.is(imageInfo(disk).format, format);
    mark(disk, '0x41');
    t.regex(await ok(t, ['gnt-instance', 'snapshot', '--name', 's1', name]), /Snapshot s1 of \w+ created/);
    mark(disk, '0x42');
    t.false(holds(disk, '0x41'));
    const list = await ok(t, ['gnt-instance', 'snapshot-list', name]);
    t.regex(list, /^Snapshot\s+DiskSizes\s+Created\s+Memory\n/);
    t.regex(list, /\ns1\s+16M\s+/);
    await ok(t, ['gnt-instance', 'snapshot-revert', '-f', name, 's1']);
    t.true(holds(disk, '0x41'), `${format}: after revert the disk holds what it held at the snapshot`);
    t.is(await diskFile(t, 'node1', name), disk, 'info still shows the disk path');
  }
  const dir = join(vc.dir, 'node1/srv/ganeti/file-storage/sq');
  t.is(readdirSync(dir).filter((f) => f.includes('.snap-s1')).length, 1);
  const dup = await vc.gnt(['gnt-instance', 'snapshot', '--name', 's1', 'sq']);
  t.is(dup.code, 1);
  t.regex(out(dup), /already has a snapshot 's1'/);
  const unknown = await vc.gnt(['gnt-instance', 'snapshot-revert', '-f', 'sq', 'nope']);
  t.is(unknown.code, 1);
  t.regex(out(unknown), /has no snapshot 'nope' \(snapshots: s1\)/);
  await ok(t, ['gnt-instance', 'snapshot-delete', 'sq', 's1']);
  t.deepEqual(readdirSync(dir).filter((f) => f.includes('.snap-')), []);
  t.notRegex(await ok(t, ['gnt-instance', 'snapshot-list', 'sq']), /s1/);
  // Removing an instance removes its snapshots too.
  await ok(t, ['gnt-instance', 'snapshot', '--name', 'keep', 'sr']);
  await ok(t, ['gnt-instance', 'remove', '-f', 'sr']);
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/file-storage/sr')));
});

test.serial('suspend/resume and pause/continue (fake hypervisor); a running instance is snapshotted and keeps running', async (t) => {
  await ok(t, add('run1', '-t', 'file', '--disk', '0:size=16M', '-B', 'memory=512', '-n', 'node2'));
  t.regex(await ok(t, ['gnt-instance', 'snapshot', 'run1']), /Snapshot \d{8}-\d{6} of run1 created/);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'run1']), /running/);
  const mfree = async () => Number((await ok(t, ['gnt-node', 'list', '--no-headers', '--units=m', '-o', 'mfree', 'node2'])).trim());
  const free0 = await mfree();
  await ok(t, ['gnt-instance', 'pause', 'run1']);
  await ok(t, ['gnt-instance', 'continue', 'run1']);
  await ok(t, ['gnt-instance', 'suspend', 'run1']);
  t.is((await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status,admin_state', 'run1'])).trim().split(/\s+/).join(' '), 'suspended suspended');
  t.is(await mfree(), free0 + 512, 'a suspended instance holds no memory on its node');
  t.regex(await ok(t, ['gnt-instance', 'info', 'run1']), /State: configured to be suspended, actual state is suspended\n/);
  const state = join(vc.dir, 'node2/var/lib/ganeti/suspended/run1.state.gz');
  t.true(existsSync(state));
  const start = await vc.gnt(['gnt-instance', 'startup', 'run1']);
  t.is(start.code, 1);
  t.regex(out(start), /is suspended: resume it \(gnt-instance resume\)/);
  const again = await vc.gnt(['gnt-instance', 'suspend', 'run1']);
  t.is(again.code, 1);
  t.regex(out(again), /is suspended: cannot suspend it/);
  // A state file that cannot be loaded: refused, kept, still suspended.
  const saved = readFileSync(state);
  writeFileSync(state, 'garbage');
  const bad = await vc.gnt(['gnt-instance', 'resume', 'run1']);
  t.is(bad.code, 1);
  t.regex(out(bad), /state file '.*run1.state.gz' could not be loaded \(corrupt or incomplete\); the file is kept/);
  t.true(existsSync(state));
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'run1']), /suspended/);
  writeFileSync(state, saved);
  await ok(t, ['gnt-instance', 'resume', 'run1']);
  t.false(existsSync(state));
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status,admin_state', 'run1']), /running\s+up/);
  t.is(await mfree(), free0);
  const notSusp = await vc.gnt(['gnt-instance', 'resume', 'run1']);
  t.is(notSusp.code, 1);
  t.regex(out(notSusp), /is not suspended \(admin state up\)/);
  await ok(t, ['gnt-instance', 'remove', '-f', 'run1']);
});

test.serial('save-as writes a standalone compressed qcow2 image; the instance is unchanged', async (t) => {
  const disk = await diskFile(t, 'node1', 'sq');
  mark(disk, '0x43');
  await ok(t, ['gnt-instance', 'save-as', 'sq', '/srv/images/sq.qcow2']);
  const img = join(vc.dir, 'node1/srv/images/sq.qcow2');
  const info = imageInfo(img);
  t.is(info.format, 'qcow2');
  t.is(info['backing-filename'], undefined);
  t.is(info['virtual-size'], 16 * 1024 * 1024);
  t.true(holds(img, '0x43'));
  t.true(holds(disk, '0x43'));
  const again = await vc.gnt(['gnt-instance', 'save-as', 'sq', '/srv/images/sq.qcow2']);
  t.is(again.code, 1);
  t.regex(out(again), /Image '\/srv\/images\/sq.qcow2' already exists/);
  const rel = await vc.gnt(['gnt-instance', 'save-as', 'sq', 'images/x.qcow2']);
  t.is(rel.code, 1);
  t.regex(out(rel), /Invalid image path 'images\/x.qcow2'/);
  // The image installs a new instance through the image OS: its disk holds the saved content.
  mark(disk, '0x45');   // what sq holds now is not what was saved
  await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-n', 'node1', '-o', 'image+default',
    '-O', 'image=/srv/images/sq.qcow2', '--no-start', '--no-name-check', '--no-ip-check', 'fromimg']);
  const installed = await diskFile(t, 'node1', 'fromimg');
  t.true(holds(installed, '0x43'), 'the instance made from the image holds the saved content');
  t.false(holds(installed, '0x45'));
  // ... and serves as a profile base: the new disk is an overlay on it and reads its content.
  await ok(t, add('onimg', '-t', 'file', '--disk', '0:size=16M,base_image=/srv/images/sq.qcow2', '-n', 'node1', '--no-start'));
  const overlay = await diskFile(t, 'node1', 'onimg');
  t.is(imageInfo(overlay)['backing-filename'], img);
  t.true(holds(overlay, '0x43'), 'the overlay reads the saved image');
  await ok(t, ['gnt-instance', 'remove', '-f', 'fromimg']);
  await ok(t, ['gnt-instance', 'remove', '-f', 'onimg']);
});

test.serial('gnt-backup: export to another node, list, import with a new size and node, checksum checked, remove', async (t) => {
  const disk = await diskFile(t, 'node1', 'sq');
  mark(disk, '0x44');
  await ok(t, ['gnt-backup', 'export', '-n', 'node2', 'sq']);
  const exp = join(vc.dir, 'node2/srv/ganeti/export/sq');
  t.deepEqual(readdirSync(exp).sort(), ['config.ini', 'disk0_dump']);
  const ini = readFileSync(join(exp, 'config.ini'), 'utf8');
  t.regex(ini, /\[export\]\nversion = 0\n/);
  t.regex(ini, /\[instance\][\s\S]*name = sq\n[\s\S]*disk_count = 1\ndisk0_ivname = disk\/0\ndisk0_dump = disk0_dump\ndisk0_size = 16\n/);
  t.deepEqual(readdirSync(join(vc.dir, 'node1/var/lib/ganeti/export-out')), [], 'the source keeps no dump');
  t.is(await ok(t, ['gnt-backup', 'list']), 'Node  Export\nnode2 sq\n');
  t.is(await ok(t, ['gnt-backup', 'list', '--no-headers', '-o', 'export']), 'sq\n');
  t.regex(await ok(t, ['gnt-backup', 'list-fields']), /^Name\s+Type\s+Title\s+Description\nexport\s+Text\s+Export/);

  // The dump corrupted on node2: the import refuses it and leaves no instance behind.
  const dump = join(exp, 'disk0_dump');
  const good = readFileSync(dump);
  const bad = Buffer.from(good);
  bad[100] = bad[100]! ^ 0xff;
  writeFileSync(dump, bad);
  const imp = ['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '-t', 'file', '--disk', '0:size=32M', '-o', 'dummy',
    '--no-name-check', '--no-ip-check', '--no-start', 'sq2'];
  const corrupt = await vc.gnt([...imp.slice(0, -1), '--src-dir', 'sq', 'sq2']);
  t.is(corrupt.code, 1);
  t.regex(out(corrupt), /Checksum mismatch for sq\/disk0_dump from node node2/);
  t.notRegex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /sq2/);
  writeFileSync(dump, good);

  const small = await vc.gnt([...imp.slice(0, 8), '0:size=8M', ...imp.slice(9, -1), '--src-dir', 'sq', 'sq2']);
  t.is(small.code, 1);
  t.regex(out(small), /Disk 0: 8 MiB is smaller than the exported disk \(16 MiB\)/);
  await ok(t, [...imp.slice(0, -1), '--src-dir', '/srv/ganeti/export/sq', 'sq2']);
  const imported = await diskFile(t, 'node1', 'sq2');
  t.is(imageInfo(imported).format, 'raw');
  t.is(imageInfo(imported)['virtual-size'], 32 * 1024 * 1024);
  t.true(holds(imported, '0x44'), 'the imported disk holds the exported data');

  const missing = await vc.gnt([...imp.slice(0, -1), 'nope']);
  t.is(missing.code, 1);
  t.regex(out(missing), /No export 'nope' found on node node2/);

  await ok(t, ['gnt-backup', 'remove', 'sq']);
  t.false(existsSync(exp));
  t.is(await ok(t, ['gnt-backup', 'list', '--no-headers']), '');
  const gone = await vc.gnt(['gnt-backup', 'remove', 'sq']);
  t.is(gone.code, 1);
  t.regex(out(gone), /No export found for instance sq/);
});

test.serial('gnt-backup export --remove-instance removes the instance once the export is complete', async (t) => {
  await ok(t, ['gnt-backup', 'export', '-n', 'node2', '--remove-instance', 'sq2']);
  t.notRegex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /sq2/);
  t.true(existsSync(join(vc.dir, 'node2/srv/ganeti/export/sq2/config.ini')));
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/file-storage/sq2')));
});

test.serial('persistent=no: what the guest wrote is gone after a stop; info says so; nothing is left after removal', async (t) => {
  await ok(t, add('np', '-t', 'file', '--disk', '0:size=16M,persistent=no', '-n', 'node1', '--no-start'));
  const disk = await diskFile(t, 'node1', 'np');
  mark(disk, '0x51');   // installed content
  t.regex(await ok(t, ['gnt-instance', 'info', 'np']), /persistent: no/);
  await ok(t, ['gnt-instance', 'startup', 'np']);
  mark(disk, '0x52');   // what the guest writes while it runs
  await ok(t, ['gnt-instance', 'shutdown', 'np']);
  t.true(holds(disk, '0x51'), 'the writes of the run are discarded');
  await ok(t, ['gnt-instance', 'startup', 'np']);
  t.true(holds(disk, '0x51'));
  await ok(t, ['gnt-instance', 'remove', '-f', 'np']);
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/file-storage/np')));
  const bad = await vc.gnt(add('np2', '-t', 'file', '--disk', '0:size=16M,persistent=maybe', '-n', 'node1', '--no-start'));
  t.is(bad.code, 1);
  t.regex(out(bad), /invalid value 'maybe' for persistent \(allowed: yes, no\)/);
});

test.serial('gnt-backup export --noshutdown: a running instance is exported from a snapshot and keeps running', async (t) => {
  await ok(t, add('ns', '-t', 'file', '--disk', '0:size=16M', '-n', 'node1', '--no-start'));
  const disk = await diskFile(t, 'node1', 'ns');
  mark(disk, '0x61');
  await ok(t, ['gnt-instance', 'startup', 'ns']);
  const refused = await vc.gnt(['gnt-backup', 'export', '-n', 'node2', '--noshutdown', '--remove-instance', 'ns']);
  t.is(refused.code, 1);
  t.regex(out(refused), /Cannot remove the instance without shutting it down first/);
  const log = await ok(t, ['gnt-backup', 'export', '-n', 'node2', '--noshutdown', 'ns']);
  t.regex(log, /snapshotting the disks of running instance ns/);
  t.notRegex(log, /shutting down/);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'ns']), /running/);
  t.true(holds(join(vc.dir, 'node2/srv/ganeti/export/ns/disk0_dump'), '0x61'), 'the export holds the disk as it was');
  // The snapshot the dump was made from, and the overlays of the running instance, are gone.
  const dir = join(vc.dir, 'node1/srv/ganeti/file-storage/ns');
  t.deepEqual(readdirSync(dir).filter((f) => join(dir, f) !== disk), [], 'only the disk is left in the instance dir');
  await ok(t, ['gnt-instance', 'remove', '-f', 'ns']);
  await ok(t, ['gnt-backup', 'remove', 'ns']);
});
