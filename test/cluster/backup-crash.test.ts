// kill -9 of the new primary's node daemon while `gnt-backup import` writes a dump onto the new
// instance's disk (fake hypervisor, a 384 MiB disk of random data, so the transfer takes
// seconds): the job fails and rolls back (the master retries the disk removal while the node
// restarts), no instance and no disk are left, so verify names nothing, and the retry imports
// the data whole.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addArgs as add, clusterPerFile, diskHolds as holds, markDisk as mark } from '../../vcluster/test-kit.js';
import { killNodedDuring, verifyOutput } from './faults/util.js';

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.58', templates: 'file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-backup'],
});
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const storage = (node: string, inst: string) => join(vc.dir, node, 'srv/ganeti/file-storage', inst);

test.serial('kill -9 of noded during gnt-backup import: rolled back, verify names nothing, the retry imports whole', async (t) => {
  t.timeout(300_000);
  await vc.ok(t, add('vm1', '-t', 'file', '--disk', '0:size=384M', '-n', 'node2', '--no-start'));
  const disk = join(storage('node2', 'vm1'), files(storage('node2', 'vm1')).find((f) => f.endsWith('.file'))!);
  execFileSync('sh', ['-c', `head -c 402653184 /dev/urandom > '${disk}'`]);
  mark(disk, '0x51');
  await vc.ok(t, ['gnt-backup', 'export', '-n', 'node2', 'vm1'], { timeoutMs: 300_000 });

  const imp = ['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '--src-dir', 'vm1', '-t', 'file', '--disk', '0:size=384M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', 'vm2'];
  const dir = storage('node1', 'vm2');
  const written = () => files(dir).some((f) => f.endsWith('.file') && statSync(join(dir, f)).blocks * 512 > 32 * 1048576);
  const im = await killNodedDuring(vc, t, 'node1', imp, 'the dump to be written onto the new disk', written);
  t.is(im.status, 'error', im.info);
  t.regex(im.info, /node1/);
  t.notRegex(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /vm2/, 'no instance is left');
  t.false(existsSync(dir), 'the new disk was removed');
  t.deepEqual(files(join(vc.dir, 'node1/var/lib/ganeti/import-in')), []);
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER|ENODEORPHAN/);

  await vc.ok(t, imp, { timeoutMs: 300_000 });
  const got = join(dir, files(dir).find((f) => f.endsWith('.file'))!);
  t.true(holds(got, '0x51'), 'the imported disk holds the exported data');
  t.notThrows(() => execFileSync('cmp', [disk, got]), 'byte for byte');
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER/);
});

// A compressed dump is pulled into the new primary's import-in first and unpacked onto the disk
// from there: a kill -9 while it is being pulled leaves a partial download, which the restarted
// noded drops, so verify names nothing and the retry imports whole.
test.serial('kill -9 of noded during a compressed import: the staged download is dropped, the retry imports whole', async (t) => {
  t.timeout(300_000);
  await vc.ok(t, add('vm4', '-t', 'file', '--disk', '0:size=384M', '-n', 'node2', '--no-start'));
  const disk = join(storage('node2', 'vm4'), files(storage('node2', 'vm4')).find((f) => f.endsWith('.file'))!);
  execFileSync('sh', ['-c', `head -c 402653184 /dev/urandom > '${disk}'`]);
  await vc.ok(t, ['gnt-backup', 'export', '-n', 'node2', '--compress', 'gzip-fast', 'vm4'], { timeoutMs: 300_000 });
  const imp = ['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '--src-dir', 'vm4', '-t', 'file', '--disk', '0:size=384M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', 'vm5'];
  const staging = join(vc.dir, 'node1/var/lib/ganeti/import-in');
  const staged = () => files(staging).some((f) => statSync(join(staging, f)).size > 32 * 1048576);
  const im = await killNodedDuring(vc, t, 'node1', imp, 'the compressed dump to be pulled into import-in', staged);
  t.is(im.status, 'error', im.info);
  t.notRegex(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /vm5/, 'no instance is left');
  t.false(existsSync(storage('node1', 'vm5')), 'the new disk was removed');
  t.deepEqual(files(staging), [], 'the partial download is gone');
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER|ENODEORPHAN/);

  await vc.ok(t, imp, { timeoutMs: 300_000 });
  const dir = storage('node1', 'vm5');
  const got = join(dir, files(dir).find((f) => f.endsWith('.file'))!);
  t.notThrows(() => execFileSync('cmp', [disk, got]), 'the imported disk is the exported one, byte for byte');
  t.deepEqual(files(staging), [], 'nothing staged is left after the import');
});
