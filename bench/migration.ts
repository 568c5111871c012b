// Moving instances and the master, on virtual clusters:
//  1. live migration of an idle 128 MB tiny guest (kvm, TCG) between two nodes, back and
//     forth MIG_RUNS times: the gnt-instance migrate command's wall time, and the guest's
//     downtime and the transfer's total time as qemu itself measured them (query-migrate,
//     logged by the source noded when it ends its copy);
//  2. gnt-node migrate of a node with NODE_INSTANCES fake instances (OP_NODE_MIGRATE, one job
//     per instance made by the master, run in parallel): total wall time;
//  3. gnt-cluster master-failover on a FAILOVER_NODES-node cluster with FAILOVER_INSTANCES fake
//     instances in the config: time until the first job has run on the new master.
// Run: npm run build && npx tsx bench/migration.ts   (MIG_RUNS, NODE_INSTANCES, FAILOVER_INSTANCES, FAILOVER_NODES;
// MIG_PREFIX / FAILOVER_PREFIX choose the clusters' address prefixes, default 127.0.107 / 127.0.108;
// MIG_BANDWIDTH=N sets the cluster's kvm migration_bandwidth to N MiB/s first, Ganeti's default 32
// otherwise, which bounds an idle 128 MB guest's transfer; MIG_KERNEL_ARGS adds guest kernel arguments,
// e.g. init_on_free=1 (docs/migration.md: what the guest's memory holds); ONLY=migrate runs the first part alone)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { guestHv, killQemus } from '../vcluster/kvm-guest.js';

const MIG_RUNS = Number(process.env.MIG_RUNS ?? 5);
const NODE_INSTANCES = Number(process.env.NODE_INSTANCES ?? 50);
const FAILOVER_INSTANCES = Number(process.env.FAILOVER_INSTANCES ?? 1000);
const FAILOVER_NODES = Number(process.env.FAILOVER_NODES ?? 5);
const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'];

