// Shared pieces of the real-qemu tests: the tiny guest (built once by tools/setup/tiny-guest.sh
// into build/tiny-guest), the -H options that boot it under TCG, reading a serial console
// through `gnt-instance console` in a pseudo-terminal (socat needs one, as a user's terminal
// is), and killing every qemu a test cluster left, by the pids in its own pid files.
import { execFileSync, spawn } from 'node:child_process';
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

/** Whether a process with this pid exists (zombies included: the caller waits for them). */
export function pidExists(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export async function waitFor(what: string, fn: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface ConsoleSession {
  /** Everything the console printed so far. */
  output(): string;
  /** Waits until the output matches. */
  waitFor(re: RegExp, timeoutMs: number): Promise<string>;
  send(text: string): void;
  /** Ctrl-] (socat's escape), then waits for the command to exit; returns its exit code. */
  close(): Promise<number>;
}

/**
 * Runs `gnt-instance console NAME` on node1 of the cluster in a pseudo-terminal (script(1)),
 * as a user at a terminal would: the command ssh's to the primary node and runs socat there.
 */
export function openConsole(clusterDir: string, name: string): ConsoleSession {
  return openTerminal(clusterDir, `node1/cmd gnt-instance console ${name}`);
}

/** Runs a shell command line in a pseudo-terminal (script(1)), for console commands. */
export function openTerminal(cwd: string, commandLine: string): ConsoleSession {
  const child = spawn('script', ['-qfec', commandLine, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 255)));
  return {
    output: () => out,
    waitFor: async (re, timeoutMs) => {
      await waitFor(`console output matching ${re} (got: ${JSON.stringify(out.slice(-300))})`, () => re.test(out), timeoutMs, 100);
      return out;
    },
    send: (text) => { child.stdin.write(text); },
    close: async () => {
      child.stdin.write('\x1d');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
