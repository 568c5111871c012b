// Pieces of the real-qemu tests that only tests use: waiting for a condition, and reading a
// serial console through `gnt-instance console` in a pseudo-terminal (socat needs one, as a
// user's terminal is). The guest and qemu helpers that bench/ shares are in vcluster/kvm-guest.ts.
import { spawn } from 'node:child_process';
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
