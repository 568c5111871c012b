// Where 1,000 instance adds in one batch-create spend their time (issue 14's queue target):
// the same run as acceptance/scale.sh (5 nodes, fake hypervisor, diskless, dummy OS, -I hail),
// with masterd and node2's (--prof-node) noded under --cpu-prof (their self time by module and function),
// every daemon's CPU, OS-script CPU and bytes written/read from /proc before and after (the
// bytes a candidate writes are mostly the config uploads it receives), and per-phase medians
// from the job files' log timestamps. --perf: the whole machine's CPU by role, kernel included,
// from Linux perf (perf-breakdown.ts), for the costs no JavaScript profile sees.
// Run: npm run build && npx tsx bench/batch-profile.ts [--prefix 127.0.N] [--nodes 5] [--jobs 1000] [--grow N] [--max-running-jobs N] [--no-prof] [--prof-node NODE] [--perf] [--keep]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { summariseProfile } from './profile-summary.js';
import { machineCpuMs, TICK_MS } from './machine-cpu.js';
import { growInstances } from './grow-config.js';
import { nodedWorkersOf, scriptRunnersOf } from '../vcluster/procs.js';
import { perfAvailable, perfBreakdown, startPerf, stopPerf } from './perf-breakdown.js';

const arg = (name: string, def: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1]! : def; };
const JOBS = Number(arg('--jobs', '1000'));
const PROF = !process.argv.includes('--no-prof');
/** The node whose noded is profiled (node1: no queue or config copies, only its instances). */
const PROF_NODE = arg('--prof-node', 'node2');
const PERF = process.argv.includes('--perf');

interface Usage { cpuMs: number; sysMs: number; childMs: number; wbytes: number; wcalls: number; rbytes: number }

function usage1(pid: number): Usage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const io = Object.fromEntries(readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n').map((l) => {
    const [k, v] = l.split(':'); return [k!, Number(v)];
  }));
  return { cpuMs: (f[11]! + f[12]!) * TICK_MS, sysMs: f[12]! * TICK_MS, childMs: (f[13]! + f[14]!) * TICK_MS, wbytes: io.wchar!, wcalls: io.syscw!, rbytes: io.rchar! };
}

/** A daemon's usage; for noded's listener, with its workers' and their script runners' (live ones
 * counted directly, exited ones through the parent's children time), the OS scripts as the children column. */
function usage(pid: number, noded: boolean): Usage {
  const u = usage1(pid);
  if (!noded) return u;
  const out: Usage = { ...u, cpuMs: u.cpuMs + u.childMs, childMs: 0 };   // exited workers' system time is not told apart
  for (const w of nodedWorkersOf(pid)) {
    // The worker's script runner counts as noded, its scripts as the children column.
    for (const p of [w, ...scriptRunnersOf(w)]) {
      try {
        const wu = usage1(p);
        out.cpuMs += wu.cpuMs; out.sysMs += wu.sysMs; out.childMs += wu.childMs;
        out.wbytes += wu.wbytes; out.wcalls += wu.wcalls; out.rbytes += wu.rbytes;
      } catch { /* gone since the listing */ }
    }
  }
  return out;
}

const pidOf = (vc: Vcluster, node: string, d: string) => Number(readFileSync(join(vc.dir, node, `var/run/ganeti/${d}.pid`), 'utf8'));
const median = (xs: number[]) => xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN;
const ts = (t: [number, number]) => t[0] * 1000 + t[1] / 1000;

