// Where the kvm driver keeps per-instance runtime files on a node: Ganeti's layout under
// <run>/kvm-hypervisor (pid/<name>, ctrl/<name>.qmp|.serial|.vnc|.qga, conf/<name>.runtime,
// nic/<name>/<idx>, uid/, chroot/<name>). On a virtual cluster <run> is inside the node's root.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';

/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with the NUL). */
export const MAX_SOCKET_PATH = 107;

export class KvmDirs {
  readonly base: string;
  readonly pidDir: string;
  readonly ctrlDir: string;
  readonly confDir: string;
  readonly nicDir: string;
  readonly uidDir: string;
  readonly chrootDir: string;

  constructor(paths: Paths) {
    this.base = join(paths.runDir, 'kvm-hypervisor');
    this.pidDir = join(this.base, 'pid');
    this.ctrlDir = join(this.base, 'ctrl');
    this.confDir = join(this.base, 'conf');
    this.nicDir = join(this.base, 'nic');
    this.uidDir = join(this.base, 'uid');
    this.chrootDir = join(this.base, 'chroot');
  }

  ensure(): void {
    for (const d of [this.pidDir, this.ctrlDir, this.confDir, this.nicDir, this.uidDir, this.chrootDir]) {
      mkdirSync(d, { recursive: true, mode: 0o750 });
    }
  }

  pidFile(name: string): string { return join(this.pidDir, name); }
  runtimeFile(name: string): string { return join(this.confDir, `${name}.runtime`); }
  qmpSocket(name: string): string { return join(this.ctrlDir, `${name}.qmp`); }
  serialSocket(name: string): string { return join(this.ctrlDir, `${name}.serial`); }
  vncSocket(name: string): string { return join(this.ctrlDir, `${name}.vnc`); }
  qgaSocket(name: string): string { return join(this.ctrlDir, `${name}.qga`); }
  /** Written when the guest powered itself off (Ganeti's <name>.shutdown): the user stopped it. */
  shutdownMarker(name: string): string { return join(this.ctrlDir, `${name}.shutdown`); }
  /** Written while noded stops the instance, so that the guest's power-off is not taken for the user's. */
  stoppingMarker(name: string): string { return join(this.ctrlDir, `${name}.stopping`); }
  nicInstanceDir(name: string): string { return join(this.nicDir, name); }
  chroot(name: string): string { return join(this.chrootDir, name); }

  /** Every Unix socket path of an instance must fit in sun_path; say so instead of failing obscurely. */
  checkSocketPaths(name: string): void {
    for (const p of [this.qmpSocket(name), this.serialSocket(name), this.vncSocket(name), this.qgaSocket(name)]) {
      if (Buffer.byteLength(p) > MAX_SOCKET_PATH) {
        throw new HypervisorError(`Control socket path '${p}' is longer than ${MAX_SOCKET_PATH} bytes ` +
          '(Unix socket limit): use a shorter instance name or node root directory', { ecode: 'wrong_input' });
      }
    }
  }
}
