// vcluster-guard (the harness's guard against a test process that ends without stopping its
// cluster) on a directory shaped like a cluster's, without a cluster: told "stopped" it leaves
// everything alone; on end of file (its test process gone) it ends the processes named by the
// pid files under DIR/node*/var/run whose command line or environment names DIR, and their
// children, and removes DIR. A pid file naming someone else's process (a reused pid) is ignored.
import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VCLUSTER_GUARD } from '../../../vcluster/harness.js';
import { alive } from '../../../vcluster/procs.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const started: ChildProcess[] = [];
test.after.always(() => { for (const c of started) if (c.pid && alive(c.pid)) c.kill('SIGKILL'); });

async function until(f: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!f()) { if (Date.now() > end) return false; await sleep(50); }
  return true;
}

/** A long-lived process whose command line has `arg`; with `child`, it starts one of its own (a
 * worker, which inherits its environment, as noded's do). */
function sleeper(arg: string, child = false, env = process.env): ChildProcess {
  const code = child
    ? `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], { stdio: ['ignore', 'ignore', 'ignore'] }); console.log(c.pid); setInterval(() => {}, 1e9)`
    : 'setInterval(() => {}, 1e9)';
  const p = spawn(process.execPath, ['-e', code, '--', arg], { env, detached: true, stdio: ['ignore', child ? 'pipe' : 'ignore', 'ignore'] });
  started.push(p);
  return p;
}

async function firstLine(p: ChildProcess): Promise<number> {
  let out = '';
  for await (const d of p.stdout!) { out += String(d); if (out.includes('\n')) break; }
  return Number(out.trim());
}

function clusterDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
  mkdirSync(join(dir, 'node1/var/run/ganeti/kvm-hypervisor/pid'), { recursive: true });
  return dir;
}

function startGuard(dir: string): ChildProcess {
  const g = spawn(VCLUSTER_GUARD, [dir], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  started.push(g);
  return g;
}

test('on end of file: the processes of the pid files and their children end, DIR goes, other processes stay', async (t) => {
  const dir = clusterDir();
  // like noded: started with the node's GANETI_ROOTDIR, its worker is its child
  const daemon = sleeper('ganeti-noded', true, { ...process.env, GANETI_ROOTDIR: join(dir, 'node1') });
  const worker = await firstLine(daemon);
  started.push({ pid: worker, kill: (s: NodeJS.Signals) => process.kill(worker, s) } as unknown as ChildProcess);
  const qemu = sleeper(join(dir, 'node1/var/run/ganeti/kvm-hypervisor/pid/inst1'));
  const stranger = sleeper('/elsewhere');   // its pid in a pid file: a reused pid, not the cluster's
  writeFileSync(join(dir, 'node1/var/run/ganeti/ganeti-noded.pid'), `${daemon.pid}\n`);
  writeFileSync(join(dir, 'node1/var/run/ganeti/kvm-hypervisor/pid/inst1'), `${qemu.pid}\n`);
  writeFileSync(join(dir, 'node1/var/run/ganeti/ganeti-rapi.pid'), `${stranger.pid}\n`);
  t.true([daemon.pid!, worker, qemu.pid!, stranger.pid!].every(alive));

  const g = startGuard(dir);
  await sleep(200);
  t.true([daemon.pid!, worker, qemu.pid!].every(alive), 'nothing happens while the test process lives');
  g.stdin!.destroy();   // what the kernel does when the test process dies
  t.true(await until(() => ![daemon.pid!, worker, qemu.pid!].some(alive), 15_000), 'the cluster\'s processes ended');
  t.true(await until(() => !existsSync(dir), 15_000), 'the directory is removed');
  t.true(alive(stranger.pid!), 'a process that does not name the directory is left alone');
  rmSync(dir, { recursive: true, force: true });
});

test('told "stopped": it exits and touches nothing', async (t) => {
  const dir = clusterDir();
  const qemu = sleeper(join(dir, 'node1/var/run/ganeti/kvm-hypervisor/pid/inst1'));
  writeFileSync(join(dir, 'node1/var/run/ganeti/kvm-hypervisor/pid/inst1'), `${qemu.pid}\n`);
  const g = startGuard(dir);
  const exited = new Promise<number | null>((r) => g.on('exit', (code) => r(code)));
  g.stdin!.end('stopped\n');
  t.is(await exited, 0);
  t.true(alive(qemu.pid!));
  t.true(existsSync(dir));
  rmSync(dir, { recursive: true, force: true });
});
