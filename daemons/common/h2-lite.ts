// A minimal HTTP/2 client (RFC 9113) on a plain socket, with the part of node:http2's
// client API that the gRPC client uses (connect, session.request, stream events). Why:
// loading node:http2 pulls ~75 of Node's internal modules (tls, crypto, http, assert,
// worker_threads...) and costs a short command ~30 ms of CPU; this needs only node:net.
// Scope: one connection, client streams only, no push, no priority. Flow control: we grant
// the peer the largest windows at once (and top them up), and obey the peer's windows
// when sending.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { HpackDecoder, hpackEncode } from './hpack.js';

export type IncomingHttpHeaders = Record<string, string>;

// Frame types, flags and the connection preface (RFC 9113), shared with the server side (noded/h2-server.ts).
export const DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PUSH_PROMISE = 5, PING = 6, GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9;
export const END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY = 0x20;
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
export const MAX_WINDOW = 2 ** 31 - 1;
export const DEFAULT_WINDOW = 65535;
/** Up to this size the frames of one turn are joined into one buffer before the write. */
const OUT_JOIN_MAX = 256 * 1024;

export function frame(type: number, flags: number, stream: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(stream & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

export function u32(n: number): Buffer { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; }

/**
 * Frames out of a connection's received chunks, for both sides. Frames are read where they
 * lie in the socket's chunks; only a frame that spans two chunks is copied into one buffer
 * (the bytes it needs, not the whole next chunk): a 4 MiB answer comes as 256 DATA frames
 * across many TLS reads, and joining every read to the rest of the last one copied nearly
 * every byte once more.
 */
export class FrameReader {
  private bufs: Buffer[] = [];
  private bufLen = 0;

  /** Bytes received and not yet taken. */
  get buffered(): number { return this.bufLen; }

  push(chunk: Buffer): void {
    this.bufs.push(chunk);
    this.bufLen += chunk.length;
  }

  /** Takes the first n bytes (the connection preface), or null while fewer are here. */
  take(n: number): Buffer | null {
    if (this.bufLen < n) return null;
    const head = this.bufs[0]!.length >= n ? this.bufs[0]! : this.gather(n);
    if (head.length === n) this.bufs.shift(); else this.bufs[0] = head.subarray(n);
    this.bufLen -= n;
    return head.subarray(0, n);
  }

  /** Hands every whole frame received to onFrame, in order; `maxLength`: a longer frame is an error. */
  read(onFrame: (type: number, flags: number, id: number, payload: Buffer) => void, maxLength = 2 ** 24): void {
    while (this.bufLen >= 9) {
      const head = this.bufs[0]!.length >= 9 ? this.bufs[0]! : this.gather(9);
      const len = head.readUIntBE(0, 3);
      if (len > maxLength) throw new Error(`HTTP/2: a frame of ${len} bytes, above the ${maxLength} allowed`);
      if (this.bufLen < 9 + len) break;
      const whole = head.length >= 9 + len ? head : this.gather(9 + len);
      const type = whole[3]!;
      const flags = whole[4]!;
      const id = whole.readUInt32BE(5) & 0x7fffffff;
      const payload = whole.subarray(9, 9 + len);
      if (whole.length === 9 + len) this.bufs.shift(); else this.bufs[0] = whole.subarray(9 + len);
      this.bufLen -= 9 + len;
      onFrame(type, flags, id, payload);
    }
  }

  /** The first n buffered bytes as one buffer, put first in place of what they came from. */
  private gather(n: number): Buffer {
    const parts: Buffer[] = [];
    let size = 0;
    while (size < n) {
      const c = this.bufs[0]!;
      const want = n - size;
      if (c.length <= want) { parts.push(c); this.bufs.shift(); size += c.length; } else {
        parts.push(c.subarray(0, want));
        this.bufs[0] = c.subarray(want);
        size += want;
      }
    }
    const joined = Buffer.concat(parts, n);
    this.bufs.unshift(joined);
    return joined;
  }
}

/**
 * Frames written in one turn of the event loop, sent as one socket write at its end: one TLS
 * record and one system call for a request's HEADERS and DATA (and for every call started
 * in the same turn), or for an answer's headers, body and trailers. Both sides use it.
 */
export class TurnWriter {
  private out: Buffer[] = [];
  private stopped = false;

  constructor(private readonly socket: Socket) {}

  write(b: Buffer): void {
    if (this.stopped) return;
    if (this.out.push(b) === 1) setImmediate(() => this.flush());
  }

  /** Sends what was written so far now. */
  flush(): void {
    const bufs = this.out;
    this.out = [];
    if (this.stopped || bufs.length === 0 || this.socket.destroyed) return;
    if (bufs.length === 1) { this.socket.write(bufs[0]!); return; }
    let size = 0;
    for (const b of bufs) size += b.length;
    if (size <= OUT_JOIN_MAX) { this.socket.write(Buffer.concat(bufs, size)); return; }
    // A large message (a config copy: megabytes) is not joined into one more copy: the
    // frames go as one vectored write (one system call; TLS seals them together).
    this.socket.cork();
    for (const b of bufs) this.socket.write(b);
    this.socket.uncork();
  }

  /** Sends what was written, then drops whatever comes after (the connection is ending). */
  stop(): void {
    this.flush();
    this.stopped = true;
  }
}

/** Where a stream's DATA goes: the connection, whose send window all its streams share. */
export interface DataSink { sendWindow: number; readonly maxFrameSize: number; write(b: Buffer): void }

/**
 * Sends `pending` (taken from as it goes) as DATA frames on stream `id` while the stream's
 * and the connection's send windows allow; a frame does not span pieces (a piece boundary
 * costs one more frame header). The frame that sends the last piece carries END_STREAM when
 * `endStream`. Returns whether everything went (else the rest waits for a WINDOW_UPDATE).
 */
export function sendData(id: number, pending: Buffer[], stream: { sendWindow: number }, conn: DataSink, endStream: boolean): boolean {
  while (pending.length > 0) {
    const first = pending[0]!;
    const n = Math.min(first.length, stream.sendWindow, conn.sendWindow, conn.maxFrameSize);
    if (n <= 0) return false;
    const chunk = first.subarray(0, n);
    if (n === first.length) pending.shift(); else pending[0] = first.subarray(n);
    stream.sendWindow -= n;
    conn.sendWindow -= n;
    conn.write(frame(DATA, endStream && pending.length === 0 ? END_STREAM : 0, id, chunk));
  }
  return true;
}

/** A header block as HEADERS and CONTINUATION frames of at most maxFrameSize bytes each. */
export function headerFrames(stream: number, block: Buffer, endStream: boolean, maxFrameSize: number): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off === 0 || off < block.length; off += maxFrameSize) {
    const last = off + maxFrameSize >= block.length;
    const flags = (last ? END_HEADERS : 0) | (off === 0 && endStream ? END_STREAM : 0);
    out.push(frame(off === 0 ? HEADERS : CONTINUATION, flags, stream, block.subarray(off, off + maxFrameSize)));
  }
  return out;
}

