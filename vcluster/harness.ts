// A virtual cluster for ava tests and bench/ (the nats.js launcher idea: tests drive real processes).
// It runs the same steps as a user or the acceptance scripts: vcluster-setup, start-all,
// gnt-cluster init, gnt-node add, all with the bundled programs in build/bin, so a test
// exercises exactly what ships. Failures carry the tail of every daemon log.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(REPO, 'build', 'bin');
export const VCLUSTER_SETUP = join(REPO, 'vcluster', 'vcluster-setup');
export const VCLUSTER_GUARD = join(REPO, 'vcluster', 'vcluster-guard');
/** The instance policy bounds of shared/acceptance/lib.sh. */
export const ISPECS = 'min:disk-size=0,cpu-count=1,disk-count=0,memory-size=1,nic-count=0,spindle-use=0/' +
  'max:disk-size=1048576,cpu-count=8,disk-count=16,memory-size=32768,nic-count=8,spindle-use=12';

export interface VclusterOptions {
  nodes: number;
  /** Three octets in 127.0.0.0/8; give every concurrently running test file its own. */
  prefix: string;
  hypervisors?: string;      // default 'fake'
  templates?: string;        // default 'diskless,file'
  initArgs?: string[];       // extra gnt-cluster init arguments
  nodeMemory?: string;       // vcluster-setup -m (one value or one per node)
  setupArgs?: string[];      // extra vcluster-setup arguments (--node-cpus, --ssh-port…)
  /** Programs the test needs in build/bin (default: daemons, daemon-util, ensure-dirs, gnt-cluster, gnt-node). */
  programs?: string[];
}

export interface RunResult { code: number; stdout: string; stderr: string }
export interface CmdOptions { input?: string; timeoutMs?: number }

export interface Vcluster {
  readonly dir: string;
  readonly nodes: string[];
  cmd(node: string, args: string[], opts?: CmdOptions): Promise<RunResult>;
  /** A command on the master (node1). */
  gnt(args: string[], opts?: CmdOptions): Promise<RunResult>;
  /** gnt() that must succeed: returns stdout, else fails the test with the output and daemon logs. */
  ok(t: { fail(m: string): void }, args: string[], opts?: CmdOptions): Promise<string>;
  /** gnt-cluster init with the acceptance defaults; throws with logs on failure. */
  init(): Promise<RunResult>;
  /** gnt-node add --no-ssh-key-check for node2..nodeN; throws with logs on failure. */
  addNodes(): Promise<void>;
  /** Tail of every daemon log of every node, for failure messages. */
  logs(): string;
  /** stop-all, then remove the directory (kept if GANETI_KEEP_VCLUSTER=1, for debugging). */
  stop(): Promise<void>;
}

const DEFAULT_PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node'];

/** Throws a clear error when the bundled programs a test needs have not been built. */
export function requirePrograms(programs: string[]): void {
  const missing = programs.filter((p) => !existsSync(join(BIN, p)));
  if (missing.length) {
    throw new Error(`${missing.join(', ')} missing in ${BIN}: run npm run build first`);
  }
}

/** Runs a program, collecting its output; kills it (by its own pid) after timeoutMs. */
export function run(file: string, args: string[], opts: CmdOptions & { env?: NodeJS.ProcessEnv; cwd?: string } = {}):
  Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const ms = opts.timeoutMs ?? 60_000;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, ms);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    // 'close', not 'exit': wait until the pipes are drained. Daemons started by the command
    // do not hold them (daemon-util gives them a log file, sshd detaches).
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code: code ?? 128,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: timedOut ? `${stderr}\n[harness: killed after ${ms} ms]` : signal ? `${stderr}\n[harness: ${signal}]` : stderr,
      });
    });
    child.stdin.on('error', () => undefined); // the program may exit without reading its input
    child.stdin.end(opts.input ?? '');
  });
}

