// masterd's memory with N instances (default 10,000) on a 3-node cluster (or [nodes]): RSS after
// start, after lists and a verify, after config changes, a heap snapshot (written with --heapsnapshot-signal into
// DIR) and masterd's CPU profile (--cpu-prof, written into DIR when it stops).
// Run: npm run build && npx tsx bench/masterd-heap.ts [instances] [prefix] [dir] [nodes]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster } from '../vcluster/harness.js';
import { growInstances } from './grow-config.js';
import { InspectProbe, smapsSummary } from './inspect-probe.js';

const count = Number(process.argv[2] ?? 10000);
const prefix = process.argv[3] ?? '127.0.224';
const snapDir = process.argv[4] ?? '/tmp';
const nodes = Number(process.argv[5] ?? 3);
// masterd's inspector (an address of this bench's prefix): live memory, heap spaces, a forced GC.
const inspectAt = `${prefix}.250:9239`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rss = (pid: number) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return `${kb('VmRSS').toFixed(0)} MB (anon ${kb('RssAnon').toFixed(0)})`;
};

const vc = await startVcluster({ nodes, prefix, templates: 'diskless', nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'],
  programs: ['ganeti-noded', 'ganeti-noded-worker', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
try {
  await vc.init();
  await vc.addNodes();
  growInstances(vc.dir, count);   // restarts masterd; again here, with the snapshot signal
  execFileSync(join(vc.dir, 'node1/cmd'), ['daemon-util', 'stop', 'ganeti-masterd']);
  execFileSync(join(vc.dir, 'node1/cmd'), ['daemon-util', 'start', 'ganeti-masterd'],
    { env: { ...process.env, NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapDir} --cpu-prof --cpu-prof-dir=${snapDir} --inspect-port=${inspectAt}` } });
  const pid = Number(readFileSync(join(vc.dir, 'node1/var/run/ganeti/ganeti-masterd.pid'), 'utf8'));
  await sleep(3000);
  process.kill(pid, 'SIGUSR1');   // opens the inspector (daemon-util, also given the port, does not)
  await sleep(500);
  const probe = await InspectProbe.connect(inspectAt);
  const report = async (when: string) => {
    console.log(`${when}: ${rss(pid)}\n  ${await probe.memory()}\n  ${smapsSummary(pid)}`);
  };
  await report(`masterd with ${count} instances, after start`);
  for (let i = 0; i < 20 && (await vc.gnt(['gnt-cluster', 'verify'])).code !== 0; i++) await sleep(2000);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await vc.gnt(['gnt-instance', 'list']);
    console.log(`list of ${count}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  await vc.gnt(['gnt-cluster', 'verify']);
  await report('after 3 lists and verifies');
  // Config changes at this size: each job journals and replicates one instance's change, and
  // the list after it cannot reuse the last table (grow-config names instances g0, g1, ...).
  for (let i = 0; i < 5; i++) {
    await vc.gnt(['gnt-instance', 'add-tags', 'g0', `heap${i}`]);
    await vc.gnt(['gnt-instance', 'list']);
  }
  await report('after 5 tag changes, each with a list');
  // A change the list shows, on the node too: the instance's node answers anew.
  for (let i = 0; i < 5; i++) {
    await vc.gnt(['gnt-instance', i % 2 ? 'startup' : 'shutdown', 'g0']);
    await vc.gnt(['gnt-instance', 'list']);
  }
  await report('after 5 shutdowns and startups, each with a list');
  await sleep(5000);
  await report('5 s later');
  await sleep(10000);
  await report('15 s later');
  await probe.gc();
  await sleep(500);
  await report('after a full GC');
  // What the idle collection (common/idle-gc.ts) costs masterd: a plain full collection and
  // the memory-reducing one it uses, timed inside masterd (needs --expose-gc: daemon-util).
  const cost = await probe.evaluate<string>(`(() => { if (typeof gc !== 'function') return 'no gc()'; const t0 = performance.now();
    gc(); const t1 = performance.now(); gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    return 'full collection ' + (t1 - t0).toFixed(1) + ' ms, memory-reducing ' + (performance.now() - t1).toFixed(1) + ' ms'; })()`);
  console.log(`idle collection cost: ${cost}`);
  probe.close();
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
