// A master candidate that refuses the config upload (its config.data cannot be replaced)
// does not make the master lie: the job finishes only after the candidate has been marked
// stale in a config the other candidates hold; gnt-cluster verify reports it as an error,
// ssconf lists it (config recovery and master failover skip it), and once it takes the
// config again the mark goes.
import test from 'ava';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { waitFor } from './util.js';

const PREFIX = '127.0.102';
let vc: Vcluster;
const cfgOf = (node: string) => readConfigCopySync(join(vc.dir, node, 'var/lib/ganeti/config.data')).doc as
  { serial_no: number; nodes: Record<string, { name: string; config_stale?: boolean }>; instances: Record<string, { name: string }> };
const ssconf = (node: string, key: string) => readFileSync(join(vc.dir, node, `var/lib/ganeti/ssconf_${key}`), 'utf8').trim();

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('a candidate that rejects the config is marked stale before the job is done, and verify says so', async (t) => {
  const node3Cfg = join(vc.dir, 'node3/var/lib/ganeti/config.data');
  // The candidate now fails every upload: config.data is a non-empty directory.
  rmSync(node3Cfg);
  mkdirSync(join(node3Cfg, 'x'), { recursive: true });
  const add = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', 'node2', 's1']);
  t.is(add.code, 0, add.stdout + add.stderr);
  // When the job is reported done, node2 holds the instance and the mark on node3.
  const c2 = cfgOf('node2');
  t.true(Object.values(c2.instances).some((i) => i.name === 's1'), 'node2 holds the change');
  t.true(Object.values(c2.nodes).find((n) => n.name === 'node3')?.config_stale, 'node2 knows node3 is stale');
  t.is(ssconf('node1', 'master_candidates_stale'), 'node3');
  t.is(ssconf('node2', 'master_candidates_stale'), 'node3');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.not(verify.code, 0);
  t.regex(verify.stdout + verify.stderr, /ERROR: node node3: master candidate has a stale configuration/);

  // Repaired: the next round delivers, the mark goes, verify is clean again.
  rmSync(node3Cfg, { recursive: true });
  writeFileSync(node3Cfg, '{}');
  const redist = await vc.gnt(['gnt-cluster', 'redist-conf']);
  t.is(redist.code, 0, redist.stdout + redist.stderr);
  await waitFor('node3 no longer stale', () => ssconf('node1', 'master_candidates_stale') === '', 20_000);
  await waitFor('node3 holds the newest config', () => {
    try { return cfgOf('node3').serial_no === cfgOf('node1').serial_no; } catch { return false; }
  }, 20_000);
  const again = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(again.code, 0, again.stdout + again.stderr);
});
