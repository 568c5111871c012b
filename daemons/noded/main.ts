// ganeti-noded-worker: the node daemon's worker process, started by ganeti-noded's listener
// (listener.ts) with the daemon's command line, which it checks. It serves the connections
// the listener hands it (TLS with the caller's certificate checked, HTTP/2, the NodeDaemon
// service) and asks to retire once it has been idle for a few seconds, so that between
// bursts only the small listener stays. The first worker of a daemon also does the
// start-up work: refuses a second noded, clears what a daemon that died left behind.
import { mkdirSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { NODED_PORT } from '../common/constants.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths, type Paths } from '../common/paths.js';
import { startNoded } from './server.js';
import { watchingHypervisors } from '../hypervisor/registry.js';
import { killOrphanedScripts } from './orphans.js';
import { isAlive } from '../common/process-alive.js';
import { removeStaleTransfers } from './backend/export.js';
import { exposeGcWhenIdle } from '../common/idle-gc.js';

const PROGRAM = 'ganeti-noded';
const USAGE = `Usage: ${PROGRAM} [-b ADDRESS] [-p PORT] [-f] [-d] [--no-mlock]`;
const SHUTDOWN_GRACE_MS = 5000;
/** Idle this long (no call in flight or started), the worker asks to retire. */
const IDLE_MS = 5000;
/** A retiring worker lets calls that still arrive finish: at most this long. */
const RETIRE_GRACE_MS = 3_600_000;

type ToListener = { ganeti: 'ready'; address: string; port: number; pidFile: string; logFile: string } | { ganeti: 'failed'; message: string }
  | { ganeti: 'idle' } | { ganeti: 'leave' };

function tell(msg: ToListener): void { process.send?.(msg); }

/** The listener reports it on stderr (and relays it to a daemonizing parent). */
function fail(message: string): never {
  if (process.send) tell({ ganeti: 'failed', message });
  else process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(1);
}

function parseCommandLine(argv: string[]): { bind?: string; port: number; foreground: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bind: { type: 'string', short: 'b' },
        port: { type: 'string', short: 'p' },
        foreground: { type: 'boolean', short: 'f' },
        debug: { type: 'boolean', short: 'd' },
        'no-mlock': { type: 'boolean' },     // accepted for Ganeti compatibility; Node cannot mlock
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) { process.stdout.write(`${USAGE}\n`); process.exit(0); }
  let port = NODED_PORT;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) fail(`invalid port '${values.port}': expected 0-65535\n${USAGE}`);
  }
  return { ...(values.bind ? { bind: values.bind } : {}), port, foreground: values.foreground ?? false };
}

/** Another live noded owns this node's pid file? (Our own listener is our parent.) */
function runningPid(pidFile: string): number | null {
  let pid: number;
  try { pid = parseInt(readFileSync(pidFile, 'utf8'), 10); } catch { return null; }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.ppid) return null;
  // A killed daemon nobody reaped yet (a zombie) answers signal 0 but runs no more.
  return isAlive(pid) ? pid : null;
}

async function runWorker(paths: Paths, bind: string | undefined, port: number, first: boolean): Promise<void> {
  const logger = createLogger('noded');
  mkdirSync(paths.logDir, { recursive: true, mode: 0o750 });
  mkdirSync(paths.runDir, { recursive: true, mode: 0o755 });
  setLogFile(paths.logFile('node-daemon'));
  // Memory back after a burst without --expose-gc on our command line (listener.ts, WORKER_FLAGS).
  exposeGcWhenIdle();
  process.on('uncaughtException', (err) => logger.error(`uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => logger.error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));

  const pidFile = paths.pidFile(PROGRAM);
  if (first) {
    const other = runningPid(pidFile);
    if (other) throw new Error(`${PROGRAM} is already running on this node (pid ${other}, ${pidFile})`);
    // Before serving: scripts of a previous daemon that died belong to no request any more.
    killOrphanedScripts(paths, logger);
    const partial = removeStaleTransfers(paths);
    if (partial) logger.info(`removed ${partial} leftovers of interrupted disk transfers`);
  }
  let stopping = false;
  const stop = async (why: string, graceMs: number) => {
    if (stopping) return;
    stopping = true;
    logger.debug(`worker ${process.pid} ending (${why})`);
    await server.close(graceMs);
    process.exit(0);
  };
  const server = await startNoded({
    paths, ...(bind ? { address: bind } : {}), port, logger, listen: false,
    onLeaveCluster: () => tell({ ganeti: 'leave' }),
  });
  process.on('message', (msg: { ganeti?: string }, handle: unknown) => {
    if (handle) {
      // A connection the listener accepted: ours from here on, TLS and all.
      if (stopping) { new Socket({ handle } as never).destroy(); return; }
      server.accept(new Socket({ handle, readable: true, writable: true } as never));
    } else if (msg.ganeti === 'retire') {
      void stop('idle', RETIRE_GRACE_MS);
    }
  });
  // The listener is gone without stopping us first (kill -9, a crash): the daemon died, and
  // its worker with it, at once, as one process did; what a call had started (an OS script
  // in its own process group) is left to the next daemon's start-up cleanup (orphans.ts).
  process.on('disconnect', () => { if (!stopping) process.exit(1); });
  process.on('SIGTERM', () => { void stop('SIGTERM', SHUTDOWN_GRACE_MS); });
  process.on('SIGINT', () => { void stop('SIGINT', SHUTDOWN_GRACE_MS); });
  // Idle: nothing in flight, nothing started for IDLE_MS, and no hypervisor driver watching
  // running instances (kvm's QMP connections see guests power off; they stay with us).
  let asked = false;
  setInterval(() => {
    const a = server.activity();
    if (asked || stopping || a.calls || performance.now() - a.lastMs < IDLE_MS || watchingHypervisors(paths)) return;
    asked = true;
    tell({ ganeti: 'idle' });
  }, 1000);
  tell({ ganeti: 'ready', address: server.address, port: server.port, pidFile, logFile: paths.logFile('node-daemon') });
}

async function main(): Promise<void> {
  if (!process.send) fail(`this is the worker of ${PROGRAM}, started by it; run ${PROGRAM} instead`);
  const opts = parseCommandLine(process.argv.slice(2));
  let paths: Paths;
  try { paths = resolvePaths(process.env); } catch (err) { fail((err as Error).message); }
  const first = process.env.GANETI_NODED_FIRST === '1';
  delete process.env.GANETI_NODED_FIRST;
  try {
    await runWorker(paths, opts.bind, opts.port, first);
  } catch (err) {
    fail((err as Error).message);
  }
}

void main();
