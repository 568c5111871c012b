// A minimal HTTP/2 server (RFC 9113) on TLS for whole-request, whole-answer exchanges: the
// server side of common/h2-lite.ts, under noded's gRPC server (grpc-server.ts). Why not
// node:http2: measured on this machine its server takes ~130 µs of CPU per call more than a
// bare TLS exchange (an Http2Stream, Node's streams and the C++ session per call), and sends
// a gRPC answer as two socket writes (headers and data, then the trailers after a
// 'wantTrailers' turn). A candidate's noded answers several calls per instance add, and a
// list of 50 nodes is 50 of them (docs/scaling.md, round 14). Here an answer's headers,
// body and trailers go out in one write when the peer's windows allow.
// Scope: a request is handed over once its body is complete (unary gRPC); no push, no
// priority, no request streaming. Limits, each a connection error (GOAWAY) when broken:
// header blocks of HEADER_BLOCK_MAX, request bodies of maxBodyBytes (the stream is answered
// by onOversize and reset), bodies held at once per connection of twice that, MAX_STREAMS
// streams at once (more are refused), HPACK tables of the default 4 KiB.
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import {
  ACK, CONTINUATION, DATA, DEFAULT_WINDOW, END_HEADERS, END_STREAM, FrameReader, GOAWAY, HEADERS, headerFrames, MAX_WINDOW,
  PADDED, PING, PREFACE, PRIORITY, PUSH_PROMISE, RST_STREAM, SETTINGS, TurnWriter, WINDOW_UPDATE, frame, sendData, u32,
} from '../common/h2-lite.js';
import { HpackDecoder, hpackEncode } from '../common/hpack.js';

const HEADER_BLOCK_MAX = 64 * 1024;
/** What a client may send before we ask for more, per stream and per connection. Not the
 * largest window: a master uploading a config copy of megabytes to every candidate at once
 * would have every copy encrypted into its socket's queue at once (+41 MB in masterd at
 * 10,000 instances on 50 nodes, docs/scaling.md round 14); a window paces it. */
const STREAM_WINDOW = 256 << 10;
const CONN_WINDOW = 256 << 10;
const MAX_STREAMS = 1000;
const TABLE_SIZE = 4096;
/** Error codes (RFC 9113 section 7). */
const PROTOCOL_ERROR = 1, FLOW_CONTROL_ERROR = 3, REFUSED_STREAM = 7, CANCEL = 8, ENHANCE_YOUR_CALM = 11;

export interface H2Exchange {
  /** The request's headers (a name given twice: its values joined by commas). */
  readonly headers: Readonly<Record<string, string>>;
  /** The client's certificate (DER), as the TLS layer verified it. */
  readonly peerCert: Buffer | undefined;
  /** Aborted when the client resets the stream or the connection ends before the answer is out. */
  readonly signal: AbortSignal;
  /** Whether an answer was given (or the stream is gone). */
  readonly answered: boolean;
  /** The whole answer; a second one is ignored. `onDone` runs once it has been handed to the
   * connection in full, or dropped (the stream or connection ended first). */
  respond(headers: Record<string, string>, body?: Buffer[], trailers?: Record<string, string>, onDone?: () => void): void;
}

export interface TlsMaterial { ca: Buffer | string; cert: Buffer | string; key: Buffer | string }

export interface H2ServerOptions {
  tls: TlsMaterial;
  maxBodyBytes: number;
  /** A request whose body is complete. */
  onRequest(x: H2Exchange, body: Buffer): void;
  /** A request whose body grew past maxBodyBytes: answer it; the stream is reset after. */
  onOversize(x: H2Exchange): void;
  onWarning(message: string): void;
}

export interface H2Server {
  listen(host: string, port: number): Promise<number>;
  /** Serves a connection accepted elsewhere (noded's listener hands them over). */
  accept(socket: Socket): void;
  /** Streams open, and when the last one opened or closed (performance.now()). */
  activity(): { streams: number; lastMs: number };
  setTls(tls: TlsMaterial): void;
  /** GOAWAY on every connection (each ends once its streams have); after graceMs the rest are cut. */
  close(graceMs: number): Promise<void>;
}

class ServerStream implements H2Exchange {
  readonly chunks: Buffer[] = [];
  size = 0;
  /** Bytes received on this stream since its window was last given back. */
  unacked = 0;
  /** The client's side ended (END_STREAM), or the request was refused for its size. */
  remoteEnded = false;
  answered = false;
  private readonly ac = new AbortController();
  readonly signal = this.ac.signal;
  sendWindow: number;
  private pending: Buffer[] | null = null;
  private trailers: Buffer | null = null;
  private onDone: (() => void) | null = null;
  closed = false;

