// The kvm driver on real qemu (TCG) without a cluster: the node-level behaviour the cluster
// tests do not reach — forced and timed-out stops, start failures that leave nothing behind,
// VNC on TCP, the uid pool, node info accounting and re-attaching from a fresh driver.
import test from 'ava';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { KVM_DESCRIPTOR } from '../../daemons/hypervisor/kvm/descriptor.js';
import { HypervisorError } from '../../daemons/common/errors.js';
import type { Logger } from '../../daemons/common/log.js';
import { KvmHypervisor } from '../../daemons/hypervisor/kvm/kvm.js';
import type { KvmInstance } from '../../daemons/hypervisor/kvm/types.js';
import { makeTempNode, writeCapacity, type TempNode } from '../unit/noded/helpers/temp-node.js';
import { ensureGuest, killQemus, qemuPids } from '../../vcluster/kvm-guest.js';
import { waitFor } from './helpers.js';

const nodes: TempNode[] = [];
test.after.always(() => { for (const n of nodes) { killQemus(n.root); n.cleanup(); } });

function setup(): { node: TempNode; hv: KvmHypervisor; lines: string[]; disk: string; fresh(): KvmHypervisor } {
  const node = makeTempNode('node1');
  nodes.push(node);
  const lines: string[] = [];
  const log: Logger = {
    debug: () => undefined, info: (m) => lines.push(`INFO ${m}`), warn: (m) => lines.push(`WARN ${m}`),
    error: (m) => lines.push(`ERROR ${m}`), child: () => log,
  };
  const disk = join(node.root, 'disk0.img');
  writeFileSync(disk, Buffer.alloc(16 * 1024 * 1024));
  const fresh = () => new KvmHypervisor(node.paths, { logger: log });
  return { node, hv: fresh(), lines, disk, fresh };
}

function inst(name: string, hv: Record<string, unknown> = {}, memory = 96): KvmInstance {
  const g = ensureGuest();
  return {
    name, hypervisor: 'kvm', memory, vcpus: 1, uuid: '11111111-2222-3333-4444-555555555555',
    hvparams: { ...KVM_DESCRIPTOR.defaults, kvm_flag: 'disabled', kernel_path: g.kernel, initrd_path: g.initrd, kernel_args: 'console=ttyS0', ...hv },
    nics: [{ mac: 'aa:00:00:50:00:01', mode: 'bridged', link: '' }], disks: [{ mode: 'rw', format: 'raw' }],
  };
}

test('start, info from QMP, forced stop; a second start is refused while it runs', async (t) => {
  const { node, hv, disk } = setup();
  await hv.startInstance(inst('d1'), [disk]);
  const pid = qemuPids(node.root).get('d1');
  t.truthy(pid);
  t.deepEqual(await hv.getInstanceInfo('d1'), { name: 'd1', state: 'running', memory: 96, vcpus: 1, hypervisor: 'kvm' });
  t.deepEqual(await hv.listInstances(), ['d1']);
  const again = await t.throwsAsync(hv.startInstance(inst('d1'), [disk]), { instanceOf: HypervisorError });
  t.is(again.message, 'Failed to start instance d1: already running');
  await hv.stopInstance(inst('d1'), { force: true });
  t.is(qemuPids(node.root).get('d1'), undefined);
  t.is(await hv.getInstanceInfo('d1'), null);
  t.deepEqual(readdirSync(hv.dirs.confDir), []);
  t.deepEqual(readdirSync(hv.dirs.ctrlDir), []);
  await t.throwsAsync(hv.startInstance(inst('../etc'), [disk]), { message: "Invalid instance name '../etc' for the kvm hypervisor" });
});

test('a guest that does not answer ACPI within the timeout is forced off, with a warning', async (t) => {
  const { node, hv, disk, lines } = setup();
  await hv.startInstance(inst('d2'), [disk]);
  // Right after start the guest is still booting: nobody listens to the power button yet.
  await hv.stopInstance(inst('d2'), { timeoutMs: 1500 });
  t.is(qemuPids(node.root).get('d2'), undefined);
  t.true(lines.some((l) => l === 'WARN instance d2 did not power off within 2 s, forcing it off'));
});

