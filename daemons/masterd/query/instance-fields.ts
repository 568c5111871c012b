// Instance query fields (Ganeti's INSTANCE_FIELDS): config fields, the four live fields
// that need each node's InstanceList, parameter dicts and hv/* be/* per-parameter fields.
// pnode/snodes show node names; the config stores uuids.
import type { Instance } from '../../common/objects.js';
import { deviceFields, DEVICE_ALIASES } from './instance-device-fields.js';
import { watcherText } from './watcher-records.js';
import { HV_GLOBALS, InstanceContext } from './instance-context.js';
import { fieldMap, makeField, NODATA, SERIAL_DOC, SpecialValue, timestampFields, UNAVAIL, type Field, type FieldKind, type FieldMap } from './types.js';

type IF = Field<InstanceContext, Instance>;

/** Every hypervisor parameter of the hypervisors this build has (kvm; fake's one is shared). */
const HV_PARAMS = ('kvm_path kernel_path initrd_path root_path kernel_args acpi serial_console serial_speed'
  + ' vnc_bind_address vnc_tls vnc_x509_path vnc_x509_verify vnc_password_file spice_bind spice_ip_version'
  + ' spice_password_file spice_image_compression spice_jpeg_wan_compression spice_zlib_glz_wan_compression'
  + ' spice_streaming_video spice_playback_compression spice_use_tls spice_tls_ciphers spice_use_vdagent'
  + ' floppy_image_path cdrom_image_path cdrom2_image_path boot_order nic_type disk_type scsi_controller_type'
  + ' disk_discard cdrom_disk_type usb_mouse keymap migration_port migration_bandwidth migration_downtime'
  + ' migration_mode use_guest_agent use_localtime disk_cache disk_aio security_model security_domain kvm_flag'
  + ' vhost_net virtio_net_queues use_chroot user_shutdown mem_path reboot_behavior cpu_mask cpu_type cpu_cores'
  + ' cpu_threads cpu_sockets soundhw usb_devices vga kvm_extra machine_version migration_caps'
  + ' kvm_pci_reservations vnet_hdr').split(' ');
/**
 * Ganeti's parameters of hypervisors this build lacks (xen-pvm, xen-hvm, lxc): listed and
 * accepted in queries as Ganeti does, and unavailable for every instance here.
 */
const OTHER_HV_PARAMS = ('blockdev_prefix bootloader_args bootloader_path cpu_cap cpu_weight cpuid device_model'
  + ' pae pci_pass use_bootloader vif_script vif_type viridian xen_cmd init_script lxc_cgroup_use lxc_devices'
  + ' lxc_drop_capabilities lxc_extra_cgroups lxc_extra_config lxc_num_ttys lxc_startup_timeout').split(' ');
const HV_BOOL = new Set(['pae', 'use_bootloader', 'viridian', 'acpi', 'serial_console', 'vnc_tls', 'vnc_x509_verify', 'spice_playback_compression',
  'spice_use_tls', 'spice_use_vdagent', 'use_guest_agent', 'use_localtime', 'vhost_net', 'use_chroot',
  'user_shutdown', 'vnet_hdr']);
const HV_INT = new Set(['cpu_cap', 'cpu_weight', 'lxc_num_ttys', 'lxc_startup_timeout', 'serial_speed', 'spice_ip_version', 'migration_port', 'migration_bandwidth',
  'migration_downtime', 'virtio_net_queues', 'cpu_cores', 'cpu_threads', 'cpu_sockets', 'kvm_pci_reservations']);
const HV_TITLES: Record<string, string> = {
  acpi: 'ACPI', boot_order: 'Boot_order', cdrom_image_path: 'CDROM_image_path', cpu_type: 'cpu_type',
  disk_type: 'Disk_type', initrd_path: 'Initrd_path', kernel_path: 'Kernel_path', nic_type: 'NIC_type',
  vnc_bind_address: 'VNC_bind_address',
};

