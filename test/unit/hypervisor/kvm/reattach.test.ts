// kvm re-attach after a noded restart: each instance on its own. One that fails (here: its
// guest powered off and the user_down marker cannot be written) is reported with why, and
// the instances listed before and after it are still attached.
import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { KvmHypervisor } from '../../../../daemons/hypervisor/kvm/kvm.js';
import { FakeQmpServer } from './helpers/fake-qmp-server.js';
import { makeTempNode } from '../../noded/helpers/temp-node.js';

test('one instance failing to re-attach does not stop the others, and is reported', async (t) => {
  const node = makeTempNode();
  const hv = new KvmHypervisor(node.paths);
  hv.dirs.ensure();
  const procs: ChildProcess[] = [];
  const qmps: FakeQmpServer[] = [];
  try {
    for (const [name, status] of [['a1', 'running'], ['b2', 'shutdown'], ['c3', 'paused']] as const) {
      // a live process whose argv names the instance and its pid file, as qemu's does
      const p = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)', '--', '-name', name, '-pidfile', hv.dirs.pidFile(name)],
        { stdio: 'ignore' });
      procs.push(p);
      await new Promise<void>((resolve) => p.once('spawn', () => resolve()));
      writeFileSync(hv.dirs.pidFile(name), `${p.pid}\n`);
      writeFileSync(hv.dirs.runtimeFile(name), '{}\n');
      const q = await new FakeQmpServer().listen();
      q.handlers.set('query-status', () => ({ return: { status, running: status === 'running' } }));
      qmps.push(q);
      symlinkSync(q.path, hv.dirs.qmpSocket(name));
    }
    // b2's guest powered off while noded was down; recording user_down fails (a directory is in the way)
    mkdirSync(hv.dirs.shutdownMarker('b2'));
    const report = await hv.reattach();
    t.deepEqual(report.attached.sort(), ['a1', 'c3']);
    t.is(report.failed.length, 1);
    t.is(report.failed[0]!.name, 'b2');
    t.regex(report.failed[0]!.error, /EISDIR/);
  } finally {
    hv.close();
    for (const p of procs) p.kill('SIGKILL');
    for (const q of qmps) await q.close();
    node.cleanup();
  }
});
