// A gRPC server for unary calls on HTTP/2 (h2-server.ts) over mutual TLS, with the
// project's protobuf codec (common/proto-lite.ts via client/proto-codec.ts). Why not
// grpc-js's server: noded is a long-lived process on every node, and grpc-js with
// proto-loader and protobufjs's reflection objects for every message type is most of
// its JavaScript heap (bench/noded-memory.ts measures the difference). The wire protocol
// is the standard one (gRPC over HTTP/2: length-prefixed messages, status in the
// trailers), so the master's grpc-js client talks to it as to any gRPC server.
// Scope: unary calls, identity encoding, deadlines (grpc-timeout), cancellation.
import type { Socket } from 'node:net';
import { decodeMessage, encodeMessageParts } from '../common/client/proto-codec.js';
import { createH2Server, type H2Exchange, type TlsMaterial } from './h2-server.js';

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

export type { TlsMaterial };

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

export function createUnaryServer(opts: UnaryServerOptions): UnaryServer {
  const prefix = `/${opts.service}/`;
  const warn = opts.onWarning ?? (() => undefined);
  const calls = new Set<AbortController>();
  const h2 = createH2Server({
    tls: opts.tls, maxBodyBytes: opts.maxReceiveBytes + 5, onWarning: warn,
    onRequest: (x, body) => serve(x, body),
    onOversize: (x) => fail(x, { code: Status.RESOURCE_EXHAUSTED, details: `request larger than ${opts.maxReceiveBytes} bytes` }),
  });

  function fail(x: H2Exchange, st: CallStatus): void {
    x.respond({ ':status': '200', 'content-type': 'application/grpc', ...statusHeaders(st) });
  }

  function serve(x: H2Exchange, body: Buffer): void {
    const path = x.headers[':path'] ?? '';
    const method = path.startsWith(prefix) ? opts.methods.get(path.slice(prefix.length)) : undefined;
    if (x.headers[':method'] !== 'POST' || !(x.headers['content-type'] ?? '').startsWith('application/grpc')) {
      x.respond({ ':status': '415' });
      return;
    }
    if (!method) { fail(x, { code: Status.UNIMPLEMENTED, details: `unknown method ${path}` }); return; }
    if (body.length < 5 || body.length !== 5 + body.readUInt32BE(1)) {
      fail(x, { code: Status.INTERNAL, details: 'a unary call carries exactly one message' });
      return;
    }
    if (body[0] !== 0) { fail(x, { code: Status.UNIMPLEMENTED, details: 'compressed messages are not supported' }); return; }
    let request: Record<string, unknown>;
    try {
      request = decodeMessage(method.requestType, body.subarray(5));
    } catch (err) {
      fail(x, { code: Status.INTERNAL, details: `cannot decode the request: ${(err as Error).message}` });
      return;
    }
    // The handler's signal: the client's cancel (the exchange's), the deadline, or a cut-off at close.
    const ac = new AbortController();
    const onCancel = () => ac.abort(x.signal.reason);
    x.signal.addEventListener('abort', onCancel, { once: true });
    calls.add(ac);
    // The deadline counts from the request's last byte: h2-server.ts hands a request over whole.
    const timeout = parseTimeout(x.headers['grpc-timeout']);
    const timer = timeout === null ? null : setTimeout(() => {
      ac.abort(new Error(`deadline of ${timeout} ms exceeded`));
      fail(x, { code: Status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' });
    }, timeout);
    const finish = () => { calls.delete(ac); x.signal.removeEventListener('abort', onCancel); if (timer) clearTimeout(timer); };
    method.handler(request, { peerCert: x.peerCert, signal: ac.signal }).then((res) => {
      finish();
      const after = (res as Record<symbol, unknown> | null)?.[AFTER_SENT];
      const onDone = typeof after === 'function' ? () => after() : undefined;
      if (x.answered) { onDone?.(); return; }
      // The message's parts go out as they are, after the 5-byte gRPC prefix: a disk chunk
      // is not copied into one buffer on its way to the socket.
      const parts = encodeMessageParts(method.responseType, (res ?? {}) as Record<string, unknown>);
      const head = Buffer.allocUnsafe(5);
      head[0] = 0;
      head.writeUInt32BE(parts.reduce((n, p) => n + p.length, 0), 1);
      const small = parts.length === 1 && parts[0]!.length < 65536;
      x.respond({ ':status': '200', 'content-type': 'application/grpc' }, small ? [Buffer.concat([head, parts[0]!])] : [head, ...parts],
        { 'grpc-status': '0', 'grpc-message': '' }, onDone);
    }).catch((err: unknown) => { finish(); fail(x, opts.toStatus(err)); });
  }

  return {
    listen: h2.listen,
    accept: h2.accept,
    activity: () => { const a = h2.activity(); return { calls: a.streams, lastMs: a.lastMs }; },
    setTls: h2.setTls,
    close: async (graceMs) => {
      // Calls still running when the grace ends are told to stop (their connections are cut).
      const cut = setTimeout(() => { for (const ac of calls) ac.abort(new Error('the server is shutting down')); }, graceMs);
      try { await h2.close(graceMs); } finally { clearTimeout(cut); }
    },
  };
}
