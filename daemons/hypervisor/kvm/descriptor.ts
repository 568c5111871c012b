// The kvm hypervisor as the master sees it: Ganeti's 65 kvm parameters with their types,
// allowed values and defaults (Constants.hs hvcDefaults), what the driver can do, and the
// pure checks of params.ts. Deviations from Ganeti's defaults: kvm_path is qemu itself (not
// the kvm wrapper), kernel_path is empty (boot from disk unless a kernel is given).
import { defineHypervisor, type HvParamSpec } from '../descriptor.js';
import { checkKvmParamRules, checkKvmParamValues } from './params.js';

export const BOOT_ORDERS = ['floppy', 'cdrom', 'disk', 'network'] as const;
export const NIC_TYPES = ['rtl8139', 'ne2k_pci', 'ne2k_isa', 'i82551', 'i82557b', 'i82559er', 'pcnet', 'e1000', 'paravirtual'] as const;
export const DISK_TYPES = ['paravirtual', 'ide', 'scsi', 'sd', 'mtd', 'pflash', 'scsi-block', 'scsi-generic', 'scsi-hd'] as const;
export const SECURITY_MODELS = ['none', 'user', 'pool'] as const;
export const KVM_FLAGS = ['', 'enabled', 'disabled'] as const;

const S = (d: string, choices?: readonly string[]): HvParamSpec => ({ type: 'string', default: d, ...(choices ? { choices } : {}) });
const B = (d: boolean): HvParamSpec => ({ type: 'bool', default: d });
const I = (d: number): HvParamSpec => ({ type: 'int', default: d });
const SPICE_LOSSLESS = ['', 'auto_glz', 'auto_lz', 'quic', 'glz', 'lz', 'off'];
const SPICE_WAN = ['', 'auto', 'never', 'always'];

const PARAMS = {
  kvm_path: S('/usr/bin/qemu-system-x86_64'), kernel_path: S(''), initrd_path: S(''), root_path: S('/dev/vda1'),
  kernel_args: S('ro'), acpi: B(true), serial_console: B(true), serial_speed: I(38400), vnc_bind_address: S(''),
  vnc_tls: B(false), vnc_x509_path: S(''), vnc_x509_verify: B(false), vnc_password_file: S(''), spice_bind: S(''),
  spice_ip_version: I(0), spice_password_file: S(''), spice_image_compression: S('', SPICE_LOSSLESS),
  spice_jpeg_wan_compression: S('', SPICE_WAN), spice_zlib_glz_wan_compression: S('', SPICE_WAN),
  spice_streaming_video: S('', ['', 'off', 'all', 'filter']), spice_playback_compression: B(true), spice_use_tls: B(false),
  spice_tls_ciphers: S('HIGH:-DES:-3DES:-EXPORT:-ADH'), spice_use_vdagent: B(true), floppy_image_path: S(''),
  cdrom_image_path: S(''), cdrom2_image_path: S(''), boot_order: S('disk', BOOT_ORDERS), nic_type: S('paravirtual', NIC_TYPES),
  disk_type: S('paravirtual', DISK_TYPES), scsi_controller_type: S('lsi', ['lsi', 'virtio-scsi-pci', 'megasas']),
  disk_discard: S('default', ['default', 'ignore', 'unmap']), cdrom_disk_type: S('', ['', ...DISK_TYPES]),
  usb_mouse: S('', ['', 'mouse', 'tablet']), keymap: S(''), migration_port: I(8102), migration_bandwidth: I(32),
  migration_downtime: I(30), migration_mode: S('live', ['live', 'non-live']), use_guest_agent: B(false),
  use_localtime: B(false), disk_cache: S('default', ['default', 'none', 'writethrough', 'writeback']),
  disk_aio: S('threads', ['threads', 'native', 'io_uring']), security_model: S('none', SECURITY_MODELS), security_domain: S(''),
  kvm_flag: S('', KVM_FLAGS), vhost_net: B(false), virtio_net_queues: I(1), use_chroot: B(false), user_shutdown: B(false),
  mem_path: S(''), reboot_behavior: S('reboot', ['reboot', 'exit']), cpu_mask: S('all'), cpu_type: S(''), cpu_cores: I(0),
  cpu_threads: I(0), cpu_sockets: I(0), soundhw: S(''), usb_devices: S(''), vga: S(''), kvm_extra: S(''),
  machine_version: S(''), migration_caps: S(''), kvm_pci_reservations: I(12), vnet_hdr: B(true),
} satisfies Record<string, HvParamSpec>;

/** Parameters this driver acts on; the others are accepted and stored (docs/kvm.md lists them). */
export const KVM_IMPLEMENTED: ReadonlySet<keyof typeof PARAMS> = new Set([
  'kvm_path', 'kernel_path', 'initrd_path', 'root_path', 'kernel_args', 'acpi', 'serial_console', 'serial_speed',
  'vnc_bind_address', 'vnc_tls', 'vnc_x509_path', 'vnc_x509_verify', 'vnc_password_file', 'cdrom_image_path',
  'cdrom2_image_path', 'floppy_image_path', 'boot_order', 'nic_type', 'disk_type', 'scsi_controller_type', 'disk_cache',
  'disk_aio', 'disk_discard', 'cdrom_disk_type', 'usb_mouse', 'keymap', 'use_guest_agent', 'use_localtime',
  'security_model', 'security_domain', 'kvm_flag', 'use_chroot', 'mem_path', 'reboot_behavior', 'cpu_type',
  'cpu_cores', 'cpu_threads', 'cpu_sockets', 'vga', 'kvm_extra', 'machine_version', 'vnet_hdr', 'virtio_net_queues',
  'user_shutdown', 'vhost_net', 'migration_port', 'migration_bandwidth', 'migration_downtime', 'migration_mode', 'migration_caps',
] as const);

export const KVM_DESCRIPTOR = defineHypervisor({
  name: 'kvm',
  // Hotplug is not implemented yet: the master refuses it before asking a node. Migration:
  // migration.ts; suspend and resume: suspending.ts, kvm/suspend.ts; snapshots of a running
  // guest: disk-snapshot.ts (a QMP transaction of blockdev-snapshot-sync, copies, block-commit).
  capabilities: {
    migrate: true, liveMigration: true, hotplug: false, suspend: true, snapshot: true, liveSnapshot: true,
    consoles: ['ssh', 'vnc', 'message'], rebootTypes: ['soft', 'hard', 'full'], needsNetworkPort: true,
  },
  params: Object.freeze(PARAMS),
  checkValues: checkKvmParamValues,
  checkRules: checkKvmParamRules,
  load: async () => {
    const { KvmHypervisor } = await import('./kvm.js');
    return (paths) => new KvmHypervisor(paths);
  },
});
