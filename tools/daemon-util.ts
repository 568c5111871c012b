// daemon-util: Ganeti's daemon control verbs (start/stop/restart/check DAEMON and the *-all
// forms). There is no init system on our machines (platform.md), so this is the
// supervisor: daemons are spawned detached and tracked only through their own pid files,
// which each daemon writes once it has bound its sockets. We only ever signal a pid read
// from such a file, and only if /proc says it still looks like that daemon (pid reuse).
import { isAlive } from '../daemons/common/process-alive.js';
import { spawn } from 'node:child_process';
import { closeSync, realpathSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths, type Paths } from '../daemons/common/paths.js';
import { getMasterNode } from '../daemons/common/ssconf.js';
import { findProgram as findOwnProgram, programDir } from './program-dir.js';

// nodeFlags: V8 settings per daemon. ganeti-noded is a small listener (daemons/noded/listener.ts)
// that hands connections to a worker process it starts on demand (the worker's own flags are
// in listener.ts): --lite-mode (interpreter only, no compilers) keeps the listener's
// compiled code out of memory, 0.3-0.4 MB measured (docs/scaling.md); it runs a few lines
// per connection. The worker runs without V8 flags (listener.ts, WORKER_FLAGS: a flag costs
// every start Node's code cache) and asks for gc() on demand (daemons/common/idle-gc.ts) to
// give memory back after bursts. It runs with V8's optimizing
// compilers: without them (--no-opt --no-maglev, the default until throughput round 6 in
// docs/scaling.md) it took 60 instead of 65 MB idle and 66 instead of 72 MB after 200 adds,
// but an idle noded is the listener alone (the worker retires), and with them the worker's
// CPU per add fell by a third and 1,000 adds ran 1.6-2x faster (docs/scaling.md, round 6).
// --lite-mode for the worker would save a few MB more, but measured side by side it made
// 1,000 instance adds 72% slower and a single add 65% slower (bench/cluster-bench.ts).
// mallocEnv: glibc malloc settings. With its defaults, the buffers of a burst (1 MB config
// uploads, TLS records) stay in per-thread arenas after they are freed, and the mmap
// threshold grows so large ones come from those arenas too; two arenas, a fixed 128 KiB
// mmap threshold and trim threshold give them back. Measured side by side in one
// 5-node run (600 adds): noded 5 s after the burst 78 MB instead of 85, idle 69 instead of 74.
interface DaemonInfo { short: string; argsKey: string; nodeFlags?: string[]; env?: Record<string, string> }
const NODED_FLAGS = ['--lite-mode', '--max-semi-space-size=1'];
const LEAN_MALLOC = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };
const DAEMONS: Record<string, DaemonInfo> = {
  'ganeti-noded': { short: 'noded', argsKey: 'NODED_ARGS', nodeFlags: NODED_FLAGS, env: LEAN_MALLOC },
  // masterd too: with glibc's defaults its brk heap held 135 MB with 10,000 instances on 50
  // nodes (live JS heap 30 MB); with LEAN_MALLOC 20 MB, RSS 280-300 -> ~200 MB (docs/scaling.md).
  // --expose-gc: one memory-reducing collection 3 s after the last request or node RPC
  // (common/idle-gc.ts): 179 -> 111 MB idle with 10,000 instances (docs/scaling.md).
  // --max-semi-space-size=4: a young generation of at most 2 x 4 MB instead of 2 x 16, so a
  // burst (lists, verifies, jobs) does not hold 32 MB of it: 154 -> 137 MB right after three
  // lists and verifies with 10,000 instances, and masterd's CPU per add unchanged (2.88-3.29
  // against 2.91-3.34 ms, batch-profile, docs/scaling.md round 10).
  // --heap-growing-percent=25: the next full collection when the old space has grown by a
  // quarter over what the last one left, instead of V8's factor of up to 4: right after five
  // shutdowns and startups with lists at 10,000 instances 166 -> 143 MB; CPU per add
  // unchanged (2.05-2.20 against 2.06-2.24 ms; 3.08 against 2.98 at 10,000 instances; round 11).
  'ganeti-masterd': { short: 'masterd', argsKey: 'MASTERD_ARGS', nodeFlags: ['--expose-gc', '--max-semi-space-size=2', '--heap-growing-percent=25'], env: LEAN_MALLOC },
  'ganeti-rapi': { short: 'rapi', argsKey: 'RAPI_ARGS' },
};
/** The daemons only the master runs (start-master/stop-master, master-failover): the one list. */
const MASTER_DAEMONS = ['ganeti-masterd', 'ganeti-rapi'];
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const USAGE = `Usage: daemon-util start|stop|restart|check DAEMON
       daemon-util start-all|stop-all|restart-all|status-all|start-master|stop-master
DAEMON is one of: ${Object.keys(DAEMONS).join(', ')}`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** KEY='value' / KEY="value" / KEY=value lines of etc/default/ganeti (shell syntax, no expansion). */
function parseDefaults(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!m) continue;
    const words = splitWords(m[2]!.replace(/\s+#.*$/, ''));
    vars.set(m[1]!, words.join(' '));
  }
  return vars;
}

