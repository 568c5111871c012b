import test from 'ava';
import { OpPrereqError, ParameterError } from '../../../../daemons/common/errors.js';
import { hvDefaults } from '../../../../daemons/hypervisor/descriptors.js';
import { KVM_DESCRIPTOR } from '../../../../daemons/hypervisor/kvm/descriptor.js';
import { checkKvmParamValues } from '../../../../daemons/hypervisor/kvm/params.js';
import { parseKvmExtra, splitWords } from '../../../../daemons/hypervisor/kvm/kvm-extra.js';
import { KvmHypervisor } from '../../../../daemons/hypervisor/kvm/kvm.js';
import { checkHvParams } from '../../../../daemons/masterd/params.js';
import { resolvePaths } from '../../../../daemons/common/paths.js';

const KVM_HV_PARAMS = KVM_DESCRIPTOR.params;

test('the schema has Ganeti\'s 65 kvm parameters with their defaults', (t) => {
  const names = Object.keys(KVM_HV_PARAMS);
  t.is(names.length, 65);
  for (const n of ['kvm_path', 'kernel_path', 'initrd_path', 'root_path', 'kernel_args', 'acpi', 'serial_console', 'serial_speed',
    'vnc_bind_address', 'spice_bind', 'boot_order', 'nic_type', 'disk_type', 'disk_cache', 'security_model', 'security_domain',
    'kvm_flag', 'use_chroot', 'cpu_type', 'machine_version', 'migration_port', 'migration_bandwidth', 'migration_downtime',
    'kvm_extra', 'vnet_hdr', 'kvm_pci_reservations', 'user_shutdown', 'migration_caps']) {
    t.true(names.includes(n), n);
  }
  t.deepEqual(Object.fromEntries(names.map((n) => [n, KVM_HV_PARAMS[n]!.default])), KVM_DESCRIPTOR.defaults);
  t.is(KVM_HV_PARAMS.kernel_args!.default, 'ro');
  t.is(KVM_HV_PARAMS.root_path!.default, '/dev/vda1');
  t.is(KVM_HV_PARAMS.migration_port!.default, 8102);
  t.is(KVM_HV_PARAMS.serial_speed!.default, 38400);
  t.is(KVM_HV_PARAMS.security_model!.default, 'none');
  t.deepEqual(hvDefaults('kvm'), KVM_DESCRIPTOR.defaults);
  // The defaults pass every check a start makes.
  t.notThrows(() => KVM_DESCRIPTOR.checkSyntax({ ...KVM_DESCRIPTOR.defaults }));
  t.notThrows(() => new KvmHypervisor(resolvePaths({})).checkParameterSyntax({ ...KVM_DESCRIPTOR.defaults }));
});

