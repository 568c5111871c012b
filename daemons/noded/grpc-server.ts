// A gRPC server for unary calls on Node's built-in HTTP/2 over mutual TLS, with the
// project's protobuf codec (common/proto-lite.ts via client/proto-codec.ts). Why not
// grpc-js's server: noded is a long-lived process on every node, and grpc-js with
// proto-loader and protobufjs's reflection objects for every message type is most of
// its JavaScript heap (bench/noded-memory.ts measures the difference). The wire protocol
// is the standard one (gRPC over HTTP/2: length-prefixed messages, status in the
// trailers), so the master's grpc-js client talks to it as to any gRPC server.
// Scope: unary calls, identity encoding, deadlines (grpc-timeout), cancellation.
import { constants, createSecureServer, type Http2SecureServer, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Session,
  type ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { decodeMessage, encodeMessageParts } from '../common/client/proto-codec.js';

/** gRPC status codes used here (the rest come from the error table, common/errors.ts). */
const Status = { OK: 0, CANCELLED: 1, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNIMPLEMENTED: 12, INTERNAL: 13 } as const;

/** What a failed call sends back: the status, its text, and extra binary trailers. */
export interface CallStatus { code: number; details: string; binaryTrailers?: Record<string, Buffer> }

export interface UnaryCallContext {
  /** The client's certificate (DER), as the TLS layer verified it. */
  readonly peerCert: Buffer | undefined;
  /** Fires when the client cancels, the deadline passes, or the server is cut off. */
  readonly signal: AbortSignal;
}

export interface UnaryMethod {
  requestType: string;
  responseType: string;
  handler(request: Record<string, unknown>, call: UnaryCallContext): Promise<unknown>;
}

/**
 * An answer may carry a function under this key: it runs once the answer has been sent (or
 * dropped), so a handler can lend a buffer to its answer and reuse it afterwards.
 */
export const AFTER_SENT = Symbol('ganeti.afterSent');

export interface TlsMaterial { ca: Buffer | string; cert: Buffer | string; key: Buffer | string }

export interface UnaryServerOptions {
  /** Full service name, e.g. ganeti.NodeDaemon: paths are /<service>/<method>. */
  service: string;
  methods: ReadonlyMap<string, UnaryMethod>;
  tls: TlsMaterial;
  /** Any error a handler throws, as a status (the one translation point stays the caller's). */
  toStatus(err: unknown): CallStatus;
  maxReceiveBytes: number;
  /** Problems that are not a call's (TLS handshakes refused, broken sessions). */
  onWarning?(message: string): void;
}

export interface UnaryServer {
  listen(host: string, port: number): Promise<number>;
  /** Serves a connection accepted elsewhere (noded's listener process hands them over). */
  accept(socket: Socket): void;
  /** Calls in flight, and when the last one started or ended (performance.now()). */
  activity(): { calls: number; lastMs: number };
  /** New connections get the new certificates; open ones keep theirs. */
  setTls(tls: TlsMaterial): void;
  /** Stops accepting, lets calls in flight finish for graceMs, then cuts them. */
  close(graceMs: number): Promise<void>;
}

/** grpc-timeout: an integer of at most 8 digits and a unit (RFC: H M S m u n). */
function parseTimeout(value: string | string[] | undefined): number | null {
  const m = typeof value === 'string' ? /^(\d{1,8})([HMSmun])$/.exec(value) : null;
  if (!m) return null;
  const scale = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 }[m[2] as 'H'];
  return Number(m[1]) * scale;
}

/** grpc-message is percent-encoded (the spec: anything outside printable ASCII, and '%'). */
function encodeGrpcMessage(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x7e]+/gu, (s) => encodeURIComponent(s));
}

function statusHeaders(st: CallStatus): Record<string, string> {
  const h: Record<string, string> = { 'grpc-status': String(st.code), 'grpc-message': encodeGrpcMessage(st.details) };
  for (const [k, v] of Object.entries(st.binaryTrailers ?? {})) h[k] = v.toString('base64');
  return h;
}

const peerCerts = new WeakMap<Http2Session, Buffer | undefined>();

function peerCertOf(session: Http2Session | undefined): Buffer | undefined {
  if (!session) return undefined;
  if (!peerCerts.has(session)) {
    const raw = (session.socket as TLSSocket).getPeerX509Certificate?.()?.raw;
    peerCerts.set(session, raw);
  }
  return peerCerts.get(session);
}

