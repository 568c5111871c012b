// The real-qemu pieces that the kvm tests and bench/ share: the tiny guest (built once by
// tools/setup/tiny-guest.sh into build/tiny-guest), the -H options that boot it under TCG,
// and killing every qemu a test cluster left, by the pids in its own pid files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './harness.js';

export const GUEST_DIR = join(REPO, 'build', 'tiny-guest');
export const QEMU = '/usr/bin/qemu-system-x86_64';

/** Builds the tiny guest if needed; throws (never skips) when qemu or the guest cannot be had. */
export function ensureGuest(): { kernel: string; initrd: string } {
  if (!existsSync(QEMU)) throw new Error(`${QEMU} is missing: run tools/setup/install-deps.sh (qemu-system-x86)`);
  execFileSync('bash', [join(REPO, 'tools', 'setup', 'tiny-guest.sh')], { env: { ...process.env, GUEST: GUEST_DIR }, stdio: 'pipe' });
  return { kernel: join(GUEST_DIR, 'vmlinuz'), initrd: join(GUEST_DIR, 'initramfs.gz') };
}

/** kvm parameters that boot the tiny guest under TCG with its console on the serial port. */
export function guestHv(extra = ''): string {
  const g = ensureGuest();
  return `kvm:kvm_flag=disabled,kernel_path=${g.kernel},initrd_path=${g.initrd},kernel_args=console=ttyS0${extra ? `,${extra}` : ''}`;
}

/** Pids of live qemu processes whose pid files are under `dir` (a cluster or node root). */
export function qemuPids(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string, depth: number) => {
    let entries: string[];
    try { entries = readdirSync(d); } catch { return; }
    for (const e of entries) {
      const p = join(d, e);
      if (p.endsWith(join('kvm-hypervisor', 'pid'))) {
        for (const name of readdirSync(p)) {
          const pid = Number(readFileSync(join(p, name), 'utf8').trim());
          try {
            if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(p, name))) out.set(name, pid);
          } catch { /* gone */ }
        }
      } else if (depth < 7 && !e.includes('.')) {
        walk(p, depth + 1);
      }
    }
  };
  walk(dir, 0);
  return out;
}

/** Kills (SIGKILL, by pid) every qemu started under `dir`; test clean-up. */
export function killQemus(dir: string): void {
  for (const pid of qemuPids(dir).values()) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
