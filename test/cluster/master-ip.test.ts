// The master IP on a 3-node virtual cluster with --use-external-mip-script: every node has
// an administrator's <confdir>/scripts/master-ip-setup that logs its action and Ganeti's
// environment. activate/deactivate-master-ip run it on the master; master-failover takes
// the address down on the old master and up on the new one.
import test from 'ava';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 3, prefix: '127.0.146', templates: 'diskless', initArgs: ['--use-external-mip-script', 'yes'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'],
  });
  for (const n of vc.nodes) {
    const dir = join(vc.dir, n, 'etc/ganeti/scripts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'master-ip-setup'),
      `#!/bin/sh\necho "$1 $MASTER_NETDEV $MASTER_IP $MASTER_NETMASK $CLUSTER_IP_VERSION" >> ${join(vc.dir, n, 'mip.log')}\n`);
    chmodSync(join(dir, 'master-ip-setup'), 0o755);
  }
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const mipLog = (node: string) => { try { return readFileSync(join(vc.dir, node, 'mip.log'), 'utf8').trim().split('\n').filter(Boolean); } catch { return []; } };

test.serial('activate-master-ip and deactivate-master-ip run the external script on the master', async (t) => {
  const info = await vc.ok(t, ['gnt-cluster', 'info']);
  t.regex(info, /use external master IP address setup script: True/i);
  const ip = readFileSync(join(vc.dir, 'node1', 'var/lib/ganeti/ssconf_master_ip'), 'utf8').trim();
  const before = mipLog('node1').length;
  await vc.ok(t, ['gnt-cluster', 'activate-master-ip']);
  await vc.ok(t, ['gnt-cluster', 'deactivate-master-ip', '--yes-do-it']);
  const lines = mipLog('node1').slice(before);
  t.is(lines.length, 2);
  t.is(lines[0], `start ${readFileSync(join(vc.dir, 'node1', 'var/lib/ganeti/ssconf_master_netdev'), 'utf8').trim()} ${ip} 32 4`);
  t.regex(lines[1]!, /^stop /);
  t.deepEqual([...mipLog('node2'), ...mipLog('node3')], [], 'only the master runs it');
  const asked = await vc.gnt(['gnt-cluster', 'deactivate-master-ip'], { input: 'n\n' });
  t.not(asked.code, 0, 'without --yes-do-it it asks, and no is no');
  t.is(mipLog('node1').length, before + 2);
});

test.serial('master-failover takes the master IP down on the old master and up on the new one', async (t) => {
  const before1 = mipLog('node1').length;
  const r = await vc.cmd('node2', ['gnt-cluster', 'master-failover'], { timeoutMs: 120_000 });
  t.is(r.code, 0, r.stdout + r.stderr);
  t.deepEqual(mipLog('node1').slice(before1).map((l) => l.split(' ')[0]), ['stop']);
  t.deepEqual(mipLog('node2').map((l) => l.split(' ')[0]), ['start']);
  t.deepEqual(mipLog('node3'), []);
});