/** Backend parameters: name, title, kind (sizes are units, as VTYPE_SIZE). */
const BE_PARAMS: [string, string, FieldKind][] = [
  ['always_failover', 'be/always_failover', 'bool'], ['auto_balance', 'Auto_balance', 'bool'],
  ['maxmem', 'ConfigMaxMem', 'unit'], ['minmem', 'ConfigMinMem', 'unit'],
  ['spindle_use', 'be/spindle_use', 'number'], ['vcpus', 'ConfigVCPUs', 'number'],
];

const STATUS_DOC = 'Instance status; "running" if instance is set to be running and actually is,'
  + ' "ADMIN_down" if instance is stopped and is not running, "ERROR_wrongnode" if instance running, but not on'
  + ' its designated primary node, "ERROR_up" if instance should be stopped, but is actually running,'
  + ' "ERROR_down" if instance should run, but doesn\'t, "ERROR_nodedown" if instance\'s primary node is down,'
  + ' "ERROR_nodeoffline" if instance\'s primary node is marked offline, "ADMIN_offline" if instance is offline'
  + ' and does not use dynamic resources, "USER_down" if the user shutdown the instance';

function console(c: InstanceContext, i: Instance): unknown {
  const rt = c.runtime(i);
  if (rt instanceof SpecialValue) return rt;
  if (rt === null || rt.state !== 'running' || !rt.console_json) return UNAVAIL;
  try { return JSON.parse(rt.console_json) as unknown; } catch { return UNAVAIL; }
}

function configFields(): IF[] {
  const f = makeField<InstanceContext, Instance>;
  const nodeName = (c: InstanceContext, uuid: string): string | null => c.nodeName.get(uuid) ?? null;
  return [
    f('name', 'Instance', 'text', 'Instance name', (_c, i) => i.name, { flag: 'hostname' }),
    f('hypervisor', 'Hypervisor', 'text', 'Hypervisor name', (_c, i) => i.hypervisor),
    f('os', 'OS', 'text', 'Operating system', (_c, i) => i.os),
    f('disk_template', 'Disk_template', 'text', 'Instance disk template', (_c, i) => i.disk_template),
    f('network_port', 'Network_port', 'other', 'Instance network port if available (e.g. for VNC console)',
      (_c, i) => i.network_port),
    f('pnode', 'Primary_node', 'text', 'Primary node', (c, i) => nodeName(c, i.primary_node), { flag: 'hostname' }),
    f('pnode.group', 'PrimaryNodeGroup', 'text', "Primary node's group", (c, i) => c.groupOf(i.primary_node)?.name ?? UNAVAIL),
    f('pnode.group.uuid', 'PrimaryNodeGroupUUID', 'text', "Primary node's group UUID",
      (c, i) => c.groupOf(i.primary_node)?.uuid ?? UNAVAIL),
    f('snodes', 'Secondary_Nodes', 'other', 'Secondary nodes; usually this will just be one node',
      (c, i) => i.secondary_nodes.map((s) => nodeName(c, s))),
    f('snodes.group', 'SecondaryNodesGroups', 'other', 'Node groups of secondary nodes',
      (c, i) => i.secondary_nodes.map((s) => c.groupOf(s)?.name ?? null)),
    f('snodes.group.uuid', 'SecondaryNodesGroupsUUID', 'other', 'Node group UUIDs of secondary nodes',
      (c, i) => i.secondary_nodes.map((s) => c.groupOf(s)?.uuid ?? null)),
    f('admin_state', 'InstanceState', 'text', 'Desired state of the instance', (_c, i) => i.admin_state),
    f('admin_state_source', 'InstanceStateSource', 'text', 'Who last changed the desired state of the instance',
      (_c, i) => i.admin_state_source),
    f('admin_up', 'Autostart', 'bool', 'Desired state of the instance', (_c, i) => i.admin_state === 'up'),
    f('disks_active', 'DisksActive', 'bool', 'Desired state of the instance disks', (_c, i) => i.disks_active),
    f('tags', 'Tags', 'other', 'Tags', (_c, i) => [...i.tags]),
    f('uuid', 'UUID', 'text', 'Instance UUID', (_c, i) => i.uuid),
    f('serial_no', 'SerialNo', 'number', SERIAL_DOC('Instance'), (_c, i) => i.serial_no),
    f('forthcoming', 'Forthcoming', 'bool', 'Whether the instance is forthcoming', () => false),
    ...timestampFields<InstanceContext, Instance>(),
    f('owner', 'Owner', 'text', 'The RAPI account the instance belongs to (gnt-instance add/modify --owner)',
      (_c, i) => i.owner ?? null),
    f('base_instances', 'Base_instances', 'other', 'The admin instances whose disks are the bases of this instance\'s overlay disks (profiles)',
      (c, i) => c.baseInstances(i), { acrossItems: true }),
  ];
}

