// The VM life cycle on real qemu (TCG, the tiny guest), at the driver level (no cluster):
//  1. suspend and resume of a 128 MB guest: time of each and size of the gzip'd state file;
//  2. a crash-consistent snapshot of the running guest with a fully written 1 GiB qcow2 disk,
//     frozen (CPUs stopped while the disk is copied) and live (QMP overlays, copy, commit):
//     the pause, and the longest gap between the guest's 1 s serial ticks around it;
//  3. on a 2-node virtual cluster: gnt-backup export of a 1 GiB file disk (incompressible
//     data) to the other node and its import back, in MB/s, against a plain `cp` of the same
//     file in the same run (the limit of this disk).
// Run: npx tsx bench/lifecycle.ts [qemu|backup]   (default both; LIFECYCLE_BENCH_RUNS rounds)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../daemons/common/log.js';
import { KVM_DESCRIPTOR } from '../daemons/hypervisor/kvm/descriptor.js';
import { KvmHypervisor } from '../daemons/hypervisor/kvm/kvm.js';
import type { KvmInstance } from '../daemons/hypervisor/kvm/types.js';
import { resolvePaths } from '../daemons/common/paths.js';
import { copyImage } from '../daemons/storage/image-file.js';
import { startVcluster } from '../vcluster/harness.js';
import { ensureGuest, killQemus } from '../vcluster/kvm-guest.js';

