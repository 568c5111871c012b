// masterd's memory with N instances (default 10,000) on a 3-node cluster: RSS after
// start, after lists and a verify, a heap snapshot (written with --heapsnapshot-signal into
// DIR) and masterd's CPU profile (--cpu-prof, written into DIR when it stops).
// Run: npm run build && /work/slot npx tsx bench/masterd-heap.ts [instances] [prefix] [dir]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster } from '../vcluster/harness.js';
import { growInstances } from './grow-config.js';

const count = Number(process.argv[2] ?? 10000);
const prefix = process.argv[3] ?? '127.0.224';
const snapDir = process.argv[4] ?? '/tmp';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rss = (pid: number) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return `${kb('VmRSS').toFixed(0)} MB (anon ${kb('RssAnon').toFixed(0)})`;
};

const vc = await startVcluster({ nodes: 3, prefix, templates: 'diskless', nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'],
  programs: ['ganeti-noded', 'ganeti-noded-worker', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
try {
  await vc.init();
  await vc.addNodes();
  growInstances(vc.dir, count);   // restarts masterd; again here, with the snapshot signal
  execFileSync(join(vc.dir, 'node1/cmd'), ['daemon-util', 'stop', 'ganeti-masterd']);
  execFileSync(join(vc.dir, 'node1/cmd'), ['daemon-util', 'start', 'ganeti-masterd'],
    { env: { ...process.env, NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapDir} --cpu-prof --cpu-prof-dir=${snapDir}` } });
  const pid = Number(readFileSync(join(vc.dir, 'node1/var/run/ganeti/ganeti-masterd.pid'), 'utf8'));
  await sleep(3000);
  console.log(`masterd with ${count} instances, after start: ${rss(pid)}`);
  for (let i = 0; i < 20 && (await vc.gnt(['gnt-cluster', 'verify'])).code !== 0; i++) await sleep(2000);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await vc.gnt(['gnt-instance', 'list']);
    console.log(`list of ${count}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  await vc.gnt(['gnt-cluster', 'verify']);
  console.log(`after 3 lists and verifies: ${rss(pid)}`);
  await sleep(5000);
  console.log(`5 s later: ${rss(pid)}`);
  const before = new Set(readdirSync(snapDir));
  process.kill(pid, 'SIGUSR2');
  let snap = '';
  for (let i = 0; i < 120 && !snap; i++) {
    await sleep(1000);
    snap = readdirSync(snapDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f)) ?? '';
  }
  await sleep(3000);
  console.log(`heap snapshot: ${join(snapDir, snap)}`);
} finally {
  await vc.stop();
}
