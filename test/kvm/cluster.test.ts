// Real VMs on a 3-node virtual cluster with --enabled-hypervisors=kvm,fake: a tiny Linux guest
// boots under qemu TCG, and every step goes through the gnt-* commands as a user would run them.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { guestHv, killQemus, qemuPids } from '../../vcluster/kvm-guest.js';
import { openConsole, waitFor } from './helpers.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'];
const BRIDGE = 'gtkvbr52';
const KVM_USER = 'ganeti-kvm';
/** TEST-NET-2: never a real destination; the route points at the instance's own tap. */
const ROUTED_IP = '198.51.100.52';
let vc: Vcluster;
let hv: string;

test.before(async () => {
  hv = guestHv();
  vc = await startVcluster({ nodes: 3, prefix: '127.0.52', hypervisors: 'kvm,fake', programs: PROGRAMS });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => {
  if (vc) killQemus(vc.dir);
  try { execFileSync('ip', ['link', 'del', BRIDGE], { stdio: 'ignore' }); } catch { /* not there */ }
  await vc?.stop();
});

const gnt = (t: { fail(m: string): void }, args: string[], timeoutMs = 120_000) => vc.ok(t, args, { timeoutMs });
const kvmDir = (node: string) => join(vc.dir, node, 'var/run/ganeti/kvm-hypervisor');
const status = async (name: string) =>
  (await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'status', name])).stdout.trim();
const pidOf = (name: string) => qemuPids(vc.dir).get(name);
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');

test.serial('add: a kvm instance with a file disk runs a real qemu, shown by list and info from QMP', async (t) => {
  t.timeout(240_000);
  const out = await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=64M', '-o', 'dummy', '-B', 'memory=128',
    '-H', hv, '--no-name-check', '--no-ip-check', '-n', 'node2', 'vm1']);
  t.regex(out, /\* starting instance\.\.\./);
  const pid = pidOf('vm1');
  t.truthy(pid, 'a qemu process for vm1');
  const argv = cmdline(pid!);
  t.regex(argv[0]!, /qemu-system-x86_64$/);
  t.is(argv[argv.indexOf('-name') + 1], 'vm1');
  t.is(argv[argv.indexOf('-machine') + 1], 'pc,accel=tcg');
  t.regex(await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,hypervisor,pnode,status,oper_ram']),
    /^vm1 +kvm +node2 +running +128M$/m);
  const info = await gnt(t, ['gnt-instance', 'info', 'vm1']);
  t.regex(info, /State: configured to be up, actual state is up/);
  t.regex(info, /Hypervisor: kvm/);
  t.regex(info, /kvm_flag: disabled/);
  // The runtime record on the node says exactly what runs.
  const rt = JSON.parse(readFileSync(join(kvmDir('node2'), 'conf/vm1.runtime'), 'utf8')) as { argv: string[]; disks: { path: string }[]; accel: string };
  t.deepEqual(rt.argv, argv.slice(1));
  t.is(rt.accel, 'tcg');
  t.true(rt.disks[0]!.path.includes('/node2/srv/ganeti/file-storage/vm1/'));
  t.is(readFileSync(join(kvmDir('node2'), 'pid/vm1'), 'utf8').trim(), String(pid));
  t.true(existsSync(join(kvmDir('node2'), 'ctrl/vm1.qmp')));
});

