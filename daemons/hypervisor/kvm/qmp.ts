// A small QMP client: line-delimited JSON over a Unix socket, commands correlated by id,
// asynchronous events delivered to listeners. qemu speaks first (the greeting), the client
// must negotiate capabilities before any command (Ganeti's QmpConnection does the same).
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { HypervisorError } from '../../common/errors.js';

export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
}

/** An error reply of qemu to a command (its "class" and "desc"). */
export class QmpCommandError extends HypervisorError {
  constructor(readonly command: string, readonly errorClass: string, desc: string) {
    super(`QMP command '${command}' failed: ${errorClass}: ${desc}`);
  }
}

export interface QmpCallOptions { timeoutMs?: number; signal?: AbortSignal }

interface Pending {
  command: string;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout;
  onAbort?: () => void;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** A line longer than this is not QMP: drop the connection rather than buffer without end. */
const MAX_LINE = 16 * 1024 * 1024;

export declare interface QmpClient {
  on(event: 'event', listener: (ev: QmpEvent) => void): this;
  on(event: 'close', listener: (err: Error | null) => void): this;
  once(event: 'close', listener: (err: Error | null) => void): this;
}

export class QmpClient extends EventEmitter {
  private readonly pending = new Map<string, Pending>();
  private buf = '';
  private nextId = 1;
  private greeting: Record<string, unknown> | null = null;
  private greeted: ((g: Record<string, unknown>) => void) | null = null;
  private closedWith: Error | null = null;
  closed = false;

  private constructor(private readonly sock: Socket, readonly path: string) {
    super();
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => this.onData(chunk));
    sock.on('error', (err) => this.shutdown(new HypervisorError(`QMP connection to ${path} failed: ${err.message}`)));
    sock.on('close', () => this.shutdown(null));
  }

  /** Connects, waits for the greeting and negotiates capabilities. */
  static async connect(path: string, opts: QmpCallOptions = {}): Promise<QmpClient> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const sock = createConnection({ path });
    const client = new QmpClient(sock, path);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new HypervisorError(`No QMP greeting on ${path} within ${timeoutMs} ms`)), timeoutMs);
        const fail = (err: Error | null) => {
          clearTimeout(timer);
          reject(err ?? new HypervisorError(`QMP connection to ${path} closed before the greeting`));
        };
        client.once('close', fail);
        client.greeted = () => { clearTimeout(timer); client.off('close', fail); resolve(); };
        if (opts.signal) {
          if (opts.signal.aborted) fail(new HypervisorError(`QMP connect to ${path} aborted`));
          opts.signal.addEventListener('abort', () => fail(new HypervisorError(`QMP connect to ${path} aborted`)), { once: true });
        }
      });
      await client.execute('qmp_capabilities', undefined, opts);
    } catch (err) {
      client.close();
      throw err;
    }
    return client;
  }

  /** The server's greeting (version and capabilities). */
  get serverInfo(): Record<string, unknown> | null { return this.greeting; }

  /** Runs one command; resolves with its "return" value, rejects with QmpCommandError or on close/timeout. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, opts: QmpCallOptions = {}): Promise<T> {
    if (this.closed) {
      return Promise.reject(this.closedWith ?? new HypervisorError(`QMP connection to ${this.path} is closed`));
    }
    const id = `gt-${this.nextId++}`;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = {
        command,
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: setTimeout(() => this.settle(id, new HypervisorError(`QMP command '${command}' on ${this.path} timed out after ${timeoutMs} ms`)), timeoutMs),
      };
      if (opts.signal) {
        if (opts.signal.aborted) { clearTimeout(p.timer); reject(new HypervisorError(`QMP command '${command}' aborted`)); return; }
        p.signal = opts.signal;
        p.onAbort = () => this.settle(id, new HypervisorError(`QMP command '${command}' aborted`));
        opts.signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.pending.set(id, p);
      const msg: Record<string, unknown> = { execute: command, id };
      if (args !== undefined) msg.arguments = args;
      this.sock.write(`${JSON.stringify(msg)}\n`);
    });
  }

  close(): void {
    this.sock.destroy();
    this.shutdown(null);
  }

  private settle(id: string, err: Error | null, value?: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
    if (err) p.reject(err); else p.resolve(value);
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      if (line) this.onMessage(line);
    }
    if (this.buf.length > MAX_LINE) {
      this.sock.destroy();
      this.shutdown(new HypervisorError(`QMP peer ${this.path} sent a line longer than ${MAX_LINE} bytes`));
    }
  }

  private onMessage(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;    // not JSON: qemu never sends that; ignore rather than kill the connection
    }
    if (msg === null || typeof msg !== 'object') return;
    if ('QMP' in msg) {
      this.greeting = msg.QMP as Record<string, unknown>;
      this.greeted?.(this.greeting);
      this.greeted = null;
      return;
    }
    if (typeof msg.event === 'string') {
      this.emit('event', { event: msg.event, data: (msg.data ?? {}) as Record<string, unknown>,
        ...(msg.timestamp ? { timestamp: msg.timestamp as QmpEvent['timestamp'] } : {}) });
      return;
    }
    // Replies carry our id; a reply without one (qemu's answer to unparseable input) goes
    // to the oldest command, which is the one it answers on a line-ordered stream.
    const id = typeof msg.id === 'string' && this.pending.has(msg.id) ? msg.id : this.pending.keys().next().value;
    if (id === undefined) return;
    const p = this.pending.get(id)!;
    if ('error' in msg) {
      const e = (msg.error ?? {}) as { class?: string; desc?: string };
      this.settle(id, new QmpCommandError(p.command, e.class ?? 'GenericError', e.desc ?? 'unknown error'));
    } else {
      this.settle(id, null, msg.return);
    }
  }

  private shutdown(err: Error | null): void {
    if (this.closed) return;
    this.closed = true;
    this.closedWith = err;
    const reason = err ?? new HypervisorError(`QMP connection to ${this.path} closed`);
    for (const id of [...this.pending.keys()]) this.settle(id, reason);
    this.emit('close', err);
  }
}