export function createUnaryServer(opts: UnaryServerOptions): UnaryServer {
  const prefix = `/${opts.service}/`;
  const warn = opts.onWarning ?? (() => undefined);
  const sessions = new Set<ServerHttp2Session>();
  const calls = new Set<AbortController>();
  const handed = new Set<Socket>();
  let lastMs = performance.now();
  let closing = false;
  let drained: (() => void) | null = null;
  const checkDrained = () => { if (drained && !handed.size && !sessions.size) drained(); };
  const tlsOptions = (t: TlsMaterial) => ({ ca: t.ca, cert: t.cert, key: t.key });
  const server: Http2SecureServer = createSecureServer({
    ...tlsOptions(opts.tls),
    requestCert: true, rejectUnauthorized: true, allowHTTP1: false,
    // A config upload is one message of up to maxReceiveBytes: the session may buffer it.
    maxSessionMemory: Math.ceil((opts.maxReceiveBytes * 2) / 1e6),
  });
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => { sessions.delete(session); checkDrained(); });
    // Closing: a connection that finished its handshake only now gets GOAWAY at once.
    if (closing) session.close();
    session.on('error', (err) => warn(`HTTP/2 session error: ${err.message}`));
  });
  server.on('tlsClientError', (err) => warn(`TLS handshake refused: ${err.message}`));
  server.on('stream', (stream, headers) => serve(stream, headers));

  function serve(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => undefined); // a reset stream: the close handler below sees it
    const ac = new AbortController();
    let answered = false;
    let timer: NodeJS.Timeout | null = null;
    const finish = () => { calls.delete(ac); lastMs = performance.now(); if (timer) clearTimeout(timer); };
    const fail = (st: CallStatus) => {
      if (answered || stream.destroyed) return;
      answered = true;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...statusHeaders(st) }, { endStream: true });
    };
    stream.on('close', () => {
      finish();
      if (!answered) ac.abort(new Error('the client cancelled the call'));
    });
    calls.add(ac);
    lastMs = performance.now();

    const path = String(headers[':path'] ?? '');
    const method = path.startsWith(prefix) ? opts.methods.get(path.slice(prefix.length)) : undefined;
    if (headers[':method'] !== 'POST' || !String(headers['content-type'] ?? '').startsWith('application/grpc')) {
      answered = true;
      stream.respond({ ':status': 415 }, { endStream: true });
      return;
    }
    if (!method) { fail({ code: Status.UNIMPLEMENTED, details: `unknown method ${path}` }); return; }
    const timeout = parseTimeout(headers['grpc-timeout']);
    if (timeout !== null) {
      timer = setTimeout(() => {
        ac.abort(new Error(`deadline of ${timeout} ms exceeded`));
        fail({ code: Status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' });
      }, timeout);
    }

    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxReceiveBytes + 5) {
        fail({ code: Status.RESOURCE_EXHAUSTED, details: `request larger than ${opts.maxReceiveBytes} bytes` });
        stream.close(constants.NGHTTP2_CANCEL);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (answered) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks.length = 0;
      if (body.length < 5 || body.length !== 5 + body.readUInt32BE(1)) {
        fail({ code: Status.INTERNAL, details: 'a unary call carries exactly one message' });
        return;
      }
      if (body[0] !== 0) { fail({ code: Status.UNIMPLEMENTED, details: 'compressed messages are not supported' }); return; }
      let request: Record<string, unknown>;
      try {
        request = decodeMessage(method.requestType, body.subarray(5));
      } catch (err) {
        fail({ code: Status.INTERNAL, details: `cannot decode the request: ${(err as Error).message}` });
        return;
      }
      method.handler(request, { peerCert: peerCertOf(stream.session), signal: ac.signal }).then((res) => {
        const after = (res as Record<symbol, unknown> | null)?.[AFTER_SENT];
        if (answered || stream.destroyed) { if (typeof after === 'function') after(); return; }
        if (typeof after === 'function') stream.once('close', () => after());
        // The message's parts go out as they are, after the 5-byte gRPC prefix: a disk chunk
        // is not copied into one buffer on its way to the socket.
        const parts = encodeMessageParts(method.responseType, (res ?? {}) as Record<string, unknown>);
        const head = Buffer.allocUnsafe(5);
        head[0] = 0;
        head.writeUInt32BE(parts.reduce((n, p) => n + p.length, 0), 1);
        answered = true;
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': '' }));
        if (parts.length === 1 && parts[0]!.length < 65536) {
          stream.end(Buffer.concat([head, parts[0]!]));   // a small answer: one write
        } else {
          stream.write(head);
          for (const p of parts.slice(0, -1)) stream.write(p);
          stream.end(parts.at(-1));
        }
      }).catch((err: unknown) => fail(opts.toStatus(err)));
    });
  }

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
      handed.add(socket);
      socket.on('close', () => { handed.delete(socket); checkDrained(); });
      server.emit('connection', socket);
    },
    activity: () => ({ calls: calls.size, lastMs }),
    setTls: (tls) => server.setSecureContext(tlsOptions(tls)),
    close: (graceMs) => new Promise<void>((resolve) => {
      closing = true;
      let done = false;
      const end = () => { if (!done) { done = true; clearTimeout(force); resolve(); } };
      const force = setTimeout(() => {
        for (const ac of calls) ac.abort(new Error('the server is shutting down'));
        for (const s of sessions) s.destroy();
        for (const s of handed) s.destroy();
        end();
      }, graceMs);
      // Done when the listening socket (if any) is closed and every connection, its own
      // or handed over, has closed: handed-over ones are not counted by the server.
      let listening = server.listening;
      drained = () => { if (!listening) end(); };
      if (listening) server.close(() => { listening = false; checkDrained(); });
      // GOAWAY: no new calls on open connections; each closes once its calls are done.
      for (const s of sessions) s.close();
      checkDrained();
    }),
  };
}
