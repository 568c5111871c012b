// The node-side decisions of the kvm driver: NIC plans and tap commands, which user qemu
// runs as (uid pool reservations), the accelerator probe, and the console dict.
import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HypervisorError } from '../../../../daemons/common/errors.js';
import { resolveAccel } from '../../../../daemons/hypervisor/kvm/accel.js';
import { kvmConsole } from '../../../../daemons/hypervisor/kvm/console.js';
import { planNics, routingTableKnown, tapFlags, tapName, tapUpCommands, type NetEnv } from '../../../../daemons/hypervisor/kvm/network.js';
import { RUNTIME_VERSION, type KvmRuntime } from '../../../../daemons/hypervisor/kvm/runtime.js';
import { decideRunas, parseUidPool, poolUidsOf, releasePoolUid } from '../../../../daemons/hypervisor/kvm/security.js';

const tmp = mkdtempSync(join(tmpdir(), 'kvm-node-setup-'));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

function netEnv(over: Partial<NetEnv> = {}): NetEnv {
  const sys = join(tmp, 'sys-class-net');
  mkdirSync(join(sys, 'gtkvbr0', 'bridge'), { recursive: true });
  mkdirSync(join(sys, 'eth0'), { recursive: true });
  writeFileSync(join(tmp, 'rt_tables'), '255\tlocal\n254\tmain\n100 guests # ours\n');
  return { isRoot: true, sysClassNet: sys, ipProgram: '/sbin/ip', rtTables: [join(tmp, 'rt_tables')], ...over };
}

const nic = (mode: string, link: string, ip = '') => ({ mac: 'aa:00:00:00:00:01', mode, link, ip });

test('NIC plans: taps on existing bridges and for routed mode; user networking when asked (empty link) or not root', (t) => {
  const [bridged, routed, routedTable, empty] = planNics([
    nic('bridged', 'gtkvbr0'), nic('routed', 'xen-br0', '198.51.100.7'), nic('routed', 'guests', '198.51.100.8'),
    nic('bridged', ''),
  ], 'uuid-1', netEnv());
  t.like(bridged, { index: 0, backend: 'tap', tap: tapName('uuid-1', 0), link: 'gtkvbr0' });
  t.like(routed, { backend: 'tap', ip: '198.51.100.7', routeTable: undefined });
  t.like(routedTable, { backend: 'tap', routeTable: 'guests' });
  // a named bridge that is missing (or is no bridge) refuses the start, root or not: no silent NAT
  for (const env of [netEnv(), netEnv({ isRoot: false })]) {
    t.throws(() => planNics([nic('bridged', 'gtkvbr0'), nic('bridged', 'xen-br0')], 'u', env), {
      instanceOf: HypervisorError,
      message: "NIC 1: bridge 'xen-br0' does not exist on this node (no such interface); create it, set the NIC's link " +
        'to an existing bridge, or give an empty link (link=) for qemu user networking',
    });
    t.throws(() => planNics([nic('bridged', 'eth0')], 'u', env), { instanceOf: HypervisorError, message: /NIC 0: bridge 'eth0' does not exist on this node \(the interface is not a bridge\)/ });
  }
  // unless the node's admin opted in (vcluster-setup does, on virtual nodes): then logged user networking
  t.like(planNics([nic('bridged', 'xen-br0')], 'u', netEnv({ missingBridgeUserNet: true }))[0], { backend: 'user',
    fallback: "bridge 'xen-br0' does not exist on this node, and the node's admin chose user networking for that (kvm-missing-bridge-user-net)" });
  t.like(empty, { backend: 'user', fallback: 'no bridge given (link is empty)' });
  t.like(planNics([nic('bridged', 'gtkvbr0')], 'u', netEnv({ isRoot: false }))[0],
    { backend: 'user', fallback: 'noded does not run as root, so it cannot create a tap device for bridged mode' });
  t.throws(() => planNics([nic('openvswitch', 'switch1')], 'u', netEnv()),
    { instanceOf: HypervisorError, message: 'NIC 0: mode openvswitch is not supported by the kvm driver (allowed: bridged, routed)' });
  t.true(tapName('some-long-uuid-0000-1111', 9).length <= 15);
  t.regex(tapName('x', 3), /^gtkv[0-9a-f]{8}3$/);
  t.true(routingTableKnown('100', []));
  t.false(routingTableKnown('xen-br0', [join(tmp, 'rt_tables')]));
});

test('tap commands: created with the flags qemu will open it with, enslaved or routed', (t) => {
  const [bridged, routed] = planNics([nic('bridged', 'gtkvbr0'), nic('routed', 'guests', '198.51.100.8')], 'u', netEnv());
  const tap0 = tapName('u', 0);
  const tap1 = tapName('u', 1);
  t.deepEqual(tapUpCommands(bridged!, tapFlags({ nic_type: 'paravirtual', vnet_hdr: true, virtio_net_queues: 1 })), [
    ['tuntap', 'add', 'dev', tap0, 'mode', 'tap', 'vnet_hdr'],
    ['link', 'set', 'dev', tap0, 'master', 'gtkvbr0'],
    ['link', 'set', 'dev', tap0, 'up'],
  ]);
  t.deepEqual(tapUpCommands(routed!, tapFlags({ nic_type: 'paravirtual', vnet_hdr: true, virtio_net_queues: 2 })), [
    ['tuntap', 'add', 'dev', tap1, 'mode', 'tap', 'multi_queue', 'vnet_hdr'],
    ['link', 'set', 'dev', tap1, 'up'],
    ['route', 'replace', '198.51.100.8/32', 'dev', tap1, 'table', 'guests'],
  ]);
  t.deepEqual(tapFlags({ nic_type: 'e1000', vnet_hdr: true, virtio_net_queues: 4 }), { vnetHdr: false, queues: 1 });
  t.deepEqual(tapUpCommands({ index: 0, mac: 'm', mode: 'bridged', link: '', ip: '', backend: 'user' }, { vnetHdr: true, queues: 1 }), []);
});

