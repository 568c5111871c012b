// ganeti-noded [-b ADDRESS] [-p PORT] [-f] [-d] [--no-mlock]
// Without -f it daemonizes like Ganeti's daemons: the parent waits until the child has bound
// its port (or failed) and exits 0 or 1 accordingly, so init scripts see start-up errors.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { atomicWrite } from '../common/atomic-file.js';
import { NODED_PORT } from '../common/constants.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths, type Paths } from '../common/paths.js';
import { startNoded, type NodedServer } from './server.js';
import { killOrphanedScripts } from './orphans.js';
import { isAlive } from '../common/process-alive.js';
import { removeStaleTransfers } from './backend/export.js';

const PROGRAM = 'ganeti-noded';
const USAGE = `Usage: ${PROGRAM} [-b ADDRESS] [-p PORT] [-f] [-d] [--no-mlock]`;
const NOTIFY_FD_ENV = 'GANETI_NOTIFY_FD';
const SHUTDOWN_GRACE_MS = 5000;

function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
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

/** Another live noded owns this node's pid file? */
function runningPid(pidFile: string): number | null {
  let pid: number;
  try { pid = parseInt(readFileSync(pidFile, 'utf8'), 10); } catch { return null; }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  // A killed daemon nobody reaped yet (a zombie) answers signal 0 but runs no more.
  return isAlive(pid) ? pid : null;
}

/** Parent side of daemonizing: start ourselves with -f and relay the child's start-up verdict. */
function daemonize(): void {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '-f'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    env: { ...process.env, [NOTIFY_FD_ENV]: '3' },
  });
  child.once('error', (err) => fail(`cannot start the daemon: ${err.message}`));
  let verdict = '';
  const pipe = child.stdio[3] as NodeJS.ReadableStream;
  pipe.setEncoding('utf8');
  pipe.on('data', (d: string) => { verdict += d; });
  pipe.on('end', () => {
    if (verdict.startsWith('ok')) { child.unref(); process.exit(0); }
    fail(verdict.trim() || 'the daemon exited during start-up');
  });
}

function notifyParent(message: string): void {
  const fd = Number(process.env[NOTIFY_FD_ENV]);
  if (!Number.isInteger(fd) || fd <= 0) return;
  try { writeSync(fd, message); closeSync(fd); } catch { /* parent gone */ }
  delete process.env[NOTIFY_FD_ENV];
}

async function runDaemon(paths: Paths, bind: string | undefined, port: number): Promise<void> {
  const logger = createLogger('noded');
  mkdirSync(paths.logDir, { recursive: true, mode: 0o750 });
  mkdirSync(paths.runDir, { recursive: true, mode: 0o755 });
  setLogFile(paths.logFile('node-daemon'));
  process.on('uncaughtException', (err) => logger.error(`uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => logger.error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));

  const pidFile = paths.pidFile(PROGRAM);
  const other = runningPid(pidFile);
  if (other) throw new Error(`${PROGRAM} is already running on this node (pid ${other}, ${pidFile})`);

  let server: NodedServer | null = null;
  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`shutting down (${why})`);
    await server?.close(SHUTDOWN_GRACE_MS);
    try { if (parseInt(readFileSync(pidFile, 'utf8'), 10) === process.pid) unlinkSync(pidFile); } catch { /* gone */ }
    process.exit(0);
  };
  // Before serving: scripts of a previous daemon that died belong to no request any more.
  killOrphanedScripts(paths, logger);
  const partial = removeStaleTransfers(paths);
  if (partial) logger.info(`removed ${partial} leftovers of interrupted disk transfers`);
  server = await startNoded({
    paths, ...(bind ? { address: bind } : {}), port, logger,
    onLeaveCluster: () => { void shutdown('node left the cluster'); },
  });
  await atomicWrite(pidFile, `${process.pid}\n`, { mode: 0o644 });
  process.on('SIGTERM', () => { void shutdown('SIGTERM'); });
  process.on('SIGINT', () => { void shutdown('SIGINT'); });
}

async function main(): Promise<void> {
  const opts = parseCommandLine(process.argv.slice(2));
  let paths: Paths;
  try { paths = resolvePaths(process.env); } catch (err) { fail((err as Error).message); }
  if (!opts.foreground) { daemonize(); return; }
  try {
    await runDaemon(paths, opts.bind, opts.port);
    notifyParent('ok\n');
  } catch (err) {
    notifyParent(`${(err as Error).message}\n`);
    fail((err as Error).message);
  }
}

void main();