function tailOf(file: string, lines: number): string {
  try { return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

function collectLogs(dir: string, nodes: string[], lines = 30): string {
  const parts: string[] = [];
  for (const node of nodes) {
    const logDir = join(dir, node, 'var', 'log', 'ganeti');
    let files: string[] = [];
    try { files = readdirSync(logDir).filter((f) => statSync(join(logDir, f)).isFile()).sort(); } catch { /* none yet */ }
    for (const f of files) {
      const text = tailOf(join(logDir, f), lines);
      if (text) parts.push(`--- ${node}/var/log/ganeti/${f} ---\n${text}`);
    }
  }
  return parts.join('\n');
}

/**
 * vcluster-guard for DIR: ends the cluster's processes and removes DIR when this process ends
 * without stop() (a test that timed out: ava runs no after.always hook then; a killed worker).
 * The guard waits on a pipe whose write end only this process holds (never inherited: Node opens
 * it close-on-exec), in a session of its own; release() tells it the cluster was stopped. The
 * pipe does not keep this process alive. Spawning it costs the test about a millisecond.
 */
function guard(dir: string): { release(): void } {
  let g: ChildProcess | null = spawn(VCLUSTER_GUARD, [dir], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  g.on('error', (e) => { console.error(`harness: vcluster-guard for ${dir} did not start: ${e.message}`); });
  g.stdin!.on('error', () => undefined);   // the guard exited (it was told, or killed)
  g.unref();
  (g.stdin as Socket).unref();
  return {
    release: () => { g?.stdin!.end('stopped\n'); g = null; },
  };
}

function describe(what: string, r: RunResult): string {
  return `${what} failed (exit code ${r.code})\nstdout:\n${r.stdout.trimEnd()}\nstderr:\n${r.stderr.trimEnd()}`;
}

export async function startVcluster(o: VclusterOptions): Promise<Vcluster> {
  // gnt-cluster init runs the bootstrap in ganeti-cluster-init.
  requirePrograms([...(o.programs ?? DEFAULT_PROGRAMS), 'ganeti-cluster-init']);
  const dir = mkdtempSync(join(tmpdir(), 'ganeti-vc-'));
  const guarded = guard(dir);
  const nodes = Array.from({ length: o.nodes }, (_, i) => `node${i + 1}`);
  const setupArgs = ['-c', String(o.nodes), '-p', o.prefix, ...(o.nodeMemory ? ['-m', o.nodeMemory] : []),
    ...(o.setupArgs ?? []), dir];
  let started = false;

  const vc: Vcluster = {
    dir,
    nodes,
    cmd: (node, args, opts = {}) => {
      if (!nodes.includes(node)) throw new Error(`no such node '${node}' in this virtual cluster (${nodes.join(', ')})`);
      return run(join(dir, node, 'cmd'), args, { ...opts, cwd: dir });
    },
    gnt: (args, opts) => vc.cmd('node1', args, opts),
    ok: async (t, args, opts) => {
      const r = await vc.cmd('node1', args, opts);
      if (r.code !== 0) t.fail(`${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}\n${vc.logs()}`);
      return r.stdout;
    },
    init: async () => {
      const r = await vc.gnt(['gnt-cluster', 'init', '--no-etc-hosts', '--no-ssh-init', '--master-netdev=lo',
        `--enabled-disk-templates=${o.templates ?? 'diskless,file'}`,
        `--enabled-hypervisors=${o.hypervisors ?? 'fake'}`,
        `--ipolicy-bounds-specs=${ISPECS}`, ...(o.initArgs ?? []), 'cluster'], { timeoutMs: 120_000 });
      if (r.code !== 0) throw new Error(`${describe('gnt-cluster init', r)}\n${vc.logs()}`);
      return r;
    },
    addNodes: async () => {
      for (const node of nodes.slice(1)) {
        const r = await vc.gnt(['gnt-node', 'add', '--no-ssh-key-check', node], { timeoutMs: 120_000 });
        if (r.code !== 0) throw new Error(`${describe(`gnt-node add ${node}`, r)}\n${vc.logs()}`);
      }
    },
    logs: () => collectLogs(dir, nodes),
    stop: async () => {
      if (started) {
        const r = await run(join(dir, 'stop-all'), [], { timeoutMs: 60_000 });
        if (r.code !== 0) console.error(describe('stop-all', r));
      }
      if (process.env.GANETI_KEEP_VCLUSTER === '1') console.error(`harness: keeping ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
      guarded.release();
    },
  };

  try {
    const setup = await run(VCLUSTER_SETUP, setupArgs);
    if (setup.code !== 0) throw new Error(describe(`vcluster-setup ${setupArgs.join(' ')}`, setup));
    started = true; // from here on stop() must run stop-all, even if start-all half failed
    const start = await run(join(dir, 'start-all'), [], { timeoutMs: 60_000 });
    if (start.code !== 0) throw new Error(`${describe('start-all', start)}\n${vc.logs()}`);
  } catch (err) {
    await vc.stop();
    throw err;
  }
  return vc;
}