  constructor(private readonly conn: Connection, readonly id: number, readonly headers: Record<string, string>, window: number) {
    this.sendWindow = window;
  }

  get peerCert(): Buffer | undefined { return this.conn.peerCert(); }

  respond(headers: Record<string, string>, body: Buffer[] = [], trailers?: Record<string, string>, onDone?: () => void): void {
    if (this.answered || this.closed) { onDone?.(); return; }
    this.answered = true;
    this.onDone = onDone ?? null;
    const parts = body.filter((b) => b.length > 0);
    for (const f of headerFrames(this.id, hpackEncode(headers), !parts.length && !trailers, this.conn.maxFrameSize)) this.conn.write(f);
    this.pending = parts;
    this.trailers = trailers ? hpackEncode(trailers) : null;
    this.flush();
  }

  /** Sends what the windows allow of the answer; the stream closes with its last frame. */
  flush(): void {
    const pending = this.pending;
    if (!pending || this.closed) return;
    if (!sendData(this.id, pending, this, this.conn, !this.trailers)) return;   // the rest goes when the peer opens its window
    this.pending = null;
    if (this.trailers) for (const f of headerFrames(this.id, this.trailers, true, this.conn.maxFrameSize)) this.conn.write(f);
    this.close(false);
  }

  /** The stream is done: answered in full, or (aborted) reset or cut off. */
  close(aborted: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (aborted) this.ac.abort(new Error('the client cancelled the call'));
    this.conn.forget(this);
    const done = this.onDone;
    this.onDone = null;
    done?.();
  }
}

class Connection {
  private readonly streams = new Map<number, ServerStream>();
  private lastId = 0;
  private readonly hpack = new HpackDecoder(TABLE_SIZE, TABLE_SIZE);
  private headerBlock: { id: number; flags: number; parts: Buffer[]; size: number } | null = null;
  private readonly frames = new FrameReader();
  private prefaceSeen = false;
  private goingAway = false;
  private destroyed = false;
  private received = 0;
  private held = 0;
  private cert: Buffer | undefined | null = null;
  private readonly out: TurnWriter;
  sendWindow = DEFAULT_WINDOW;
  maxFrameSize = 16384;
  private peerInitialWindow = DEFAULT_WINDOW;

