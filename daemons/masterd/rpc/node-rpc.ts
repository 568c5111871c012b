// The master's client for every noded: one TLS connection per node (cached), typed by the
// generated NodeDaemon definition, a deadline from each method's timeout class in
// node.proto on every call, AbortSignal wired to cancellation, and results as RpcResult so
// that callers decide what a failure means. It speaks gRPC through the project's small
// client (common/client/grpc-lite.ts over TLS, as noded's peer calls do) rather than
// grpc-js: per call, grpc-js's channel, filter and HTTP/2 stream machinery was about a fifth
// of masterd's CPU in a batch of instance adds (docs/scaling.md, "throughput round 4").
import type { TLSSocket } from 'node:tls';
import { GrpcLiteClient } from '../../common/client/grpc-lite.js';
import { connectNode, nodeCredentials, type NodeCredentials } from '../../common/client/node-tls.js';
import { NODED_PORT } from '../../common/constants.js';
import { touchIdleGc } from '../../common/idle-gc.js';
import { decodeServiceError, isServiceError, NodeUnreachableError, Status } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { methodTimeout, serviceMethods, type NodeMethodDefs } from '../../common/rpc-methods.js';
import type { Paths } from '../../common/paths.js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { RpcResult } from './rpc-result.js';

/** Request (as sent) and response (as received) of every NodeDaemon method, from node.proto. */
export type NodeMethods = {
  [M in keyof NodeMethodDefs]: NodeMethodDefs[M] extends MethodDefinition<infer Req, infer _ResIn, infer _ReqOut, infer Res> ? [Req, Res] : never
};
export type NodeMethod = keyof NodeMethods & string;

// A hung node (its noded stopped, while the kernel still accepts connections) must fail a
// call in seconds, not at the end of the call's class deadline (up to hours): keepalive
// pings find a dead peer behind an open connection within ~20 s, and a call whose TLS
// connection is not up after CONNECT_TIMEOUT_MS fails.
const CONNECT_TIMEOUT_MS = 10_000;
const KEEPALIVE_MS = 10_000;

/** Where to reach a node: its name (TLS identity) and primary address. */
export interface NodeTarget { name: string; ip: string; offline?: boolean }

export interface CallOptions { timeoutMs?: number; signal?: AbortSignal }

export interface NodeRpc {
  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts?: CallOptions): Promise<RpcResult<NodeMethods[M][1]>>;
  callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M, req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]),
    opts?: CallOptions): Promise<Map<string, RpcResult<NodeMethods[M][1]>>>;
  close(): void;
  /** Re-reads this node's certificate and the CA bundle (renew-crypto). */
  reloadCredentials?(): void;
}

/** One node's connection: the client, whether its TLS handshake is done, and whether it was
 * given up because the handshake did not finish in CONNECT_TIMEOUT_MS. */
interface Channel { client: GrpcLiteClient; socket: TLSSocket | null; ready: boolean; timedOut: boolean }

export class GrpcNodeRpc implements NodeRpc {
  private readonly channels = new Map<string, Channel>();
  private creds: NodeCredentials | null = null;
  /** Calls in flight per channel, so that a channel replaced by reloadCredentials() closes only when idle. */
  private readonly inFlight = new Map<Channel, number>();
  private readonly retired = new Set<Channel>();
  private readonly methods = serviceMethods('NodeDaemon');

  private readonly connectTimeoutMs: number;
  private readonly keepaliveMs: number;

  /** timing: shorter connect timeout and keepalive, for tests. */
  constructor(private readonly paths: Paths, private readonly log: Logger, private readonly port = NODED_PORT,
    timing: { connectTimeoutMs?: number; keepaliveMs?: number } = {}) {
    this.connectTimeoutMs = timing.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.keepaliveMs = timing.keepaliveMs ?? KEEPALIVE_MS;
  }

  /** Certificates change on renew-crypto: new calls use new connections and credentials; the
   * old connections close once their calls end. */
  reloadCredentials(): void {
    for (const c of this.channels.values()) {
      if ((this.inFlight.get(c) ?? 0) === 0) c.client.close();
      else this.retired.add(c);
    }
    this.channels.clear();
    this.creds = null;
  }

  private dropChannel(key: string, c: Channel): void {
    if (this.channels.get(key) !== c) return;
    this.channels.delete(key);
    if ((this.inFlight.get(c) ?? 0) === 0) c.client.close();
    else this.retired.add(c);
  }

