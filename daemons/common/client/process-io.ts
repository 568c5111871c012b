// What every client program does with its own process: connect to this node's master
// socket, end quietly when the reader of its output goes away, and exit only once its
// output is flushed.
import type { MasterApi } from './master-api.js';

/**
 * The master of this node's cluster, at the socket its paths name (env: GANETI_* overrides).
 * On a virtual cluster every node shares this machine, so a command run on another node
 * reaches the master ssconf names (as a user logged into the master would), also after a
 * master failover; on a real cluster a non-master has no master socket and says so.
 */
export async function connectLocalMaster(env: Record<string, string | undefined>): Promise<MasterApi> {
  const [{ resolvePaths }, { connectMaster }, { getMasterNode }] =
    await Promise.all([import('../paths.js'), import('./master-client.js'), import('../ssconf.js')]);
  const paths = resolvePaths(env);
  const master = paths.clusterDir ? getMasterNode(paths) : null;
  const target = master && master !== paths.hostname ? paths.forNode(master) : paths;
  return connectMaster(target.masterSocket);
}

/** What a client program takes from its own process: output lines, the environment, the master. */
export interface ClientProcessIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  connectMaster(): Promise<MasterApi>;
}

// stdout lines are gathered and written together at the end of the current turn: a list of
// 10,000 instances is one write instead of 10,000 (a write to a pipe is a system call of its
// own: 159 ms against 59 ms, bench/list-format.ts). Before anything goes to stderr, and at
// exit, what is gathered is written first, so the two streams keep their order.
let pendingOut: string[] = [];
let flushScheduled = false;

function flushOut(): void {
  flushScheduled = false;
  if (!pendingOut.length) return;
  const text = pendingOut.join('');
  pendingOut = [];
  process.stdout.write(text);
}

/** The real process's side of a client program: stdout/stderr lines (quiet on a broken
 * pipe), process.env, this node's master. */
export function clientProcessIo(): ClientProcessIo {
  quietOnBrokenPipe(process.stdout);
  quietOnBrokenPipe(process.stderr);
  process.on('exit', flushOut);
  return {
    out: (line) => {
      pendingOut.push(`${line}\n`);
      if (!flushScheduled) { flushScheduled = true; setImmediate(flushOut); }
    },
    err: (line) => { flushOut(); process.stderr.write(`${line}\n`); },
    env: process.env,
    connectMaster: () => connectLocalMaster(process.env),
  };
}

/** A reader that went away (`gnt-job list | head`) ends us quietly, as SIGPIPE ends other
 * Unix tools (exit 141), instead of an unhandled EPIPE error and a stack trace. */
export function quietOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(141);
    throw err;
  });
}

/**
 * Exits once stdout and stderr have handed everything to the OS. process.exit() right
 * after writing drops output still queued for a pipe whose reader is slower than us
 * (a long `gnt-job list | …` lost lines).
 */
export async function exitAfterFlush(code: number): Promise<never> {
  flushOut();
  const flush = (s: NodeJS.WriteStream) => new Promise<void>((resolve) => {
    if (s.writableLength === 0) resolve(); else s.write('', () => resolve());
  });
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}