async function run(vc: Vcluster, node: string, args: string[]): Promise<string> {
  const r = await vc.cmd(node, args, { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`${node}: ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** qemu's figures of the last migration away from `node` (its noded log). */
function qemuFigures(vc: Vcluster, node: string): { downtime: number; total: number; moved: number } {
  const log = readFileSync(join(vc.dir, node, 'var/log/ganeti/node-daemon.log'), 'utf8').split('\n');
  const line = log.filter((l) => l.includes('migrated away, source copy ended')).at(-1) ?? '';
  const f = JSON.parse(line.slice(line.indexOf('{')) || '{}') as { downtime_ms?: number; total_ms?: number; transferred_mib?: number };
  return { downtime: f.downtime_ms ?? NaN, total: f.total_ms ?? NaN, moved: f.transferred_mib ?? NaN };
}

async function liveMigration(): Promise<void> {
  const vc = await startVcluster({ nodes: 2, prefix: process.env.MIG_PREFIX ?? '127.0.107', hypervisors: 'kvm,fake', templates: 'diskless', programs: PROGRAMS });
  try {
    await vc.init();
    await vc.addNodes();
    const bandwidth = process.env.MIG_BANDWIDTH;
    if (bandwidth) await run(vc, 'node1', ['gnt-cluster', 'modify', '-H', `kvm:migration_bandwidth=${bandwidth}`]);
    const kernelArgs = process.env.MIG_KERNEL_ARGS;
    const hv = kernelArgs ? guestHv().replace('kernel_args=console=ttyS0', `kernel_args=console=ttyS0 ${kernelArgs}`) : guestHv();
    await run(vc, 'node1', ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=128', '-H', hv,
      '--no-name-check', '--no-ip-check', '-n', 'node1', 'mvm']);
    await sleep(15_000);   // let the guest boot: an idle guest is what is measured
    const wall: number[] = [];
    const down: number[] = [];
    const total: number[] = [];
    const moved: number[] = [];
    for (let i = 0; i < MIG_RUNS; i++) {
      const [from, to] = i % 2 === 0 ? ['node1', 'node2'] : ['node2', 'node1'];
      const t0 = performance.now();
      await run(vc, 'node1', ['gnt-instance', 'migrate', '-f', '-n', to!, 'mvm']);
      wall.push(performance.now() - t0);
      const q = qemuFigures(vc, from!);
      down.push(q.downtime);
      total.push(q.total);
      moved.push(q.moved);
    }
    console.log(`live migration of an idle 128 MB TCG guest, ${MIG_RUNS} runs: gnt-instance migrate median ` +
      `${median(wall).toFixed(0)} ms (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}); qemu: ` +
      `downtime median ${median(down)} ms, transfer median ${median(total)} ms at migration_bandwidth ${bandwidth || 32} MiB/s${kernelArgs ? `, guest kernel args +${kernelArgs}` : ''}; ` +
      `${median(moved)} MiB moved (median) (Ganeti 3.0.2, fake hypervisor: 2460 ms per job)`);
  } finally {
    killQemus(vc.dir);
    await vc.stop();
  }
}

async function nodeMigrateAndFailover(): Promise<void> {
  const vc = await startVcluster({ nodes: FAILOVER_NODES, prefix: process.env.FAILOVER_PREFIX ?? '127.0.108', templates: 'diskless', nodeMemory: '262144', setupArgs: ['--node-cpus', '512'], programs: PROGRAMS });
  try {
    await vc.init();
    await vc.addNodes();
    // Submitted (--submit), then waited for: the queue runs the adds in parallel.
    const batch = async (names: string[], node: string) => {
      for (let i = 0; i < names.length; i += 25) {
        await Promise.all(names.slice(i, i + 25).map((n) => run(vc, 'node1', ['gnt-instance', 'add', '--submit', '-t', 'diskless', '-o', 'dummy',
          '-B', 'memory=32', '--no-name-check', '--no-ip-check', '-n', node, n])));
      }
      for (;;) {
        const st = (await run(vc, 'node1', ['gnt-job', 'list', '--no-headers', '-o', 'status'])).split('\n').map((l) => l.trim()).filter(Boolean);
        if (st.some((x) => x === 'error')) throw new Error('an instance add failed');
        if (st.every((x) => x === 'success')) break;
        await sleep(1000);
      }
    };
    const names = Array.from({ length: NODE_INSTANCES }, (_, i) => `m${i + 1}`);
    await batch(names, 'node2');
    let t0 = performance.now();
    await run(vc, 'node1', ['gnt-node', 'migrate', '-f', 'node2']);
    console.log(`gnt-node migrate of a node with ${NODE_INSTANCES} fake instances: ${((performance.now() - t0) / 1000).toFixed(2)} s`);

    const rest = Array.from({ length: Math.max(0, FAILOVER_INSTANCES - NODE_INSTANCES) }, (_, i) => `f${i + 1}`);
    for (let k = 3; k <= FAILOVER_NODES; k++) await batch(rest.filter((_, i) => i % (FAILOVER_NODES - 2) === k - 3), `node${k}`);
    t0 = performance.now();
    await run(vc, 'node2', ['gnt-cluster', 'master-failover']);
    const tFailover = performance.now() - t0;
    await run(vc, 'node2', ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=32', '--no-name-check',
      '--no-ip-check', '-n', 'node3', 'first-after']);
    console.log(`gnt-cluster master-failover on ${FAILOVER_NODES} nodes with ${FAILOVER_INSTANCES} instances: ${(tFailover / 1000).toFixed(2)} s; ` +
      `first job done on the new master ${((performance.now() - t0) / 1000).toFixed(2)} s after the start`);
  } finally {
    await vc.stop();
  }
}

async function main(): Promise<void> {
  if (MIG_RUNS > 0) await liveMigration();
  if (process.env.ONLY !== 'migrate') await nodeMigrateAndFailover();
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
