// Cluster-core figures on a 5-node virtual cluster with the fake hypervisor, as issue 2
// asks: command latency (process start to exit), queue throughput, list with 10,000
// instances, daemon memory. Run: npm run build && npx tsx bench/cluster-bench.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { growInstances } from './grow-config.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const pidOf = (vc: Vcluster, node: string, d: string) => Number(readFileSync(join(vc.dir, node, `var/run/ganeti/${d}.pid`), 'utf8'));

async function timed(vc: Vcluster, args: string[]): Promise<number> {
  const t0 = performance.now();
  const r = await vc.gnt(args);
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return ms;
}

async function main(): Promise<void> {
  const vc = await startVcluster({ nodes: 5, prefix: process.env.BENCH_PREFIX ?? '127.0.40', nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  try {
    await vc.init();
    await vc.addNodes();
    const fig: Record<string, string> = {};
    // Idle: a few seconds after its last request (noded collects garbage once idle).
    await new Promise((r) => setTimeout(r, 4000));
    fig['noded idle RSS (node2)'] = `${rssMb(pidOf(vc, 'node2', 'ganeti-noded')).toFixed(1)} MB`;

    const version: number[] = []; const nodeList: number[] = []; const add: number[] = []; const verify: number[] = [];
    for (let i = 0; i < 15; i++) version.push(await timed(vc, ['gnt-cluster', 'version']));
    for (let i = 0; i < 15; i++) nodeList.push(await timed(vc, ['gnt-node', 'list']));
    for (let i = 0; i < 15; i++) add.push(await timed(vc, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-B', 'memory=64', `lat${i}`]));
    for (let i = 0; i < 7; i++) verify.push(await timed(vc, ['gnt-cluster', 'verify']));
    fig['gnt-cluster version median'] = `${median(version).toFixed(0)} ms`;
    fig['gnt-node list median'] = `${median(nodeList).toFixed(0)} ms`;
    fig['gnt-instance add -t diskless median'] = `${median(add).toFixed(0)} ms`;
    fig['gnt-cluster verify median'] = `${median(verify).toFixed(0)} ms`;

    // 100 `gnt-instance add --submit` processes one after another.
    let t0 = performance.now();
    for (let i = 0; i < 100; i++) await timed(vc, ['gnt-instance', 'add', '--submit', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-B', 'memory=64', `sub${i}`]);
    fig['100 sequential add --submit processes'] = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    await waitIdle(vc);

    // 1,000 adds as jobs in one go (batch-create, Ganeti's JSON spec).
    const spec = { version: 1, instances: Array.from({ length: 1000 }, (_, i) => ({
      instance_name: `b${i}`, disk_template: 'diskless', os_type: 'dummy', iallocator: 'hail',
      beparams: { maxmem: 64, minmem: 64 }, name_check: false, ip_check: false,
    })) };
    const file = join(vc.dir, 'batch.json');
    writeFileSync(file, JSON.stringify(spec));
    t0 = performance.now();
    const r = await vc.gnt(['gnt-instance', 'batch-create', file], { timeoutMs: 300_000 });
    const secs = (performance.now() - t0) / 1000;
    const failed = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status'])).stdout.split('\n').filter((l) => l.trim() === 'error').length;
    fig['1,000 adds via batch-create, all finished'] = `${secs.toFixed(1)} s (${(1000 / secs).toFixed(0)} jobs/s, exit ${r.code}, ${failed} failed jobs)`;
    fig['masterd RSS after 1,000+ instances'] = `${rssMb(pidOf(vc, 'node1', 'ganeti-masterd')).toFixed(0)} MB`;

    growInstances(vc.dir, 10_000);
    const list: number[] = [];
    for (let i = 0; i < 9; i++) list.push(await timed(vc, ['gnt-instance', 'list']));
    fig['gnt-instance list, 10,000 instances, median'] = `${median(list).toFixed(0)} ms`;
    fig['masterd RSS with 10,000 instances'] = `${rssMb(pidOf(vc, 'node1', 'ganeti-masterd')).toFixed(0)} MB`;
    for (const [k, v] of Object.entries(fig)) console.log(`${k}: ${v}`);
  } finally {
    await vc.stop();
  }
}

async function waitIdle(vc: Vcluster): Promise<void> {
  for (;;) {
    const out = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status'])).stdout;
    if (!/queued|waiting|running|canceling/.test(out)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