test('start failures leave no process and no runtime file behind, with qemu\'s own message', async (t) => {
  const { node, hv, disk } = setup();
  const missing = await t.throwsAsync(hv.startInstance(inst('d3', { kernel_path: '/nonexistent/vmlinuz' }), [disk]), { instanceOf: HypervisorError });
  t.is(missing.message, "Kernel '/nonexistent/vmlinuz' does not exist on this node");
  const noDisk = await t.throwsAsync(hv.startInstance(inst('d3'), [join(node.root, 'nodisk')]));
  t.regex(noDisk.message, /^Disk 0 '.*nodisk' does not exist on this node$/);
  const bad = await t.throwsAsync(hv.startInstance(inst('d3', { kvm_extra: '-device no-such-device-model' }), [disk]));
  t.regex(bad.message, /^Failed to start instance d3: qemu exited with 1: .*no-such-device-model/);
  t.is(qemuPids(node.root).get('d3'), undefined);
  t.deepEqual(readdirSync(hv.dirs.confDir), []);
  t.throws(() => hv.checkParameterSyntax({ ...inst('x').hvparams, security_model: 'user' }), { message: /needs security_domain/ });
});

test('VNC on TCP from the port pool; the console says where; soft reboot keeps the process', async (t) => {
  const { node, hv, disk } = setup();
  await hv.startInstance(inst('d4', { vnc_bind_address: '127.0.50.1', serial_console: false }), [disk]);
  const c = hv.getConsole(inst('d4')) as unknown as { kind: string; host: string; port: number; display: number };
  t.is(c.kind, 'vnc');
  t.is(c.host, '127.0.50.1');
  t.true(c.port >= 11000 && c.port <= 14999);
  t.is(c.display, c.port - 5900);
  const banner = await new Promise<string>((resolve, reject) => {
    const s = connect({ host: '127.0.50.1', port: c.port }, () => undefined);
    s.once('data', (d) => { resolve(d.toString('latin1')); s.destroy(); });
    s.once('error', reject);
  });
  t.regex(banner, /^RFB 003\.00\d\n/);
  const pid = qemuPids(node.root).get('d4');
  await hv.rebootInstance(inst('d4'));
  t.is(qemuPids(node.root).get('d4'), pid);
  await hv.stopInstance(inst('d4'), { force: true });
  await t.throwsAsync(hv.rebootInstance(inst('d4')), { message: 'Failed to reboot instance d4: not running' });
});

test('security_model=pool runs qemu under a uid of the cluster pool, in its chroot, and gives the uid back', async (t) => {
  const { node, hv, disk } = setup();
  mkdirSync(node.paths.dataDir, { recursive: true });
  writeFileSync(node.paths.ssconfFile('uid_pool'), '4150-4151\n');
  await hv.startInstance(inst('d5', { security_model: 'pool', use_chroot: true }), [disk]);
  const pid = qemuPids(node.root).get('d5')!;
  t.regex(readFileSync(`/proc/${pid}/status`, 'utf8'), /^Uid:\s+4150\s+4150\s/m);
  t.is(readlinkSync(`/proc/${pid}/root`), hv.dirs.chroot('d5'));
  t.deepEqual(readdirSync(hv.dirs.uidDir), ['4150']);
  t.is((await hv.getInstanceInfo('d5'))?.state, 'running');
  await hv.stopInstance(inst('d5'), { force: true });
  t.deepEqual(readdirSync(hv.dirs.uidDir), []);
  t.false(existsSync(hv.dirs.chroot('d5')));
});

test('node info counts running instances; a fresh driver (noded restart) re-attaches', async (t) => {
  const { node, hv, disk, fresh } = setup();
  writeCapacity(node.paths, { cpus: 4, memory: 4096, memory_dom0: 512 });
  await hv.startInstance(inst('d6', {}, 200), [disk]);
  t.like(await hv.getNodeInfo(), { memory_total: 4096, memory_free: 4096 - 512 - 200, cpu_total: 4, cpu_used: 1 });
  const pid = qemuPids(node.root).get('d6');
  hv.close();   // the old noded's connections die with it
  const reborn = fresh();
  t.deepEqual(await reborn.reattach(), { attached: ['d6'], failed: [] });
  t.is((await reborn.getInstanceInfo('d6'))?.state, 'running');
  t.is(qemuPids(node.root).get('d6'), pid);
  await reborn.stopInstance(inst('d6'), { force: true });
  await waitFor('d6 gone', () => !qemuPids(node.root).has('d6'), 10_000);
  t.false(existsSync(reborn.dirs.runtimeFile('d6')));
});
