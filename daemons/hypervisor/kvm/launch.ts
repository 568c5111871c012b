// Everything decided before qemu starts: node-side checks of the parameters (files exist,
// the user exists), the accelerator, disks, NICs, VNC endpoint and user, and from them the
// runtime record with the exact argv. Side effects here are limited to reserving a pool uid
// and picking a free TCP port; the caller sets up taps, writes the record and runs qemu.
import { accessSync, constants, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { HypervisorError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { resolveAccel, type AccelProbe } from './accel.js';
import { buildKvmCommand } from './command-line.js';
import type { KvmDirs } from './dirs.js';
import { planNics, type NetEnv } from './network.js';
import { RUNTIME_VERSION, type KvmRuntime, type RuntimeDisk, type RuntimeVnc } from './runtime.js';
import { decideRunas } from './security.js';
import type { KvmInstance } from './types.js';

export interface LaunchEnv {
  dirs: KvmDirs;
  net: NetEnv;
  log: Logger;
  accelProbe?: AccelProbe;
  passwdFile?: string;
  /** The cluster's uid pool (ssconf uid_pool). */
  uidPool: () => string;
  /** TCP ports already used by this node's instances (VNC), to skip when picking one. */
  usedPorts: () => Set<number>;
}

/** First and last port of Ganeti's cluster port pool (FIRST_DRBD_PORT .. LAST_DRBD_PORT). */
export const PORT_POOL_FIRST = 11000;
export const PORT_POOL_LAST = 14999;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function need(path: string, what: string, mode = constants.R_OK): void {
  try {
    accessSync(path, mode);
  } catch {
    throw new HypervisorError(`${what} '${path}' ${existsSync(path) ? 'is not accessible' : 'does not exist'} on this node`,
      { ecode: 'environment_error' });
  }
}

/** Ganeti's ValidateParameters on the node: the files the parameters name must be there. */
export function checkNodeFiles(hv: Record<string, unknown>, diskPaths: readonly string[]): void {
  need(str(hv.kvm_path), 'kvm_path', constants.X_OK);
  for (const [k, what] of [['kernel_path', 'Kernel'], ['initrd_path', 'Initrd'], ['cdrom_image_path', 'CD-ROM image'],
    ['cdrom2_image_path', 'Second CD-ROM image'], ['floppy_image_path', 'Floppy image'], ['vnc_password_file', 'VNC password file'],
    ['vnc_x509_path', 'VNC x509 directory']] as const) {
    if (str(hv[k])) need(str(hv[k]), what);
  }
  diskPaths.forEach((p, i) => {
    if (!p) throw new HypervisorError(`Disk ${i} has no path on this node`, { ecode: 'environment_error' });
    need(p, `Disk ${i}`, constants.R_OK | constants.W_OK);
  });
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A free port of the pool on `host`, for VNC when the master allocated none. */
export async function pickPort(host: string, used: Set<number>): Promise<number> {
  for (let p = PORT_POOL_FIRST; p <= PORT_POOL_LAST; p++) {
    if (!used.has(p) && await portFree(host, p)) return p;
  }
  throw new HypervisorError(`No free TCP port in ${PORT_POOL_FIRST}-${PORT_POOL_LAST} on ${host} for VNC`, { ecode: 'insufficient_resources' });
}

async function vncEndpoint(inst: KvmInstance, env: LaunchEnv): Promise<RuntimeVnc> {
  const bind = str(inst.hvparams.vnc_bind_address);
  if (!bind) return { kind: 'unix', path: env.dirs.vncSocket(inst.name) };
  if (bind.startsWith('/')) return { kind: 'unix', path: bind };
  let port = inst.network_port ?? 0;
  if (port < 5900) {
    port = await pickPort(bind, env.usedPorts());
    env.log.info(`instance ${inst.name}: no network port allocated, VNC on free port ${port}`);
  }
  return { kind: 'tcp', host: bind, port, display: port - 5900 };
}

/** The runtime record of the instance as it is about to start (argv included). */
export async function prepareLaunch(inst: KvmInstance, diskPaths: readonly string[], paused: boolean,
  env: LaunchEnv): Promise<KvmRuntime> {
  const hv = inst.hvparams;
  const name = inst.name;
  checkNodeFiles(hv, diskPaths);
  const accel = resolveAccel(hv.kvm_flag, env.accelProbe);
  const disks: RuntimeDisk[] = diskPaths.map((path, index) => ({
    index, path,
    mode: inst.disks?.[index]?.mode === 'ro' ? 'ro' : 'rw',
    format: inst.disks?.[index]?.format === 'qcow2' ? 'qcow2' : 'raw',
  }));
  const nics = planNics(inst.nics ?? [], inst.uuid || name, env.net);
  for (const n of nics) {
    if (n.fallback) env.log.warn(`instance ${name} NIC ${n.index}: ${n.mode} mode not possible (${n.fallback}), using qemu user networking`);
  }
  const vnc = await vncEndpoint(inst, env);
  let chroot: string | null = null;
  if (hv.use_chroot) {
    chroot = env.dirs.chroot(name);
    mkdirSync(chroot, { recursive: true, mode: 0o755 });
  }
  const { runas, poolUid } = decideRunas({
    model: str(hv.security_model), domain: str(hv.security_domain), owner: name, isRoot: env.net.isRoot,
    uidDir: env.dirs.uidDir, uidPool: env.uidPool, ...(env.passwdFile ? { passwdFile: env.passwdFile } : {}),
  });
  const binary = str(hv.kvm_path);
  let argv0 = binary;
  try { argv0 = realpathSync(binary); } catch { /* keep the given path */ }
  const rt: KvmRuntime = {
    version: RUNTIME_VERSION, name, uuid: inst.uuid ?? '', binary, argv0, argv: [],
    hvparams: hv, memory: inst.memory, vcpus: inst.vcpus, accel, nics, disks,
    qmp: env.dirs.qmpSocket(name), serial: hv.serial_console ? env.dirs.serialSocket(name) : null,
    vnc, runas, poolUid, startedAt: Date.now(),
  };
  rt.argv = buildKvmCommand({
    name, uuid: rt.uuid, memory: inst.memory, vcpus: inst.vcpus, hvparams: hv, accel,
    pidFile: env.dirs.pidFile(name), qmpSocket: rt.qmp, serialSocket: env.dirs.serialSocket(name),
    qgaSocket: env.dirs.qgaSocket(name), disks, nics, vnc, runas, chroot, paused,
  });
  return rt;
}