function streamError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export class ClientHttp2Stream extends EventEmitter {
  closed = false;
  private gotHeaders = false;
  private pending: Buffer[] | null = null; // request body (pieces) waiting for send window
  sendWindow: number;
  received = 0;

  constructor(private readonly session: ClientHttp2Session, readonly id: number, window: number) {
    super();
    this.sendWindow = window;
  }

  /** The request body, as one buffer or as pieces sent one after the other (not joined). */
  end(data?: Buffer | Buffer[]): void {
    this.pending = (Array.isArray(data) ? data : [data ?? Buffer.alloc(0)]).filter((b) => b.length > 0);
    this.flush();
  }

  /** Sends what the windows allow of the request body, the last frame with END_STREAM. */
  flush(): void {
    const pending = this.pending;
    if (!pending || this.closed) return;
    if (pending.length === 0) {
      this.session.write(frame(DATA, END_STREAM, this.id));
      this.pending = null;
      return;
    }
    if (!sendData(this.id, pending, this, this.session, true)) return;   // the rest goes when the peer opens its window
    this.pending = null;
  }

  /** Ends the stream from our side (RST_STREAM with code, default CANCEL) if still open. */
  close(code = 8): void {
    if (this.closed) return;
    this.session.write(frame(RST_STREAM, 0, this.id, u32(code)));
    this.finish();
  }

  onHeaders(headers: IncomingHttpHeaders, endStream: boolean): void {
    this.emit(this.gotHeaders ? 'trailers' : 'response', headers);
    this.gotHeaders = true;
    if (endStream) this.finish();
  }

  fail(err: Error): void {
    if (this.closed) return;
    this.emit('error', err);
    this.finish();
  }

  finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.session.forget(this);
    this.emit('close');
  }
}

