// ganeti-noded [-b ADDRESS] [-p PORT] [-f] [-d] [--no-mlock]: the node daemon's resident
// process. It binds the port, writes the pid file and hands every accepted connection, as
// it is, to a worker process (main.ts: TLS, HTTP/2, authorization, the backends), which it
// starts when a connection comes and no worker runs; the worker asks to retire after a few
// idle seconds. As Ganeti's noded forks a child per request, the long-lived part of the
// daemon stays small: this file is bundled as CommonJS (tools/build/bundle.mjs) and loads
// no module beyond fs, and not even net or child_process: it uses the runtime's TCP,
// pipe and process handles directly (process.binding), which is what keeps it at the
// memory of a bare Node process (docs/scaling.md, "noded: a listener and a worker").
// It reads no certificate and answers no request: a connection reaches the worker
// unread, and the worker checks the caller's certificate as noded always has.
//
// Messages on the IPC channel (one JSON object a line, Node's IPC framing, so the worker
// uses process.send / process.on('message')):
//   worker -> listener: {ganeti:'ready', address, port, pidFile, logFile} | {ganeti:'failed', message}
//                       | {ganeti:'idle'} | {ganeti:'leave'}
//   listener -> worker: a connection (Node's NODE_HANDLE message) | {ganeti:'retire'}
import { appendFileSync, closeSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

type Handle = any;
const binding = (name: string): any => (process as any).binding(name);
const { TCP, constants: TCPConstants } = binding('tcp_wrap');
const { Pipe, constants: PipeConstants } = binding('pipe_wrap');
const { Process } = binding('process_wrap');
const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = binding('stream_wrap');

const PROGRAM = 'ganeti-noded';
const NOTIFY_FD_ENV = 'GANETI_NOTIFY_FD';
/** The worker's V8 settings: none. Any V8 flag makes Node's start ignore its built-in code
 * cache, and the worker starts at the first call after every idle period: --expose-gc and
 * --max-semi-space-size=1 cost 16 ms of CPU per start (a cold verify on 50 nodes 2.4-2.7 ->
 * 1.9-2.3 s) for 0-5 MB less at the peak of a 200-add burst (docs/scaling.md, round 16). gc()
 * comes on demand (common/idle-gc.ts, exposeGcWhenIdle). */
const WORKER_FLAGS: string[] = [];
const STOP_GRACE_MS = 10_000;
const UV_EOF = -4095;

/** The node daemon's log file, once the first worker has named it. */
let logFile: string | null = null;

// A line in the daemon's log, in log.ts's format; straight to the file or to fd 2 (before
// the log is known), since process.stderr would load Node's stream modules.
function say(line: string, level = 'INFO'): void {
  try {
    if (logFile) appendFileSync(logFile, `${new Date().toISOString()} noded ${level} ${line} (listener)\n`);
    else writeSync(2, `${PROGRAM}[${process.pid}]: ${line}\n`);
  } catch { /* nowhere to write */ }
}

function fail(message: string): never {
  notifyParent(`${message}\n`);
  try { writeSync(2, `${PROGRAM}: ${message}\n`); } catch { /* no stderr */ }
  process.exit(1);
}

/** Foreground (-f / --foreground), also inside grouped short options such as -fd; -b and
 * -p take the next word. The worker parses and checks the whole command line. */
function isForeground(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--foreground') return true;
    if (a === '--') return false;
    if (/^-[a-z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'f') return true;
        if (c === 'b' || c === 'p') { if (a.endsWith(c)) i++; break; }
      }
    }
  }
  return false;
}

/** Environment as the process handle wants it. */
function envPairs(extra: Record<string, string>): string[] {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  if (!(NOTIFY_FD_ENV in extra)) delete env[NOTIFY_FD_ENV];
  return Object.entries(env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
}

/** Calls onLine for every line read from a pipe handle; onEnd at its end. */
function readLines(pipe: Handle, onLine: (line: string) => void, onEnd: () => void): void {
  let pending = '';
  pipe.onread = (ab: ArrayBuffer) => {
    const n: number = streamBaseState[kReadBytesOrError];
    if (n < 0) { if (n === UV_EOF || n < 0) onEnd(); return; }
    if (n === 0) return;
    pending += Buffer.from(ab, streamBaseState[kArrayBufferOffset], n).toString('utf8');
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line) onLine(line);
    }
  };
  pipe.readStart();
}