function liveFields(): IF[] {
  const f = makeField<InstanceContext, Instance>;
  const live = { live: 'instanceList' as const };
  return [
    f('status', 'Status', 'text', STATUS_DOC, (c, i) => c.status(i), live),
    // Node trouble is nodata, not offline: offline would claim the instance is offline.
    f('oper_state', 'Running', 'bool', 'Actual state of instance', (c, i) => {
      const rt = c.runtime(i);
      return rt instanceof SpecialValue ? NODATA : rt !== null && rt.state === 'running';
    }, live),
    f('oper_ram', 'Memory', 'unit', 'Actual memory usage as seen by hypervisor', (c, i) => c.runningValue(i, 'memory'), live),
    f('oper_vcpus', 'VCPUs', 'number', 'Actual number of VCPUs as seen by hypervisor', (c, i) => c.runningValue(i, 'vcpus'), live),
    f('console', 'Console', 'other', 'Instance console information', console, live),
    f('watcher', 'Watcher', 'text', 'What ganeti-watcher recorded: restart (or cleanup) attempts, or that it gave up after 5',
      (c, i) => watcherText(c.live.watcher?.get(i.name)) ?? UNAVAIL, { live: 'watcher' }),
  ];
}

function paramFields(): IF[] {
  const f = makeField<InstanceContext, Instance>;
  const out: IF[] = [
    f('hvparams', 'HypervisorParameters', 'other', 'Hypervisor parameters (merged)', (c, i) => c.filled(i).hv),
    f('beparams', 'BackendParameters', 'other', 'Backend parameters (merged)', (c, i) => c.filled(i).be),
    f('osparams', 'OpSysParameters', 'other', 'Operating system parameters (merged)', (c, i) => c.filled(i).os),
    f('custom_hvparams', 'CustomHypervisorParameters', 'other', 'Custom hypervisor parameters', (_c, i) => i.hvparams),
    f('custom_beparams', 'CustomBackendParameters', 'other', 'Custom backend parameters', (_c, i) => i.beparams),
    f('custom_osparams', 'CustomOpSysParameters', 'other', 'Custom operating system parameters', (_c, i) => i.osparams),
    f('custom_nicparams', 'CustomNicParameters', 'other', 'Custom network interface parameters',
      (_c, i) => i.nics.map((n) => n.nicparams)),
  ];
  for (const name of [...HV_PARAMS, ...OTHER_HV_PARAMS.filter((p) => !HV_PARAMS.includes(p))]) {
    if (HV_GLOBALS.has(name)) continue;
    const kind: FieldKind = HV_BOOL.has(name) ? 'bool' : HV_INT.has(name) ? 'number' : 'other';
    out.push(f(`hv/${name}`, HV_TITLES[name] ?? `hv/${name}`, kind, `The "${name}" hypervisor parameter`,
      (c, i) => { const v = c.filled(i).hv[name]; return v === undefined ? UNAVAIL : v; }));
  }
  for (const [name, title, kind] of BE_PARAMS) {
    out.push(f(`be/${name}`, title, kind, `The "${name}" backend parameter`,
      (c, i) => (c.filled(i).be as unknown as Record<string, unknown>)[name] ?? null));
  }
  return out;
}

export const INSTANCE_FIELDS: FieldMap<InstanceContext, Instance> = fieldMap(
  [...configFields(), ...liveFields(), ...paramFields(), ...deviceFields()],
  [['vcpus', 'be/vcpus'], ['be/memory', 'be/maxmem'], ...DEVICE_ALIASES],
);
