// Ganeti's constant strings, as const objects.
export const SOFTWARE_VERSION = '3.0.2-ts0.1';
export const PROTOCOL_VERSION = 3000002;
export const CONFIG_VERSION = 3000000;
export const NODED_PORT = 1811;
export const RAPI_PORT = 5080;

export const HypervisorKind = { Fake: 'fake', Kvm: 'kvm' } as const;
export type HypervisorKind = (typeof HypervisorKind)[keyof typeof HypervisorKind];
export const HYPERVISORS: readonly string[] = Object.values(HypervisorKind);

export const DiskTemplate = {
  Diskless: 'diskless', File: 'file', SharedFile: 'sharedfile', Plain: 'plain', Drbd: 'drbd',
  Ext: 'ext', Rbd: 'rbd', Blockdev: 'blockdev', Gluster: 'gluster',
} as const;
export type DiskTemplate = (typeof DiskTemplate)[keyof typeof DiskTemplate];
export const DISK_TEMPLATES: readonly string[] = Object.values(DiskTemplate);
/** Templates this build can create disks for. */
export const SUPPORTED_DISK_TEMPLATES: readonly string[] = ['diskless', 'file', 'sharedfile', 'ext'];

export const JobStatus = {
  Queued: 'queued', Waiting: 'waiting', Canceling: 'canceling', Running: 'running',
  Canceled: 'canceled', Success: 'success', Error: 'error',
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];
export const FINALIZED_STATUSES: readonly JobStatus[] = ['canceled', 'success', 'error'];
export const PENDING_STATUSES: readonly JobStatus[] = ['queued', 'waiting', 'canceling'];

export const Priority = { High: -10, Normal: 0, Low: 10, Min: -20, Max: 19 } as const;
export const PRIORITY_NAMES: Record<string, number> = { low: 10, normal: 0, high: -10 };

export const AdminState = { Up: 'up', Down: 'down', Offline: 'offline' } as const;
export type AdminState = (typeof AdminState)[keyof typeof AdminState];

export const InstanceStatus = {
  Running: 'running', AdminDown: 'ADMIN_down', AdminOffline: 'ADMIN_offline', ErrorUp: 'ERROR_up',
  ErrorDown: 'ERROR_down', ErrorWrongNode: 'ERROR_wrongnode', ErrorNodeDown: 'ERROR_nodedown',
  ErrorNodeOffline: 'ERROR_nodeoffline', UserDown: 'USER_down',
} as const;

export const LockLevel = { Cluster: 0, Instance: 1, NodeGroup: 2, Node: 3, NodeRes: 4, Network: 5 } as const;
export type LockLevel = (typeof LockLevel)[keyof typeof LockLevel];
export const LOCK_LEVEL_NAMES = ['cluster', 'instance', 'nodegroup', 'node', 'node-res', 'network'] as const;
export const BGL = 'BGL';

export const DEFAULT_MAC_PREFIX = 'aa:00:00';
export const DEFAULT_CANDIDATE_POOL_SIZE = 10;
export const DEFAULT_MAX_RUNNING_JOBS = 20;
export const DEFAULT_MAX_TRACKED_JOBS = 25;
export const JOB_QUEUE_SIZE_HARD_LIMIT = 5000;
export const DEFAULT_IALLOCATOR = 'hail';
export const OS_API_VERSION = 20;

export const BE_DEFAULTS = {
  always_failover: false, auto_balance: true, maxmem: 128, minmem: 128, spindle_use: 1, vcpus: 1,
} as const;
export const NIC_DEFAULTS = { mode: 'bridged', link: 'xen-br0', vlan: '' } as const;
export const HV_DEFAULTS: Record<string, Record<string, unknown>> = {
  fake: { migration_mode: 'live' },
  // Ganeti's 65 kvm parameters and defaults (Constants.hs hvcDefaults); types and allowed
  // values live in daemons/hypervisor/kvm/params.ts. Deviations: kvm_path is qemu itself
  // (not the kvm wrapper), kernel_path is empty (boot from disk unless a kernel is given).
  kvm: {
    kvm_path: '/usr/bin/qemu-system-x86_64', kernel_path: '', initrd_path: '', root_path: '/dev/vda1',
    kernel_args: 'ro', acpi: true, serial_console: true, serial_speed: 38400, vnc_bind_address: '',
    vnc_tls: false, vnc_x509_path: '', vnc_x509_verify: false, vnc_password_file: '', spice_bind: '',
    spice_ip_version: 0, spice_password_file: '', spice_image_compression: '', spice_jpeg_wan_compression: '',
    spice_zlib_glz_wan_compression: '', spice_streaming_video: '', spice_playback_compression: true,
    spice_use_tls: false, spice_tls_ciphers: 'HIGH:-DES:-3DES:-EXPORT:-ADH', spice_use_vdagent: true,
    floppy_image_path: '', cdrom_image_path: '', cdrom2_image_path: '', boot_order: 'disk',
    nic_type: 'paravirtual', disk_type: 'paravirtual', scsi_controller_type: 'lsi', disk_discard: 'default',
    cdrom_disk_type: '', usb_mouse: '', keymap: '', migration_port: 8102, migration_bandwidth: 32,
    migration_downtime: 30, migration_mode: 'live', use_guest_agent: false, use_localtime: false,
    disk_cache: 'default', disk_aio: 'threads', security_model: 'none', security_domain: '', kvm_flag: '',
    vhost_net: false, virtio_net_queues: 1, use_chroot: false, user_shutdown: false, mem_path: '',
    reboot_behavior: 'reboot', cpu_mask: 'all', cpu_type: '', cpu_cores: 0, cpu_threads: 0, cpu_sockets: 0,
    soundhw: '', usb_devices: '', vga: '', kvm_extra: '', machine_version: '', migration_caps: '',
    kvm_pci_reservations: 12, vnet_hdr: true,
  },
};

/** Reasons attached to opcodes, as Ganeti's "gnt:client:gnt-instance". */
export const REASON_SRC_CLIENT = 'gnt:client';
