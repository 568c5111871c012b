// Scale curves on one machine: a virtual cluster of N nodes (fake hypervisor) comes up and
// joins, then its config grows step by step (10, 100, 1,000, 10,000 instances by default)
// and at each step `gnt-cluster verify`, `gnt-instance list` and `gnt-cluster version`
// are timed (median, process start to exit) with masterd's and all daemons' memory.
// Run: npm run build && npx tsx bench/scale-bench.ts [--nodes 50] [--steps 10,100,1000,10000] [--reps 5]
// --reps: how many list/version pairs per step (alternating, so that both see the same load),
// and as many lists after each kind of change.
// "after a hidden change": a list right after a job changed one instance in a field the list
// does not show (a tag added), so the master queries again but may keep the table's text;
// "after a shown change": right after g0 was shut down or started, so its status differs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ISPECS, REPO } from '../vcluster/harness.js';
import { growInstances } from './grow-config.js';
import { machineCpuMs } from './machine-cpu.js';
import { nodedWorkersOf } from '../vcluster/procs.js';

const { values } = parseArgs({ options: {
  nodes: { type: 'string', default: '50' }, steps: { type: 'string', default: '10,100,1000,10000' },
  reps: { type: 'string', default: '5' },
  prefix: { type: 'string', default: '127.0.132' }, 'ssh-port': { type: 'string', default: '10132' },
} });
const nodes = Number(values.nodes);
const steps = values.steps!.split(',').map(Number);
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps ${values.reps} must be a positive integer`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Proportional set size: shared pages (the node binary's, mapped by every daemon) divided among their users. */
const pssMb = (pid: number) => Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024;

function must(file: string, args: string[], cwd?: string): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.status ?? r.signal})\n${r.stdout}${r.stderr}`);
  return { ms: performance.now() - t0, out: r.stdout };
}

/** Every daemon of the cluster: [node, daemon, pid]. */
function daemons(dir: string): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (const node of readdirSync(dir).filter((n) => /^node\d+$/.test(n))) {
    const run = join(dir, node, 'var/run/ganeti');
    for (const f of readdirSync(run).filter((x) => x.endsWith('.pid'))) {
      const pid = Number(readFileSync(join(run, f), 'utf8'));
      out.push([node, f.replace(/\.pid$/, ''), pid]);
      // noded's worker (daemons/noded/listener.ts), while one runs, is the daemon's memory too.
      if (f === 'ganeti-noded.pid') for (const w of nodedWorkersOf(pid)) out.push([node, 'ganeti-noded-worker', w]);
    }
  }
  return out;
}


