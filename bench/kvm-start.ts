// kvm instance start-up on real qemu (TCG) on a 3-node virtual cluster, with the tiny guest:
//  1. one instance started again and again: from the job's start (its start_timestamp in the
//     queue) to qemu's QMP answering (noded's "started instance" log line, written right after
//     QMP answered) — median and spread;
//  2. 20 instances spread over the 3 nodes, started in parallel (one startup job each):
//     total wall time from the first submission until every job has finished.
// Run: npm run build && npx tsx bench/kvm-start.ts   (KVM_BENCH_RUNS, KVM_BENCH_PARALLEL to change sizes)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { guestHv, killQemus } from '../vcluster/kvm-guest.js';

const RUNS = Number(process.env.KVM_BENCH_RUNS ?? 11);
const PARALLEL = Number(process.env.KVM_BENCH_PARALLEL ?? 20);

async function gnt(vc: Vcluster, args: string[]): Promise<string> {
  const r = await vc.gnt(args, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}\n${vc.logs()}`);
  return r.stdout;
}

/** When the job started processing (ms since the epoch), from its file in the queue. */
function jobStart(vc: Vcluster, id: number): number {
  const job = JSON.parse(readFileSync(join(vc.dir, 'node1/var/lib/ganeti/queue', `job-${id}`), 'utf8')) as
    { start_timestamp: [number, number] };
  return job.start_timestamp[0] * 1000 + job.start_timestamp[1] / 1000;
}

/** When noded logged the last "started instance NAME" (ms since the epoch). */
function qmpAnswered(vc: Vcluster, node: string, name: string): number {
  const log = readFileSync(join(vc.dir, node, 'var/log/ganeti/node-daemon.log'), 'utf8').split('\n');
  const line = log.filter((l) => l.includes(` kvm INFO started instance ${name} `)).at(-1);
  if (!line) throw new Error(`no "started instance ${name}" in ${node}'s log`);
  return Date.parse(line.split(' ')[0]!);
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function main(): Promise<void> {
  const hv = guestHv();
  const vc = await startVcluster({ nodes: 3, prefix: '127.0.54', hypervisors: 'kvm,fake',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
  try {
    await vc.init();
    await vc.addNodes();
    const add = (name: string, node: string) => gnt(vc, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy',
      '-B', 'memory=64', '-H', hv, '--no-start', '--no-name-check', '--no-ip-check', '-n', node, name]);

    await add('bvm', 'node2');
    const lat: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = await gnt(vc, ['gnt-instance', 'startup', 'bvm']);
      const id = Number(/Waiting for job (\d+)/.exec(out)?.[1]);
      lat.push(qmpAnswered(vc, 'node2', 'bvm') - jobStart(vc, id));
      await gnt(vc, ['gnt-instance', 'shutdown', '--force', 'bvm']);
    }
    lat.sort((a, b) => a - b);
    console.log(`kvm start, job start -> QMP answering, ${RUNS} runs: median ${median(lat).toFixed(0)} ms ` +
      `(min ${lat[0]!.toFixed(0)}, max ${lat.at(-1)!.toFixed(0)}; target <= 500 ms on TCG)`);
    await gnt(vc, ['gnt-instance', 'remove', '-f', 'bvm']);

    const names = Array.from({ length: PARALLEL }, (_, i) => `pvm${i + 1}`);
    for (const [i, n] of names.entries()) await add(n, vc.nodes[i % vc.nodes.length]!);
    const t0 = performance.now();
    await Promise.all(names.map((n) => gnt(vc, ['gnt-instance', 'startup', n])));
    const total = performance.now() - t0;
    const running = (await gnt(vc, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']))
      .split('\n').filter((l) => /^pvm\d+ +running$/.test(l.trim())).length;
    console.log(`${PARALLEL} kvm instances started in parallel on 3 nodes: ${(total / 1000).toFixed(2)} s total ` +
      `(${(total / PARALLEL).toFixed(0)} ms per instance; ${running}/${PARALLEL} running)`);
  } finally {
    killQemus(vc.dir);
    await vc.stop();
  }
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
