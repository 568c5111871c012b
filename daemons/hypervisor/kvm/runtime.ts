// The runtime record of one kvm instance on its node (<run>/kvm-hypervisor/conf/<name>.runtime,
// as Ganeti's KVM runtime file): the exact qemu argv, the parameters it was built from, the
// NICs and disks as they were set up, and where its console, VNC and QMP are. It is written
// before qemu starts and removed when the instance is cleaned up, so `gnt-instance info` and
// a restarted noded know exactly what runs, and a hard reboot restarts the same command.
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { atomicWrite } from '../../common/atomic-file.js';
import { HypervisorError } from '../../common/errors.js';
import type { KvmDirs } from './dirs.js';

export const RUNTIME_VERSION = 1;

export interface RuntimeNic {
  index: number;
  mac: string;
  /** Ganeti's NIC mode as configured (bridged, routed, openvswitch). */
  mode: string;
  link: string;
  ip: string;
  /** What was set up: a tap device (bridged/routed) or qemu user networking. */
  backend: 'tap' | 'user';
  tap?: string;
  /** Routed mode: the routing table the instance's /32 route goes to (none: the main table). */
  routeTable?: string;
  /** Why the configured mode fell back to user networking, when it did. */
  fallback?: string;
}

export interface RuntimeDisk { index: number; path: string; mode: 'rw' | 'ro'; format: 'raw' | 'qcow2' }

export type RuntimeVnc = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number; display: number };

export interface KvmRuntime {
  version: number;
  name: string;
  uuid: string;
  /** The program executed and its argv[0]/argv (argv excludes argv[0]). */
  binary: string;
  argv0: string;
  argv: string[];
  hvparams: Record<string, unknown>;
  memory: number;
  vcpus: number;
  accel: 'kvm' | 'tcg';
  nics: RuntimeNic[];
  disks: RuntimeDisk[];
  qmp: string;
  serial: string | null;
  vnc: RuntimeVnc | null;
  /** The user qemu drops privileges to (security_model user/pool), or null. */
  runas: string | null;
  /** uid taken from the cluster's uid pool (security_model pool), to give back on cleanup. */
  poolUid: number | null;
  startedAt: number;
}

export async function writeRuntime(dirs: KvmDirs, rt: KvmRuntime): Promise<void> {
  await atomicWrite(dirs.runtimeFile(rt.name), `${JSON.stringify(rt, null, 1)}\n`, { mode: 0o640, fsyncDir: false });
}

/** The runtime record of `name`; null when there is none; HypervisorError when it is unreadable. */
export function readRuntime(dirs: KvmDirs, name: string): KvmRuntime | null {
  let text: string;
  try {
    text = readFileSync(dirs.runtimeFile(name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HypervisorError(`Cannot read the runtime file of instance ${name}: ${(err as Error).message}`);
  }
  let rt: KvmRuntime;
  try {
    rt = JSON.parse(text) as KvmRuntime;
  } catch (err) {
    throw new HypervisorError(`Corrupt runtime file ${dirs.runtimeFile(name)}: ${(err as Error).message}`);
  }
  if (rt?.version !== RUNTIME_VERSION || rt.name !== name || !Array.isArray(rt.argv)) {
    throw new HypervisorError(`Runtime file ${dirs.runtimeFile(name)} is not a version ${RUNTIME_VERSION} record of ${name}`);
  }
  return rt;
}

/** Names of the instances that have a runtime record on this node. */
export function runtimeNames(dirs: KvmDirs): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dirs.confDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new HypervisorError(`Failed to list kvm instances: ${(err as Error).message}`, { ecode: 'environment_error' });
  }
  return entries.filter((f) => f.endsWith('.runtime') && !f.startsWith('.')).map((f) => f.slice(0, -'.runtime'.length));
}

export function removeQuietly(path: string): void {
  try { unlinkSync(path); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