/** Writes one IPC message, with a handle to pass along; done() once it is on its way. */
function writeMessage(pipe: Handle, msg: unknown, handle: Handle | undefined, done: (err: number) => void): void {
  const req = new WriteWrap();
  req.handle = pipe;
  req.async = false;
  req.oncomplete = (status: number) => done(status);
  const err: number = pipe.writeUtf8String(req, `${JSON.stringify(msg)}\n`, handle);
  if (err) done(err);
  else if (!streamBaseState[kLastWriteWasAsync]) done(0);
}

interface Worker {
  proc: Handle;
  ipc: Handle;
  ready: boolean;
  /** Connections accepted before the worker was ready, handed over when it is. */
  queue: Handle[];
  exited: Promise<void>;
}

/** Parent side of daemonizing: start ourselves with -f and relay the child's start-up verdict. */
function daemonize(): void {
  const pipe = new Pipe(PipeConstants.SOCKET);
  const proc = new Process();
  const err: number = proc.spawn({
    file: process.execPath, args: [process.execPath, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '-f'],
    envPairs: envPairs({ [NOTIFY_FD_ENV]: '3' }), cwd: process.cwd(), detached: true, windowsHide: false,
    stdio: [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }, { type: 'pipe', handle: pipe }],
  });
  if (err) fail(`cannot start the daemon: error ${err}`);
  proc.onexit = () => proc.close();
  let verdict = '';
  readLines(pipe, (l) => { verdict += `${l}\n`; }, () => {
    if (verdict.startsWith('ok')) process.exit(0);
    fail(verdict.trim() || 'the daemon exited during start-up');
  });
  proc.unref();
}

function notifyParent(message: string): void {
  const fd = Number(process.env[NOTIFY_FD_ENV]);
  if (!Number.isInteger(fd) || fd <= 0) return;
  try { writeSync(fd, message); closeSync(fd); } catch { /* parent gone */ }
  delete process.env[NOTIFY_FD_ENV];
}