const RUNS = Number(process.env.LIFECYCLE_BENCH_RUNS ?? 3);
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const root = `/tmp/lifecycle-bench-${process.pid}`;
  mkdirSync(root, { recursive: true });
  const paths = resolvePaths({ GANETI_ROOTDIR: join(root, 'node1'), GANETI_HOSTNAME: 'node1' });
  mkdirSync(paths.dataDir, { recursive: true });
  const hv = new KvmHypervisor(paths, { logger: quiet });
  const g = ensureGuest();
  const disk = join(root, 'disk0.qcow2');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '1G']);
  const inst: KvmInstance = {
    name: 'bench1', hypervisor: 'kvm', memory: 128, vcpus: 1, uuid: '11111111-2222-3333-4444-555555555555',
    hvparams: { ...KVM_DESCRIPTOR.defaults, kvm_flag: 'disabled', kernel_path: g.kernel, initrd_path: g.initrd, kernel_args: 'console=ttyS0' },
    nics: [], disks: [{ mode: 'rw', format: 'qcow2' }],
  };
  const suspendMs: number[] = [];
  const resumeMs: number[] = [];
  const sizes: number[] = [];
  const pauseMs: number[] = [];
  const frozenGap: number[] = [];
  const idleGap: number[] = [];
  const redirectMs: number[] = [];
  const mergeMs: number[] = [];
  const liveMs: number[] = [];
  const liveGap: number[] = [];
  // A fully written disk: the snapshot copies a whole 1 GiB image, not an empty one.
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x55 0 1G', disk], { stdio: 'ignore' });
  try {
    await hv.startInstance(inst, [disk]);
    await sleep(15_000);   // let the guest boot
    for (let i = 0; i < RUNS; i++) {
      const state = join(paths.dataDir, 'bench1.state.gz');
      let t0 = performance.now();
      await hv.suspendInstance(inst, state);
      suspendMs.push(performance.now() - t0);
      sizes.push(statSync(state).size);
      t0 = performance.now();
      await hv.resumeInstance(inst, [disk], state);
      resumeMs.push(performance.now() - t0);
      rmSync(state, { force: true });
      // Snapshots as noded takes them, watched from the guest: its serial console prints a tick
      // every second, so the longest gap between ticks around a snapshot is 1 s plus its pause.
      const ticks = watchTicks(hv.dirs.serialSocket('bench1'));
      await sleep(3000);
      t0 = performance.now();
      await sleep(5000);
      idleGap.push(ticks.gapAround(t0, performance.now()));   // the machine's own jitter, nothing running
      // Frozen (ext disks, chroot, a hypervisor without liveSnapshot): CPUs stopped for the copy.
      t0 = performance.now();
      await hv.pauseInstance(inst);
      await copyImage(disk, join(root, `snap${i}.qcow2`), 'disk0');   // noded's copy (FICLONE where it can)
      await hv.continueInstance(inst);
      pauseMs.push(performance.now() - t0);
      await sleep(3000);
      frozenGap.push(ticks.gapAround(t0, performance.now() - 3000));
      // Live (kvm, file disks): writes go to an overlay while the disk is copied, then are merged.
      const live = [{ path: disk, format: 'qcow2', overlay: join(root, '.disk0.qcow2.live.qcow2') }];
      t0 = performance.now();
      await hv.redirectDiskWrites(inst, live);
      redirectMs.push(performance.now() - t0);
      await copyImage(disk, join(root, `live${i}.qcow2`), 'disk0');
      const t1 = performance.now();
      await hv.mergeDiskWrites(inst, live);
      mergeMs.push(performance.now() - t1);
      liveMs.push(performance.now() - t0);
      await sleep(3000);
      liveGap.push(ticks.gapAround(t0, performance.now() - 3000));
      ticks.close();
      rmSync(join(root, `snap${i}.qcow2`));
      rmSync(join(root, `live${i}.qcow2`));
    }
  } finally {
    await hv.stopInstance(inst, { force: true }).catch(() => undefined);
    hv.close();
    killQemus(root);
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`suspend of a 128 MB TCG guest: median ${Math.round(median(suspendMs))} ms (${suspendMs.map(Math.round).join(', ')})`);
  console.log(`state file (gzip -1): median ${(median(sizes) / 1048576).toFixed(1)} MiB`);
  console.log(`resume: median ${Math.round(median(resumeMs))} ms (${resumeMs.map(Math.round).join(', ')})`);
  const ms = (xs: number[]) => `median ${Math.round(median(xs))} ms (${xs.map(Math.round).join(', ')})`;
  console.log(`snapshot of the running guest with a full 1 GiB qcow2 disk, frozen for the copy: guest paused ${ms(pauseMs)}; ` +
    `longest gap between its 1 s ticks ${ms(frozenGap)}`);
  console.log(`the same, live (overlays, QMP transaction of blockdev-snapshot, copy, block-commit): CPUs never stopped; ` +
    `overlays made and put on (qemu-img create, blockdev-add, transaction) ${ms(redirectMs)}, merge ${ms(mergeMs)}, whole snapshot ${ms(liveMs)}; longest gap between ticks ${ms(liveGap)} (with nothing running: ${ms(idleGap)})`);
}

/** Arrival times of the guest's serial ticks; the longest gap between two around [from, to]. */
function watchTicks(socket: string): { gapAround(from: number, to: number): number; close(): void } {
  const at: number[] = [];
  const sock = connect(socket);
  sock.on('data', (d) => { for (const _ of d.toString('latin1').matchAll(/tick=\d+/g)) at.push(performance.now()); });
  sock.on('error', () => undefined);
  return {
    gapAround: (from, to) => {
      let first = 0;
      at.forEach((x, k) => { if (x <= from) first = k; });
      let last = at.findIndex((x) => x >= to);
      if (last < 0) last = at.length - 1;
      let gap = 0;
      for (let k = first + 1; k <= last; k++) gap = Math.max(gap, at[k]! - at[k - 1]!);
      return gap;
    },
    close: () => sock.destroy(),
  };
}

/** CPU seconds (user + system) used so far by the live processes of a virtual cluster (its
 * daemons: the environment names the cluster's directory), by their pid. */
