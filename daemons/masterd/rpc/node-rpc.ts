// The master's client for every noded: one TLS channel per node (cached), typed by the
// generated NodeDaemon definition, a deadline from each method's timeout class in
// node.proto on every call, AbortSignal wired to call.cancel(), and results
// as RpcResult so that callers decide what a failure means.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { NODED_PORT } from '../../common/constants.js';
import { decodeServiceError, isServiceError, NodeUnreachableError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { CLIENT_OPTIONS, deadline, loadServices, methodTimeout, type NodeMethodDefs } from '../../common/rpc.js';
import { splitPem } from '../../common/pem.js';
import type { Paths } from '../../common/paths.js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import { RpcResult } from './rpc-result.js';

/** Request (as sent) and response (as received) of every NodeDaemon method, from node.proto. */
export type NodeMethods = {
  [M in keyof NodeMethodDefs]: NodeMethodDefs[M] extends MethodDefinition<infer Req, infer _ResIn, infer _ReqOut, infer Res> ? [Req, Res] : never
};
export type NodeMethod = keyof NodeMethods & string;

// A hung node (its noded stopped, while the kernel still accepts connections) must fail a
// call in seconds, not at the end of the call's class deadline (up to hours): keepalive
// pings find a dead peer behind an open connection within ~20 s, and a call whose TLS
// connection is not up after CONNECT_TIMEOUT_MS fails (grpc-js has no connect timeout).
const CONNECT_TIMEOUT_MS = 10_000;
const KEEPALIVE_OPTIONS: grpc.ChannelOptions = { 'grpc.keepalive_time_ms': 10_000, 'grpc.keepalive_timeout_ms': 10_000 };

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

export class GrpcNodeRpc implements NodeRpc {
  private readonly clients = new Map<string, NodeDaemonClient>();
  private creds: grpc.ChannelCredentials | null = null;
  /** Calls in flight per channel, so that a channel replaced by reloadCredentials() closes only when idle. */
  private readonly inFlight = new Map<NodeDaemonClient, number>();
  private readonly retired = new Set<NodeDaemonClient>();

  constructor(private readonly paths: Paths, private readonly log: Logger, private readonly port = NODED_PORT) {}

  /** Certificates change on renew-crypto: new calls use new channels and credentials; the old
   * channels close once their calls end (closing a channel fails calls still connecting). */
  reloadCredentials(): void {
    for (const c of this.clients.values()) {
      if ((this.inFlight.get(c) ?? 0) === 0) c.close();
      else this.retired.add(c);
    }
    this.clients.clear();
    this.creds = null;
  }

  private dropClient(key: string, c: NodeDaemonClient): void {
    if (this.clients.get(key) !== c) return;
    this.clients.delete(key);
    if ((this.inFlight.get(c) ?? 0) === 0) c.close();
    else this.retired.add(c);
  }

  private callEnded(c: NodeDaemonClient): void {
    const n = (this.inFlight.get(c) ?? 1) - 1;
    if (n > 0) { this.inFlight.set(c, n); return; }
    this.inFlight.delete(c);
    if (this.retired.delete(c)) c.close();
  }

  private credentials(): grpc.ChannelCredentials {
    if (!this.creds) {
      const ca = readFileSync(this.paths.caCertFile);
      const own = splitPem(readFileSync(this.paths.serverCertFile, 'utf8'));
      this.creds = grpc.credentials.createSsl(ca, Buffer.from(own.key), Buffer.from(own.cert));
    }
    return this.creds;
  }

  private client(node: NodeTarget): NodeDaemonClient {
    const key = `${node.name}@${node.ip}`;
    let c = this.clients.get(key);
    if (!c) {
      const Ctor = loadServices().ganeti.NodeDaemon;
      // The certificate names the node; connecting by IP with the name as TLS target checks it.
      c = new Ctor(`${node.ip}:${this.port}`, this.credentials(), {
        ...CLIENT_OPTIONS, ...KEEPALIVE_OPTIONS, 'grpc.ssl_target_name_override': node.name, 'grpc.default_authority': node.name,
        // Own connection state per channel, so that dropping a failed channel (below) really reconnects.
        'grpc.use_local_subchannel_pool': 1,
      });
      this.clients.set(key, c);
    }
    return c;
  }

  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts: CallOptions = {}): Promise<RpcResult<NodeMethods[M][1]>> {
    if (node.offline) return Promise.resolve(RpcResult.offlineNode(node.name));
    const timeoutMs = opts.timeoutMs ?? methodTimeout(method);
    return new Promise((resolve) => {
      let client: NodeDaemonClient;
      try { client = this.client(node); } catch (err) {
        resolve(RpcResult.fail(node.name, new NodeUnreachableError(`Cannot set up a connection to node ${node.name}: ${(err as Error).message}`)));
        return;
      }
      const fn = (client as unknown as Record<string, Function>)[method]!;
      const channel = client.getChannel();
      let connectTimer: NodeJS.Timeout | undefined;
      let connectTimedOut = false;
      this.inFlight.set(client, (this.inFlight.get(client) ?? 0) + 1);
      const call = fn.call(client, req, { deadline: deadline(timeoutMs) }, (err: grpc.ServiceError | null, res: NodeMethods[M][1]) => {
        opts.signal?.removeEventListener('abort', onAbort);
        clearTimeout(connectTimer);
        this.callEnded(client);
        // A channel that could not reach the node waits out a reconnect backoff in which every
        // call fails at once, even after the node is back: the next call gets a fresh channel.
        if (connectTimedOut || (err?.code === grpc.status.UNAVAILABLE && !isServiceError(err))) {
          this.dropClient(`${node.name}@${node.ip}`, client);
        }
        if (connectTimedOut) {
          resolve(RpcResult.fail(node.name, new NodeUnreachableError(`Error while contacting node ${node.name} (${node.ip}): ` +
            `no connection after ${CONNECT_TIMEOUT_MS / 1000} s (is its node daemon hung?)`)));
        } else if (err) {
          const e = decodeServiceError(err);
          const msg = err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED
            ? `Error while contacting node ${node.name} (${node.ip}): ${err.details || err.message}` : e.message;
          if (e.message !== msg) (e as { message: string }).message = msg;
          this.log.debug(`rpc ${method} to ${node.name} failed`, { code: err.code, msg });
          resolve(RpcResult.fail(node.name, e));
        } else {
          resolve(RpcResult.ok(node.name, res));
        }
      }) as grpc.ClientUnaryCall;
      const onAbort = () => call.cancel();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (channel.getConnectivityState(false) !== grpc.connectivityState.READY && timeoutMs > CONNECT_TIMEOUT_MS) {
        connectTimer = setTimeout(() => {
          if (channel.getConnectivityState(false) === grpc.connectivityState.READY) return;
          connectTimedOut = true;
          call.cancel();
        }, CONNECT_TIMEOUT_MS);
        connectTimer.unref();
      }
    });
  }

  async callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M,
    req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]), opts: CallOptions = {}): Promise<Map<string, RpcResult<NodeMethods[M][1]>>> {
    const results = await Promise.all(nodes.map((n) =>
      this.call(n, method, typeof req === 'function' ? (req as (n: NodeTarget) => NodeMethods[M][0])(n) : req, opts)));
    return new Map(nodes.map((n, i) => [n.name, results[i]!]));
  }

  close(): void {
    for (const c of [...this.clients.values(), ...this.retired]) c.close();
    this.clients.clear();
    this.retired.clear();
  }
}
