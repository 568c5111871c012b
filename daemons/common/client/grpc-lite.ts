// A minimal gRPC client on the project's small HTTP/2 client (h2-lite), for the master's Unix
// socket and for node-to-node calls over TLS: unary and server-streaming calls, deadlines,
// cancellation, status and metadata from the trailers. It speaks the standard gRPC wire
// protocol, so the master serves it with @grpc/grpc-js like any client; it exists because
// loading grpc-js costs a short-lived command ~80 ms of CPU and a node daemon ~10 MB.
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from '../h2-lite.js';
import { connect as netConnect, type Socket } from 'node:net';
import { decodeMessage, encodeMessageParts } from './proto-codec.js';

/** A failed call, shaped like grpc-js's ServiceError (code, details, metadata.get). */
export class GrpcCallError extends Error {
  constructor(readonly code: number, readonly details: string, readonly headers: Record<string, string>) {
    super(details || `gRPC status ${code}`);
    this.name = 'GrpcCallError';
  }
  readonly metadata = {
    get: (key: string): string[] => (this.headers[key.toLowerCase()] !== undefined ? [this.headers[key.toLowerCase()]!] : []),
  };
}

const CANCELLED = 1;
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const INTERNAL = 13;

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

function decodeGrpcMessage(text: string | undefined): string {
  if (!text) return '';
  try { return decodeURIComponent(text); } catch { return text; }
}

/** Messages from this size on get a buffer of their own that the receiver may give back. */
const BIG_MESSAGE = 1 << 20;
const MESSAGE_POOL_MAX = 8;
/** Buffers given back (releaseMessage) for the next large messages; `ours`: every buffer made
 * for a large message, so that only those are ever taken back. */
const messagePool: ArrayBuffer[] = [];
const ours = new WeakSet<ArrayBufferLike>();

function takeMessageBuffer(n: number): Buffer {
  const i = messagePool.findIndex((ab) => ab.byteLength >= n);
  if (i >= 0) return Buffer.from(messagePool.splice(i, 1)[0]!, 0, n);
  const b = Buffer.allocUnsafe(n);
  ours.add(b.buffer);
  return b;
}

/**
 * Gives back the buffer of a large message (or of a bytes field decoded from one, a view of
 * it) that the caller is done with and holds no other view of: the next large message reuses
 * it. A fresh 4 MiB buffer per backup chunk cost (page faults, garbage collection) about as
 * much CPU as the chunk's checksum. Anything else is ignored.
 */
export function releaseMessage(b: Buffer): void {
  if (ours.has(b.buffer) && messagePool.length < MESSAGE_POOL_MAX && !messagePool.includes(b.buffer as ArrayBuffer)) {
    messagePool.push(b.buffer as ArrayBuffer);
  }
}

/**
 * Splits a byte stream into gRPC length-prefixed messages. Chunks are kept as they come and
 * joined once a whole message is there: a 10 MB answer arrives in hundreds of chunks, and
 * joining at every chunk would copy it hundreds of times.
 */
export class FrameParser {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes the next message needs (prefix + body), 0 while its prefix is incomplete. */
  private need = 0;
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const out: Buffer[] = [];
    for (;;) {
      if (!this.need) {
        if (this.size < 5) break;
        const head = this.chunks[0]!.length >= 5 ? this.chunks[0]! : this.join();
        if (head[0] !== 0) throw new GrpcCallError(INTERNAL, 'compressed gRPC messages are not supported', {});
        this.need = 5 + head.readUInt32BE(1);
      }
      if (this.size < this.need) break;
      if (this.need >= BIG_MESSAGE) {   // copied once into a reusable buffer (releaseMessage)
        const msg = takeMessageBuffer(this.need);
        for (let off = 0; off < this.need;) {
          const c = this.chunks[0]!;
          const n = Math.min(c.length, this.need - off);
          c.copy(msg, off, 0, n);
          off += n;
          if (n === c.length) this.chunks.shift(); else this.chunks[0] = c.subarray(n);
        }
        this.size -= this.need;
        out.push(msg.subarray(5));
        this.need = 0;
        continue;
      }
      const buf = this.join();
      out.push(buf.subarray(5, this.need));
      const rest = buf.subarray(this.need);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
      this.need = 0;
    }
    return out;
  }

  private join(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0]!;
  }
}

/** A request as gRPC's length-prefixed message: the 5-byte prefix, then the encoding's
 * pieces, not joined into one more copy (a full config copy is megabytes). */
function grpcMessage(type: string, req: Record<string, unknown>): Buffer[] {
  const body = encodeMessageParts(type, req);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(body.reduce((n, b) => n + b.length, 0), 1);
  return [prefix, ...body];
}

export class GrpcLiteClient {
  private session: ClientHttp2Session | null = null;
  private sessionError: Error | null = null;
  /** Calls in flight: the session keeps the process alive only while there are some. */
  private active = 0;

  private keepalive: NodeJS.Timeout | null = null;

  /** target: the Unix socket's path, or a function that opens the connection (e.g. tls.connect).
   * keepaliveMs: while calls are in flight, a PING every keepaliveMs, and a connection whose
   * peer does not answer one within keepaliveMs is closed, failing its calls (UNAVAILABLE):
   * a hung peer behind an open connection is found in seconds, not at a call's deadline. */
  constructor(private readonly target: string | (() => Socket), private readonly service: string,
    private readonly opts: { keepaliveMs?: number } = {}) {}