test('security models: none, an existing user, a uid from the pool (reserved until released)', (t) => {
  const passwd = join(tmp, 'passwd');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\ngntkvm:x:990:990::/nonexistent:/usr/sbin/nologin\n');
  const uidDir = join(tmp, 'uid');
  mkdirSync(uidDir, { recursive: true });
  const base = { domain: '', owner: 'vm1', isRoot: true, uidDir, uidPool: () => '4000-4001', passwdFile: passwd };
  t.deepEqual(decideRunas({ ...base, model: 'none' }), { runas: null, poolUid: null });
  t.deepEqual(decideRunas({ ...base, model: 'user', domain: 'gntkvm' }), { runas: 'gntkvm', poolUid: null });
  t.throws(() => decideRunas({ ...base, model: 'user', domain: 'nobody-here' }),
    { message: "security_domain user 'nobody-here' does not exist on this node" });
  t.throws(() => decideRunas({ ...base, model: 'user', domain: 'gntkvm', isRoot: false }), { message: /needs noded to run as root/ });

  t.deepEqual(decideRunas({ ...base, model: 'pool' }), { runas: '4000:4000', poolUid: 4000 });
  t.deepEqual(decideRunas({ ...base, model: 'pool', owner: 'vm2' }), { runas: '4001:4001', poolUid: 4001 });
  t.throws(() => decideRunas({ ...base, model: 'pool', owner: 'vm3' }), { message: /No free uid in the cluster uid pool/ });
  t.deepEqual(poolUidsOf(uidDir, 'vm2'), [4001]);
  releasePoolUid(uidDir, 4000);
  t.deepEqual(readdirSync(uidDir), ['4001']);
  t.deepEqual(decideRunas({ ...base, model: 'pool', owner: 'vm3' }).poolUid, 4000);
  t.throws(() => decideRunas({ ...base, model: 'pool', uidPool: () => '' }), { message: /needs a cluster uid pool/ });
  t.deepEqual(parseUidPool('4000-4009\n5000,6000 - 6001'), [[4000, 4009], [5000, 5000], [6000, 6001]]);
  t.throws(() => parseUidPool('9-1'), { message: "Invalid uid pool range '9-1': end before start" });
});

test('accelerator: kvm_flag decides; by default KVM only with /dev/kvm and hardware virtualisation', (t) => {
  const dev = join(tmp, 'kvm-dev');
  writeFileSync(dev, '');
  const withVmx = join(tmp, 'cpuinfo-vmx');
  writeFileSync(withVmx, 'processor\t: 0\nflags\t\t: fpu vme sse2 vmx lm\n');
  const without = join(tmp, 'cpuinfo-plain');
  writeFileSync(without, 'processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor lm\n');
  t.is(resolveAccel('enabled', { devKvm: '/nonexistent', cpuinfo: without }), 'kvm');
  t.is(resolveAccel('disabled', { devKvm: dev, cpuinfo: withVmx }), 'tcg');
  t.is(resolveAccel('', { devKvm: dev, cpuinfo: withVmx }), 'kvm');
  t.is(resolveAccel('', { devKvm: dev, cpuinfo: without }), 'tcg');
  t.is(resolveAccel('', { devKvm: join(tmp, 'no-kvm'), cpuinfo: withVmx }), 'tcg');
});

test('console: socat over ssh for a serial console (through the node\'s cmd on a virtual cluster), VNC, or a message', (t) => {
  const rt: KvmRuntime = {
    version: RUNTIME_VERSION, name: 'vm1', uuid: '', binary: '/usr/bin/qemu-system-x86_64', argv0: '', argv: [], hvparams: {},
    memory: 128, vcpus: 1, accel: 'tcg', nics: [], disks: [], qmp: '/r/vm1.qmp', serial: '/r/vm1.serial',
    vnc: { kind: 'unix', path: '/r/vm1.vnc' }, runas: null, poolUid: null, startedAt: 0,
  };
  t.deepEqual(kvmConsole(rt, { hostname: 'node2', nodeRoot: '' }), {
    instance: 'vm1', kind: 'ssh', host: 'node2', user: 'root',
    command: ['socat', 'STDIO,raw,echo=0,escape=0x1d', 'UNIX-CONNECT:/r/vm1.serial'],
  });
  t.deepEqual(kvmConsole(rt, { hostname: 'node2', nodeRoot: '/vc/node2' }).command,
    ['/vc/node2/cmd', 'socat', 'STDIO,raw,echo=0,escape=0x1d', 'UNIX-CONNECT:/r/vm1.serial']);
  t.deepEqual(kvmConsole({ ...rt, serial: null, vnc: { kind: 'tcp', host: '0.0.0.0', port: 11002, display: 5102 } }, { hostname: 'node2', nodeRoot: '' }),
    { instance: 'vm1', kind: 'vnc', host: 'node2', port: 11002, display: 5102 });
  const msg = kvmConsole({ ...rt, serial: null }, { hostname: 'node2', nodeRoot: '' });
  t.is(msg.kind, 'message');
  t.regex(msg.message!, /VNC server listens on the Unix socket \/r\/vm1.vnc on node node2/);
});