test('the master types CLI strings by the schema and names bad values and what is allowed', (t) => {
  t.deepEqual(checkHvParams('kvm', { acpi: 'no', serial_speed: '115200', kernel_path: '/boot/vmlinuz', kvm_flag: '' }),
    { acpi: false, serial_speed: 115200, kernel_path: '/boot/vmlinuz', kvm_flag: '' });
  const msg = (input: Record<string, unknown>) => {
    const err = t.throws(() => checkHvParams('kvm', input), { instanceOf: OpPrereqError });
    t.is(err.ecode, 'wrong_input');
    return err.message;
  };
  t.is(msg({ disk_type: 'floppy' }),
    "Invalid value 'floppy' for kvm hypervisor parameter 'disk_type' (allowed: paravirtual, ide, scsi, sd, mtd, pflash, scsi-block, scsi-generic, scsi-hd)");
  t.is(msg({ kvm_flag: 'maybe' }), "Invalid value 'maybe' for kvm hypervisor parameter 'kvm_flag' (allowed: '', enabled, disabled)");
  t.regex(msg({ no_such: '1' }), /^Unknown kvm hypervisor parameter 'no_such' \(allowed: acpi, boot_order, /);
  t.is(msg({ acpi: 'sometimes' }), 'kvm hypervisor parameter \'acpi\' must be a boolean (yes/no/true/false), got "sometimes"');
  t.is(msg({ serial_speed: '1234' }), 'Invalid serial_speed 1234 (allowed: 75, 110, 300, 600, 1200, 1800, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200, 230400, 345600, 460800)');
  t.is(msg({ kernel_path: 'vmlinuz' }), "kvm parameter 'kernel_path' must be an absolute path, got 'vmlinuz'");
  t.is(msg({ vnc_bind_address: 'anywhere' }), "Invalid vnc_bind_address 'anywhere' (allowed: an IPv4/IPv6 address such as 0.0.0.0, or an absolute Unix socket path)");
  t.is(msg({ migration_port: '70000' }), "Invalid value 70000 for kvm parameter 'migration_port' (allowed: 1 to 65535)");
  t.is(msg({ kvm_extra: '-daemonize' }), "qemu option '-daemonize' is not allowed in kvm_extra: noded daemonizes qemu itself");
  t.is(msg({ cpu_mask: '0-1;2' }), "Invalid cpu_mask '0-1;2' (allowed: all, a CPU list such as 0-2,4, or one list per vCPU separated by ':')");
  t.is(msg({ cpu_type: 'host; rm -rf /' }), "Invalid value 'host; rm -rf /' for kvm parameter 'cpu_type' (allowed: letters, digits and . , = + : _ -)");
  t.is(msg({ security_domain: 'Bad User' }), "Invalid security_domain 'Bad User' (expected a system user name)");
  t.regex(msg({ spice_bind: '0.0.0.0' }), /^SPICE is not supported/);
  t.is(msg({ kvm_path: '' }), "kvm parameter 'kvm_path' must not be empty (the qemu binary, e.g. /usr/bin/qemu-system-x86_64)");
  t.deepEqual(checkHvParams('fake', { migration_mode: 'non-live' }), { migration_mode: 'non-live' });
  t.throws(() => checkHvParams('xen', {}), { message: /Unknown hypervisor 'xen'/ });
});

test('rules between parameters of a filled set', (t) => {
  const base = { ...KVM_DESCRIPTOR.defaults };
  const msg = (over: Record<string, unknown>) =>
    t.throws(() => KVM_DESCRIPTOR.checkSyntax({ ...base, ...over }), { instanceOf: ParameterError }).message;
  t.is(msg({ security_model: 'user' }), "security_model 'user' needs security_domain (the user qemu runs as)");
  t.is(msg({ security_domain: 'gntkvm' }), "security_domain is only valid with security_model 'user' (security_model is 'none')");
  t.notThrows(() => KVM_DESCRIPTOR.checkSyntax({ ...base, security_model: 'user', security_domain: 'gntkvm' }));
  t.is(msg({ boot_order: 'cdrom' }), "boot_order 'cdrom' needs cdrom_image_path");
  t.is(msg({ initrd_path: '/boot/initrd' }), 'initrd_path needs kernel_path (an initrd is only used with a kernel)');
  t.is(msg({ vnc_tls: true }), 'vnc_tls, vnc_x509_path and vnc_password_file need vnc_bind_address (a TCP VNC server)');
  t.regex(msg({ disk_aio: 'native' }), /^disk_aio 'native' needs disk_cache 'none'/);
  t.regex(msg({ acpi: 'yes' }), /must be of type bool/);
});

test('kvm_extra: shell-like word splitting without a shell, managed options refused', (t) => {
  t.deepEqual(splitWords(`-device "virtio-rng-pci,id=a b" -name\\ x 'it''s' ""`), ['-device', 'virtio-rng-pci,id=a b', '-name x', 'its', '']);
  t.deepEqual(parseKvmExtra('-device virtio-rng-pci -global kvm-pit.lost_tick_policy=discard -smbios type=1,serial=$(reboot)'),
    ['-device', 'virtio-rng-pci', '-global', 'kvm-pit.lost_tick_policy=discard', '-smbios', 'type=1,serial=$(reboot)']);
  t.deepEqual(parseKvmExtra(''), []);
  t.throws(() => parseKvmExtra('virtio-rng-pci'), { message: "kvm_extra must start with a qemu option (such as -device), got 'virtio-rng-pci'" });
  t.throws(() => parseKvmExtra('-device "unterminated'), { message: /Unterminated double quote/ });
  t.throws(() => parseKvmExtra('-qmp tcp:0:4444'), { message: "qemu option '-qmp' is not allowed in kvm_extra: the QMP socket is managed" });
  t.throws(() => parseKvmExtra('--runas root'), { message: /'--runas' is not allowed in kvm_extra: use security_model/ });
  t.throws(() => parseKvmExtra('-dev!ce x'), { message: "Invalid qemu option '-dev!ce' in kvm_extra (expected -option or --option)" });
  t.throws(() => parseKvmExtra('-device a\nb'), { message: /NUL or line break/ });
  t.deepEqual(parseKvmExtra('-rtc driftfix=slew -numa node,mem=-1'), ['-rtc', 'driftfix=slew', '-numa', 'node,mem=-1']);
});