  private getSession(): ClientHttp2Session {
    if (this.session && !this.session.destroyed && !this.session.closed) return this.session;
    this.sessionError = null;
    const target = this.target;
    const s = connect('http://localhost', { createConnection: typeof target === 'string' ? () => netConnect(target) : target });
    s.on('error', (err) => { this.sessionError = err; });
    // Idle sessions must not keep a finished command alive.
    s.unref();
    this.session = s;
    if (this.opts.keepaliveMs) this.startKeepalive(s, this.opts.keepaliveMs);
    return s;
  }

  private startKeepalive(s: ClientHttp2Session, ms: number): void {
    if (this.keepalive) clearInterval(this.keepalive);
    let waiting: NodeJS.Timeout | null = null;
    const timer = setInterval(() => {
      if (s.destroyed) { clearInterval(timer); if (waiting) clearTimeout(waiting); return; }
      if (this.active === 0 || waiting) return;
      waiting = setTimeout(() => {
        clearInterval(timer);
        s.destroyWith(new Error(`no answer to a keepalive ping within ${ms / 1000} s`));
      }, ms);
      waiting.unref();
      s.ping(() => { if (waiting) clearTimeout(waiting); waiting = null; });
    }, ms);
    timer.unref();
    this.keepalive = timer;
  }

  /**
   * Starts a call and yields the response messages (decoded as resType). The request
   * is sent at once; the iterator ends at the trailers or throws a GrpcCallError.
   */
  async *call(method: string, reqType: string, resType: string, req: Record<string, unknown>, timeoutMs?: number,
    signal?: AbortSignal): AsyncGenerator<Record<string, unknown>> {
    const session = this.getSession();
    const headers: Record<string, string> = {
      ':method': 'POST', ':path': `/${this.service}/${method}`,
      'content-type': 'application/grpc', te: 'trailers',
    };
    if (timeoutMs !== undefined) headers['grpc-timeout'] = `${Math.max(1, Math.ceil(timeoutMs))}m`;
    const stream = session.request(headers);
    if (this.active++ === 0) session.ref();

    // Events are turned into a queue that the generator drains.
    const queue: Buffer[] = [];
    let done = false;
    let failure: Error | null = null;
    let status: Record<string, string> | null = null;
    let wake: (() => void) | null = null;
    const notify = () => { const w = wake; wake = null; w?.(); };
    const parser = new FrameParser();
    const timer = timeoutMs === undefined ? null : setTimeout(() => {
      failure = new GrpcCallError(DEADLINE_EXCEEDED, 'Deadline exceeded', {});
      stream.close();
      notify();
    }, timeoutMs);
    const onAbort = () => {
      failure ??= new GrpcCallError(CANCELLED, `Cancelled: ${String((signal?.reason as Error | undefined)?.message ?? 'aborted')}`, {});
      stream.close(8 /* NGHTTP2_CANCEL */);
      notify();
    };
    if (signal?.aborted) onAbort(); else signal?.addEventListener('abort', onAbort, { once: true });

    stream.on('response', (h) => { if (h['grpc-status'] !== undefined) status = flatHeaders(h); });
    stream.on('trailers', (h) => { status = flatHeaders(h); });
    stream.on('data', (chunk: Buffer) => {
      try { queue.push(...parser.push(chunk)); } catch (err) { failure = err as Error; }
      notify();
    });
    stream.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      failure ??= new GrpcCallError(this.sessionError || code === 'ERR_HTTP2_STREAM_CANCEL' || code === 'ERR_HTTP2_ERROR' ? UNAVAILABLE : INTERNAL,
        (this.sessionError ?? err).message, {});
      notify();
    });
    stream.on('close', () => { done = true; notify(); });
    // Built outside this generator, whose locals live as long as the call: the stream holds
    // what it has not sent yet, nothing else keeps the request's bytes.
    stream.end(grpcMessage(reqType, req));

    try {
      for (;;) {
        if (queue.length) {
          yield decodeMessage(resType, queue.shift()!);
          continue;
        }
        if (failure) throw failure;
        if (done) break;
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      if (failure) throw failure;
      const st = status as Record<string, string> | null;
      if (!st) throw new GrpcCallError(this.sessionError ? UNAVAILABLE : INTERNAL, (this.sessionError?.message) ?? 'call ended without a status', {});
      const code = Number(st['grpc-status']);
      if (code !== 0) throw new GrpcCallError(code, decodeGrpcMessage(st['grpc-message']), st);
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!stream.closed) stream.close(8 /* NGHTTP2_CANCEL */);
      if (--this.active === 0 && !session.destroyed) session.unref();
    }
  }

  /** A unary call: exactly one response message. */
  async unary(method: string, reqType: string, resType: string, req: Record<string, unknown>, timeoutMs?: number,
    signal?: AbortSignal): Promise<Record<string, unknown>> {
    let res: Record<string, unknown> | null = null;
    for await (const msg of this.call(method, reqType, resType, req, timeoutMs, signal)) res = msg;
    if (!res) throw new GrpcCallError(INTERNAL, `${method} returned no message`, {});
    return res;
  }

  close(): void {
    this.session?.close();
    this.session = null;
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
  }
}