async function main(): Promise<void> {
  const vc = await startVcluster({ nodes: Number(arg('--nodes', '5')), prefix: arg('--prefix', '127.0.170'), nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  const profDir = mkdtempSync(join(tmpdir(), 'batch-prof-'));
  let perf: ChildProcess | null = null;
  try {
    await vc.init();
    await vc.addNodes();
    // --grow N: the cluster holds N instances before the batch (what an add costs on a big cluster).
    const grow = Number(arg('--grow', '0'));
    if (grow) growInstances(vc.dir, grow);
    if (PROF) {
      const stop = await vc.cmd('node1', ['daemon-util', 'stop', 'ganeti-masterd']);
      if (stop.code) throw new Error(`stop masterd: ${stop.stderr}`);
      const start = await vc.cmd('node1', ['env', `NODE_OPTIONS=--cpu-prof --cpu-prof-dir=${profDir} --cpu-prof-interval=500`,
        'daemon-util', 'start', 'ganeti-masterd']);
      if (start.code) throw new Error(`start masterd: ${start.stderr}`);
      await vc.cmd(PROF_NODE, ['daemon-util', 'stop', 'ganeti-noded']);
      const nstart = await vc.cmd(PROF_NODE, ['env', `NODE_OPTIONS=--cpu-prof --cpu-prof-dir=${profDir}/noded --cpu-prof-interval=500`,
        'daemon-util', 'start', 'ganeti-noded']);
      if (nstart.code) throw new Error(`start noded: ${nstart.stderr}`);
    }
    const maxRunning = arg('--max-running-jobs', '');
    if (maxRunning) {
      const m = await vc.gnt(['gnt-cluster', 'modify', '--max-running-jobs', maxRunning]);
      if (m.code) throw new Error(`gnt-cluster modify --max-running-jobs ${maxRunning}: ${m.stdout}${m.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const daemons = vc.nodes.flatMap((n) => [[n, 'ganeti-noded'] as const, ...(n === 'node1' ? [[n, 'ganeti-masterd'] as const] : [])]);
    const pids = daemons.map(([n, d]) => pidOf(vc, n, d));
    const isNoded = daemons.map(([, d]) => d === 'ganeti-noded');
    const before = pids.map((p, i) => usage(p, isNoded[i]!));
    const cliBefore = usage1(process.pid).childMs;
    const machineBefore = machineCpuMs();
    const spec = { version: 1, instances: Array.from({ length: JOBS }, (_, i) => ({
      instance_name: `s${i}`, disk_template: 'diskless', os_type: 'dummy', iallocator: 'hail',
      beparams: { maxmem: 64, minmem: 64 }, name_check: false, ip_check: false,
    })) };
    const file = join(vc.dir, 'batch.json');
    writeFileSync(file, JSON.stringify(spec));
    if (PERF && !perfAvailable()) throw new Error('--perf needs Linux perf (Debian: apt install linux-perf)');
    const perfFile = join(profDir, 'perf.data');
    const roles = new Map<number, string>();   // pid -> role, as they are before and after the batch
    const learnRoles = () => pids.forEach((p, i) => {
      const [node, d] = daemons[i]!;
      if (d === 'ganeti-masterd') { roles.set(p, 'masterd'); return; }
      roles.set(p, `${node} noded`);
      for (const w of nodedWorkersOf(p)) {
        roles.set(w, `${node} noded`);
        for (const sr of scriptRunnersOf(w)) roles.set(sr, 'script runners (python3)');
      }
    });
    if (PERF) learnRoles();
    perf = PERF ? startPerf(perfFile) : null;
    if (perf) await new Promise((res) => setTimeout(res, 500));   // perf's own start
    const t0 = performance.now();
    const r = await vc.gnt(['gnt-instance', 'batch-create', file], { timeoutMs: 600_000 });
    const ms = performance.now() - t0;
    if (perf) { learnRoles(); await stopPerf(perf); }
    const after = pids.map((p, i) => usage(p, isNoded[i]!));
    const cliMs = (usage1(process.pid).childMs - cliBefore) / JOBS;
    const machine = (machineCpuMs() - machineBefore) / JOBS;
    if (r.code) console.log(`batch-create exit ${r.code}: ${r.stdout.split('\n').slice(-3).join(' | ')} ${r.stderr.slice(-300)}`);
    console.log(`${JOBS} adds: ${(ms / 1000).toFixed(1)} s = ${(JOBS * 1000 / ms).toFixed(0)} jobs/s (load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
    console.log('per job:            CPU ms  (system)   children ms   KiB written   write calls   KiB read');
    const tot: Usage = { cpuMs: 0, sysMs: 0, childMs: 0, wbytes: 0, wcalls: 0, rbytes: 0 };
    daemons.forEach(([n, d], i) => {
      const u = Object.fromEntries(Object.keys(tot).map((k) => [k, (after[i]![k as keyof Usage] - before[i]![k as keyof Usage]) / JOBS])) as unknown as Usage;
      for (const k of Object.keys(tot) as (keyof Usage)[]) tot[k] += u[k];
      console.log(`${`${n} ${d.slice(7)}`.padEnd(20)}${u.cpuMs.toFixed(2).padStart(6)}${u.sysMs.toFixed(2).padStart(10)}${u.childMs.toFixed(2).padStart(14)}` +
        `${(u.wbytes / 1024).toFixed(1).padStart(14)}${u.wcalls.toFixed(1).padStart(14)}${(u.rbytes / 1024).toFixed(1).padStart(11)}`);
    });
    console.log(`${'all daemons'.padEnd(20)}${tot.cpuMs.toFixed(2).padStart(6)}${tot.sysMs.toFixed(2).padStart(10)}${tot.childMs.toFixed(2).padStart(14)}` +
      `${(tot.wbytes / 1024).toFixed(1).padStart(14)}${tot.wcalls.toFixed(1).padStart(14)}${(tot.rbytes / 1024).toFixed(1).padStart(11)}`);
    console.log(`${'the client'.padEnd(20)}${cliMs.toFixed(2).padStart(6)}`);
    console.log(`${'the whole machine'.padEnd(20)}${machine.toFixed(2).padStart(6)}   (everything above, this bench and the kernel's own threads)`);
    phases(vc);
    if (perf) {
      const roleOf = (pid: number, comm: string) => roles.get(pid)
        ?? (pid === 0 ? 'idle' : comm === 'create' || comm === 'verify' ? 'OS scripts'
          : comm === 'python3' ? 'OS scripts (their start, before exec)' : comm === 'gnt-instance' ? 'the client' : `other (${comm})`);
      const rows = perfBreakdown(perfFile, roleOf);
      const all = rows[rows.length - 1]![1].samples;
      console.log('the whole machine by role (perf samples; kernel: of those, in the kernel; inode search: in ext4\'s find_inode_bit):');
      for (const [role, v] of rows.slice(0, 16).concat(rows.slice(-1))) {
        console.log(`  ${role.padEnd(44)} ${(100 * v.samples / all).toFixed(1).padStart(5)} %   kernel ${(100 * v.kernel / all).toFixed(1).padStart(5)} %   inode search ${(100 * v.inodeSearch / all).toFixed(1).padStart(5)} %`);
      }
    }
    if (PROF) {
      await vc.cmd('node1', ['daemon-util', 'stop', 'ganeti-masterd']);
      await vc.cmd(PROF_NODE, ['daemon-util', 'stop', 'ganeti-noded']);
      for (const [what, dir] of [['masterd', profDir], [`noded of ${PROF_NODE}`, join(profDir, 'noded')]] as const) {
        // The biggest profile: the daemon itself, not the launcher that started it.
        const prof = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f))
          .sort((a, b) => statSync(b).size - statSync(a).size)[0];
        if (!prof) continue;
        console.log(`${what} CPU profile (self time by module, then by function):`);
        for (const [cat, v] of summariseProfile(prof, 18)) console.log(`  ${cat.padEnd(70)} ${v.toFixed(0).padStart(7)} ms`);
      }
    }
  } finally {
    if (perf) await stopPerf(perf);   // a batch that failed midway
    if (process.argv.includes('--keep')) console.log(`kept ${vc.dir}, profiles in ${profDir}`);
    else {
      await vc.stop();
      rmSync(profDir, { recursive: true, force: true });
    }
  }
}

/** Medians of the gaps between consecutive log lines of the add jobs (job files). */
function phases(vc: Vcluster): void {
  const qdir = join(vc.dir, 'node1/var/lib/ganeti/queue');
  const gaps = new Map<string, number[]>();
  const add = (k: string, v: number) => { let a = gaps.get(k); if (!a) gaps.set(k, (a = [])); a.push(v); };
  for (const f of readdirSync(qdir).filter((x) => x.startsWith('job-'))) {
    const j = JSON.parse(readFileSync(join(qdir, f), 'utf8'));
    const op = j.ops[0];
    if (!op?.exec_timestamp || !j.end_timestamp) continue;
    add('0 received -> started', ts(j.start_timestamp) - ts(j.received_timestamp));
    add('1 started -> locks held', ts(op.exec_timestamp) - ts(j.start_timestamp));
    let prev = ts(op.exec_timestamp);
    for (const [, t, , msg] of op.log as [number, [number, number], string, string][]) {
      add(`2 until "${String(msg).replace(/s\d+/g, 'X').replace(/node\d/g, 'N').slice(0, 60)}"`, ts(t) - prev);
      prev = ts(t);
    }
    add('3 last log line -> end', ts(j.end_timestamp) - prev);
    add('4 total', ts(j.end_timestamp) - ts(j.received_timestamp));
  }
  console.log('per-phase medians over the add jobs (ms):');
  for (const k of [...gaps.keys()].sort()) console.log(`  ${k.slice(2).padEnd(72)} ${median(gaps.get(k)!).toFixed(1).padStart(8)}  (n=${gaps.get(k)!.length})`);
}

main().catch((err) => { console.error(err); process.exit(1); });
