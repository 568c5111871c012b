// Disk storage as a user drives it on a real 2-node virtual cluster: file (raw and qcow2),
// sharedfile (one real directory both nodes see, one opener at a time) and ext (the shipped
// filedisk provider) instances; grow-disk, modify --disk add/remove, activate/deactivate,
// recreate-disks, gnt-node volumes/list-storage; failed creates leave nothing behind.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addArgs as add, clusterPerFile, out, type T } from '../../vcluster/test-kit.js';

const MIB = 1024 * 1024;

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.55', templates: 'diskless,file,sharedfile,ext', setupArgs: ['--node-disk', '10240'],
  // The template default makes sharedfile disks qcow2 unless a disk says otherwise.
  initArgs: ['-D', 'sharedfile:format=qcow2'],
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'],
});
const ok = vc.ok;
const fileDir = (node: string, inst: string) => join(vc.dir, node, 'srv/ganeti/file-storage', inst);
const sharedDir = (inst: string) => join(vc.dir, 'shared-file-storage', inst);
const filediskDir = (node: string) => join(vc.dir, node, 'srv/ganeti/filedisk');
const sizeOf = (p: string) => statSync(p).size / MIB;
const virtualSize = (p: string) =>
  JSON.parse(execFileSync('qemu-img', ['info', '--output=json', '-U', p], { encoding: 'utf8' }))['virtual-size'] / MIB;
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const instances = async (t: T) => (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name'])).trim().split('\n');

test.serial('file instances: raw by default, qcow2 on request; grow-disk grows the file and the recorded size', async (t) => {
  await ok(t, add('f1', '-t', 'file', '--disk', '0:size=256M', '--disk', '1:size=128M', '-n', 'node1', '--no-start'));
  const raw = files(fileDir('node1', 'f1'));
  t.is(raw.length, 2);
  t.true(raw.every((f) => f.endsWith('.file')));
  t.deepEqual(raw.map((f) => sizeOf(join(fileDir('node1', 'f1'), f))).sort((a, b) => a - b), [128, 256]);

  await ok(t, add('q1', '-t', 'file', '--disk', '0:size=1G,format=qcow2', '-n', 'node1'));
  const [q] = files(fileDir('node1', 'q1'));
  t.regex(q!, /\.qcow2$/);
  t.is(virtualSize(join(fileDir('node1', 'q1'), q!)), 1024);

  const grow = await ok(t, ['gnt-instance', 'grow-disk', 'f1', '0', '256M']);
  t.regex(grow, /Growing disk 0 of instance 'f1' by 256M to 512M/);
  const disk0 = files(fileDir('node1', 'f1')).map((f) => join(fileDir('node1', 'f1'), f)).find((p) => sizeOf(p) === 512);
  t.truthy(disk0, 'disk 0 is now 512 MiB');
  await ok(t, ['gnt-instance', 'grow-disk', '--absolute', 'f1', '1', '1G']);
  t.regex(await ok(t, ['gnt-instance', 'info', 'f1']), /disk\/0: file, size 512M[\s\S]*disk\/1: file, size 1\.0G/);
  // A running qcow2 instance (fake hypervisor) grows through qemu-img.
  await ok(t, ['gnt-instance', 'grow-disk', 'q1', '0', '1G']);
  t.is(virtualSize(join(fileDir('node1', 'q1'), q!)), 2048);

  const smaller = await vc.gnt(['gnt-instance', 'grow-disk', '--absolute', 'f1', '0', '100M']);
  t.is(smaller.code, 1);
  t.regex(out(smaller), /Requested size \(100M\) is smaller than current disk size \(512M\)/);
  const index = await vc.gnt(['gnt-instance', 'grow-disk', 'f1', '7', '1G']);
  t.is(index.code, 1);
  t.regex(out(index), /Invalid disk index '7' \(instance f1 has 2 disk\(s\)\)/);
  const amount = await vc.gnt(['gnt-instance', 'grow-disk', 'f1', '0', 'lots']);
  t.is(amount.code, 1);
  t.regex(out(amount), /Can't parse the given amount 'lots'/);
  const diskless = await vc.gnt(add('d1', '-t', 'diskless', '-n', 'node2', '--no-start'));
  t.is(diskless.code, 0, out(diskless));
  const dl = await vc.gnt(['gnt-instance', 'grow-disk', 'd1', '0', '1G']);
  t.is(dl.code, 1);
  t.regex(out(dl), /Instance's disk layout does not support growing/);
});

test.serial('sharedfile: both nodes see the disk, only one has it open (the lease names it)', async (t) => {
  await ok(t, add('s1', '-t', 'sharedfile', '--disk', '0:size=64M', '-n', 'node2'));
  const [img, lease] = files(sharedDir('s1'));
  t.regex(img!, /\.qcow2$/, 'the cluster default format (-D sharedfile:format=qcow2)');
  t.is(lease, `${img}.lease`);
  t.is(readFileSync(join(sharedDir('s1'), lease!), 'utf8'), 'node2\n', 'the running instance holds the lease on node2');
  t.true(existsSync(join(vc.dir, 'node1/srv/ganeti/shared-file-storage/s1', img!)), 'node1 sees the same file');
  // Growing a running instance's shared disk.
  await ok(t, ['gnt-instance', 'grow-disk', 's1', '0', '64M']);
  t.is(virtualSize(join(sharedDir('s1'), img!)), 128);
  const deact = await vc.gnt(['gnt-instance', 'deactivate-disks', 's1']);
  t.is(deact.code, 1);
  t.regex(out(deact), /Instance 's1' is marked to be up, cannot shutdown disks/);
  await ok(t, ['gnt-instance', 'shutdown', 's1']);
  t.false(existsSync(join(sharedDir('s1'), lease!)), 'shutting down released the lease');
  // Another node holding the disk (a stale lease) stops the instance from starting on node2.
  writeFileSync(join(sharedDir('s1'), lease!), 'node1\n');
  const start = await vc.gnt(['gnt-instance', 'startup', 's1']);
  t.is(start.code, 1);
  t.regex(out(start), /it is open on node node1/);
  rmSync(join(sharedDir('s1'), lease!));
  await ok(t, ['gnt-instance', 'startup', 's1']);
  t.is(readFileSync(join(sharedDir('s1'), lease!), 'utf8'), 'node2\n');
});

test.serial('ext: the filedisk provider makes, grows and removes volumes; the disk params reach it', async (t) => {
  await ok(t, add('e1', '-t', 'ext', '--disk', '0:size=64M,provider=filedisk', '--disk', '1:size=32M,provider=filedisk,dir=/srv/ganeti/vols2', '-n', 'node1'));
  const vols = files(filediskDir('node1')).filter((f) => !f.endsWith('.meta'));
  t.is(vols.length, 1);
  t.regex(vols[0]!, /^[0-9a-f-]+\.ext\.disk0$/);
  t.is(sizeOf(join(filediskDir('node1'), vols[0]!)), 64);
  t.is(readFileSync(join(filediskDir('node1'), `${vols[0]}.meta`), 'utf8'), 'originstname+e1\n');
  const [vol1] = files(join(vc.dir, 'node1/srv/ganeti/vols2')).filter((f) => !f.endsWith('.meta'));
  t.regex(vol1!, /\.ext\.disk1$/);
  await ok(t, ['gnt-instance', 'grow-disk', 'e1', '1', '32M']);
  t.is(sizeOf(join(vc.dir, 'node1/srv/ganeti/vols2', vol1!)), 64);
  t.regex(await ok(t, ['gnt-instance', 'info', 'e1']), /disk\/1: ext, size 64M/);
  await ok(t, ['gnt-instance', 'remove', '-f', 'e1']);
  t.deepEqual(files(filediskDir('node1')), []);
  t.deepEqual(files(join(vc.dir, 'node1/srv/ganeti/vols2')), []);
});

test.serial('modify --disk add / remove; activate-disks prints node:disk:path; deactivate-disks', async (t) => {
  const added = await ok(t, ['gnt-instance', 'modify', '--disk', 'add:size=32M', 'f1']);
  t.regex(added, /disk\/2 -> add:size=32,mode=rw/);
  t.is(files(fileDir('node1', 'f1')).length, 3);
  const act = await ok(t, ['gnt-instance', 'activate-disks', 'f1']);
  const lines = act.trim().split('\n');
  t.is(lines.length, 3);
  lines.forEach((l, i) => {
    const [node, iv, path] = l.split(':');
    t.is(node, 'node1');
    t.is(iv, `disk/${i}`);
    t.true(existsSync(path!), path);
  });
  await ok(t, ['gnt-instance', 'deactivate-disks', 'f1']);
  const removed = await ok(t, ['gnt-instance', 'modify', '--disk', '2:remove', 'f1']);
  t.regex(removed, /disk\/2 -> remove/);
  t.is(files(fileDir('node1', 'f1')).length, 2);
  t.notRegex(await ok(t, ['gnt-instance', 'info', 'f1']), /disk\/2/);
  // Removing a disk of a running instance is refused; a bad new disk too, before anything is made.
  const running = await vc.gnt(['gnt-instance', 'modify', '--disk', '0:remove', 'q1']);
  t.is(running.code, 1);
  t.regex(out(running), /Instance q1 is running, cannot remove disk\/0/);
  const bad = await vc.gnt(['gnt-instance', 'modify', '--disk', 'add:size=32M,format=vmdk', 'f1']);
  t.is(bad.code, 1);
  t.regex(out(bad), /disk\/2: Invalid disk format 'vmdk' \(allowed: raw, qcow2\)/);
  t.is(files(fileDir('node1', 'f1')).length, 2);
  // sharedfile: activating takes the lease on the primary node, deactivating drops it.
  await ok(t, ['gnt-instance', 'shutdown', 's1']);
  t.regex(await ok(t, ['gnt-instance', 'activate-disks', 's1']), /^node2:disk\/0:.*shared-file-storage\/s1\/.*\.qcow2$/m);
  t.true(files(sharedDir('s1')).some((f) => f.endsWith('.lease')));
  await ok(t, ['gnt-instance', 'deactivate-disks', 's1']);
  t.false(files(sharedDir('s1')).some((f) => f.endsWith('.lease')));
});

test.serial('recreate-disks: lost disks come back; existing ones make it fail and undo; -n moves the instance', async (t) => {
  const paths = (await ok(t, ['gnt-instance', 'activate-disks', 'f1'])).trim().split('\n').map((l) => l.split(':')[2]!);
  await ok(t, ['gnt-instance', 'deactivate-disks', 'f1']);
  const [disk0, disk1] = paths;
  rmSync(disk1!);
  await ok(t, ['gnt-instance', 'recreate-disks', '--disk', '1', 'f1']);
  t.true(existsSync(disk1!));
  t.is(sizeOf(disk1!), 1024);
  // Both disks asked for while disk 1 exists: the job fails, and disk 0 (lost again, made
  // first by this job) is removed again; the config is unchanged.
  rmSync(disk0!);
  const fail = await vc.gnt(['gnt-instance', 'recreate-disks', 'f1']);
  t.is(fail.code, 1);
  t.regex(out(fail), /already exists/);
  t.false(existsSync(disk0!), 'the disk this job created was removed');
  await ok(t, ['gnt-instance', 'recreate-disks', '--disk', '0:size=768M', 'f1']);
  t.is(sizeOf(disk0!), 768);
  t.regex(await ok(t, ['gnt-instance', 'info', 'f1']), /disk\/0: file, size 768M/);
  // Moving: the instance's disks are made on node2, which becomes its primary node.
  const move = await ok(t, ['gnt-instance', 'recreate-disks', '-n', 'node2', 'f1']);
  t.regex(move, /Changing the instance's nodes, you will have to remove any disks left on the older nodes manually/);
  t.is(files(fileDir('node2', 'f1')).length, 2);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode', 'f1']), /f1 +node2/);
  const up = await vc.gnt(['gnt-instance', 'recreate-disks', 'q1']);
  t.is(up.code, 1);
  t.regex(out(up), /Instance 'q1' is marked to be up, cannot recreate disks/);
});

test.serial('gnt-node volumes and list-storage show the disks and the space', async (t) => {
  const vols = await ok(t, ['gnt-node', 'volumes']);
  t.regex(vols.split('\n')[0]!, /^Node +PhysDev +VG +Name +Size +Instance$/);
  const rows = (await ok(t, ['gnt-node', 'volumes', '--no-headers', '--separator=|', '-o', 'node,name,size,instance'])).trim().split('\n');
  const f1 = rows.filter((r) => r.endsWith('|f1'));
  t.is(f1.length, 2);
  t.true(f1.every((r) => r.startsWith('node2|/srv/ganeti/file-storage/f1/')));
  t.deepEqual(f1.map((r) => Number(r.split('|')[2])).sort((x, y) => x - y), [768, 1024]);
  t.true(rows.some((r) => /^node1\|\/srv\/ganeti\/file-storage\/f1\/.*\|(768|1024)\|-$/.test(r)), 'the old copies on node1 belong to no instance');
  t.true(rows.some((r) => /^node1\|\/srv\/ganeti\/file-storage\/q1\/.*\.qcow2\|2048\|q1$/.test(r)));
  const shared = rows.filter((r) => r.includes('/shared-file-storage/s1/'));
  t.deepEqual(shared.map((r) => r.split('|')[0]), ['node2'], 'a shared disk is listed once, under its primary node');

  const storage = await ok(t, ['gnt-node', 'list-storage']);
  t.regex(storage.split('\n')[0]!, /^Node +Type +Name +Size +Used +Free +Allocatable$/);
  const st = (await ok(t, ['gnt-node', 'list-storage', '--no-headers', '--separator=|'])).trim().split('\n');
  // node1: the old f1 copies (768 + 1024) and q1 (2048); node2: f1 (768 + 1024).
  t.deepEqual(st, [
    'node1|file|/srv/ganeti/file-storage|10240|3840|6400|Y',
    'node2|file|/srv/ganeti/file-storage|10240|1792|8448|Y',
  ]);
  const sf = (await ok(t, ['gnt-node', 'list-storage', '-t', 'sharedfile', '--no-headers', '--separator=|', '-o', 'node,name,used'])).trim();
  t.deepEqual(sf.split('\n'), ['node1|/srv/ganeti/shared-file-storage|128', 'node2|/srv/ganeti/shared-file-storage|128']);
  const ext = await vc.gnt(['gnt-node', 'list-storage', '-t', 'ext']);
  t.is(ext.code, 1);
  t.regex(out(ext), /Storage type 'ext' cannot be listed by this version \(listable: file, sharedfile\)/);
  const field = await vc.gnt(['gnt-node', 'volumes', '-o', 'node,colour']);
  t.is(field.code, 1);
  t.regex(out(field), /Unknown output fields selected: colour/);
});

test.serial('only file disks use the node\'s own space: sharedfile and ext disks do not count against it', async (t) => {
  const dfree = async () => Number((await ok(t, ['gnt-node', 'list', '--no-headers', '--units=m', '--separator=|', '-o', 'dfree', 'node2'])).trim());
  const before = await dfree();
  const big = await vc.gnt(add('big1', '-t', 'file', '--disk', '0:size=20G', '-n', 'node2', '--no-start'));
  t.is(big.code, 1);
  t.regex(out(big), /Node node2 cannot host instance big1: not enough disk \(free \d+ MiB, needed 20480 MiB\)/);
  const grow = await vc.gnt(['gnt-instance', 'grow-disk', 'f1', '0', '20G']);
  t.is(grow.code, 1);
  t.regex(out(grow), /not enough disk/);
  await ok(t, add('big2', '-t', 'ext', '--disk', '0:size=20G,provider=filedisk', '-n', 'node2', '--no-start'));
  await ok(t, add('big3', '-t', 'sharedfile', '--disk', '0:size=20G', '-n', 'node2', '--no-start'));
  t.is(await dfree(), before);
  await ok(t, ['gnt-instance', 'remove', '-f', 'big2']);
  await ok(t, ['gnt-instance', 'remove', '-f', 'big3']);
  t.deepEqual(files(sharedDir('big3')), []);
});

test.serial('a create that fails halfway leaves no disk behind', async (t) => {
  // An ext provider whose create fails for the second disk (installed on every node).
  for (const node of vc.nodes) {
    const dst = join(vc.dir, node, 'srv/ganeti/extstorage/faildisk');
    cpSync(join(vc.dir, node, 'srv/ganeti/extstorage/filedisk'), dst, { recursive: true });
    writeFileSync(join(dst, 'create'), '#!/bin/sh\nset -eu\n. "$(dirname "$0")/common.sh"\n' +
      'case "$VOL_NAME" in *disk1) echo "faildisk: refusing $VOL_NAME" >&2; exit 1 ;; esac\n' +
      'mkdir -p "$FD_DIR"; truncate -s "${VOL_SIZE}M" "$FD_FILE"\n');
    chmodSync(join(dst, 'create'), 0o755);
  }
  const r = await vc.gnt(add('x1', '-t', 'ext', '--disk', '0:size=16M,provider=faildisk', '--disk', '1:size=16M,provider=faildisk', '-n', 'node2'));
  t.is(r.code, 1);
  t.regex(out(r), /create script for volume .*\.ext\.disk1 failed \(exited with exit code 1\)[\s\S]*faildisk: refusing/);
  t.deepEqual(files(filediskDir('node2')), [], 'disk 0 was removed again');
  // A file instance whose second disk cannot be made (its base image does not exist on the node).
  const f = await vc.gnt(add('x2', '-t', 'file', '--disk', '0:size=16M', '--disk', '1:size=16M,format=qcow2,backing=/srv/nowhere/base.qcow2', '-n', 'node2'));
  t.is(f.code, 1);
  t.regex(out(f), /Backing image '\/srv\/nowhere\/base.qcow2' does not exist on this node/);
  t.false(existsSync(fileDir('node2', 'x2')));
  t.false((await instances(t)).some((n) => n === 'x1' || n === 'x2'));
});

test.serial('bad disk parameters are refused before anything is created', async (t) => {
  const cases: [string[], RegExp][] = [
    [['-t', 'file', '--disk', '0:size=1G,format=vmdk'], /Disk 0: Invalid disk format 'vmdk' \(allowed: raw, qcow2\)/],
    [['-t', 'file', '--disk', '0:size=1G,provider=filedisk'], /the 'provider' option is only valid for the ext disk template, not file/],
    [['-t', 'ext', '--disk', '0:size=1G'], /Disk 0: missing provider for template 'ext'/],
    [['-t', 'ext', '--disk', '0:size=1G,provider=nosuch'], /ExtStorage provider 'nosuch' not found on node node1 \(valid providers: faildisk, filedisk\)/],
    [['-t', 'ext', '--disk', '0:size=1G,provider=filedisk,colour=blue'], /ExtStorage provider 'filedisk' does not take parameter\(s\) colour \(it takes: dir\)/],
    [['-t', 'sharedfile', '--disk', '0:size=1G,format=raw,backing=/srv/b.qcow2'], /a backing image needs format=qcow2/],
    [['-t', 'file', '--disk', '0:size=1G,mode=rx'], /invalid access mode 'rx'|Invalid access mode 'rx'/],
  ];
  for (const [args, re] of cases) {
    const r = await vc.gnt(add('bad1', '-n', 'node1', ...args));
    t.is(r.code, 1, args.join(' '));
    t.regex(out(r), re);
  }
  t.false(existsSync(fileDir('node1', 'bad1')));
  t.false(existsSync(sharedDir('bad1')));
  t.deepEqual(files(filediskDir('node1')), []);
  t.false((await instances(t)).includes('bad1'));
});
