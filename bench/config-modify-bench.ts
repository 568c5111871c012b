// Single-instance modifications at 10,000 instances on a virtual cluster (issue 14, "Config
// at scale"): 3 nodes (all master candidates), the config grown to --instances, then --jobs
// `OP_INSTANCE_SET_PARAMS` jobs (one instance each, -B maxmem) submitted at once with
// `gnt-debug submit-job --each` and followed to the end. Reports jobs/s end to end, and
// the bytes masterd wrote (/proc/PID/io wchar) and the size of the master's config journal.
// Run: npm run build && npx tsx bench/config-modify-bench.ts [--instances 10000] [--jobs 200]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfigCopySync } from '../daemons/common/config-journal.js';
import { startVcluster } from '../vcluster/harness.js';
import { growInstances } from './grow-config.js';

const { values } = parseArgs({ options: {
  instances: { type: 'string', default: '10000' }, jobs: { type: 'string', default: '200' }, prefix: { type: 'string', default: '127.0.221' },
} });
const INSTANCES = Number(values.instances);
const JOBS = Number(values.jobs);
const wchar = (pid: number) => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
const size = (p: string) => { try { return statSync(p).size; } catch { return 0; } };

const vc = await startVcluster({ nodes: 3, prefix: values.prefix!, setupArgs: ['--node-cpus', '512'], nodeMemory: '1048576',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-debug'] });
const files = mkdtempSync(join(tmpdir(), 'modify-jobs-'));
try {
  await vc.init();
  await vc.addNodes();
  growInstances(vc.dir, INSTANCES);
  const data = join(vc.dir, 'node1/var/lib/ganeti');
  const names = Object.values(readConfigCopySync<{ instances: Record<string, { name: string }> }>(join(data, 'config.data')).doc.instances)
    .map((i) => i.name);
  const jobFiles = Array.from({ length: JOBS }, (_, k) => {
    const f = join(files, `job${k}.json`);
    writeFileSync(f, JSON.stringify([{ OP_ID: 'OP_INSTANCE_SET_PARAMS', instance_name: names[(k * 7919) % names.length], beparams: { maxmem: 128 } }]));
    return f;
  });
  // The start-up redistribution of the grown config is over once a job has run.
  const warm = await vc.gnt(['gnt-cluster', 'add-tags', 'warm'], { timeoutMs: 120_000 });
  if (warm.code !== 0) throw new Error(warm.stdout + warm.stderr);
  const pid = Number(readFileSync(join(vc.dir, 'node1/var/run/ganeti/ganeti-masterd.pid'), 'utf8'));
  const w0 = wchar(pid);
  const j0 = size(join(data, 'config.journal'));
  const t0 = performance.now();
  const r = await vc.gnt(['gnt-debug', 'submit-job', '--each', ...jobFiles], { timeoutMs: 600_000 });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`submit-job: ${r.stdout}${r.stderr}`);
  const list = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status']);
  const ok = list.stdout.split('\n').filter((l) => l.trim() === 'success').length;
  console.log(`config-modify: ${INSTANCES} instances (config.data ${(size(join(data, 'config.data')) / 1e6).toFixed(1)} MB), ${JOBS} single-instance ` +
    `modifications in ${(ms / 1000).toFixed(1)} s = ${(JOBS / (ms / 1000)).toFixed(1)} jobs/s end to end (${ok} jobs succeeded in all); ` +
    `masterd wrote ${((wchar(pid) - w0) / JOBS / 1024).toFixed(1)} KiB per job (job journal and files included), ` +
    `config journal grew ${((size(join(data, 'config.journal')) - j0) / JOBS / 1024).toFixed(2)} KiB per job`);
} finally {
  rmSync(files, { recursive: true, force: true });
  await vc.stop();
}