test.serial('console: the boot line is read through gnt-instance console (ssh + socat on the node)', async (t) => {
  t.timeout(180_000);
  const show = await gnt(t, ['gnt-instance', 'console', '--show-cmd', 'vm1']);
  t.regex(show, /^ssh .*-p 10022 \S+@127\.0\.52\.11 '.*\/node2\/cmd socat STDIO,raw,echo=0,escape=0x1d UNIX-CONNECT:.*\/node2\/var\/run\/ganeti\/kvm-hypervisor\/ctrl\/vm1\.serial'$/m);
  const c = openConsole(vc.dir, 'vm1');
  await c.waitFor(/GUEST-UP disks=vda +tick=\d+/, 120_000);
  t.is(await c.close(), 0);
  // The other enabled hypervisor answers with Ganeti's message kind.
  await gnt(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-H', 'fake', '-n', 'node3', '--no-name-check', '--no-ip-check', 'fake1']);
  t.is((await gnt(t, ['gnt-instance', 'console', 'fake1'])).trim(), 'Console not available for fake hypervisor');
  await gnt(t, ['gnt-instance', 'remove', '-f', 'fake1']);
  const down = await vc.gnt(['gnt-instance', 'console', 'nosuch']);
  t.is(down.code, 1);
});

test.serial('reboot: soft resets the same qemu, hard restarts it; per-instance parameters apply on restart', async (t) => {
  t.timeout(240_000);
  const pid = pidOf('vm1')!;
  await gnt(t, ['gnt-instance', 'reboot', '-t', 'soft', 'vm1']);
  t.is(pidOf('vm1'), pid);
  const c = openConsole(vc.dir, 'vm1');
  await c.waitFor(/GUEST-UP disks=vda +tick=0\r?\n/, 120_000);   // the guest booted again
  await c.close();
  await gnt(t, ['gnt-instance', 'modify', '-H', 'serial_speed=115200', 'vm1']);
  await gnt(t, ['gnt-cluster', 'modify', '-H', 'kvm:kvm_extra=-device virtio-rng-pci\\,id=rng0']);
  await gnt(t, ['gnt-instance', 'reboot', '-t', 'hard', '--shutdown-timeout', '60', 'vm1']);
  const pid2 = pidOf('vm1')!;
  t.not(pid2, pid);
  const argv = cmdline(pid2);
  t.true(argv.some((a) => a.endsWith('console=ttyS0,115200')), 'the instance parameter');
  t.is(argv[argv.indexOf('virtio-rng-pci,id=rng0') - 1], '-device', 'the cluster parameter');
  t.is(await status('vm1'), 'running');
  await gnt(t, ['gnt-cluster', 'modify', '-H', 'kvm:kvm_extra=']);
});

test.serial('shutdown completes through ACPI; startup brings it back', async (t) => {
  t.timeout(240_000);
  const c = openConsole(vc.dir, 'vm1');
  await c.waitFor(/GUEST-UP/, 120_000);   // booted: its acpid listens to the power button
  await c.close();
  const pid = pidOf('vm1')!;
  await gnt(t, ['gnt-instance', 'shutdown', '--timeout=60', 'vm1']);
  t.is(pidOf('vm1'), undefined);
  t.false(existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vm1'));
  const log = readFileSync(join(vc.dir, 'node2/var/log/ganeti/node-daemon.log'), 'utf8');
  t.regex(log, /stopped instance vm1 \{"force":false\}/);
  t.notRegex(log, /did not power off/);
  t.is(await status('vm1'), 'ADMIN_down');
  t.false(existsSync(join(kvmDir('node2'), 'conf/vm1.runtime')));
  const con = await vc.gnt(['gnt-instance', 'console', 'vm1']);
  t.is(con.code, 1);
  t.regex(con.stdout + con.stderr, /Instance vm1 is not running \(state ADMIN_down\)/);
  await gnt(t, ['gnt-instance', 'startup', 'vm1']);
  t.truthy(pidOf('vm1'));
  t.is(await status('vm1'), 'running');
});

test.serial('a guest that powers itself off is USER_down and stays down until started', async (t) => {
  t.timeout(240_000);
  const c = openConsole(vc.dir, 'vm1');
  await c.waitFor(/GUEST-UP/, 120_000);
  c.send('poweroff\r');
  await c.waitFor(/GUEST-POWEROFF/, 30_000);
  await c.close();
  await waitFor('vm1 USER_down', async () => (await status('vm1')) === 'USER_down', 30_000);
  t.is(pidOf('vm1'), undefined);
  await new Promise((r) => setTimeout(r, 3000));
  t.is(await status('vm1'), 'USER_down', 'nothing restarted it');
  t.is(pidOf('vm1'), undefined);
  t.true(existsSync(join(kvmDir('node2'), 'ctrl/vm1.shutdown')));
  t.regex(readFileSync(join(vc.dir, 'node2/var/log/ganeti/node-daemon.log'), 'utf8'), /vm1 was powered off from inside the guest/);
  await gnt(t, ['gnt-instance', 'startup', 'vm1']);
  t.is(await status('vm1'), 'running');
  t.false(existsSync(join(kvmDir('node2'), 'ctrl/vm1.shutdown')));
});

test.serial('bad hypervisor and disk parameters are refused before anything is created', async (t) => {
  const cases: [string[], RegExp][] = [
    [['-H', 'kvm:disk_type=floppy'], /Invalid value 'floppy' for kvm hypervisor parameter 'disk_type' \(allowed: paravirtual, ide, scsi/],
    [['-H', 'kvm:kvm_extra=-daemonize'], /qemu option '-daemonize' is not allowed in kvm_extra/],
    [['-H', 'kvm:kernel_path=vmlinuz'], /kvm parameter 'kernel_path' must be an absolute path, got 'vmlinuz'/],
    [['-H', 'kvm:no_such_param=1'], /Unknown kvm hypervisor parameter 'no_such_param'/],
    [['-H', 'kvm:acpi=perhaps'], /'acpi' must be a boolean/],
    [['-H', 'kvm:serial_speed=1234'], /Invalid serial_speed 1234/],
  ];
  for (const [extra, re] of cases) {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=32M', '-o', 'dummy', ...extra,
      '--no-name-check', '--no-ip-check', '-n', 'node3', 'bad1']);
    t.is(r.code, 1, extra.join(' '));
    t.regex(r.stdout + r.stderr, re);
  }
  const disk = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=lots', '-o', 'dummy', '-H', hv,
    '--no-name-check', '--no-ip-check', '-n', 'node3', 'bad1']);
  t.is(disk.code, 1);
  t.regex(disk.stdout + disk.stderr, /Invalid disk size for disk 0/);
  t.notRegex(await gnt(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /bad1/);
  t.false(existsSync(join(vc.dir, 'node3/srv/ganeti/file-storage/bad1')));
  t.is(qemuPids(vc.dir).get('bad1'), undefined);

  const mod = await vc.gnt(['gnt-instance', 'modify', '-H', 'nic_type=bogus', 'vm1']);
  t.is(mod.code, 1);
  t.regex(mod.stdout + mod.stderr, /Invalid value 'bogus' for kvm hypervisor parameter 'nic_type'/);
  t.regex(await gnt(t, ['gnt-instance', 'info', 'vm1']), /nic_type: default \(paravirtual\)/);
  const cl = await vc.gnt(['gnt-cluster', 'modify', '-H', 'kvm:security_model=jail']);
  t.is(cl.code, 1);
  t.regex(cl.stdout + cl.stderr, /Invalid value 'jail' for kvm hypervisor parameter 'security_model' \(allowed: none, user, pool\)/);
});

