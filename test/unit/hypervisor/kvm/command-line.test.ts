import test from 'ava';
import { KVM_DESCRIPTOR } from '../../../../daemons/hypervisor/kvm/descriptor.js';
import { buildKvmCommand, kernelAppend, qemuEscape, type KvmCommandInput } from '../../../../daemons/hypervisor/kvm/command-line.js';

const UUID = '6f0c1f7e-9b1c-4d5e-8f00-000000000001';

function input(hv: Record<string, unknown> = {}, over: Partial<KvmCommandInput> = {}): KvmCommandInput {
  return {
    name: 'vm1', uuid: UUID, memory: 256, vcpus: 2, hvparams: { ...KVM_DESCRIPTOR.defaults, ...hv }, accel: 'tcg',
    pidFile: '/run/k/pid/vm1', qmpSocket: '/run/k/ctrl/vm1.qmp', serialSocket: '/run/k/ctrl/vm1.serial',
    qgaSocket: '/run/k/ctrl/vm1.qga',
    disks: [{ index: 0, path: '/srv/disk0', mode: 'rw', format: 'raw' }],
    nics: [{ index: 0, mac: 'aa:00:00:11:22:33', mode: 'bridged', link: 'br0', ip: '', backend: 'user' }],
    vnc: { kind: 'unix', path: '/run/k/ctrl/vm1.vnc' }, runas: null, chroot: null, paused: false,
    ...over,
  };
}

/** The value following an option (the first occurrence). */
function opt(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
function all(argv: string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name ? [argv[i + 1]!] : []));
}

test('defaults: a daemonized qemu with identity, QMP, serial, VNC socket, virtio disk and NIC', (t) => {
  const a = buildKvmCommand(input());
  t.is(opt(a, '-name'), 'vm1');
  t.is(opt(a, '-uuid'), UUID);
  t.true(a.includes('-daemonize'));
  t.is(opt(a, '-pidfile'), '/run/k/pid/vm1');
  t.true(a.includes('-nodefaults'));
  t.is(opt(a, '-machine'), 'pc,accel=tcg');
  t.is(opt(a, '-m'), '256');
  t.is(opt(a, '-smp'), '2');
  t.is(opt(a, '-qmp'), 'unix:/run/k/ctrl/vm1.qmp,server=on,wait=off');
  t.true(a.includes('-no-shutdown'));
  t.false(a.includes('-no-reboot'));
  t.is(opt(a, '-serial'), 'unix:/run/k/ctrl/vm1.serial,server=on,wait=off');
  t.is(opt(a, '-vnc'), 'unix:/run/k/ctrl/vm1.vnc');
  t.is(opt(a, '-display'), 'none');
  t.deepEqual(all(a, '-drive'), ['file=/srv/disk0,format=raw,if=none,id=disk0']);
  t.deepEqual(all(a, '-netdev'), ['user,id=hostnet0']);
  t.deepEqual(all(a, '-device'), ['virtio-blk-pci,drive=disk0,id=virtio-disk0,bootindex=1',
    'virtio-net-pci,netdev=hostnet0,mac=aa:00:00:11:22:33,id=net0', 'virtio-balloon-pci,id=balloon0']);
  for (const absent of ['-kernel', '-cpu', '-runas', '-chroot', '-S', '-k', '-rtc', '-usb']) t.false(a.includes(absent), absent);
});

test('kvm accelerator, machine version, acpi off, cpu type and topology, memory path, exit on reboot', (t) => {
  const a = buildKvmCommand(input({
    machine_version: 'pc-i440fx-7.2', acpi: false, cpu_type: 'host', cpu_cores: 2, cpu_threads: 1, cpu_sockets: 1,
    mem_path: '/dev/hugepages', reboot_behavior: 'exit', keymap: 'de', use_localtime: true, usb_mouse: 'tablet', vga: 'virtio',
  }, { accel: 'kvm' }));
  t.is(opt(a, '-machine'), 'pc-i440fx-7.2,accel=kvm,acpi=off');
  t.is(opt(a, '-cpu'), 'host');
  t.is(opt(a, '-smp'), '2,cores=2,threads=1,sockets=1');
  t.is(opt(a, '-mem-path'), '/dev/hugepages');
  t.true(a.includes('-no-reboot'));
  t.is(opt(a, '-k'), 'de');
  t.is(opt(a, '-rtc'), 'base=localtime');
  t.is(opt(a, '-vga'), 'virtio');
  t.true(all(a, '-device').includes('usb-tablet'));
});