  constructor(private readonly socket: TLSSocket, private readonly server: ServerState) {
    this.out = new TurnWriter(socket);
    const settings = Buffer.alloc(12);
    settings.writeUInt16BE(3, 0); settings.writeUInt32BE(MAX_STREAMS, 2);   // MAX_CONCURRENT_STREAMS
    settings.writeUInt16BE(4, 6); settings.writeUInt32BE(STREAM_WINDOW, 8); // INITIAL_WINDOW_SIZE
    this.write(frame(SETTINGS, 0, 0, settings));
    this.write(frame(WINDOW_UPDATE, 0, 0, u32(CONN_WINDOW - DEFAULT_WINDOW)));
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  peerCert(): Buffer | undefined {
    if (this.cert === null) this.cert = this.socket.getPeerX509Certificate()?.raw;
    return this.cert;
  }

  write(b: Buffer): void { this.out.write(b); }

  /** GOAWAY: no new streams; the connection ends once its open ones have. */
  goAway(): void {
    if (this.goingAway || this.destroyed) return;
    this.goingAway = true;
    this.write(frame(GOAWAY, 0, 0, Buffer.concat([u32(this.lastId), u32(0)])));
    this.endIfIdle();
  }

  private endIfIdle(): void {
    if (!this.goingAway || this.streams.size || this.destroyed) return;
    this.out.flush();
    this.socket.end();
  }

  forget(s: ServerStream): void {
    if (this.streams.get(s.id) !== s) return;
    this.streams.delete(s.id);
    this.held -= s.size;
    this.server.streamClosed();
    this.endIfIdle();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.out.stop();
    this.destroyed = true;
    for (const s of [...this.streams.values()]) s.close(true);
    this.server.connections.delete(this);
    this.socket.destroy();
    this.server.checkDrained();
  }

  private fail(code: number, message: string): void {
    this.server.warn(`HTTP/2 connection from ${this.socket.remoteAddress ?? '?'} ended: ${message}`);
    this.write(frame(GOAWAY, 0, 0, Buffer.concat([u32(this.lastId), u32(code)])));
    this.destroy();
  }

  private onData(chunk: Buffer): void {
    this.frames.push(chunk);
    try {
      if (!this.prefaceSeen) {
        const p = this.frames.take(PREFACE.length);
        if (!p) return;
        if (!p.equals(PREFACE)) throw new H2Error(PROTOCOL_ERROR, 'not an HTTP/2 connection preface');
        this.prefaceSeen = true;
      }
      this.frames.read((type, flags, id, payload) => this.onFrame(type, flags, id, payload), 16384);
    } catch (err) {
      this.fail(err instanceof H2Error ? err.code : PROTOCOL_ERROR, (err as Error).message);
    }
  }

  private onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    if (this.destroyed) return;
    if (this.headerBlock && (type !== CONTINUATION || id !== this.headerBlock.id)) throw new H2Error(PROTOCOL_ERROR, 'header block interrupted');
    switch (type) {
      case DATA: {
        if (id === 0) throw new H2Error(PROTOCOL_ERROR, 'DATA on stream 0');
        this.topUp(payload.length);
        const body = flags & PADDED ? unpad(payload) : payload;
        const s = this.streams.get(id);
        if (!s || s.remoteEnded) return;   // a stream already reset or refused for its size
        s.unacked += payload.length;
        if (s.unacked >= STREAM_WINDOW / 2 && !(flags & END_STREAM)) { this.write(frame(WINDOW_UPDATE, 0, id, u32(s.unacked))); s.unacked = 0; }
        if (s.size + body.length > this.server.opts.maxBodyBytes) {
          s.remoteEnded = true;
          this.server.opts.onOversize(s);
          this.write(frame(RST_STREAM, 0, id, u32(CANCEL)));
          s.close(true);
          return;
        }
        if (body.length) {
          s.chunks.push(body);
          s.size += body.length;
          this.held += body.length;
          if (this.held > 2 * this.server.opts.maxBodyBytes) throw new H2Error(ENHANCE_YOUR_CALM, `more than ${2 * this.server.opts.maxBodyBytes} bytes of requests held at once`);
        }
        if (flags & END_STREAM) this.requestEnded(s);
        return;
      }
      case HEADERS: {
        if (id === 0 || id % 2 === 0) throw new H2Error(PROTOCOL_ERROR, `HEADERS on stream ${id}`);
        let p = flags & PADDED ? unpad(payload) : payload;
        if (flags & PRIORITY) p = p.subarray(5);
        this.headerBlock = { id, flags, parts: [p], size: p.length };
        if (flags & END_HEADERS) this.endHeaders();
        return;
      }
      case CONTINUATION:
        if (!this.headerBlock) throw new H2Error(PROTOCOL_ERROR, 'CONTINUATION without HEADERS');
        this.headerBlock.parts.push(payload);
        this.headerBlock.size += payload.length;
        if (this.headerBlock.size > HEADER_BLOCK_MAX) throw new H2Error(ENHANCE_YOUR_CALM, `a header block above ${HEADER_BLOCK_MAX} bytes`);
        if (flags & END_HEADERS) this.endHeaders();
        return;
      case RST_STREAM:
        if (payload.length !== 4) throw new H2Error(PROTOCOL_ERROR, 'RST_STREAM of a wrong size');
        this.streams.get(id)?.close(true);
        return;
      case SETTINGS:
        if (id !== 0 || payload.length % 6) throw new H2Error(PROTOCOL_ERROR, 'bad SETTINGS frame');
        if (flags & ACK) return;
        for (let i = 0; i + 6 <= payload.length; i += 6) {
          const key = payload.readUInt16BE(i);
          const value = payload.readUInt32BE(i + 2);
          if (key === 4) {
            if (value > MAX_WINDOW) throw new H2Error(FLOW_CONTROL_ERROR, `INITIAL_WINDOW_SIZE ${value}`);
            for (const s of this.streams.values()) s.sendWindow += value - this.peerInitialWindow;
            this.peerInitialWindow = value;
          } else if (key === 5) {
            if (value < 16384 || value > 2 ** 24 - 1) throw new H2Error(PROTOCOL_ERROR, `MAX_FRAME_SIZE ${value}`);
            this.maxFrameSize = value;
          }
        }
        this.write(frame(SETTINGS, ACK, 0));
        this.flushStreams();
        return;
      case PING:
        if (id !== 0 || payload.length !== 8) throw new H2Error(PROTOCOL_ERROR, 'bad PING frame');
        if (!(flags & ACK)) this.write(frame(PING, ACK, 0, payload));
        return;
      case GOAWAY:
        this.goAway();
        return;
      case WINDOW_UPDATE: {
        if (payload.length !== 4) throw new H2Error(PROTOCOL_ERROR, 'WINDOW_UPDATE of a wrong size');
        const inc = payload.readUInt32BE(0) & 0x7fffffff;
        if (id === 0) this.sendWindow += inc;
        else { const s = this.streams.get(id); if (s) s.sendWindow += inc; }
        this.flushStreams();
        return;
      }
      case PUSH_PROMISE:
        throw new H2Error(PROTOCOL_ERROR, 'PUSH_PROMISE from a client');
      default:
        return;   // PRIORITY and unknown frame types are ignored (RFC 9113 5.5)
    }
  }

