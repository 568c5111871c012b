// The kvm hypervisor's parameter checks beyond the schema (the schema, with types, allowed
// values and defaults, is the descriptor's: descriptor.ts). Two levels, both pure:
//  - checkKvmParamValues: each value on its own (paths absolute, ports in range, kvm_extra
//    words…), run by the master before anything is created and by noded before a start;
//  - checkKvmParamRules: rules between parameters of a filled set (Ganeti's
//    CheckParameterSyntax), run by noded before a start.
// Nothing here touches the file system: the master and the CLI import it (via the descriptor).
import { ParameterError } from '../../common/errors.js';
import { parseKvmExtra } from './kvm-extra.js';

/** Ganeti's VALID_SERIAL_SPEEDS. */
export const SERIAL_SPEEDS = [75, 110, 300, 600, 1200, 1800, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600,
  115200, 230400, 345600, 460800] as const;

function bad(msg: string): never {
  throw new ParameterError(msg, { ecode: 'wrong_input' });
}

const PATH_PARAMS = ['kvm_path', 'kernel_path', 'initrd_path', 'vnc_x509_path', 'vnc_password_file', 'spice_password_file',
  'floppy_image_path', 'cdrom_image_path', 'cdrom2_image_path', 'mem_path'];
const TOKEN = /^[A-Za-z0-9_.,=+:-]*$/;
const CPU_LIST = '(?:all|\\d+(?:-\\d+)?(?:,\\d+(?:-\\d+)?)*)';
const CPU_MASK = new RegExp(`^${CPU_LIST}(?::${CPU_LIST})*$`);
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

function range(key: string, v: unknown, min: number, max: number): void {
  if (typeof v === 'number' && (v < min || v > max)) bad(`Invalid value ${v} for kvm parameter '${key}' (allowed: ${min} to ${max})`);
}

/**
 * Checks each given value on its own (a partial dict is fine): what can be said without the
 * other parameters or the node. Assumes the schema check (types) passed.
 */
export function checkKvmParamValues(p: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'string' && /[\0\n\r]/.test(v)) bad(`kvm parameter '${k}' must not contain NUL or line breaks`);
  }
  for (const k of PATH_PARAMS) {
    const v = p[k];
    if (typeof v === 'string' && v !== '' && !v.startsWith('/')) {
      bad(`kvm parameter '${k}' must be an absolute path, got '${v}'`);
    }
  }
  if (p.kvm_path === '') bad("kvm parameter 'kvm_path' must not be empty (the qemu binary, e.g. /usr/bin/qemu-system-x86_64)");
  const vnc = p.vnc_bind_address;
  if (typeof vnc === 'string' && vnc !== '' && !vnc.startsWith('/') && !IPV4.test(vnc) && !(vnc.includes(':') && IPV6.test(vnc))) {
    bad(`Invalid vnc_bind_address '${vnc}' (allowed: an IPv4/IPv6 address such as 0.0.0.0, or an absolute Unix socket path)`);
  }
  if (typeof p.spice_bind === 'string' && p.spice_bind !== '') {
    bad(`SPICE is not supported by this kvm driver (spice_bind '${p.spice_bind}'): use vnc_bind_address for a graphical console`);
  }
  if (typeof p.serial_speed === 'number' && !(SERIAL_SPEEDS as readonly number[]).includes(p.serial_speed)) {
    bad(`Invalid serial_speed ${p.serial_speed} (allowed: ${SERIAL_SPEEDS.join(', ')})`);
  }
  range('migration_port', p.migration_port, 1, 65535);
  range('migration_bandwidth', p.migration_bandwidth, 1, 1 << 20);
  range('migration_downtime', p.migration_downtime, 1, 1 << 20);
  range('virtio_net_queues', p.virtio_net_queues, 1, 8);
  range('kvm_pci_reservations', p.kvm_pci_reservations, 0, 32);
  for (const k of ['cpu_cores', 'cpu_threads', 'cpu_sockets']) range(k, p[k], 0, 1024);
  if (typeof p.spice_ip_version === 'number' && ![0, 4, 6].includes(p.spice_ip_version)) {
    bad(`Invalid spice_ip_version ${p.spice_ip_version} (allowed: 0, 4, 6)`);
  }
  if (typeof p.cpu_mask === 'string' && p.cpu_mask !== '' && !CPU_MASK.test(p.cpu_mask)) {
    bad(`Invalid cpu_mask '${p.cpu_mask}' (allowed: all, a CPU list such as 0-2,4, or one list per vCPU separated by ':')`);
  }
  for (const k of ['cpu_type', 'machine_version', 'keymap', 'vga', 'soundhw', 'usb_devices', 'migration_caps']) {
    const v = p[k];
    if (typeof v === 'string' && !TOKEN.test(v)) {
      bad(`Invalid value '${v}' for kvm parameter '${k}' (allowed: letters, digits and . , = + : _ -)`);
    }
  }
  if (typeof p.security_domain === 'string' && p.security_domain !== '' && !USER.test(p.security_domain)) {
    bad(`Invalid security_domain '${p.security_domain}' (expected a system user name)`);
  }
  if (typeof p.kvm_extra === 'string') parseKvmExtra(p.kvm_extra);
}

/** Rules between parameters of a filled set (Ganeti's KVMHypervisor.CheckParameterSyntax). */
export function checkKvmParamRules(p: Record<string, unknown>): void {
  const model = p.security_model ?? 'none';
  if (model === 'user' && !p.security_domain) {
    bad("security_model 'user' needs security_domain (the user qemu runs as)");
  }
  if (model !== 'user' && p.security_domain) {
    bad(`security_domain is only valid with security_model 'user' (security_model is '${String(model)}')`);
  }
  if (p.boot_order === 'cdrom' && !p.cdrom_image_path) bad("boot_order 'cdrom' needs cdrom_image_path");
  if (p.boot_order === 'floppy' && !p.floppy_image_path) bad("boot_order 'floppy' needs floppy_image_path");
  if (p.initrd_path && !p.kernel_path) bad('initrd_path needs kernel_path (an initrd is only used with a kernel)');
  if ((p.vnc_tls || p.vnc_x509_path || p.vnc_password_file) && !p.vnc_bind_address) {
    bad('vnc_tls, vnc_x509_path and vnc_password_file need vnc_bind_address (a TCP VNC server)');
  }
  if (p.vnc_x509_verify && !p.vnc_x509_path) bad('vnc_x509_verify needs vnc_x509_path (the CA and certificates directory)');
  if (p.disk_aio === 'native' && p.disk_cache !== 'none') {
    bad(`disk_aio 'native' needs disk_cache 'none' (qemu refuses native AIO through the host page cache; disk_cache is '${String(p.disk_cache)}')`);
  }
}
