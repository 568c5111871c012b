// Runs the cluster bootstrap in the daemon-side program ganeti-cluster-init (daemons/masterd/
// init-main.ts): the options go as JSON on stdin, feedback lines come back as they happen,
// and a failure comes back as the typed error the bootstrap raised.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from '../../daemons/common/client/exit-codes.js';
import { INIT_PROGRAM, type InitClusterOptions, type InitProgramMessage } from '../../daemons/common/cluster-init-options.js';
import { decodeError } from '../../daemons/common/errors.js';

/** The program next to this one (build/bin), else the one on PATH. */
function daemonProgram(name: string): string {
  const own = join(dirname(process.argv[1] ?? ''), name);
  return existsSync(own) ? own : name;
}

export async function runInitProgram(opts: InitClusterOptions, feedback: (msg: string) => void): Promise<void> {
  await runDaemonProgram(INIT_PROGRAM, opts, feedback);
}

/** Runs a daemon-side program speaking InitProgramMessage lines (init, master-failover). */
export async function runDaemonProgram(name: string, opts: unknown, feedback: (msg: string) => void): Promise<void> {
  const prog = daemonProgram(name);
  const child = spawn(prog, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let outcome: InitProgramMessage | null = null;
  let pending = '';
  let stderr = '';
  const onLine = (line: string) => {
    if (!line.trim()) return;
    let msg: InitProgramMessage;
    try { msg = JSON.parse(line) as InitProgramMessage; } catch { feedback(line); return; }
    if ('feedback' in msg) feedback(msg.feedback);
    else outcome = msg;
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exit = new Promise<number>((resolve, reject) => {
    child.on('error', (err) => reject(new CliError(`Cannot run ${prog}: ${err.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdin.on('error', () => undefined); // a program that died early: its exit says why
  child.stdin.end(JSON.stringify(opts));
  const code = await exit;
  onLine(pending);
  const result = outcome as InitProgramMessage | null;
  if (result && 'error' in result) throw decodeError(result.error);
  if (code !== 0 || !result) {
    throw new CliError(`${prog} failed (exit ${code})${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  }
}
