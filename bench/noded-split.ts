// noded's listener and worker on a 3-node virtual cluster: memory of every noded process
// of node2 (the listener in the pid file and its worker, if one runs) when idle, during and
// after a burst of instance adds, and the latency of the first RPC after the worker retired
// (a gnt-cluster verify asks every node, so it starts node2's worker again).
// Run: npx tsx bench/noded-split.ts [adds] [prefix]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster } from '../vcluster/harness.js';
import { nodedWorkersOf } from '../vcluster/procs.js';

const adds = Number(process.argv[2] ?? 200);
const prefix = process.argv[3] ?? '127.0.222';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function status(pid: number): { rss: number; anon: number; file: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
  } catch { return null; }
}
/** Proportional set size: pages shared with other processes (the node binary's) divided among them. */
function pssOf(pid: number): number {
  try { return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024; } catch { return 0; }
}
function noded(dir: string, node: string): string {
  const pid = Number(readFileSync(join(dir, node, 'var/run/ganeti/ganeti-noded.pid'), 'utf8'));
  const l = status(pid);
  const ws = nodedWorkersOf(pid).map((w) => status(w)).filter((x) => x !== null);
  const f = (m: { rss: number; anon: number; file: number }) => `${m.rss.toFixed(1)} (anon ${m.anon.toFixed(1)}, file ${m.file.toFixed(1)})`;
  const total = (l?.rss ?? 0) + ws.reduce((a, w) => a + w.rss, 0);
  const pss = [pid, ...nodedWorkersOf(pid)].reduce((a, p) => a + pssOf(p), 0);
  return `listener ${l ? f(l) : '-'}; workers: ${ws.length ? ws.map(f).join(', ') : 'none'}; total ${total.toFixed(1)} MB ` +
    `(PSS ${pss.toFixed(1)})`;
}

const vc = await startVcluster({ nodes: 3, prefix, templates: 'diskless', setupArgs: ['--node-cpus', '512'], nodeMemory: '1048576',
  programs: ['ganeti-noded', 'ganeti-noded-worker', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
try {
  await vc.init();
  await vc.addNodes();
  await sleep(8000);
  console.log(`idle (8 s after the joins):     ${noded(vc.dir, 'node2')}`);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await vc.gnt(['gnt-cluster', 'verify']);
    const cold = performance.now() - t0;
    const t1 = performance.now();
    await vc.gnt(['gnt-cluster', 'verify']);
    const warm = performance.now() - t1;
    console.log(`verify after idle (worker retired): ${cold.toFixed(0)} ms, right after: ${warm.toFixed(0)} ms (exit ${r.code})`);
    await sleep(8000);
  }
  const batch = join(vc.dir, 'batch.json');
  writeFileSync(batch, JSON.stringify({ version: 1, instances: Array.from({ length: adds }, (_, i) => ({ instance_name: `b${i}`,
    disk_template: 'diskless', os_type: 'dummy', pnode: 'node2', beparams: { maxmem: 64, minmem: 64 }, name_check: false, ip_check: false })) }));
  let peak = '';
  let peakTotal = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const line = noded(vc.dir, 'node2');
      const tot = Number(/total ([\d.]+)/.exec(line)?.[1] ?? 0);
      if (tot > peakTotal) { peakTotal = tot; peak = line; }
      await sleep(250);
    }
  })();
  const t0 = performance.now();
  const r = await vc.gnt(['gnt-instance', 'batch-create', batch], { timeoutMs: 600_000 });
  console.log(`${adds} adds on node2: ${((performance.now() - t0) / 1000).toFixed(1)} s (exit ${r.code})`);
  done = true;
  await sampler;
  console.log(`peak during the burst:          ${peak}`);
  console.log(`right after:                    ${noded(vc.dir, 'node2')}`);
  for (const s of [2, 5, 10]) {
    await sleep(s === 2 ? 2000 : s === 5 ? 3000 : 5000);
    console.log(`${s} s after:                      ${noded(vc.dir, 'node2')}`);
  }
} finally {
  await vc.stop();
}