test.serial('security_model=user runs qemu as that user; bridged and routed NICs get their taps', async (t) => {
  t.timeout(240_000);
  const uid = execFileSync('id', ['-u', KVM_USER], { encoding: 'utf8' }).trim();   // tools/setup/install-deps.sh makes it
  execFileSync('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  await gnt(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=32M', '-o', 'dummy', '-B', 'memory=96',
    '-H', `${hv},security_model=user,security_domain=${KVM_USER}`, '--net', `0:mode=bridged,link=${BRIDGE}`,
    '--net', `1:mode=routed,ip=${ROUTED_IP}`, '--no-name-check', '--no-ip-check', '-n', 'node3', 'vm2']);
  const pid = pidOf('vm2')!;
  t.truthy(pid);
  t.regex(readFileSync(`/proc/${pid}/status`, 'utf8'), new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s`, 'm'));
  const rt = JSON.parse(readFileSync(join(kvmDir('node3'), 'conf/vm2.runtime'), 'utf8')) as { nics: { tap?: string; backend: string }[]; runas: string };
  t.is(rt.runas, KVM_USER);
  t.is(rt.nics[0]!.backend, 'tap');
  const tap = rt.nics[0]!.tap!;
  t.regex(tap, /^gtkv[0-9a-f]{8}0$/);
  t.regex(execFileSync('ip', ['-o', 'link', 'show', 'master', BRIDGE], { encoding: 'utf8' }), new RegExp(`: ${tap}:`));
  t.is(readFileSync(join(kvmDir('node3'), 'nic/vm2/0'), 'utf8').trim(), tap);
  // Routed: a tap of its own and a /32 route to the instance's address through it.
  const routedTap = rt.nics[1]!.tap!;
  t.regex(execFileSync('ip', ['route', 'show', ROUTED_IP], { encoding: 'utf8' }), new RegExp(`^${ROUTED_IP.replace(/\./g, '\\.')} dev ${routedTap}`));
  await gnt(t, ['gnt-instance', 'remove', '-f', 'vm2']);
  t.is(pidOf('vm2'), undefined);
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  t.notRegex(links, new RegExp(tap));
  t.notRegex(links, new RegExp(routedTap));
  t.is(execFileSync('ip', ['route', 'show', ROUTED_IP], { encoding: 'utf8' }).trim(), '');
});

test.serial('remove leaves no qemu process, no disk file and no runtime file', async (t) => {
  t.timeout(120_000);
  await gnt(t, ['gnt-instance', 'remove', '-f', 'vm1']);
  await waitFor('qemu of vm1 gone', () => pidOf('vm1') === undefined, 10_000);
  t.deepEqual([...qemuPids(vc.dir).keys()], []);
  for (const node of vc.nodes) {
    const storage = join(vc.dir, node, 'srv/ganeti/file-storage');
    t.deepEqual(existsSync(storage) ? readdirSync(storage) : [], [], `file storage of ${node}`);
    const conf = join(kvmDir(node), 'conf');
    t.deepEqual(existsSync(conf) ? readdirSync(conf) : [], [], `runtime files of ${node}`);
  }
});
