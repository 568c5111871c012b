// The harness's guard (vcluster/vcluster-guard, started by startVcluster): a test process that
// dies without stopping its cluster (ava runs no after.always hook when a test times out) leaves
// no daemon behind. A child process starts a one-node cluster (sshd, noded and its workers,
// masterd, rapi) and a stand-in qemu, and is SIGKILLed; afterwards none of those pids is alive
// and the cluster's directory is gone.
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, requirePrograms, run } from '../../vcluster/harness.js';
import { alive, nodedWorkersOf, pidOf } from '../../vcluster/procs.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let dir = '';
let pids: number[] = [];

test.after.always(async () => {
  // Only if the guard failed: stop what it left, by the cluster's own pid files.
  if (dir && existsSync(join(dir, 'stop-all'))) await run(join(dir, 'stop-all'), [], { timeoutMs: 60_000 });
  for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a test process killed without stop(): its cluster\'s processes end and its directory goes', async (t) => {
  t.timeout(150_000);
  requirePrograms(['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node']);
  const child = spawn(process.execPath, ['--import=tsx', join(REPO, 'test/cluster/harness-guard-child.ts')],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = ''; let err = '';
  child.stderr.on('data', (d: Buffer) => { err += String(d); });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for await (const d of child.stdout) { out += String(d); if (out.includes('\n')) break; }
  t.truthy(out.trim(), `the child started its cluster; its stderr:\n${err}`);
  const started = JSON.parse(out) as { dir: string; qemu: number };
  dir = started.dir;

  const noded = pidOf(dir, 'node1', 'ganeti-noded');
  const masterd = pidOf(dir, 'node1', 'ganeti-masterd');
  const rapi = pidOf(dir, 'node1', 'ganeti-rapi');
  const sshd = Number(readFileSync(join(dir, 'node1/var/run/sshd.pid'), 'utf8'));
  pids = [noded, masterd, sshd, started.qemu, ...nodedWorkersOf(noded), ...(rapi ? [rapi] : [])];
  t.true(noded > 0 && masterd > 0 && sshd > 0, `the daemons' pid files: noded ${noded}, masterd ${masterd}, sshd ${sshd}`);
  t.deepEqual(pids.filter((p) => !alive(p)), [], 'all of them run before the kill');

  child.kill('SIGKILL');
  await exited;
  const end = Date.now() + 90_000;
  while ((pids.some(alive) || existsSync(dir)) && Date.now() < end) await sleep(250);
  t.deepEqual(pids.filter(alive), [], `none of the cluster's processes (${pids.join(', ')}) outlives its test process`);
  t.false(existsSync(dir), 'the cluster directory is removed');
});