export class ClientHttp2Session extends EventEmitter {
  destroyed = false;
  closed = false;
  sendWindow = DEFAULT_WINDOW;
  maxFrameSize = 16384;
  private peerInitialWindow = DEFAULT_WINDOW;
  private readonly streams = new Map<number, ClientHttp2Stream>();
  private nextId = 1;
  private readonly frames = new FrameReader();
  private readonly hpack = new HpackDecoder();
  private headerBlock: { stream: number; flags: number; parts: Buffer[] } | null = null;
  private received = 0;
  /** Callbacks of our PINGs, answered in order (the peer must ACK each, RFC 9113 6.7). */
  private readonly pings: (() => void)[] = [];

  constructor(private readonly socket: Socket) {
    super();
    this.out = new TurnWriter(socket);
    socket.setNoDelay?.(true);
    // Our settings: no push, the largest stream window; then the connection window too.
    const settings = Buffer.alloc(12);
    settings.writeUInt16BE(2, 0); settings.writeUInt32BE(0, 2);            // ENABLE_PUSH 0
    settings.writeUInt16BE(4, 6); settings.writeUInt32BE(MAX_WINDOW, 8);   // INITIAL_WINDOW_SIZE
    this.write(Buffer.concat([PREFACE, frame(SETTINGS, 0, 0, settings), frame(WINDOW_UPDATE, 0, 0, u32(MAX_WINDOW - DEFAULT_WINDOW))]));
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => this.destroy(null));
  }

  private readonly out: TurnWriter;

  write(b: Buffer): void { this.out.write(b); }

  private end(): void {
    this.out.flush();
    this.socket.end();
  }
  ref(): void { this.socket.ref(); }
  unref(): void { this.socket.unref(); }

  request(headers: Record<string, string>): ClientHttp2Stream {
    if (this.destroyed || this.closed) throw streamError('The session has been destroyed', 'ERR_HTTP2_INVALID_SESSION');
    const all = { ':method': 'GET', ':scheme': 'http', ':authority': 'localhost', ...headers };
    // Pseudo-headers must come first.
    const ordered = Object.fromEntries(Object.entries(all).sort(([a], [b]) => Number(!a.startsWith(':')) - Number(!b.startsWith(':'))));
    const stream = new ClientHttp2Stream(this, this.nextId, this.peerInitialWindow);
    this.nextId += 2;
    this.streams.set(stream.id, stream);
    const block = hpackEncode(ordered);
    if (block.length > this.maxFrameSize) throw streamError('request headers too large', 'ERR_HTTP2_HEADER_SINGLE_VALUE');
    this.write(frame(HEADERS, END_HEADERS, stream.id, block));
    return stream;
  }

  /** Sends a PING; onAck runs when the peer answers it. */
  ping(onAck: () => void): void {
    if (this.destroyed) return;
    this.pings.push(onAck);
    this.write(frame(PING, 0, 0, Buffer.alloc(8)));
  }

  /** Ends the connection at once; open streams fail with err. */
  destroyWith(err: Error): void { this.destroy(err); }

  /** Graceful: ends the connection once no stream is open. */
  close(): void {
    this.closed = true;
    if (this.streams.size === 0) this.end();
  }

  forget(stream: ClientHttp2Stream): void {
    this.streams.delete(stream.id);
    if (this.closed && this.streams.size === 0) this.end();
  }

  private destroy(err: Error | null): void {
    if (this.destroyed) return;
    this.out.stop();
    this.destroyed = true;
    this.closed = true;
    if (err) this.emit('error', err);
    for (const s of [...this.streams.values()]) {
      s.fail(err ? Object.assign(new Error(err.message), { code: 'ERR_HTTP2_ERROR' })
        : streamError('the connection closed before the stream ended', 'ERR_HTTP2_STREAM_CANCEL'));
    }
    this.socket.destroy();
    this.emit('close');
  }

  private onData(chunk: Buffer): void {
    this.frames.push(chunk);
    try {
      this.frames.read((type, flags, id, payload) => this.onFrame(type, flags, id, payload));
    } catch (err) {
      this.write(frame(GOAWAY, 0, 0, Buffer.concat([u32(0), u32(1 /* PROTOCOL_ERROR */)])));
      this.destroy(err as Error);
    }
  }

  private onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    if (this.headerBlock && type !== CONTINUATION) throw new Error('HTTP/2: header block interrupted');
    const stream = this.streams.get(id);
    switch (type) {
      case DATA: {
        const body = flags & PADDED ? payload.subarray(1, payload.length - payload[0]!) : payload;
        this.topUp(payload.length, stream);
        // A view of the received bytes, not a copy (nothing writes into them afterwards).
        if (stream && body.length) stream.emit('data', body);
        if (stream && flags & END_STREAM) stream.finish();
        return;
      }
      case HEADERS: {
        let p = payload;
        if (flags & PADDED) p = p.subarray(1, p.length - p[0]!);
        if (flags & PRIORITY) p = p.subarray(5);
        this.headerBlock = { stream: id, flags, parts: [p] };
        if (flags & END_HEADERS) this.endHeaders();
        return;
      }
      case CONTINUATION:
        if (!this.headerBlock || this.headerBlock.stream !== id) throw new Error('HTTP/2: unexpected CONTINUATION');
        this.headerBlock.parts.push(payload);
        if (flags & END_HEADERS) this.endHeaders();
        return;
      case RST_STREAM: {
        const code = payload.readUInt32BE(0);
        stream?.fail(streamError(`Stream closed with error code ${code}`, code === 8 ? 'ERR_HTTP2_STREAM_CANCEL' : 'ERR_HTTP2_STREAM_ERROR'));
        return;
      }
      case SETTINGS:
        if (flags & ACK) return;
        for (let i = 0; i + 6 <= payload.length; i += 6) {
          const key = payload.readUInt16BE(i);
          const value = payload.readUInt32BE(i + 2);
          if (key === 4) { // INITIAL_WINDOW_SIZE: applies to open streams as a delta
            for (const s of this.streams.values()) s.sendWindow += value - this.peerInitialWindow;
            this.peerInitialWindow = value;
          } else if (key === 5) {
            this.maxFrameSize = value;
          }
        }
        this.write(frame(SETTINGS, ACK, 0));
        this.flushAll();
        return;
      case PING:
        if (!(flags & ACK)) this.write(frame(PING, ACK, 0, payload));
        else this.pings.shift()?.();
        return;
      case GOAWAY: {
        const last = payload.readUInt32BE(0) & 0x7fffffff;
        this.closed = true;
        for (const s of [...this.streams.values()]) {
          if (s.id > last) s.fail(streamError('the server is going away', 'ERR_HTTP2_STREAM_CANCEL'));
        }
        return;
      }
      case WINDOW_UPDATE: {
        const inc = payload.readUInt32BE(0) & 0x7fffffff;
        if (id === 0) this.sendWindow += inc; else if (stream) stream.sendWindow += inc;
        this.flushAll();
        return;
      }
      case PUSH_PROMISE:
        throw new Error('HTTP/2: push was refused but promised');
      default:
        return; // PRIORITY and unknown frame types are ignored
    }
  }

  private endHeaders(): void {
    const { stream: id, flags, parts } = this.headerBlock!;
    this.headerBlock = null;
    const headers: IncomingHttpHeaders = {};
    // Decoded even for a stream we closed: the decoder's table must stay in step.
    for (const [name, value] of this.hpack.decode(Buffer.concat(parts))) {
      headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
    }
    this.streams.get(id)?.onHeaders(headers, (flags & END_STREAM) !== 0);
  }

  /** Gives the peer back what it sent once a large part of a window is used. */
  private topUp(n: number, stream: ClientHttp2Stream | undefined): void {
    this.received += n;
    if (this.received > 2 ** 30) { this.write(frame(WINDOW_UPDATE, 0, 0, u32(this.received))); this.received = 0; }
    if (stream) {
      stream.received += n;
      if (stream.received > 2 ** 30) { this.write(frame(WINDOW_UPDATE, 0, stream.id, u32(stream.received))); stream.received = 0; }
    }
  }

  private flushAll(): void { for (const s of this.streams.values()) s.flush(); }
}

/** node:http2's connect for the one way the gRPC client uses it (createConnection). */
export function connect(_authority: string, options: { createConnection: () => Socket }): ClientHttp2Session {
  return new ClientHttp2Session(options.createConnection());
}
