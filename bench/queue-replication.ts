// The cost of replicating the job queue to the master candidates (issue 9): 1,000 adds
// (batch-create, hail) on a 5-node virtual cluster, as scale.sh does, timed to the last job
// final; with the CPU seconds every daemon of the cluster used meanwhile (masterd, and each
// noded with its workers), which a shared, loaded machine disturbs far less than wall time,
// and the size of each candidate's copy of the queue afterwards.
// Run: npm run build && npx tsx bench/queue-replication.ts [--jobs 1000] [--prefix 127.0.226]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseJournal } from '../daemons/common/journal.js';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { nodedWorkersOf, pidOf } from '../vcluster/procs.js';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '1000' }, prefix: { type: 'string', default: '127.0.226' } } });
const jobs = Number(values.jobs);
const TICK = 100; // USER_HZ

/** utime + stime (+ reaped children's: noded's retired workers) of a process, in seconds. */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK;
  } catch { return 0; }
}

function clusterCpu(vc: Vcluster): { masterd: number; noded: number } {
  let noded = 0;
  for (const n of vc.nodes) {
    const l = pidOf(vc.dir, n, 'ganeti-noded');
    noded += cpuOf(l) + nodedWorkersOf(l).reduce((s, w) => s + cpuOf(w), 0);
  }
  return { masterd: cpuOf(pidOf(vc.dir, 'node1', 'ganeti-masterd')), noded };
}

async function main(): Promise<void> {
  const vc = await startVcluster({ nodes: 5, prefix: values.prefix!, nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  try {
    await vc.init();
    await vc.addNodes();
    const spec = { version: 1, instances: Array.from({ length: jobs }, (_, i) => ({
      instance_name: `s${i}`, disk_template: 'diskless', os_type: 'dummy', iallocator: 'hail',
      beparams: { maxmem: 64, minmem: 64 }, name_check: false, ip_check: false,
    })) };
    const file = join(vc.dir, 'batch.json');
    writeFileSync(file, JSON.stringify(spec));
    const cpu0 = clusterCpu(vc);
    const t0 = performance.now();
    const r = await vc.gnt(['gnt-instance', 'batch-create', file], { timeoutMs: 600_000 });
    for (;;) {
      const out = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status'])).stdout;
      if (!/queued|waiting|running|canceling/.test(out)) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const secs = (performance.now() - t0) / 1000;
    const cpu1 = clusterCpu(vc);
    const failed = (await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status'])).stdout.split('\n').filter((l) => l.trim() === 'error').length;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`${jobs} adds: ${secs.toFixed(1)} s = ${(jobs / secs).toFixed(0)} jobs/s (exit ${r.code}, ${failed} failed), load ${load}`);
    console.log(`CPU during the adds: masterd ${(cpu1.masterd - cpu0.masterd).toFixed(1)} s, all nodeds ${(cpu1.noded - cpu0.noded).toFixed(1)} s`);
    // One S entry per call a candidate took (since its last full copy): the calls' count.
    const copies = vc.nodes.slice(1).map((n) => {
      const j = join(vc.dir, n, 'var/lib/ganeti/queue/journal');
      if (!existsSync(j)) return `${n} -`;
      const entries = parseJournal(readFileSync(j)).entries;
      const calls = entries.filter((e) => e.startsWith('S')).length;
      return `${n} ${(statSync(j).size / 1048576).toFixed(1)} MiB, ${entries.length - calls} entries in ${calls} calls`;
    });
    console.log(`candidates' queue journals: ${copies.join(', ')}`);
  } finally {
    await vc.stop();
  }
}

void main();
