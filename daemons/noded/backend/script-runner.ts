// The worker's side of the script runner (daemons/noded/script-runner.py: why, and its line
// protocol): one long-lived Python process per noded worker, started on the first OS script,
// that starts the scripts so that the worker's event loop never waits for a fork of itself.
// A run is a line written and, later, a line read; timeouts and cancellation stay with
// runScript (os-script.ts), which asks the runner to signal the run's process group.
//
// Failure handling:
// - no Python, or no runner program: unavailable() -> runScript runs the script itself.
// - the runner ends before it said it was ready (it read nothing, so started nothing): the
//   runs waiting for it are handed back (`kind: 'retry'`) and run in-process; the runner is
//   not tried again by this worker (a Python that cannot run it).
// - the runner ends later (killed, crashed): the runs it had are answered as failed, their
//   process groups are killed (their output and exit status are lost with it), and the next
//   run starts a new runner. A script whose start the runner had not yet reported is
//   not known here; it is left, as a dead worker's children are, to orphans.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { findProjectRoot } from '../../common/shipped-files.js';

/** What the runner runs: argv only, no shell. */
export interface RunnerRequest { file: string; args: string[]; cwd: string; env: Record<string, string>; log: string | null }

export type RunnerEnd =
  | { kind: 'exit'; code: number | null; signal: string | null; output: Buffer }
  /** Could not start the script (the runner's errno text), or lost it with the runner. */
  | { kind: 'error'; message: string }
  /** The runner never started: nothing ran, run it some other way. */
  | { kind: 'retry' };

export interface RunnerRun {
  /** Signals the run's process group (no-op once it has ended). */
  kill(sig: 'SIGTERM' | 'SIGKILL'): void;
  done: Promise<RunnerEnd>;
}

interface Pending { resolve: (e: RunnerEnd) => void; pid: number | null }

const PYTHON = '/usr/bin/python3';
const STDERR_KEPT = 4096;

export class ScriptRunner {
  private child: ChildProcess | null = null;
  private ready = false;
  private broken: string | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** argv of the runner process (interpreter, flags, program). */
  constructor(private readonly argv: readonly string[]) {}

  /** Why this runner cannot be used (then the caller runs scripts itself), or null. */
  unavailable(): string | null {
    if (this.broken) return this.broken;
    for (const f of [this.argv[0]!, this.argv[this.argv.length - 1]!]) {
      try { accessSync(f, f === this.argv[0] ? fsConstants.X_OK : fsConstants.R_OK); } catch {
        this.broken = `${f} is missing`;
        return this.broken;
      }
    }
    return null;
  }

  /** The runner's pid while it runs (tests, benches). */
  get pid(): number | null { return this.child?.pid ?? null; }

  /** The scripts the runner has reported started and not yet ended (tests). */
  get runningPids(): number[] { return [...this.pending.values()].flatMap((p) => (p.pid ? [p.pid] : [])); }

  run(req: RunnerRequest): RunnerRun {
    const child = this.ensure();
    const id = this.nextId++;
    const done = new Promise<RunnerEnd>((resolve) => { this.pending.set(id, { resolve, pid: null }); });
    this.refs(true);
    this.send(child, { id, run: req });
    return {
      kill: (sig) => { if (this.pending.has(id) && this.child === child) this.send(child, { id, signal: sig }); },
      done,
    };
  }

  /** Ends the runner (at the end of its input; scripts still running are left running). */
  stop(): void {
    this.child?.stdin?.end();
  }

  private send(child: ChildProcess, msg: unknown): void {
    child.stdin!.write(`${JSON.stringify(msg)}\n`);
  }

  /** Keeps the event loop alive while runs are pending, not otherwise (the worker exits on its own terms). */
  private refs(on: boolean): void {
    const c = this.child;
    if (!c) return;
    for (const s of [c.stdout, c.stderr, c.stdin] as (Socket | null)[]) { if (on) s?.ref(); else s?.unref(); }
    if (on) c.ref(); else c.unref();
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    const [file, ...args] = this.argv;
    const child = spawn(file!, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, cwd: '/' });
    this.child = child;
    this.ready = false;
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => { stderr = (stderr + s).slice(-STDERR_KEPT); });
    child.stdin!.on('error', () => undefined);   // EPIPE when it died: 'close' says so
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (s: string) => {
      buf += s;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line) this.onLine(line);
      }
    });
    child.once('error', () => undefined);    // a spawn failure also ends in 'close'
    child.once('close', (code, sig) => {
      if (this.child === child) this.child = null;
      const why = `the script runner ${sig ? `was killed by ${sig}` : `exited with code ${code}`}${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
      const runs = [...this.pending.values()];
      this.pending.clear();
      if (!this.ready) {
        this.broken = why;
        for (const p of runs) p.resolve({ kind: 'retry' });
        return;
      }
      for (const p of runs) {
        if (p.pid) { try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ } }
        p.resolve({ kind: 'error', message: why });
      }
    });
    return child;
  }

  private onLine(line: string): void {
    let msg: { ready?: boolean; id?: number | null; pid?: number; error?: string; code?: number | null; signal?: string | null; output?: string };
    try { msg = JSON.parse(line) as typeof msg; } catch { return; }
    if (msg.ready) { this.ready = true; return; }
    const p = msg.id == null ? undefined : this.pending.get(msg.id);
    if (!p) return;
    if (msg.pid !== undefined) { p.pid = msg.pid; return; }
    this.pending.delete(msg.id!);
    if (!this.pending.size) this.refs(false);
    if (msg.error !== undefined) p.resolve({ kind: 'error', message: msg.error });
    else p.resolve({ kind: 'exit', code: msg.code ?? null, signal: msg.signal ?? null, output: Buffer.from(msg.output ?? '', 'base64') });
  }
}

let shared: ScriptRunner | null = null;

/** This process's runner: the project's script-runner.py under the system's Python 3. */
export function sharedScriptRunner(): ScriptRunner {
  shared ??= new ScriptRunner([PYTHON, '-I', '-S', join(findProjectRoot(), 'daemons', 'noded', 'script-runner.py')]);
  return shared;
}
