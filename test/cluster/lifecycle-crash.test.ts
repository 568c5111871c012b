// kill -9 of the primary's node daemon in the middle of a snapshot-revert and of a save-as
// (fake hypervisor: both are disk-file work on the node, the same code as on kvm; a filled
// 512 MiB disk so each takes seconds): the job fails, `gnt-cluster verify` names what the
// operation left half-done, and once noded is back the operation's retry completes, leaves
// nothing behind, and the disk or image holds what it should.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addArgs as add, clusterPerFile, diskHolds as holds, imageInfo, markDisk as mark } from '../../vcluster/test-kit.js';
import { killNodedDuring, verifyOutput } from './faults/util.js';

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.56', templates: 'file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'],
});
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

test.serial('kill -9 of noded during snapshot-revert and save-as: verify names what is left, the retry completes', async (t) => {
  t.timeout(300_000);
  await vc.ok(t, add('vm1', '-t', 'file', '--disk', '0:size=512M', '-n', 'node2', '--no-start'));
  const dir = join(vc.dir, 'node2/srv/ganeti/file-storage/vm1');
  const disk = join(dir, files(dir).find((f) => f.endsWith('.file'))!);
  execFileSync('sh', ['-c', `head -c 536870912 /dev/urandom > '${disk}'`]);
  mark(disk, '0x41');
  await vc.ok(t, ['gnt-instance', 'snapshot', '--name', 's1', 'vm1']);
  mark(disk, '0x42');

  // Revert: killed while the snapshot is copied next to the disk; the disk is untouched, the
  // partial copy named, and the retry puts the snapshot's content in place.
  const rv = await killNodedDuring(vc, t, 'node2', ['gnt-instance', 'snapshot-revert', '-f', 'vm1', 's1'], 'the revert copy to start',
    () => files(dir).some((f) => f.endsWith('.tmp')));
  t.is(rv.status, 'error', rv.info);
  t.regex(rv.info, /node2/);
  t.true(holds(disk, '0x42'), 'the interrupted revert left the disk as it was');
  t.regex(await verifyOutput(vc), /ENODELEFTOVER:node:node2:partial copy of a disk of instance vm1 \(an interrupted snapshot or revert\)/);
  await vc.ok(t, ['gnt-instance', 'snapshot-revert', '-f', 'vm1', 's1']);
  t.true(holds(disk, '0x41'), 'the retried revert put the snapshot back');
  t.deepEqual(files(dir).filter((f) => f.startsWith('.')), []);
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER/);

  // Save-as: killed while qemu-img compresses the disk into the image's temporary file; no image
  // exists, verify names the partial one, the retry writes it whole.
  const images = join(vc.dir, 'node2/srv/images');
  const image = join(images, 'vm1.qcow2');
  const sv = await killNodedDuring(vc, t, 'node2', ['gnt-instance', 'save-as', 'vm1', '/srv/images/vm1.qcow2'], 'the image to be written',
    () => files(images).some((f) => f.endsWith('.tmp')));
  t.is(sv.status, 'error', sv.info);
  t.false(existsSync(image), 'no image under the name asked for');
  t.regex(await verifyOutput(vc), new RegExp(`ENODELEFTOVER:node:node2:partial image of an interrupted save-as to '${image}': ${images}/\\.vm1\\.qcow2\\.[0-9a-f]{8}\\.tmp`));
  await vc.ok(t, ['gnt-instance', 'save-as', 'vm1', '/srv/images/vm1.qcow2'], { timeoutMs: 300_000 });
  t.deepEqual(files(images), ['vm1.qcow2']);
  t.is(imageInfo(image).format, 'qcow2');
  t.true(holds(image, '0x41'));
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER/);
});
