// Config replication by deltas (issue 14, docs/scaling.md): a master candidate's copy is
// config.data plus config.journal. A job sends candidates only its change; a candidate
// stopped while changes were made is marked stale, gets a full copy when it is back and
// deltas again after that; and a master-failover to a candidate whose copy is a file plus
// deltas rebuilds the newest config from them.
import test from 'ava';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../daemons/common/config-journal.js';
import type { ClusterConfig } from '../../daemons/common/objects.js';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { waitFor } from './faults/util.js';

const PREFIX = '127.0.219';
let vc: Vcluster;
const dataDir = (node: string) => join(vc.dir, node, 'var/lib/ganeti');
const copyOf = (node: string) => readConfigCopySync<ClusterConfig>(join(dataDir(node), 'config.data'));
const fileSerial = (node: string) => (JSON.parse(readFileSync(join(dataDir(node), 'config.data'), 'utf8')) as ClusterConfig).serial_no;
const nodedLog = (node: string) => readFileSync(join(vc.dir, node, 'var/log/ganeti/node-daemon.log'), 'utf8');
const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;
const FULL = /took a full configuration copy/;
const ssconf = (node: string, key: string) => readFileSync(join(dataDir(node), `ssconf_${key}`), 'utf8').trim();

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('a job sends the candidates its change only; a stopped candidate gets a full copy when back, then deltas', async (t) => {
  t.timeout(120_000);
  await vc.ok(t, ['gnt-cluster', 'add-tags', 'warm-up']);
  const fullBefore = count(nodedLog('node2'), FULL);
  const base2 = fileSerial('node2');
  await vc.ok(t, ['gnt-cluster', 'add-tags', 'd1']);
  // Reported done: node2 holds the change, as a journal entry on top of an older file.
  t.is(copyOf('node2').doc.serial_no, copyOf('node1').doc.serial_no);
  t.true(copyOf('node2').doc.cluster.tags!.includes('d1'));
  t.is(fileSerial('node2'), base2, 'config.data on the candidate was not rewritten');
  t.true(statSync(join(dataDir('node2'), 'config.journal')).size > 0);
  t.is(count(nodedLog('node2'), FULL), fullBefore, 'no full copy for one change');

  // node2 down during N changes: the jobs go on, node2 is marked stale.
  const stop = await vc.cmd('node2', ['daemon-util', 'stop', 'ganeti-noded']);
  t.is(stop.code, 0, stop.stdout + stop.stderr);
  const N = 5;
  for (let i = 0; i < N; i++) await vc.ok(t, ['gnt-cluster', 'add-tags', `down${i}`]);
  t.is(ssconf('node1', 'master_candidates_stale'), 'node2');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.regex(verify.stdout + verify.stderr, /node node2: master candidate has a stale configuration/);

  // Back: a full copy, the stale mark goes, then deltas again.
  const start = await vc.cmd('node2', ['daemon-util', 'start', 'ganeti-noded']);
  t.is(start.code, 0, start.stdout + start.stderr);
  await vc.ok(t, ['gnt-cluster', 'add-tags', 'back']);
  await waitFor('node2 no longer stale', () => ssconf('node1', 'master_candidates_stale') === '', 30_000);
  await waitFor('node2 holds the newest config', () => copyOf('node2').doc.serial_no === copyOf('node1').doc.serial_no, 30_000);
  t.is(count(nodedLog('node2'), FULL), fullBefore + 1, 'exactly one full copy on the way back');
  for (let i = 0; i < N; i++) t.true(copyOf('node2').doc.cluster.tags!.includes(`down${i}`));
  const fullSerial = fileSerial('node2');
  await vc.ok(t, ['gnt-cluster', 'add-tags', 'after']);
  t.true(copyOf('node2').doc.cluster.tags!.includes('after'));
  t.is(fileSerial('node2'), fullSerial, 'the next change came as a delta');
  t.is(count(nodedLog('node2'), FULL), fullBefore + 1);
  const again = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(again.code, 0, again.stdout + again.stderr);
});

test.serial('master-failover to a candidate that holds a file plus deltas takes over with every change', async (t) => {
  t.timeout(120_000);
  for (let i = 0; i < 3; i++) await vc.ok(t, ['gnt-cluster', 'add-tags', `last${i}`]);
  const master = copyOf('node1').doc;
  const c3 = copyOf('node3');
  t.true(c3.deltas.length >= 3, `node3's copy is config.data at serial ${c3.fileSerial} + ${c3.deltas.length} deltas`);
  t.is(c3.doc.serial_no, master.serial_no);
  const r = await vc.cmd('node3', ['gnt-cluster', 'master-failover'], { timeoutMs: 120_000 });
  t.is(r.code, 0, r.stdout + r.stderr);
  const getmaster = await vc.cmd('node3', ['gnt-cluster', 'getmaster']);
  t.is(getmaster.stdout.trim(), 'node3');
  const tags = await vc.cmd('node3', ['gnt-cluster', 'list-tags']);
  t.is(tags.code, 0, tags.stdout + tags.stderr);
  for (const tag of ['d1', 'down0', 'after', 'last0', 'last2']) t.true(tags.stdout.split('\n').includes(tag), `${tag} survived the failover`);
  // The new master writes its own journal; the old one, now a candidate, follows it.
  const add = await vc.cmd('node3', ['gnt-cluster', 'add-tags', 'new-master']);
  t.is(add.code, 0, add.stdout + add.stderr);
  t.true(existsSync(join(dataDir('node3'), 'config.journal')));
  await waitFor('node1 follows the new master', () => copyOf('node1').doc.cluster.tags!.includes('new-master'), 30_000);
  t.is(copyOf('node1').doc.serial_no, copyOf('node3').doc.serial_no);
});