/** Shell-like word splitting with single and double quotes (enough for *_ARGS values). */
function splitWords(s: string): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      cur = (cur ?? '') + s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    } else if (/\s/.test(c)) {
      if (cur !== null) words.push(cur);
      cur = null;
    } else {
      cur = (cur ?? '') + c;
    }
  }
  if (cur !== null) words.push(cur);
  return words;
}

// -f: daemon-util itself detaches the daemon and waits for its pid file, so the daemon
// must not fork again (its pid would then not be the child's).
function daemonArgs(paths: Paths, daemon: string): string[] {
  let text = '';
  try { text = readFileSync(paths.defaultsFile, 'utf8'); } catch { return ['-f']; }
  return ['-f', ...splitWords(parseDefaults(text).get(DAEMONS[daemon]!.argsKey) ?? '')];
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch { return null; }
}

/** Guards against a stale pid file naming a pid the kernel has since given to someone else. */
function looksLikeDaemon(pid: number, daemon: string): boolean {
  let cmdline: string;
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return true; }
  return cmdline.includes(daemon) || cmdline.includes(DAEMONS[daemon]!.short);
}

/** The pid of the running daemon, from its pid file, or null. */
function runningPid(paths: Paths, daemon: string): number | null {
  const pid = readPid(paths.pidFile(daemon));
  return pid !== null && isAlive(pid) && looksLikeDaemon(pid, daemon) ? pid : null;
}

/** Our own build of the daemon (tools/program-dir.ts), by absolute path; never PATH. */
function findProgram(daemon: string): string | null {
  return findOwnProgram(daemon, import.meta.url);
}

function outFile(paths: Paths, daemon: string): string {
  return paths.logFile(DAEMONS[daemon]!.short) + '.out';
}

