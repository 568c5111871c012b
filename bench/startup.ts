// Start-up of the short commands against a bare `node -e 0` of the same node, side by side
// in one run (issue 7's target: every short command <= 1.3x the bare start), then where one
// command's time goes (bench/cpu-profile.ts).
// Run: npm run build && npx tsx bench/startup.ts [--runs N] [--node PATH]... [--no-profile]
//   each --node is measured (default: the node running this script), e.g.
//   --node /usr/bin/node --node .runtime/bin/node compares the machine's node with ours.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { profileCommand } from './cpu-profile.js';
import { BIN, existingCluster, upCluster, type BenchCluster } from './vcluster-up.js';

const COMMANDS: [string, ...string[]][] = [
  ['gnt-cluster', 'version'],
  ['gnt-cluster', 'getmaster'],
  ['gnt-node', 'list'],
  ['gnt-instance', 'info', 'instance1'],
  ['gnt-job', 'list'],
];
const TARGET = 1.3;

const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '15' },
  node: { type: 'string', multiple: true },
  'no-profile': { type: 'boolean', default: false },
  // An already running virtual cluster (with instance1) instead of a new one.
  dir: { type: 'string' },
} });
const runs = Number(values.runs);
const nodes = values.node?.length ? values.node : [process.execPath];

/** This process's reaped children's CPU time in ms (/proc/self/stat cutime + cstime). */
function childCpuMs(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) * 10; // clock ticks of 10 ms (CLK_TCK 100)
}

interface Sample { wall: number[]; cpu: number }
function measure(node: string, argv: string[], env: NodeJS.ProcessEnv, s: Sample): void {
  const c0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(node, argv, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  s.wall.push(performance.now() - t0);
  s.cpu += childCpuMs() - c0;
  if (r.status !== 0) throw new Error(`${node} ${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function bench(vc: BenchCluster, node: string): void {
  const env = vc.env('node1');
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const bare: Sample = { wall: [], cpu: 0 };
  const cmds = COMMANDS.map(() => ({ wall: [], cpu: 0 }) as Sample);
  // Warm-up (page cache, compile cache), then rounds that interleave the bare start with
  // every command so that a busy moment on the machine hits all of them alike.
  for (const [prog, ...args] of COMMANDS) measure(node, [join(BIN, prog), ...args], env, { wall: [], cpu: 0 });
  for (let i = 0; i < runs; i++) {
    measure(node, ['-e', '0'], env, bare);
    COMMANDS.forEach(([prog, ...args], k) => measure(node, [join(BIN, prog), ...args], env, cmds[k]!));
  }
  const bw = median(bare.wall);
  const bc = bare.cpu / runs;
  console.log(`\n${node} (${version}), ${runs} runs each, medians of wall time, mean CPU (user+sys)`);
  console.log(`  ${'command'.padEnd(34)} ${'wall ms'.padStart(8)} ${'x bare'.padStart(7)} ${'cpu ms'.padStart(7)} ${'x bare'.padStart(7)}`);
  console.log(`  ${'node -e 0'.padEnd(34)} ${bw.toFixed(0).padStart(8)} ${'1.00'.padStart(7)} ${bc.toFixed(0).padStart(7)} ${'1.00'.padStart(7)}`);
  let worst = 0;
  COMMANDS.forEach((c, k) => {
    const w = median(cmds[k]!.wall);
    const cpu = cmds[k]!.cpu / runs;
    worst = Math.max(worst, w / bw);
    console.log(`  ${c.join(' ').padEnd(34)} ${w.toFixed(0).padStart(8)} ${(w / bw).toFixed(2).padStart(7)} ` +
      `${cpu.toFixed(0).padStart(7)} ${(cpu / bc).toFixed(2).padStart(7)}`);
  });
  console.log(`  worst wall ratio ${worst.toFixed(2)} (target <= ${TARGET}): ${worst <= TARGET ? 'met' : 'NOT met'}`);
  if (values['no-profile']) return;
  for (const [prog, ...args] of [COMMANDS[0]!, COMMANDS[2]!]) {
    // Median of a few profiled runs per category: one run is noisy on a shared machine.
    const profiles = Array.from({ length: 5 }, () => profileCommand(node, join(BIN, prog), args, env));
    const cats = new Set(profiles.flatMap((p) => [...p.byCategory.keys()]));
    console.log(`  where '${prog} ${args.join(' ')}' spends its time (--cpu-prof, median of 5; wall ${median(profiles.map((p) => p.wallMs)).toFixed(0)} ms with the profiler on):`);
    const rows = [...cats].map((c) => [c, median(profiles.map((p) => p.byCategory.get(c) ?? 0))] as const)
      .sort((a, b) => b[1] - a[1]);
    for (const [c, ms] of rows) if (ms >= 0.5) console.log(`    ${c.padEnd(52)} ${ms.toFixed(1).padStart(6)} ms`);
  }
}

if (values.dir) {
  for (const node of nodes) bench(existingCluster(values.dir), node);
} else {
  const vc = upCluster(2, '127.0.177', 10177);
  try {
    vc.must(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check',
      '-n', 'node1', 'instance1']);
    for (const node of nodes) bench(vc, node);
  } finally {
    vc.stop();
  }
}
