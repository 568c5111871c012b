// noded's memory: RSS when idle (after the start-up and cluster join), and 5 s after a burst
// of node RPCs (live queries, verify, instance add/remove), with /proc's split into
// anonymous memory (the JS heap, malloc) and file-backed pages (mostly the node binary).
// Issue 7's target: idle <= 45 MB (Ganeti's Python noded: 35 MB).
// Run: npm run build && npx tsx bench/noded-memory.ts [--burst N]
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { upCluster, type BenchCluster } from './vcluster-up.js';
import { nodedWorkersOf, scriptRunnersOf } from '../vcluster/procs.js';

const { values } = parseArgs({ options: { burst: { type: 'string', default: '20' }, prefix: { type: 'string', default: '127.0.176' },
  port: { type: 'string', default: '10176' } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Mem { rss: number; anon: number; file: number }
function memOf(pid: number): Mem {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}
/** noded is a listener and, while calls come, a worker it started (daemons/noded/listener.ts),
 * which starts a script runner on its first OS script (daemons/noded/script-runner.py): the
 * memory of the worker or of its runner (0 when none runs). */
function workerMem(listener: number, what: 'worker' | 'runner'): Mem {
  const total: Mem = { rss: 0, anon: 0, file: 0 };
  for (const w of nodedWorkersOf(listener)) {
    for (const p of what === 'worker' ? [w] : scriptRunnersOf(w)) {
      try {
        const m = memOf(p);
        total.rss += m.rss; total.anon += m.anon; total.file += m.file;
      } catch { /* gone meanwhile */ }
    }
  }
  return total;
}
const both = (pid: number) => `its worker ${fmt(workerMem(pid, 'worker'))}, its script runner ${fmt(workerMem(pid, 'runner'))}`;
const fmt = (m: Mem) => `${m.rss.toFixed(1)} MB (anon ${m.anon.toFixed(1)}, file ${m.file.toFixed(1)})`;
const pidOf = (vc: BenchCluster, node: string, daemon: string) =>
  Number(readFileSync(join(vc.dir, node, 'var/run/ganeti', `${daemon}.pid`), 'utf8'));

async function main(): Promise<void> {
  const vc = upCluster(2, values.prefix!, Number(values.port));
  try {
    // node2 runs only noded (node1 also has masterd's clients calling in).
    const pid = pidOf(vc, 'node2', 'ganeti-noded');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const version = execFileSync(`/proc/${pid}/exe`, ['--version'], { encoding: 'utf8' }).trim();
    console.log(`noded on node2: pid ${pid}, node ${version}, ${cmdline.join(' ')}`);
    await sleep(5000);
    const idle = memOf(pid);
    console.log(`  idle (5 s after joining the cluster): ${fmt(idle)}`);
    const n = Number(values.burst);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      vc.must(['gnt-node', 'list']);
      vc.must(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check',
        '--no-ip-check', '-n', 'node2', `mem${i}`]);
      vc.must(['gnt-instance', 'remove', '-f', `mem${i}`]);
    }
    vc.must(['gnt-cluster', 'verify']);
    console.log(`  burst: ${n} x (node list, instance add + remove on node2), verify in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`  right after the burst:               ${fmt(memOf(pid))}; ${both(pid)}`);
    let after = memOf(pid);
    for (const s of [2, 4, 6, 8, 10]) {
      await sleep(2000);
      after = memOf(pid);
      console.log(`  ${String(s).padStart(2)} s after the burst:                ${fmt(after)}; ${both(pid)}`);
    }
    console.log(`  target idle <= 45 MB: ${idle.rss <= 45 && after.rss <= 45 ? 'met' : 'NOT met'}`);
    // For comparison: the master daemon (node1) after the same burst, and a bare node.
    console.log(`masterd on node1 5 s after the burst:  ${fmt(memOf(pidOf(vc, 'node1', 'ganeti-masterd')))}`);
    const bare = spawn(`/proc/${pid}/exe`, ['-e', 'setTimeout(() => {}, 3000)']);
    await sleep(1500);
    console.log(`bare '${version} -e' (same binary):    ${fmt(memOf(bare.pid!))}`);
    bare.kill();
  } finally {
    vc.stop();
  }
}

await main();
