// kill -9 of the primary's node daemon while a real qemu guest's state is saved by `snapshot
// --memory` and while it is loaded by `resume` (TCG, the tiny guest): the job fails,
// `gnt-cluster verify` names what is left (a partial state file; an instance running while
// the configuration says suspended), and once noded is back the retry completes.
import test from 'ava';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guestHv, qemuPids } from '../../vcluster/kvm-guest.js';
import { clusterPerFile, type T } from '../../vcluster/test-kit.js';
import { killNodedDuring, sleep, verifyOutput } from '../cluster/faults/util.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'];
const vc = clusterPerFile({ nodes: 2, prefix: '127.0.57', hypervisors: 'kvm,fake', programs: PROGRAMS });

const gnt = (t: T, args: string[]) => vc.ok(t, args, { timeoutMs: 300_000 });
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const status = async (t: T) => (await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status,admin_state', 'vm1'])).trim().split(/\s+/).join(' ');

test.serial('kill -9 of noded during snapshot --memory and resume: verify names what is left, the retry completes', async (t) => {
  t.timeout(600_000);
  await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=64M', '-o', 'dummy', '-B', 'memory=128', '-H', guestHv(),
    '--no-name-check', '--no-ip-check', '-n', 'node2', 'vm1']);
  await sleep(8000);   // the guest boots
  const susp = join(vc.dir, 'node2/var/lib/ganeti/suspended');

  // snapshot --memory: killed while qemu writes the guest's state (the guest frozen for it).
  const sn = await killNodedDuring(vc, t, 'node2', ['gnt-instance', 'snapshot', '--memory', '--name', 's1', 'vm1'], 'the state to be written',
    () => files(susp).some((f) => f.endsWith('.partial')));
  t.is(sn.status, 'error', sn.info);
  t.regex(await verifyOutput(vc), /ENODELEFTOVER:node:node2:partial saved state of instance vm1 \(an interrupted suspend or snapshot --memory\)/);
  t.notRegex(await gnt(t, ['gnt-instance', 'snapshot-list', 'vm1']), /s1/, 'no snapshot is recorded');
  await sleep(3000);   // qemu finishes the stream it was writing on its own
  await gnt(t, ['gnt-instance', 'snapshot', '--memory', '--name', 's1', 'vm1']);
  t.regex(await gnt(t, ['gnt-instance', 'snapshot-list', 'vm1']), /\ns1\s+64M\s+.*\s+yes\n/);
  t.deepEqual(files(susp), ['vm1.snap-s1.state.gz']);
  t.is(await status(t), 'running up');
  t.notRegex(await verifyOutput(vc), /ENODELEFTOVER/);

  // resume: killed while qemu loads the state; qemu goes on and runs the guest, which verify
  // names (running, configured suspended); the retry takes that qemu as the resumed guest.
  await gnt(t, ['gnt-instance', 'suspend', 'vm1']);
  t.is(qemuPids(vc.dir).get('vm1'), undefined);
  const rs = await killNodedDuring(vc, t, 'node2', ['gnt-instance', 'resume', 'vm1'], 'qemu to load the state',
    () => qemuPids(vc.dir).has('vm1'));
  t.is(rs.status, 'error', rs.info);
  const pid = qemuPids(vc.dir).get('vm1');
  t.truthy(pid, 'qemu outlived the node daemon');
  t.regex(await verifyOutput(vc), /EINSTANCEWRONGNODE:instance:vm1:instance is marked as suspended, but is running on node2/);
  t.true(files(susp).includes('vm1.state.gz'), 'the state is kept until a resume completes');
  await gnt(t, ['gnt-instance', 'resume', 'vm1']);
  t.is(qemuPids(vc.dir).get('vm1'), pid, 'the retry waited for that qemu instead of starting another');
  t.is(await status(t), 'running up');
  t.deepEqual(files(susp), ['vm1.snap-s1.state.gz']);
  const v = await verifyOutput(vc);
  t.notRegex(v, /ENODELEFTOVER|EINSTANCE/);
});
