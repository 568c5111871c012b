// Parallel moves (issue 9): 5 file instances with 48 MiB disks move node2 -> node3 at once
// (gnt-instance move --submit), as burnin's move step does under load; total time, and
// per job where the time went: waiting for locks (start -> exec) and each step of its
// execution log (gnt-job info's timestamps).
// Run: npm run build && npx tsx bench/move-parallel.ts [--n 5] [--size 48M] [--prefix 127.0.227]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startVcluster } from '../vcluster/harness.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '5' }, size: { type: 'string', default: '48M' },
  prefix: { type: 'string', default: '127.0.227' } } });
const n = Number(values.n);

async function main(): Promise<void> {
  const vc = await startVcluster({ nodes: 3, prefix: values.prefix!, templates: 'diskless,file',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  try {
    await vc.init();
    await vc.addNodes();
    const must = async (args: string[]) => {
      const r = await vc.gnt(args, { timeoutMs: 600_000 });
      if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
      return r.stdout;
    };
    await Promise.all(Array.from({ length: n }, (_, i) => must(['gnt-instance', 'add', '-t', 'file', '--disk', `0:size=${values.size}`, '-o', 'dummy',
      '--no-name-check', '--no-ip-check', '-B', 'memory=64', '-n', 'node2', `mv${i}`])));
    const t0 = performance.now();
    const ids = await Promise.all(Array.from({ length: n }, async (_, i) =>
      (await must(['gnt-instance', 'move', '-f', '--submit', '--print-jobid', '-n', 'node3', `mv${i}`])).trim()));
    for (;;) {
      const out = await must(['gnt-job', 'list', '--no-headers', '-o', 'status', ...ids]);
      if (!/queued|waiting|running|canceling/.test(out)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const secs = (performance.now() - t0) / 1000;
    // Each job's copy step: from "* copying disk 0" to the next log line.
    const copies: string[] = [];
    for (const id of ids) {
      const info = await must(['gnt-job', 'info', id]);
      const times = [...info.matchAll(/Time: (\S+ \S+)\n\s+Content: \[\d+, message, ([^\]]*)\]/g)].map((m) => ({ t: Date.parse(m[1]!.replace(' ', 'T')), what: m[2]! }));
      const i = times.findIndex((x) => x.what.startsWith('* copying disk 0'));
      if (i >= 0 && times[i + 1]) copies.push(((times[i + 1]!.t - times[i]!.t) / 1000).toFixed(2));
    }
    console.log(`copy step per job: ${copies.join(', ')} s`);
    console.log(`${n} parallel moves of ${values.size} disks: ${secs.toFixed(1)} s; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  } finally {
    await vc.stop();
  }
}

void main();