function tail(file: string, from: number, lines = 20): string {
  try {
    const text = readFileSync(file).subarray(from).toString('utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch { return ''; }
}

async function start(paths: Paths, daemon: string): Promise<boolean> {
  const existing = runningPid(paths, daemon);
  if (existing !== null) {
    console.log(`${daemon} already running (pid ${existing})`);
    return true;
  }
  const program = findProgram(daemon);
  if (!program) {
    console.error(`${daemon}: program not found in ${programDir(import.meta.url)} (run npm run build; daemons are never looked up on PATH)`);
    return false;
  }
  mkdirSync(paths.runDir, { recursive: true });
  mkdirSync(paths.logDir, { recursive: true });
  const out = outFile(paths, daemon);
  let offset = 0;
  try { offset = statSync(out).size; } catch { /* new file */ }
  const fd = openSync(out, 'a', 0o640);
  const args = daemonArgs(paths, daemon);
  // Detached in its own session, stdio on a file: the daemon must outlive this command and
  // the terminal or test that ran it. cwd '/' so it pins no directory a test may remove.
  // Only our bundles take node flags (tests put stand-in scripts in GANETI_PROGRAM_DIR).
  const flags = /\.[cm]?js$/.test(realpathSync(program)) ? DAEMONS[daemon]!.nodeFlags ?? [] : [];
  const [file, argv] = flags.length ? [process.execPath, [...flags, program, ...args]] : [program, args];
  const child = spawn(file, argv, { detached: true, stdio: ['ignore', fd, fd], cwd: '/', env: { ...DAEMONS[daemon]!.env, ...process.env } });
  closeSync(fd);
  let exited: string | null = null;
  child.on('exit', (code, signal) => { exited = signal ? `killed by ${signal}` : `exit code ${code}`; });
  child.on('error', (err) => { exited = err.message; });
  child.unref();

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.pid !== undefined && readPid(paths.pidFile(daemon)) === child.pid) {
      console.log(`${daemon} started (pid ${child.pid})`);
      return true;
    }
    if (exited !== null) {
      // Lost a race with a concurrent start: the other one is running, which is what we want.
      const other = runningPid(paths, daemon);
      if (other !== null) {
        console.log(`${daemon} already running (pid ${other})`);
        return true;
      }
      console.error(`${daemon} failed to start (${exited}); output (${out}):\n${tail(out, offset)}`);
      return false;
    }
    await sleep(25);
  }
  console.error(`${daemon} did not write its pid file ${paths.pidFile(daemon)} within ${START_TIMEOUT_MS / 1000} s; ` +
    `stopping it. Output (${out}):\n${tail(out, offset)}`);
  if (child.pid !== undefined && exited === null) {
    try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  return false;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(25);
  }
  return !isAlive(pid);
}

async function stop(paths: Paths, daemon: string): Promise<boolean> {
  const pidFile = paths.pidFile(daemon);
  const pid = runningPid(paths, daemon);
  if (pid === null) {
    if (existsSync(pidFile)) {
      try { unlinkSync(pidFile); } catch { /* raced with its owner */ }
    }
    console.log(`${daemon} not running`);
    return true;
  }
  try { process.kill(pid, 'SIGTERM'); } catch { /* exited meanwhile */ }
  let gone = await waitGone(pid, STOP_TIMEOUT_MS);
  if (!gone) {
    console.error(`${daemon} (pid ${pid}) ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; sending SIGKILL`);
    try { process.kill(pid, 'SIGKILL'); } catch { /* exited meanwhile */ }
    gone = await waitGone(pid, 2000);
  }
  // A daemon removes its own pid file on a clean exit; after a SIGKILL we do it.
  if (readPid(pidFile) === pid) {
    try { unlinkSync(pidFile); } catch { /* already removed */ }
  }
  if (!gone) {
    console.error(`${daemon} (pid ${pid}) is still running after SIGKILL`);
    return false;
  }
  console.log(`${daemon} stopped`);
  return true;
}

/** The daemons that run on the master only, in start order (stopped in reverse). */

/** Which daemons this node should run: noded once it joined a cluster, the rest on the master. */
function wanted(paths: Paths): Map<string, boolean> {
  const master = getMasterNode(paths);
  const isMaster = master !== null && (master === paths.hostname || master.split('.')[0] === paths.hostname);
  return new Map([
    ['ganeti-noded', existsSync(paths.serverCertFile)],
    ...masterDaemons().map((d): [string, boolean] => [d, isMaster]),
  ]);
}

/** The master daemons this node has: a node installed without the RAPI (a minimal virtual
 * cluster, an admin who left it out) runs masterd alone. */
function masterDaemons(): string[] {
  return MASTER_DAEMONS.filter((d) => d === 'ganeti-masterd' || findProgram(d) !== null);
}

