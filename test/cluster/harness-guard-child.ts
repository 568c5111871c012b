// The test process of harness-guard.test.ts: starts a one-node virtual cluster through the
// harness, plus a stand-in for an instance's qemu (detached, its pid in the kvm pid directory,
// as noded starts one), prints the cluster directory and waits to be killed, never stopping it.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startVcluster } from '../../vcluster/harness.js';

const vc = await startVcluster({ nodes: 1, prefix: '127.0.47', setupArgs: ['--ssh-port', '10047'], templates: 'diskless' });
await vc.init();
const pidFile = join(vc.dir, 'node1/var/run/ganeti/kvm-hypervisor/pid/guard1');
mkdirSync(dirname(pidFile), { recursive: true });
const qemu = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)', '--', '-pidfile', pidFile], { detached: true, stdio: 'ignore' });
qemu.unref();
writeFileSync(pidFile, `${qemu.pid}\n`);
process.stdout.write(`${JSON.stringify({ dir: vc.dir, qemu: qemu.pid })}\n`);
setInterval(() => undefined, 1e9);
