// burnin with 200 diskless instances, --parallel, on a 5-node virtual cluster with the fake
// hypervisor: the whole run's wall time and each step's share (taken from when its
// "- Step" line appears). Run: npm run build && npx tsx bench/burnin-200.ts
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';

const COUNT = Number(process.env.BURNIN_COUNT ?? 200);

interface Timed { code: number | null; stderr: string; steps: { line: string; at: number }[]; total: number }

/** Runs burnin on node1, noting when each top-level "- …" line is printed. */
function runBurnin(vc: Vcluster, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(join(vc.dir, 'node1', 'cmd'), ['burnin', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const steps: Timed['steps'] = [];
    let partial = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const l of lines) if (l.startsWith('- ')) steps.push({ line: l.slice(2), at: performance.now() - t0 });
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, steps, total: performance.now() - t0 }));
  });
}

async function main(): Promise<void> {
  // 40 instances per node: 1 VCPU each needs more than the default 8 CPUs x vcpu-ratio 4.
  const vc = await startVcluster({ nodes: 5, prefix: '127.0.82', nodeMemory: '65536', setupArgs: ['--node-cpus', '32'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'burnin'] });
  try {
    await vc.init();
    await vc.addNodes();
    const names = Array.from({ length: COUNT }, (_, i) => `burn${i + 1}`);
    const r = await runBurnin(vc, ['-o', 'dummy', '-t', 'diskless', '--parallel', '--no-name-check', '--no-ip-check',
      '--vcpu-count', '1', ...names]);
    const left = (await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.trim();
    if (r.code !== 0 || left) {
      throw new Error(`burnin exited ${r.code}; instances left: ${left || 'none'}\n${r.stderr}\n${vc.logs()}`);
    }
    console.log(`burnin, ${COUNT} diskless instances, --parallel, 5 fake nodes: ${(r.total / 1000).toFixed(1)} s`);
    r.steps.forEach((s, i) => {
      const end = r.steps[i + 1]?.at ?? r.total;
      console.log(`  ${((end - s.at) / 1000).toFixed(2).padStart(6)} s  ${s.line}`);
    });
  } finally {
    await vc.stop();
  }
}

await main();