test('direct kernel boot: kernel, initrd, Ganeti\'s append (root, args, serial console speed); no boot index', (t) => {
  const a = buildKvmCommand(input({ kernel_path: '/boot/vmlinuz', initrd_path: '/boot/initrd', kernel_args: 'ro quiet', serial_speed: 115200 }));
  t.is(opt(a, '-kernel'), '/boot/vmlinuz');
  t.is(opt(a, '-initrd'), '/boot/initrd');
  t.is(opt(a, '-append'), 'root=/dev/vda1 ro quiet console=ttyS0,115200');
  t.false(all(a, '-device').some((d) => d.includes('bootindex')));
  t.is(kernelAppend({ root_path: '', kernel_args: '', serial_console: false }), '');
});

test('no serial console: -serial none; VNC on TCP with TLS, x509 and a password', (t) => {
  const a = buildKvmCommand(input({ serial_console: false, vnc_bind_address: '0.0.0.0', vnc_tls: true, vnc_x509_path: '/etc/ganeti/vnc',
    vnc_x509_verify: true, vnc_password_file: '/etc/ganeti/vnc-pw' }, { vnc: { kind: 'tcp', host: '0.0.0.0', port: 11001, display: 5101 } }));
  t.is(opt(a, '-serial'), 'none');
  t.is(opt(a, '-object'), 'tls-creds-x509,id=vnctls0,endpoint=server,dir=/etc/ganeti/vnc,verify-peer=on');
  t.is(opt(a, '-vnc'), '0.0.0.0:5101,tls-creds=vnctls0,password=on');
  const v6 = buildKvmCommand(input({}, { vnc: { kind: 'tcp', host: '::1', port: 11000, display: 5100 } }));
  t.is(opt(v6, '-vnc'), '[::1]:5100');
});

test('disks: read-only, qcow2, cache/aio/discard, IDE and SCSI buses, commas in paths escaped', (t) => {
  const disks = [
    { index: 0, path: '/srv/a,b.img', mode: 'rw' as const, format: 'qcow2' as const },
    { index: 1, path: '/srv/ro.img', mode: 'ro' as const, format: 'raw' as const },
  ];
  const pv = buildKvmCommand(input({ disk_cache: 'none', disk_aio: 'native', disk_discard: 'unmap' }, { disks }));
  t.deepEqual(all(pv, '-drive'), [
    'file=/srv/a,,b.img,format=qcow2,cache=none,aio=native,discard=unmap,if=none,id=disk0',
    'file=/srv/ro.img,format=raw,readonly=on,cache=none,aio=native,discard=unmap,if=none,id=disk1',
  ]);
  const ide = buildKvmCommand(input({ disk_type: 'ide' }, { disks }));
  t.deepEqual(all(ide, '-device').slice(0, 2), ['ide-hd,drive=disk0,bus=ide.0,unit=0,bootindex=1', 'ide-hd,drive=disk1,bus=ide.0,unit=1']);
  const scsi = buildKvmCommand(input({ disk_type: 'scsi', scsi_controller_type: 'virtio-scsi-pci' }, { disks }));
  t.deepEqual(all(scsi, '-device').slice(0, 3), ['virtio-scsi-pci,id=scsi0',
    'scsi-hd,drive=disk0,bus=scsi0.0,scsi-id=0,bootindex=1', 'scsi-hd,drive=disk1,bus=scsi0.0,scsi-id=1']);
  const sd = buildKvmCommand(input({ disk_type: 'sd' }, { disks: [disks[1]!] }));
  t.deepEqual(all(sd, '-drive'), ['file=/srv/ro.img,format=raw,readonly=on,if=sd,index=1']);
  t.is(qemuEscape('a,b,,c'), 'a,,b,,,,c');
});