function run(args: string[]): void {
  const workerProgram = join(__dirname, 'ganeti-noded-worker.cjs');
  let current: Worker | null = null;
  const running = new Set<Worker>();
  let server: Handle | null = null;
  let pidFile: string | null = null;
  let stopping = false;

  const startWorker = (first: boolean): Worker => {
    const ipc = new Pipe(PipeConstants.IPC);
    const proc = new Process();
    const env: Record<string, string> = { NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' };
    if (first) env.GANETI_NODED_FIRST = '1';
    const err: number = proc.spawn({
      file: process.execPath, args: [process.execPath, ...WORKER_FLAGS, workerProgram, ...args],
      envPairs: envPairs(env), cwd: '/', detached: false, windowsHide: false,
      stdio: [{ type: 'ignore' }, { type: 'fd', fd: 1 }, { type: 'fd', fd: 2 }, { type: 'pipe', handle: ipc, ipc: true }],
    });
    let exited!: () => void;
    const w: Worker = { proc, ipc, ready: false, queue: [], exited: new Promise<void>((r) => { exited = r; }) };
    if (err) {
      say(`cannot start the worker ${workerProgram}: error ${err}`, 'ERROR');
      ipc.close();
      exited();
      return w;
    }
    running.add(w);
    proc.onexit = (code: number, signal: string) => {
      running.delete(w);
      proc.close();
      ipc.close();
      for (const h of w.queue) h.close();
      w.queue.length = 0;
      if (current === w) {
        current = null;
        if (!stopping) say(`the worker (pid ${proc.pid}) ended unexpectedly (${signal || `exit code ${code}`})`, 'ERROR');
      }
      exited();
      if (!w.ready && first) fail('the worker ended during start-up (see above)');
    };
    readLines(ipc, (line) => onMessage(w, line, first), () => undefined);
    return w;
  };

  const pass = (w: Worker, h: Handle) => {
    writeMessage(w.ipc, { cmd: 'NODE_HANDLE', type: 'net.Native', msg: { ganeti: 'connection' } }, h, (e) => {
      if (e) say(`could not hand a connection to the worker: error ${e}`, 'ERROR');
      h.close();
    });
  };

  const onMessage = (w: Worker, line: string, first: boolean) => {
    let msg: { ganeti?: string; address?: string; port?: number; pidFile?: string; logFile?: string; message?: string };
    try { msg = JSON.parse(line) as typeof msg; } catch { return; }
    switch (msg.ganeti) {
      case 'ready':
        w.ready = true;
        if (first) { logFile = msg.logFile ?? null; listen(msg.address!, msg.port!, msg.pidFile!); }
        for (const h of w.queue.splice(0)) pass(w, h);
        break;
      case 'failed':
        if (first) fail(msg.message ?? 'the worker could not start');
        say(`the worker could not start: ${msg.message}`, 'ERROR');
        break;
      case 'idle':
        // From now on new connections start a new worker; this one finishes and ends.
        if (current === w && !w.queue.length) {
          current = null;
          writeMessage(w.ipc, { ganeti: 'retire' }, undefined, () => undefined);
        }
        break;
      case 'leave':
        void shutdown('node left the cluster');
        break;
      default:
        break;     // Node's own IPC messages (NODE_HANDLE_ACK)
    }
  };

  const listen = (address: string, port: number, pid: string) => {
    const tcp = new TCP(TCPConstants.SERVER);
    const v6 = address.includes(':');
    let err: number = v6 ? tcp.bind6(address, port, 0) : tcp.bind(address, port);
    if (!err) err = tcp.listen(511);
    if (err) {
      tcp.close();
      const { getSystemErrorName } = require('node:util') as typeof import('node:util');
      failStart(`Cannot listen on ${address}:${port}: ${getSystemErrorName(err)}`);
      return;
    }
    tcp.onconnection = (e: number, h: Handle) => {
      if (e || !h) return;
      if (stopping) { h.close(); return; }
      current ??= startWorker(false);
      if (current.ready) pass(current, h);
      else current.queue.push(h);
    };
    server = tcp;
    const tmp = `${pid}.tmp-${process.pid}`;
    writeFileSync(tmp, `${process.pid}\n`, { mode: 0o644 });
    renameSync(tmp, pid);
    pidFile = pid;
    const bound: { port?: number } = {};
    tcp.getsockname(bound);
    say(`listening on ${address}:${bound.port ?? port}, connections served by worker processes`);
    notifyParent('ok\n');
  };

  const failStart = (message: string) => {
    stopping = true;
    for (const w of running) w.proc.kill(15);
    void Promise.all([...running].map((w) => w.exited)).then(() => fail(message));
  };

  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    say(`shutting down (${why})`);
    server?.close();
    current = null;
    for (const w of running) w.proc.kill(15);
    const force = setTimeout(() => { for (const w of running) w.proc.kill(9); }, STOP_GRACE_MS);
    await Promise.all([...running].map((w) => w.exited));
    clearTimeout(force);
    try { if (pidFile && parseInt(readFileSync(pidFile, 'utf8'), 10) === process.pid) unlinkSync(pidFile); } catch { /* gone */ }
    process.exit(0);
  };
  process.on('SIGTERM', () => { void shutdown('SIGTERM'); });
  process.on('SIGINT', () => { void shutdown('SIGINT'); });

  // The first worker checks the command line and the node (in a cluster, no other noded),
  // cleans up after a daemon that died, and says where to listen.
  current = startWorker(true);
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help') || !isForeground(args)) {
  if (args.includes('-h') || args.includes('--help')) {
    writeSync(1, `Usage: ${PROGRAM} [-b ADDRESS] [-p PORT] [-f] [-d] [--no-mlock]\n`);
    process.exit(0);
  }
  daemonize();
} else {
  run(args);
}
