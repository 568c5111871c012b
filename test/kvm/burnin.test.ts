// burnin with real VMs: Ganeti's stress tool on a 2-node virtual cluster with the kvm
// hypervisor (tiny guest, TCG), in parallel, must pass and leave no qemu and no disk file.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guestHv, qemuPids } from '../../vcluster/kvm-guest.js';
import { clusterPerFile } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({ nodes: 2, prefix: '127.0.53', hypervisors: 'kvm,fake',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'burnin'] });

test.serial('burnin -t file --parallel passes on kvm and removes everything it made', async (t) => {
  t.timeout(300_000);
  const r = await vc.gnt(['burnin', '-o', 'dummy', '-t', 'file', '--disk-size', '64M', '--disk-growth', '16M',
    '--mem-size', '128', '--vcpu-count', '1', '-H', guestHv(), '-p', 'kvb1', 'kvb2'], { timeoutMs: 280_000 });
  t.is(r.code, 0, `${r.stdout}\n${r.stderr}\n${vc.logs()}`);
  for (const step of ['- Creating instances', '- Stopping and starting instances', '- Growing disks', '- Rebooting instances', '- Removing instances']) {
    t.true(r.stdout.includes(step), `burnin output lacks '${step}'`);
  }
  const jobs = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'summary'])).stdout;
  t.regex(jobs, /INSTANCE_REBOOT\(kvb1\)/);
  t.is([...qemuPids(vc.dir).keys()].filter((n) => n.startsWith('kvb')).length, 0, 'no qemu left');
  for (const node of ['node1', 'node2']) {
    const dir = join(vc.dir, node, 'srv/ganeti/file-storage');
    t.deepEqual(readdirSync(dir).filter((n) => n.startsWith('kvb')), [], `no disk left on ${node}`);
  }
});