test('boot order: cdrom first, network first, floppy; two CD-ROM images', (t) => {
  const cd = buildKvmCommand(input({ boot_order: 'cdrom', cdrom_image_path: '/iso/d.iso', cdrom2_image_path: '/iso/e.iso' }));
  t.deepEqual(all(cd, '-device').filter((d) => d.startsWith('ide-cd')),
    ['ide-cd,drive=cdrom0,bus=ide.1,unit=0,bootindex=1', 'ide-cd,drive=cdrom1,bus=ide.1,unit=1']);
  t.true(all(cd, '-drive').includes('file=/iso/d.iso,format=raw,media=cdrom,readonly=on,if=none,id=cdrom0'));
  t.false(all(cd, '-device').some((d) => d.startsWith('virtio-blk-pci') && d.includes('bootindex')));
  const net = buildKvmCommand(input({ boot_order: 'network' }));
  t.true(all(net, '-device').includes('virtio-net-pci,netdev=hostnet0,mac=aa:00:00:11:22:33,id=net0,bootindex=1'));
  const fd = buildKvmCommand(input({ boot_order: 'floppy', floppy_image_path: '/img/fd.img' }));
  t.true(all(fd, '-drive').includes('file=/img/fd.img,if=floppy,format=raw,index=0'));
  t.is(opt(fd, '-boot'), 'order=a');
});

test('NICs: tap devices with vnet_hdr, vhost, multiqueue; emulated models', (t) => {
  const nics = [
    { index: 0, mac: 'aa:00:00:00:00:01', mode: 'bridged', link: 'br0', ip: '', backend: 'tap' as const, tap: 'gtkv12345678' },
    { index: 1, mac: 'aa:00:00:00:00:02', mode: 'bridged', link: 'xen-br0', ip: '', backend: 'user' as const, fallback: 'no bridge' },
  ];
  const a = buildKvmCommand(input({ vhost_net: true, virtio_net_queues: 4 }, { nics }));
  t.deepEqual(all(a, '-netdev'), ['tap,id=hostnet0,ifname=gtkv12345678,script=no,downscript=no,vnet_hdr=on,vhost=on,queues=4', 'user,id=hostnet1']);
  t.true(all(a, '-device').includes('virtio-net-pci,netdev=hostnet0,mac=aa:00:00:00:00:01,id=net0,mq=on,vectors=10'));
  const e1000 = buildKvmCommand(input({ nic_type: 'e1000', virtio_net_queues: 4 }, { nics }));
  t.is(all(e1000, '-netdev')[0], 'tap,id=hostnet0,ifname=gtkv12345678,script=no,downscript=no,vnet_hdr=off');
  t.true(all(e1000, '-device').includes('e1000,netdev=hostnet1,mac=aa:00:00:00:00:02,id=net1'));
  const novnet = buildKvmCommand(input({ vnet_hdr: false }, { nics }));
  t.true(all(novnet, '-netdev')[0]!.endsWith('vnet_hdr=off'));
});

test('security and extras: runas, chroot, paused, guest agent, kvm_extra words appended as argv', (t) => {
  const a = buildKvmCommand(input({ use_guest_agent: true, kvm_extra: "-device 'virtio-rng-pci,id=rng0' -global kvm-pit.lost_tick_policy=discard" },
    { runas: 'gntkvm', chroot: '/run/k/chroot/vm1', paused: true }));
  t.is(opt(a, '-runas'), 'gntkvm');
  t.is(opt(a, '-chroot'), '/run/k/chroot/vm1');
  t.true(a.includes('-S'));
  t.is(opt(a, '-chardev'), 'socket,id=qga0,path=/run/k/ctrl/vm1.qga,server=on,wait=off');
  t.true(all(a, '-device').includes('virtserialport,chardev=qga0,name=org.qemu.guest_agent.0'));
  t.deepEqual(a.slice(-4), ['-device', 'virtio-rng-pci,id=rng0', '-global', 'kvm-pit.lost_tick_policy=discard']);
});
