// Corrupt or truncated files on the master: masterd still starts, names the bad file and
// keeps everything else. A bad config.data is replaced by the newest valid copy held by a
// master candidate (set aside, logged); only when no candidate has one does it refuse to
// start, naming the file.
import test from 'ava';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';

let vc: Vcluster;
const cfgPath = (node: string) => join(vc.dir, node, 'var/lib/ganeti/config.data');
const copyOf = (node: string) => readConfigCopySync<{ serial_no: number }>(cfgPath(node)).doc;
const serialOf = (node: string) => copyOf(node).serial_no;
const journalOf = (node: string) => join(vc.dir, node, 'var/lib/ganeti/config.journal');
const masterLog = () => readFileSync(join(vc.dir, 'node1/var/log/ganeti/master-daemon.log'), 'utf8');
const daemon = (verb: string) => vc.cmd('node1', ['daemon-util', verb, 'ganeti-masterd']);
const instances = async () => (await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.trim().split('\n').filter(Boolean);
const jobIds = async () => (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id'])).stdout.trim().split(/\s+/).filter(Boolean);

async function add(name: string): Promise<void> {
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', 'node2', name]);
  if (r.code !== 0) throw new Error(`${r.stdout}${r.stderr}`);
}

/** Waits until every candidate's copy has the master's serial (replication is in the background). */
async function replicated(): Promise<void> {
  const until = Date.now() + 30_000;
  while (!['node2', 'node3'].every((n) => serialOf(n) === serialOf('node1'))) {
    if (Date.now() > until) throw new Error('candidates did not get the config');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.73', nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  for (const n of ['i1', 'i2']) await add(n);
  await replicated();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('corrupt and truncated job files are named and set aside; every other job is kept', async (t) => {
  const before = await jobIds();
  t.true(before.length >= 4);
  const queue = join(vc.dir, 'node1/var/lib/ganeti/queue');
  const victim = before[before.length - 1]!;
  const text = readFileSync(join(queue, `job-${victim}`), 'utf8');
  t.is((await daemon('stop')).code, 0);
  writeFileSync(join(queue, `job-${victim}`), text.slice(0, Math.floor(text.length / 2)));
  writeFileSync(join(queue, 'job-88888'), '\u0000\u0001 not json at all');
  const start = await daemon('start');
  t.is(start.code, 0, start.stdout + start.stderr);
  const log = masterLog();
  t.regex(log, new RegExp(`job-${victim}`));
  t.regex(log, /job-88888/);
  t.deepEqual(await jobIds(), before.filter((id) => id !== victim), 'every other job is listed');
  t.true(readdirSync(queue).some((f) => f.startsWith(`job-${victim}.corrupt-`)), 'the truncated file is kept aside');
});

test.serial('a truncated config.data is recovered from the candidate with the newest copy', async (t) => {
  const stale = JSON.stringify(copyOf('node3'));
  await add('i3');
  await replicated();
  const newest = serialOf('node2');
  // node3 now holds an older (valid) copy: the master must pick node2's.
  writeFileSync(cfgPath('node3'), stale);
  rmSync(journalOf('node3'), { force: true });
  t.is((await daemon('stop')).code, 0);
  const good = readFileSync(cfgPath('node1'), 'utf8');
  writeFileSync(cfgPath('node1'), good.slice(0, Math.floor(good.length / 3)));
  const start = await daemon('start');
  t.is(start.code, 0, start.stdout + start.stderr);
  t.is(serialOf('node1'), newest, 'the newest copy was taken');
  t.deepEqual((await instances()).sort(), ['i1', 'i2', 'i3']);
  const log = masterLog();
  t.regex(log, /config\.data.*(parse|JSON)/i, 'the bad file is named');
  t.regex(log, /recovered .*config\.data from master candidate node2 \(serial \d+\)/);
  const aside = readdirSync(join(vc.dir, 'node1/var/lib/ganeti')).filter((f) => f.startsWith('config.data.corrupt-'));
  t.is(aside.length, 1, 'the corrupt file is set aside');
  t.regex(log, new RegExp(aside[0]!.replace(/[.]/g, '\\.')));
  // The start-up redistribution brings node3 up to date again.
  await replicated();
  t.deepEqual(copyOf('node3'), copyOf('node1'));
  await add('i4');
  t.deepEqual((await instances()).sort(), ['i1', 'i2', 'i3', 'i4']);
});

test.serial('with no valid copy anywhere masterd refuses to start and names the file', async (t) => {
  t.is((await daemon('stop')).code, 0);
  const saved = ['node1', 'node2', 'node3'].map((n) => readFileSync(cfgPath(n), 'utf8'));
  writeFileSync(cfgPath('node1'), '{"serial_no": ');
  writeFileSync(cfgPath('node2'), 'garbage');
  writeFileSync(cfgPath('node3'), '{"serial_no": 3}');
  const start = await daemon('start');
  t.not(start.code, 0);
  t.regex(start.stdout + start.stderr, /config\.data/);
  t.regex(start.stdout + start.stderr, /no master candidate has a valid copy/);
  // The candidate reads its copy (config.data + journal) itself and says why it cannot.
  t.regex(start.stdout + start.stderr, /node2: Cannot parse configuration file \S*node2\/var\/lib\/ganeti\/config\.data/);
  t.true(existsSync(cfgPath('node1')), 'nothing was set aside or overwritten');
  t.is(readFileSync(cfgPath('node1'), 'utf8'), '{"serial_no": ');
  ['node1', 'node2', 'node3'].forEach((n, i) => writeFileSync(cfgPath(n), saved[i]!));
  t.is((await daemon('start')).code, 0);
  t.deepEqual((await instances()).sort(), ['i1', 'i2', 'i3', 'i4']);
});