function clusterCpu(dir: string): Map<number, number> {
  const tick = 100;   // USER_HZ
  const out = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`GANETI_ROOTDIR=${dir}/`)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, 'latin1').replace(/^.*\) /, '').split(' ');
      out.set(Number(pid), (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick);
    } catch { /* ended, or not ours */ }
  }
  return out;
}
/** CPU seconds the cluster's processes used between two clusterCpu() readings. */
const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((n, [pid, s]) => n + s - (before.get(pid) ?? 0), 0);

/** gnt-backup export and import of a 1 GiB disk between two virtual nodes, and cp. */
async function backup(): Promise<void> {
  const vc = await startVcluster({
    nodes: 2, prefix: '127.0.238', templates: 'diskless,file',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-backup'],
  });
  const must = async (args: string[]) => {
    const r = await vc.gnt(args, { timeoutMs: 900_000 });
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}\n${vc.logs()}`);
    return r.stdout;
  };
  const sizeMiB = Number(process.env.LIFECYCLE_BENCH_DISK_MIB ?? 1024);
  const verbose = !!process.env.LIFECYCLE_BENCH_VERBOSE;   // the jobs' timestamped steps: where the time goes
  const rate = (ms: number) => (sizeMiB / (ms / 1000)).toFixed(0);
  const exp: number[] = [];
  const imp: number[] = [];
  const cp: number[] = [];
  const expCpu: number[] = [];
  const impCpu: number[] = [];
  try {
    await vc.init();
    await vc.addNodes();
    await must(['gnt-instance', 'add', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-t', 'file', '--disk', `0:size=${sizeMiB}M`,
      '-n', 'node1', '--no-start', 'big']);
    const shown = /on primary: (\S+)/.exec(await must(['gnt-instance', 'info', 'big']))![1]!;
    const file = join(vc.dir, 'node1', shown);
    execFileSync('sh', ['-c', `head -c ${sizeMiB * 1048576} /dev/urandom > '${file}'`]);
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      execFileSync('cp', [file, `${file}.cp`]);
      execFileSync('sync');
      cp.push(performance.now() - t0);
      rmSync(`${file}.cp`);
      t0 = performance.now();
      let c0 = clusterCpu(vc.dir);
      const e = await must(['gnt-backup', 'export', '-n', 'node2', 'big']);
      exp.push(performance.now() - t0);
      expCpu.push(cpuSince(c0, clusterCpu(vc.dir)));
      if (verbose) console.log(e);
      t0 = performance.now();
      c0 = clusterCpu(vc.dir);
      const m = await must(['gnt-backup', 'import', '-n', 'node1', '--src-node=node2', '-t', 'file', '--disk', `0:size=${sizeMiB}M`, '-o', 'dummy',
        '--no-name-check', '--no-ip-check', '--no-start', '--src-dir', 'big', 'big2']);
      imp.push(performance.now() - t0);
      impCpu.push(cpuSince(c0, clusterCpu(vc.dir)));
      if (verbose) console.log(m);
      await must(['gnt-instance', 'remove', '-f', 'big2']);
    }
  } finally {
    await vc.stop();
  }
  console.log(`cp of the ${sizeMiB} MiB disk file (+ sync): median ${rate(median(cp))} MB/s (${cp.map(Math.round).join(', ')} ms)`);
  console.log(`gnt-backup export (dump, pull over TLS, sha256 twice, rename): median ${rate(median(exp))} MB/s (${exp.map(Math.round).join(', ')} ms), ` +
    `daemons' CPU ${expCpu.map((c) => c.toFixed(1)).join(', ')} s`);
  console.log(`gnt-backup import (create disk, pull over TLS, sha256, write): median ${rate(median(imp))} MB/s (${imp.map(Math.round).join(', ')} ms), ` +
    `daemons' CPU ${impCpu.map((c) => c.toFixed(1)).join(', ')} s`);
}

const part = process.argv[2] ?? 'all';
if (part === 'all' || part === 'qemu') await main();
if (part === 'all' || part === 'backup') await backup();