  private endHeaders(): void {
    const { id, flags, parts } = this.headerBlock!;
    this.headerBlock = null;
    const headers: Record<string, string> = {};
    // Decoded whatever becomes of the stream: the table must stay in step with the client's.
    for (const [name, value] of this.hpack.decode(parts.length === 1 ? parts[0]! : Buffer.concat(parts))) {
      headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
    }
    const known = this.streams.get(id);
    if (known) {   // trailers of a request: they end it
      if (!(flags & END_STREAM)) throw new H2Error(PROTOCOL_ERROR, `trailers without END_STREAM on stream ${id}`);
      if (!known.remoteEnded) this.requestEnded(known);
      return;
    }
    if (id <= this.lastId) return;   // a stream that is over already
    this.lastId = id;
    if (this.goingAway || this.streams.size >= MAX_STREAMS) { this.write(frame(RST_STREAM, 0, id, u32(REFUSED_STREAM))); return; }
    const s = new ServerStream(this, id, headers, this.peerInitialWindow);
    this.streams.set(id, s);
    this.server.streamOpened();
    if (flags & END_STREAM) this.requestEnded(s);
  }

  private requestEnded(s: ServerStream): void {
    s.remoteEnded = true;
    const body = s.chunks.length === 1 ? s.chunks[0]! : Buffer.concat(s.chunks);
    s.chunks.length = 0;
    this.held -= s.size;
    s.size = 0;
    try {
      this.server.opts.onRequest(s, body);
    } catch (err) {
      // The handler's bug, not the client's: this stream fails, the connection serves on.
      this.server.warn(`a request to ${s.headers[':path'] ?? '?'} failed: ${(err as Error).message}`);
      s.respond({ ':status': '500' });
    }
  }

  /** Gives the peer back what it sent once half the connection window is used (what came
   * is held in memory at once, so the window paces the sender, it does not wait for a reader). */
  private topUp(n: number): void {
    this.received += n;
    if (this.received >= CONN_WINDOW / 2) { this.write(frame(WINDOW_UPDATE, 0, 0, u32(this.received))); this.received = 0; }
  }

  private flushStreams(): void { for (const s of [...this.streams.values()]) if (s.answered) s.flush(); }
}

class H2Error extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

function unpad(p: Buffer): Buffer {
  if (p.length < 1 || p[0]! >= p.length) throw new H2Error(PROTOCOL_ERROR, 'bad padding');
  return p.subarray(1, p.length - p[0]!);
}

class ServerState {
  readonly connections = new Set<Connection>();
  streams = 0;
  lastMs = performance.now();
  drained: (() => void) | null = null;
  readonly handed = new Set<Socket>();
  constructor(readonly opts: H2ServerOptions) {}
  warn(message: string): void { this.opts.onWarning(message); }
  streamOpened(): void { this.streams++; this.lastMs = performance.now(); }
  streamClosed(): void { this.streams--; this.lastMs = performance.now(); }
  checkDrained(): void { if (this.drained && !this.connections.size && !this.handed.size) this.drained(); }
}

export function createH2Server(opts: H2ServerOptions): H2Server {
  const state = new ServerState(opts);
  let closing = false;
  const tlsOptions = (t: TlsMaterial) => ({ ca: t.ca, cert: t.cert, key: t.key });
  const server: Server = createServer({
    ...tlsOptions(opts.tls), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'], noDelay: true,
  }, (socket) => {
    const conn = new Connection(socket, state);
    state.connections.add(conn);
    if (closing) conn.goAway();
  });
  server.on('tlsClientError', (err) => state.warn(`TLS handshake refused: ${err.message}`));
  return {
    listen: (host, port) => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    }),
    accept: (socket) => {
      state.handed.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => { state.handed.delete(socket); state.checkDrained(); });
      server.emit('connection', socket);
    },
    activity: () => ({ streams: state.streams, lastMs: state.lastMs }),
    setTls: (tls) => server.setSecureContext(tlsOptions(tls)),
    close: (graceMs) => new Promise<void>((resolve) => {
      closing = true;
      let done = false;
      const end = () => { if (!done) { done = true; clearTimeout(force); resolve(); } };
      const force = setTimeout(() => {
        for (const c of [...state.connections]) c.destroy();
        for (const s of state.handed) s.destroy();
        end();
      }, graceMs);
      // Done when the listening socket (if any) is closed and every connection, its own or
      // handed over, has closed.
      let listening = server.listening;
      state.drained = () => { if (!listening) end(); };
      if (listening) server.close(() => { listening = false; state.checkDrained(); });
      for (const c of state.connections) c.goAway();
      state.checkDrained();
    }),
  };
}
