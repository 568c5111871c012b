// The placement tools on a live virtual cluster with unequal nodes (fake hypervisor): hspace -L
// says how many instances of a size still fit and exactly that many `gnt-instance add -I hail`
// succeed, the cluster staying N+1 redundant (every node's instances fit on the others); then a
// cluster crowded on one node is balanced by hbal -L -X through migrate jobs and its score drops.
import test from 'ava';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 4, prefix: '127.0.120', templates: 'diskless,sharedfile', nodeMemory: '4096,4096,3072,2048',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-debug', 'hbal', 'hspace'],
  });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

type T = { fail(m: string): void };
const add = (name: string, ...args: string[]) =>
  ['gnt-instance', 'add', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-t', 'diskless', '-B', 'maxmem=512,minmem=512,vcpus=1', ...args, name];

async function placement(t: T): Promise<Map<string, string[]>> {
  const rows = (await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '--separator=|', '-o', 'name,pnode'])).trim().split('\n').filter(Boolean);
  const m = new Map<string, string[]>();
  for (const r of rows) { const [i, n] = r.split('|') as [string, string]; m.set(n, [...(m.get(n) ?? []), i]); }
  return m;
}
async function freeMem(t: T): Promise<Map<string, number>> {
  const rows = (await vc.ok(t, ['gnt-node', 'list', '--no-headers', '--separator=|', '--units=m', '-o', 'name,mfree'])).trim().split('\n');
  return new Map(rows.map((r) => { const [n, f] = r.split('|') as [string, string]; return [n, Number(f)]; }));
}
const score = (out: string) => Number(/Initial score: ([0-9.]+)/.exec(out)?.[1] ?? NaN);

test.serial('gnt-debug iallocator shows the input document and hail\'s answer', async (t) => {
  const input = JSON.parse(await vc.ok(t, ['gnt-debug', 'iallocator', '--dir', 'in', '-t', 'diskless', '--mem', '512', '--disks', '', 'probe']));
  t.deepEqual(Object.keys(input.nodes).sort(), ['node1', 'node2', 'node3', 'node4']);
  t.is(input.request.type, 'allocate');
  t.is(input.request.memory, 512);
  t.is(input.nodes.node4.total_memory, 2048);
  const out = JSON.parse(await vc.ok(t, ['gnt-debug', 'allocator', '--dir', 'out', '-t', 'diskless', '--mem', '512', '--disks', '', 'probe']));
  t.true(out.success, out.info);
  // hail takes the node whose resulting score is lowest: one of the two big empty nodes.
  t.true(['node1', 'node2'].includes(out.result[0]), JSON.stringify(out));
  const r = await vc.gnt(['gnt-debug', 'iallocator', '--dir', 'out', '-A', 'no-such-allocator', '-t', 'diskless', 'probe']);
  t.is(r.code, 1);
  t.regex(r.stdout + r.stderr, /Can't find iallocator 'no-such-allocator'/);
});

test.serial('hspace -L predicts how many instances hail then places, and the cluster stays N+1 redundant', async (t) => {
  const hs = await vc.ok(t, ['hspace', '-L', '--machine-readable', '--disk-template=diskless', '--standard-alloc=0,512,1']);
  const predicted = Number(/^HTS_ALLOC_INSTANCES=(\d+)$/m.exec(hs)?.[1]);
  t.true(predicted > 0, hs);
  let placed = 0;
  for (let i = 0; i < predicted + 3; i++) {
    const r = await vc.gnt(add(`f${i}`, '-I', 'hail'));
    if (r.code !== 0) {
      t.regex(r.stdout + r.stderr, /Can't compute nodes using iallocator 'hail'/);
      break;
    }
    placed += 1;
  }
  t.is(placed, predicted);
  // N+1: the 512 MiB instances of any one node fit into the free memory of the others.
  const free = await freeMem(t);
  for (const [node, insts] of await placement(t)) {
    const room = [...free].filter(([n]) => n !== node).reduce((a, [, f]) => a + Math.floor((f - 1) / 512), 0);
    t.true(insts.length <= room, `${node} has ${insts.length} instances, the others room for ${room}`);
  }
  for (let i = 0; i < placed; i++) await vc.ok(t, ['gnt-instance', 'remove', '-f', `f${i}`]);
});

test.serial('hbal -L -X balances a cluster crowded on node1 with migrate jobs; the score drops', async (t) => {
  for (let i = 0; i < 6; i++) await vc.ok(t, add(`c${i}`, '-n', 'node1', '-t', 'sharedfile', '--disk', '0:size=16M'));
  const before = await vc.ok(t, ['hbal', '-L']);
  t.regex(before, /Cluster score improved from/);
  const run = await vc.ok(t, ['hbal', '-L', '-X']);
  t.regex(run, /Executing jobset for instances/);
  const after = await vc.ok(t, ['hbal', '-L']);
  t.true(score(after) < score(before), `score ${score(before)} -> ${score(after)}`);
  const p = await placement(t);
  t.true((p.get('node1') ?? []).length < 6, JSON.stringify([...p]));
  const jobs = await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'summary,status']);
  t.regex(jobs, /INSTANCE_MIGRATE\(c\d\)\s+success/);
});
