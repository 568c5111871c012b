// kill -9 of the primary's node daemon in the middle of a suspend, a snapshot and an export of
// a real qemu guest (TCG, the tiny guest, a filled 512 MiB disk so each takes seconds): the job
// fails naming the node, `gnt-cluster verify` names what the operation left half-done, and
// once the node daemon is back (as after the watcher's next run) the operation's retry
// completes and verify no longer names it.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guestHv, qemuPids } from '../../vcluster/kvm-guest.js';
import { clusterPerFile, type T } from '../../vcluster/test-kit.js';
import { killNodedDuring, sleep, verifyOutput } from '../cluster/faults/util.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-backup'];
const vc = clusterPerFile({ nodes: 2, prefix: '127.0.168', hypervisors: 'kvm,fake', programs: PROGRAMS });

const gnt = (t: T, args: string[]) => vc.ok(t, args, { timeoutMs: 300_000 });
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: false }) as string[] : []);
const storage = () => join(vc.dir, 'node2/srv/ganeti/file-storage/vm1');

const killDuring = (t: T, args: string[], what: string, started: () => boolean) => killNodedDuring(vc, t, 'node2', args, what, started);
const verify = () => verifyOutput(vc);

test.serial('kill -9 of noded during suspend, snapshot and export: verify names what is left, the retry completes', async (t) => {
  t.timeout(900_000);
  await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=512M', '-o', 'dummy', '-B', 'memory=128', '-H', guestHv(),
    '--no-name-check', '--no-ip-check', '-n', 'node2', '--no-start', 'vm1']);
  const disk = join(storage(), files(storage()).find((f) => f.endsWith('.file'))!);
  execFileSync('sh', ['-c', `head -c 536870912 /dev/urandom > '${disk}'`]);
  await gnt(t, ['gnt-instance', 'startup', 'vm1']);
  await sleep(10_000);   // the guest boots

  // Suspend: killed while qemu writes the state; the partial file is named, the retry saves it whole.
  const susp = join(vc.dir, 'node2/var/lib/ganeti/suspended');
  const s = await killDuring(t, ['gnt-instance', 'suspend', 'vm1'], 'the state to be written', () => files(susp).some((f) => f.endsWith('.partial')));
  t.is(s.status, 'error', s.info);
  t.regex(s.info, /node2/);
  t.regex(await verify(), /ENODELEFTOVER:node:node2:partial saved state of instance vm1 \(an interrupted suspend or snapshot --memory\)/);
  await sleep(5000);   // qemu finishes the stream it was writing on its own
  await gnt(t, ['gnt-instance', 'suspend', 'vm1']);
  t.deepEqual(files(susp), ['vm1.state.gz']);
  t.is(qemuPids(vc.dir).get('vm1'), undefined);
  t.notRegex(await verify(), /ENODELEFTOVER/);
  await gnt(t, ['gnt-instance', 'resume', 'vm1']);
  t.truthy(qemuPids(vc.dir).get('vm1'));

  // Snapshot: killed while the disk is copied (the guest frozen); the retry copies it again and the guest runs on.
  const sn = await killDuring(t, ['gnt-instance', 'snapshot', '--name', 's1', 'vm1'], 'the disk copy to start',
    () => files(storage()).some((f) => f.endsWith('.tmp')));
  t.is(sn.status, 'error', sn.info);
  t.regex(await verify(), /ENODELEFTOVER:node:node2:partial copy of a disk of instance vm1 \(an interrupted snapshot or revert\)/);
  await gnt(t, ['gnt-instance', 'snapshot', '--name', 's1', 'vm1']);
  t.deepEqual(files(storage()).filter((f) => f.endsWith('.tmp')), []);
  t.regex(await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status', 'vm1']), /running/);
  t.notRegex(await verify(), /ENODELEFTOVER/);

  // Export: killed while the primary dumps the disk. Transfer staging (export-out, import-in) can
  // never be resumed, so the restarted noded removes it before serving (noded/main.ts): nothing
  // is left for verify to name, and the retry exports whole.
  const out = join(vc.dir, 'node2/var/lib/ganeti/export-out');
  const ex = await killDuring(t, ['gnt-backup', 'export', '-n', 'node1', 'vm1'], 'the dump to start', () => files(join(out, 'vm1')).length > 0);
  t.is(ex.status, 'error', ex.info);
  t.deepEqual(files(out), [], 'the restarted noded removed the interrupted dumps');
  t.notRegex(await verify(), /ENODELEFTOVER/);
  t.false(existsSync(join(vc.dir, 'node1/srv/ganeti/export/vm1')), 'no export is listed');
  await gnt(t, ['gnt-backup', 'export', '-n', 'node1', 'vm1']);
  t.true(existsSync(join(vc.dir, 'node1/srv/ganeti/export/vm1/config.ini')));
  t.deepEqual(files(out), []);
  t.notRegex(await verify(), /ENODELEFTOVER/);
});