/** Ganeti's start-master: only on the node ssconf names as master (masterd refuses otherwise too). */
async function startMaster(paths: Paths): Promise<boolean> {
  if (!wanted(paths).get('ganeti-masterd')) {
    console.error(`daemon-util: this node (${paths.hostname}) is not the master (ssconf names '${getMasterNode(paths) ?? 'none'}')`);
    return false;
  }
  let ok = true;
  for (const d of masterDaemons()) ok = (await start(paths, d)) && ok;
  return ok;
}

async function stopMaster(paths: Paths): Promise<boolean> {
  let ok = true;
  for (const d of [...MASTER_DAEMONS].reverse()) ok = (await stop(paths, d)) && ok;
  return ok;
}

async function startAll(paths: Paths): Promise<boolean> {
  let ok = true;
  for (const [daemon, want] of wanted(paths)) {
    if (want) ok = (await start(paths, daemon)) && ok;
  }
  return ok;
}

async function stopAll(paths: Paths): Promise<boolean> {
  let ok = true;
  // Master daemons first: they call the node daemons while shutting down.
  for (const daemon of [...MASTER_DAEMONS].reverse().concat('ganeti-noded')) ok = (await stop(paths, daemon)) && ok;
  return ok;
}

function statusAll(paths: Paths): boolean {
  let ok = true;
  for (const [daemon, want] of wanted(paths)) {
    const pid = runningPid(paths, daemon);
    if (pid !== null) console.log(`${daemon}: running (pid ${pid})`);
    else if (want) { console.log(`${daemon}: stopped, but should run`); ok = false; }
    else console.log(`${daemon}: stopped`);
  }
  return ok;
}

async function main(argv: string[]): Promise<number> {
  const [verb, daemon, ...rest] = argv;
  const needsDaemon = ['start', 'stop', 'restart', 'check'].includes(verb ?? '');
  const allVerb = ['start-all', 'stop-all', 'restart-all', 'status-all', 'start-master', 'stop-master'].includes(verb ?? '');
  if (!needsDaemon && !allVerb) {
    console.error(verb ? `daemon-util: unknown command '${verb}'\n${USAGE}` : USAGE);
    return 1;
  }
  if (needsDaemon && (!daemon || !DAEMONS[daemon] || rest.length)) {
    console.error(daemon && !DAEMONS[daemon]
      ? `daemon-util: unknown daemon '${daemon}'; expected one of ${Object.keys(DAEMONS).join(', ')}`
      : USAGE);
    return 1;
  }
  if (allVerb && daemon !== undefined) {
    console.error(`daemon-util: ${verb} takes no arguments\n${USAGE}`);
    return 1;
  }
  let paths: Paths;
  try { paths = resolvePaths(process.env); } catch (err) {
    console.error(`daemon-util: ${(err as Error).message}`);
    return 1;
  }
  switch (verb) {
    case 'start': return (await start(paths, daemon!)) ? 0 : 1;
    case 'stop': return (await stop(paths, daemon!)) ? 0 : 1;
    case 'restart': return (await stop(paths, daemon!)) && (await start(paths, daemon!)) ? 0 : 1;
    case 'check': {
      const pid = runningPid(paths, daemon!);
      console.log(pid !== null ? `${daemon}: running (pid ${pid})` : `${daemon}: stopped`);
      return pid !== null ? 0 : 1;
    }
    case 'start-all': return (await startAll(paths)) ? 0 : 1;
    case 'stop-all': return (await stopAll(paths)) ? 0 : 1;
    case 'start-master': return (await startMaster(paths)) ? 0 : 1;
    case 'stop-master': return (await stopMaster(paths)) ? 0 : 1;
    case 'restart-all': return (await stopAll(paths)) && (await startAll(paths)) ? 0 : 1;
    default: return statusAll(paths) ? 0 : 1;
  }
}

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
