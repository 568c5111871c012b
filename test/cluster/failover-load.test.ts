// Master failover under load on a 5-node virtual cluster: with two jobs running and more
// queued, all of node1's daemons die (SIGKILL: masterd and noded, no clean shutdown, its
// queue unreadable) and node2 takes over with gnt-cluster master-failover (4 of 5 nodes
// answer the vote). Every acknowledged job is on node2, from the
// copy of the queue the master replicated to the candidates: the running ones end as
// "Unclean master daemon shutdown" (never run a second time), the queued ones run there, and
// every instance exists once and runs on one node only. A job archived on node1 before a
// restart of its masterd (whose first push is a full copy of the live queue) is not listed
// on node2 but gnt-job info still shows it, as in Ganeti (the archival reached node2's archive).
import test from 'ava';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { nodedWorkersOf, pidOf } from '../../vcluster/procs.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 5, prefix: '127.0.204', templates: 'diskless',
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-debug'],
  });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const add = (name: string, node: string) => ['gnt-instance', 'add', '--submit', '--print-jobid', '-t', 'diskless', '-o', 'dummy', '-H', 'fake', '-B', 'memory=64',
  '--no-name-check', '--no-ip-check', '-n', node, name];

test.serial('running jobs end unclean, queued jobs and instances survive the failover, nothing runs twice', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'modify', '--max-running-jobs', '2']);
  const archived = (await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'id'])).trim().split('\n').at(-1)!.trim();
  await vc.ok(t, ['gnt-job', 'archive', archived]);
  t.is((await vc.cmd('node1', ['daemon-util', 'restart', 'ganeti-masterd'])).code, 0);
  const delays = [];
  for (let i = 0; i < 2; i++) delays.push((await vc.ok(t, ['gnt-debug', 'delay', '--submit', '--print-jobid', '600'])).trim());
  for (let i = 0; i < 40; i++) {
    const st = await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'id,status', ...delays]);
    if (st.split('\n').filter((l) => /running/.test(l)).length === 2) break;
    await sleep(250);
  }
  const queued: Record<string, string> = {};
  for (let i = 1; i <= 8; i++) {
    const name = `q${i}`;
    queued[name] = (await vc.ok(t, add(name, `node${(i % 4) + 2}`))).trim();
  }
  const before = await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'id,status', ...Object.values(queued)]);
  t.true(before.split('\n').filter(Boolean).every((l) => /queued/.test(l)), before);

  const noded = pidOf(vc.dir, 'node1', 'ganeti-noded');
  for (const pid of [pidOf(vc.dir, 'node1', 'ganeti-masterd'), ...nodedWorkersOf(noded), noded]) process.kill(pid, 'SIGKILL');
  const mf = await vc.cmd('node2', ['gnt-cluster', 'master-failover'], { timeoutMs: 120_000 });
  t.is(mf.code, 0, mf.stdout + mf.stderr);
  t.regex(mf.stdout + mf.stderr, /could not contact the old master node1.*taken over from the copy/s);
  for (const n of vc.nodes.filter((x) => x !== 'node1')) t.is((await vc.cmd(n, ['gnt-cluster', 'getmaster'])).stdout.trim(), 'node2', n);

  const on2 = (args: string[]) => vc.cmd('node2', args, { timeoutMs: 120_000 });
  const ids = [...delays, ...Object.values(queued)];
  let rows: string[] = [];
  for (let i = 0; i < 240; i++) {
    rows = (await on2(['gnt-job', 'list', '--no-headers', '-o', 'id,status', ...ids])).stdout.trim().split('\n');
    if (rows.length === ids.length && rows.every((l) => /success|error|canceled/.test(l))) break;
    await sleep(500);
  }
  const status = new Map(rows.map((l) => l.trim().split(/\s+/) as [string, string]));
  t.is(status.size, ids.length, 'every acknowledged job is on the new master');
  for (const d of delays) {
    t.is(status.get(d), 'error', `delay job ${d} ended`);
    const info = (await on2(['gnt-job', 'info', d])).stdout;
    t.regex(info, /Unclean master daemon shutdown/);
  }
  for (const [name, id] of Object.entries(queued)) t.is(status.get(id), 'success', `add of ${name} (job ${id})`);
  const listed = (await on2(['gnt-job', 'list', '--no-headers', '-o', 'id'])).stdout.trim().split('\n').map((l) => l.trim());
  t.false(listed.includes(archived), `job ${archived}, archived on node1, is not listed on node2`);
  const info = await on2(['gnt-job', 'info', archived]);
  t.is(info.code, 0, info.stdout + info.stderr);
  t.regex(info.stdout, new RegExp(`Job ID: ${archived}\\n\\s*Status: success`));
  const list = (await on2(['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode,status'])).stdout.trim().split('\n');
  t.is(list.length, 8);
  for (const l of list) t.regex(l, /^q\d +node[2-5] +running$/);
  // Each instance runs on exactly one node: the fake hypervisor's state files, all nodes.
  const running = await Promise.all(vc.nodes.map(async (n) => (await vc.cmd(n, ['ls', join(vc.dir, n, 'var/run/ganeti/fake-hypervisor')])).stdout.split('\n').filter((f) => /^q\d+$/.test(f))));
  const all = running.flat().sort();
  t.deepEqual(all, Object.keys(queued).sort(), 'every instance runs once, on one node');
  const verify = await on2(['gnt-cluster', 'verify']);
  t.notRegex(verify.stdout + verify.stderr, /should not run on node|running on .* nodes/);
});
