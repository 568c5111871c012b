// The qemu command line of an instance, as a pure function of what the driver decided
// (filled parameters, accelerator, disks, NICs, sockets, VNC endpoint, user): no file
// system, no processes, so every parameter's effect is unit-tested on the argv itself.
// The result is an argv for execFile/spawn: no shell ever parses it.
import { parseKvmExtra } from './kvm-extra.js';
import { tapFlags } from './network.js';
import type { RuntimeDisk, RuntimeNic, RuntimeVnc } from './runtime.js';

export interface KvmCommandInput {
  name: string;
  uuid: string;
  memory: number;
  vcpus: number;
  /** Filled kvm parameters. */
  hvparams: Record<string, unknown>;
  accel: 'kvm' | 'tcg';
  pidFile: string;
  qmpSocket: string;
  serialSocket: string;
  qgaSocket: string;
  disks: readonly RuntimeDisk[];
  nics: readonly RuntimeNic[];
  vnc: RuntimeVnc | null;
  runas: string | null;
  chroot: string | null;
  paused: boolean;
}

/** qemu's option syntax doubles commas inside a value (file=a,,b is the file 'a,b'). */
export function qemuEscape(value: string): string {
  return value.replace(/,/g, ',,');
}

const NIC_MODELS: Record<string, string> = {
  paravirtual: 'virtio-net-pci', e1000: 'e1000', rtl8139: 'rtl8139', ne2k_pci: 'ne2k_pci', ne2k_isa: 'ne2k_isa',
  i82551: 'i82551', i82557b: 'i82557b', i82559er: 'i82559er', pcnet: 'pcnet',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The drive options every disk shares: cache, AIO and discard as the parameters say. */
function driveTuning(hv: Record<string, unknown>): string {
  let s = '';
  const cache = str(hv.disk_cache);
  if (cache && cache !== 'default') s += `,cache=${cache}`;
  const aio = str(hv.disk_aio);
  if (aio && aio !== 'threads') s += `,aio=${aio}`;
  const discard = str(hv.disk_discard);
  if (discard && discard !== 'default') s += `,discard=${discard}`;
  return s;
}

function diskArgs(inp: KvmCommandInput, bootDisk: boolean): string[] {
  const hv = inp.hvparams;
  const type = str(hv.disk_type) || 'paravirtual';
  const out: string[] = [];
  const scsi = type === 'scsi' || type.startsWith('scsi-');
  if (scsi && inp.disks.length) out.push('-device', `${str(hv.scsi_controller_type) || 'lsi'},id=scsi0`);
  for (const d of inp.disks) {
    const base = `file=${qemuEscape(d.path)},format=${d.format}${d.mode === 'ro' ? ',readonly=on' : ''}${driveTuning(hv)}`;
    const boot = bootDisk && d.index === 0 ? ',bootindex=1' : '';
    if (type === 'paravirtual') {
      out.push('-drive', `${base},if=none,id=disk${d.index}`, '-device', `virtio-blk-pci,drive=disk${d.index},id=virtio-disk${d.index}${boot}`);
    } else if (scsi) {
      const dev = type === 'scsi' ? 'scsi-hd' : type;
      out.push('-drive', `${base},if=none,id=disk${d.index}`, '-device', `${dev},drive=disk${d.index},bus=scsi0.0,scsi-id=${d.index}${boot}`);
    } else if (type === 'ide') {
      out.push('-drive', `${base},if=none,id=disk${d.index}`, '-device', `ide-hd,drive=disk${d.index},bus=ide.${Math.floor(d.index / 2)},unit=${d.index % 2}${boot}`);
    } else {
      out.push('-drive', `${base},if=${type},index=${d.index}`);
    }
  }
  return out;
}

function cdromArgs(hv: Record<string, unknown>, bootCdrom: boolean): string[] {
  const out: string[] = [];
  const images = [str(hv.cdrom_image_path), str(hv.cdrom2_image_path)];
  const type = str(hv.cdrom_disk_type) || 'ide';
  images.forEach((img, i) => {
    if (!img) return;
    const boot = bootCdrom && i === 0 ? ',bootindex=1' : '';
    const drive = `file=${qemuEscape(img)},format=raw,media=cdrom,readonly=on`;
    if (type === 'ide') {
      // The second IDE bus, so the disks keep the first one.
      out.push('-drive', `${drive},if=none,id=cdrom${i}`, '-device', `ide-cd,drive=cdrom${i},bus=ide.1,unit=${i}${boot}`);
    } else if (type === 'paravirtual') {
      out.push('-drive', `${drive},if=none,id=cdrom${i}`, '-device', `virtio-blk-pci,drive=cdrom${i},id=virtio-cdrom${i}${boot}`);
    } else {
      out.push('-drive', `${drive},if=${type.startsWith('scsi') ? 'scsi' : type},index=${i + 2}`);
    }
  });
  return out;
}

function nicArgs(inp: KvmCommandInput, bootNet: boolean): string[] {
  const hv = inp.hvparams;
  const model = NIC_MODELS[str(hv.nic_type) || 'paravirtual'] ?? 'virtio-net-pci';
  const virtio = model === 'virtio-net-pci';
  const { vnetHdr, queues } = tapFlags(hv);
  const out: string[] = [];
  for (const n of inp.nics) {
    const id = `hostnet${n.index}`;
    let netdev: string;
    if (n.backend === 'tap') {
      netdev = `tap,id=${id},ifname=${n.tap},script=no,downscript=no,vnet_hdr=${vnetHdr ? 'on' : 'off'}`;
      if (virtio && hv.vhost_net) netdev += ',vhost=on';
      if (queues > 1) netdev += `,queues=${queues}`;
    } else {
      netdev = `user,id=${id}`;
    }
    let device = `${model},netdev=${id},mac=${n.mac},id=net${n.index}`;
    if (virtio && n.backend === 'tap' && queues > 1) device += `,mq=on,vectors=${2 * queues + 2}`;
    if (bootNet && n.index === 0) device += ',bootindex=1';
    out.push('-netdev', netdev, '-device', device);
  }
  return out;
}

function vncArgs(inp: KvmCommandInput): string[] {
  const hv = inp.hvparams;
  const v = inp.vnc;
  if (!v) return [];
  if (v.kind === 'unix') return ['-vnc', `unix:${qemuEscape(v.path)}`];
  const out: string[] = [];
  const host = v.host.includes(':') ? `[${v.host}]` : v.host;
  let opt = `${host}:${v.display}`;
  if (hv.vnc_tls) {
    const dir = str(hv.vnc_x509_path);
    out.push('-object', dir
      ? `tls-creds-x509,id=vnctls0,endpoint=server,dir=${qemuEscape(dir)},verify-peer=${hv.vnc_x509_verify ? 'on' : 'off'}`
      : 'tls-creds-anon,id=vnctls0,endpoint=server');
    opt += ',tls-creds=vnctls0';
  }
  if (str(hv.vnc_password_file)) opt += ',password=on';
  out.push('-vnc', opt);
  return out;
}

/** Ganeti's kernel command line: root=, the user's arguments, the serial console. */
export function kernelAppend(hv: Record<string, unknown>): string {
  const parts: string[] = [];
  if (str(hv.root_path)) parts.push(`root=${str(hv.root_path)}`);
  if (str(hv.kernel_args)) parts.push(str(hv.kernel_args));
  if (hv.serial_console) parts.push(`console=ttyS0,${typeof hv.serial_speed === 'number' ? hv.serial_speed : 38400}`);
  return parts.join(' ');
}

/** The qemu argv (without the program) that starts the instance as a daemon. */
export function buildKvmCommand(inp: KvmCommandInput): string[] {
  const hv = inp.hvparams;
  const a: string[] = [];
  a.push('-name', inp.name);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(inp.uuid)) a.push('-uuid', inp.uuid);
  a.push('-daemonize', '-pidfile', inp.pidFile);
  // Without defaults qemu adds no NIC, monitor, serial or drive of its own: what runs is
  // exactly what the parameters say.
  a.push('-nodefaults', '-no-user-config');
  let machine = `${str(hv.machine_version) || 'pc'},accel=${inp.accel}`;
  if (hv.acpi === false) machine += ',acpi=off';
  a.push('-machine', machine);
  if (str(hv.cpu_type)) a.push('-cpu', str(hv.cpu_type));
  a.push('-m', String(inp.memory));
  let smp = String(inp.vcpus);
  for (const k of ['cores', 'threads', 'sockets'] as const) {
    const v = hv[`cpu_${k}`];
    if (typeof v === 'number' && v > 0) smp += `,${k}=${v}`;
  }
  a.push('-smp', smp);
  if (str(hv.mem_path)) a.push('-mem-path', str(hv.mem_path));
  a.push('-qmp', `unix:${qemuEscape(inp.qmpSocket)},server=on,wait=off`);
  // The guest's power-off leaves qemu alive in state "shutdown", so noded can always tell
  // a guest that stopped itself (USER_down) from a crash, even after its own restart.
  a.push('-no-shutdown');
  if (hv.reboot_behavior === 'exit') a.push('-no-reboot');
  a.push('-serial', hv.serial_console ? `unix:${qemuEscape(inp.serialSocket)},server=on,wait=off` : 'none');
  a.push('-vga', str(hv.vga) || 'std', '-display', 'none');
  a.push(...vncArgs(inp));
  if (str(hv.keymap)) a.push('-k', str(hv.keymap));

  const kernel = str(hv.kernel_path);
  const boot = str(hv.boot_order) || 'disk';
  if (kernel) {
    a.push('-kernel', kernel);
    if (str(hv.initrd_path)) a.push('-initrd', str(hv.initrd_path));
    const append = kernelAppend(hv);
    if (append) a.push('-append', append);
  }
  a.push(...diskArgs(inp, !kernel && boot === 'disk'));
  a.push(...cdromArgs(hv, !kernel && boot === 'cdrom'));
  if (str(hv.floppy_image_path)) {
    a.push('-drive', `file=${qemuEscape(str(hv.floppy_image_path))},if=floppy,format=raw,index=0`);
    if (!kernel && boot === 'floppy') a.push('-boot', 'order=a');
  }
  a.push(...nicArgs(inp, !kernel && boot === 'network'));
  a.push('-device', 'virtio-balloon-pci,id=balloon0');
  if (hv.usb_mouse) a.push('-usb', '-device', hv.usb_mouse === 'tablet' ? 'usb-tablet' : 'usb-mouse');
  if (hv.use_localtime) a.push('-rtc', 'base=localtime');
  if (hv.use_guest_agent) {
    a.push('-chardev', `socket,id=qga0,path=${qemuEscape(inp.qgaSocket)},server=on,wait=off`,
      '-device', 'virtio-serial-pci,id=qgaserial0', '-device', 'virtserialport,chardev=qga0,name=org.qemu.guest_agent.0');
  }
  if (inp.runas) a.push('-runas', inp.runas);
  if (inp.chroot) a.push('-chroot', inp.chroot);
  if (inp.paused) a.push('-S');
  if (str(hv.kvm_extra)) a.push(...parseKvmExtra(str(hv.kvm_extra)));
  return a;
}