function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ganeti-scale-'));
  const gnt = (args: string[]) => must(join(dir, 'node1/cmd'), args, dir);
  const timedMedian = (args: string[], n: number) => median(Array.from({ length: n }, () => gnt(args).ms));
  try {
    let t = must(join(REPO, 'vcluster/vcluster-setup'), ['-c', String(nodes), '-p', values.prefix!, '--ssh-port', values['ssh-port']!,
      '-m', '1048576', '--node-cpus', '512', dir]).ms;
    t += must(join(dir, 'start-all'), []).ms;
    console.log(`${nodes} nodes: set up and daemons started in ${(t / 1000).toFixed(1)} s`);
    const init = gnt(['gnt-cluster', 'init', '--no-etc-hosts', '--no-ssh-init', '--master-netdev=lo', '--enabled-disk-templates=diskless',
      '--enabled-hypervisors=fake', `--ipolicy-bounds-specs=${ISPECS}`, 'cluster']).ms;
    const joins: number[] = [];
    for (let k = 2; k <= nodes; k++) joins.push(gnt(['gnt-node', 'add', '--no-ssh-key-check', `node${k}`]).ms);
    const joinTotal = joins.reduce((a, b) => a + b, 0);
    console.log(`init ${(init / 1000).toFixed(1)} s; ${joins.length} joins in ${(joinTotal / 1000).toFixed(1)} s ` +
      `(median ${median(joins).toFixed(0)} ms, first ${joins[0]!.toFixed(0)}, last ${joins[joins.length - 1]!.toFixed(0)} ms)`);
    const memory = (when: string) => {
      const all = daemons(dir);
      const total = all.reduce((a, [, , pid]) => a + rssMb(pid), 0);
      const pss = all.reduce((a, [, , pid]) => a + pssMb(pid), 0);
      console.log(`memory ${when}: ${all.length} processes, RSS ${total.toFixed(0)} MB (${(total / nodes).toFixed(0)} MB per node), ` +
        `PSS ${pss.toFixed(0)} MB (${(pss / nodes).toFixed(0)} MB per node)`);
    };
    memory('right after the joins');
    spawnSync('sleep', ['10']);
    memory('10 s later (idle noded workers retired)');
    const cpu0 = machineCpuMs();
    const cold = gnt(['gnt-cluster', 'verify']).ms;
    const cpu1 = machineCpuMs();
    const warm = gnt(['gnt-cluster', 'verify']).ms;
    const cpu2 = machineCpuMs();
    console.log(`verify with every noded worker retired: ${cold.toFixed(0)} ms (machine CPU ${(cpu1 - cpu0).toFixed(0)} ms); ` +
      `right after: ${warm.toFixed(0)} ms (${(cpu2 - cpu1).toFixed(0)} ms)`);
    console.log('instances | verify ms | list ms | version ms | list/version | after a hidden change ms | after a shown change ms | masterd MB | all daemons MB');
    for (const n of steps) {
      growInstances(dir, n);
      // masterd redistributes the grown config and ssconf when it starts: wait until
      // verify is clean (that delivery is not what is measured here).
      for (let tries = 0; spawnSync(join(dir, 'node1/cmd'), ['gnt-cluster', 'verify'], { cwd: dir, stdio: 'ignore' }).status !== 0; tries++) {
        if (tries === 30) throw new Error(`gnt-cluster verify still fails at ${n} instances`);
        spawnSync('sleep', ['2']);
      }
      const verify = timedMedian(['gnt-cluster', 'verify'], 3);
      const versions: number[] = [], lists: number[] = [], changed: number[] = [], shown: number[] = [];
      for (let r = 0; r < reps; r++) {
        versions.push(gnt(['gnt-cluster', 'version']).ms);
        lists.push(gnt(['gnt-instance', 'list']).ms);
      }
      const changes = reps;
      for (let r = 0; r < changes; r++) {
        // grow-config names its instances g0, g1, ...
        gnt(['gnt-instance', 'add-tags', 'g0', `bench${r}`]);
        changed.push(gnt(['gnt-instance', 'list']).ms);
        gnt(['gnt-instance', r % 2 ? 'startup' : 'shutdown', 'g0']);
        shown.push(gnt(['gnt-instance', 'list']).ms);
      }
      if (changes % 2) gnt(['gnt-instance', 'startup', 'g0']);   // as it was
      const version = median(versions), list = median(lists);
      const d = daemons(dir);
      const masterd = d.find(([node, name]) => node === 'node1' && name === 'ganeti-masterd')!;
      const sum = d.reduce((a, [, , pid]) => a + rssMb(pid), 0);
      console.log(`${String(n).padStart(9)} | ${verify.toFixed(0).padStart(9)} | ${list.toFixed(0).padStart(7)} | ` +
        `${version.toFixed(0).padStart(10)} | ${(list / version).toFixed(2).padStart(12)} | ` +
        `${median(changed).toFixed(0).padStart(24)} | ${median(shown).toFixed(0).padStart(23)} | ${rssMb(masterd[2]).toFixed(0).padStart(10)} | ${sum.toFixed(0)}`);
    }
  } finally {
    spawnSync(join(dir, 'stop-all'), [], { stdio: 'ignore', timeout: 120_000 });
    if (process.env.GANETI_KEEP_VCLUSTER !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

main();