  private callEnded(c: Channel): void {
    const n = (this.inFlight.get(c) ?? 1) - 1;
    if (n > 0) { this.inFlight.set(c, n); return; }
    this.inFlight.delete(c);
    if (this.retired.delete(c)) c.client.close();
  }

  private credentials(): NodeCredentials {
    return (this.creds ??= nodeCredentials(this.paths));
  }

  private channel(node: NodeTarget): Channel {
    const key = `${node.name}@${node.ip}`;
    let c = this.channels.get(key);
    if (!c) {
      const creds = this.credentials();
      const ch: Channel = { client: null as unknown as GrpcLiteClient, socket: null, ready: false, timedOut: false };
      ch.client = new GrpcLiteClient(() => {
        const sock = connectNode(creds, node, this.port);
        ch.socket = sock;
        ch.ready = false;
        sock.once('secureConnect', () => { if (ch.socket === sock) ch.ready = true; });
        return sock;
      }, 'ganeti.NodeDaemon', { keepaliveMs: this.keepaliveMs });
      c = ch;
      this.channels.set(key, c);
    }
    return c;
  }

  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts: CallOptions = {}): Promise<RpcResult<NodeMethods[M][1]>> {
    if (node.offline) return Promise.resolve(RpcResult.offlineNode(node.name));
    const timeoutMs = opts.timeoutMs ?? methodTimeout(method);
    const m = this.methods[method];
    if (!m) return Promise.resolve(RpcResult.fail(node.name, new NodeUnreachableError(`no NodeDaemon method ${method}`)));
    let ch: Channel;
    try { ch = this.channel(node); } catch (err) {
      return Promise.resolve(RpcResult.fail(node.name,
        new NodeUnreachableError(`Cannot set up a connection to node ${node.name}: ${(err as Error).message}`)));
    }
    const key = `${node.name}@${node.ip}`;
    this.inFlight.set(ch, (this.inFlight.get(ch) ?? 0) + 1);
    const call = ch.client.unary(method, m.requestType, m.responseType, req as Record<string, unknown>, timeoutMs, opts.signal);
    let connectTimer: NodeJS.Timeout | undefined;
    if (!ch.ready && timeoutMs > this.connectTimeoutMs) {
      connectTimer = setTimeout(() => {
        if (ch.ready) return;
        ch.timedOut = true;
        ch.socket?.destroy(new Error('connect timeout'));
      }, this.connectTimeoutMs);
      connectTimer.unref();
    }
    return call.then((res) => RpcResult.ok(node.name, res as NodeMethods[M][1]), (err: { code?: number; details?: string; message?: string;
      metadata?: { get(key: string): unknown[] } }) => {
      // A connection that could not reach the node: the next call gets a fresh one.
      if (ch.timedOut || (err.code === Status.UNAVAILABLE && !isServiceError(err))) this.dropChannel(key, ch);
      if (ch.timedOut) {
        return RpcResult.fail(node.name, new NodeUnreachableError(`Error while contacting node ${node.name} (${node.ip}): ` +
          `no connection after ${this.connectTimeoutMs / 1000} s (is its node daemon hung?)`));
      }
      const e = decodeServiceError(err);
      const msg = err.code === Status.UNAVAILABLE || err.code === Status.DEADLINE_EXCEEDED
        ? `Error while contacting node ${node.name} (${node.ip}): ${err.details || err.message}` : e.message;
      if (e.message !== msg) (e as { message: string }).message = msg;
      this.log.debug(`rpc ${method} to ${node.name} failed`, { code: err.code, msg });
      return RpcResult.fail(node.name, e);
    }).finally(() => {
      clearTimeout(connectTimer);
      this.callEnded(ch);
      touchIdleGc();
    });
  }

  async callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M,
    req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]), opts: CallOptions = {}): Promise<Map<string, RpcResult<NodeMethods[M][1]>>> {
    const results = await Promise.all(nodes.map((n) =>
      this.call(n, method, typeof req === 'function' ? (req as (n: NodeTarget) => NodeMethods[M][0])(n) : req, opts)));
    return new Map(nodes.map((n, i) => [n.name, results[i]!]));
  }

  close(): void {
    for (const c of [...this.channels.values(), ...this.retired]) c.client.close();
    this.channels.clear();
    this.retired.clear();
  }
}
