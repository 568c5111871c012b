// The master's client for every noded: one TLS channel per node (cached), a deadline from
// Ganeti's timeout classes on every call, AbortSignal wired to call.cancel(), and results
// as RpcResult so that callers decide what a failure means.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { NODED_PORT } from '../../common/constants.js';
import { decodeServiceError, NodeUnreachableError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { CLIENT_OPTIONS, deadline, loadServices, RpcTimeout } from '../../common/rpc.js';
import { splitPem } from '../../common/pem.js';
import type { Paths } from '../../common/paths.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { VersionResponse__Output } from '../../../proto/generated/ganeti/VersionResponse.js';
import type { NodeInfoRequest } from '../../../proto/generated/ganeti/NodeInfoRequest.js';
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import type { NodeVerifyRequest } from '../../../proto/generated/ganeti/NodeVerifyRequest.js';
import type { NodeVerifyResponse__Output } from '../../../proto/generated/ganeti/NodeVerifyResponse.js';
import type { InstanceListRequest } from '../../../proto/generated/ganeti/InstanceListRequest.js';
import type { InstanceListResponse__Output } from '../../../proto/generated/ganeti/InstanceListResponse.js';
import type { InstanceInfoRequest } from '../../../proto/generated/ganeti/InstanceInfoRequest.js';
import type { InstanceRuntime__Output } from '../../../proto/generated/ganeti/InstanceRuntime.js';
import type { InstanceStartRequest } from '../../../proto/generated/ganeti/InstanceStartRequest.js';
import type { InstanceShutdownRequest } from '../../../proto/generated/ganeti/InstanceShutdownRequest.js';
import type { InstanceRebootRequest } from '../../../proto/generated/ganeti/InstanceRebootRequest.js';
import type { InstanceOsRequest } from '../../../proto/generated/ganeti/InstanceOsRequest.js';
import type { InstanceOsRenameRequest } from '../../../proto/generated/ganeti/InstanceOsRenameRequest.js';
import type { OsScriptResult__Output } from '../../../proto/generated/ganeti/OsScriptResult.js';
import type { BlockdevRequest } from '../../../proto/generated/ganeti/BlockdevRequest.js';
import type { BlockdevRenameRequest } from '../../../proto/generated/ganeti/BlockdevRenameRequest.js';
import type { BlockdevCreateResponse__Output } from '../../../proto/generated/ganeti/BlockdevCreateResponse.js';
import type { BlockdevAssembleResponse__Output } from '../../../proto/generated/ganeti/BlockdevAssembleResponse.js';
import type { BlockdevGrowRequest } from '../../../proto/generated/ganeti/BlockdevGrowRequest.js';
import type { BlockdevGrowResponse__Output } from '../../../proto/generated/ganeti/BlockdevGrowResponse.js';
import type { BlockdevSnapshotRequest } from '../../../proto/generated/ganeti/BlockdevSnapshotRequest.js';
import type { NodeVolumesRequest } from '../../../proto/generated/ganeti/NodeVolumesRequest.js';
import type { NodeVolumesResponse__Output } from '../../../proto/generated/ganeti/NodeVolumesResponse.js';
import type { StorageListRequest } from '../../../proto/generated/ganeti/StorageListRequest.js';
import type { StorageListResponse__Output } from '../../../proto/generated/ganeti/StorageListResponse.js';
import type { ExtStorageDiagnoseResponse__Output } from '../../../proto/generated/ganeti/ExtStorageDiagnoseResponse.js';
import type { OsDiagnoseResponse__Output } from '../../../proto/generated/ganeti/OsDiagnoseResponse.js';
import type { OsValidateRequest } from '../../../proto/generated/ganeti/OsValidateRequest.js';
import type { OsValidateResponse__Output } from '../../../proto/generated/ganeti/OsValidateResponse.js';
import type { UploadFileRequest } from '../../../proto/generated/ganeti/UploadFileRequest.js';
import type { WriteSsconfRequest } from '../../../proto/generated/ganeti/WriteSsconfRequest.js';
import type { TestDelayRequest } from '../../../proto/generated/ganeti/TestDelayRequest.js';
import type { ClusterConfigFile__Output } from '../../../proto/generated/ganeti/ClusterConfigFile.js';
import type { MigrationRequest } from '../../../proto/generated/ganeti/MigrationRequest.js';
import type { MigrationInfoResponse__Output } from '../../../proto/generated/ganeti/MigrationInfoResponse.js';
import type { AcceptInstanceRequest } from '../../../proto/generated/ganeti/AcceptInstanceRequest.js';
import type { InstanceMigrateRequest } from '../../../proto/generated/ganeti/InstanceMigrateRequest.js';
import type { MigrationStatusResponse__Output } from '../../../proto/generated/ganeti/MigrationStatusResponse.js';
import type { FinalizeMigrationRequest } from '../../../proto/generated/ganeti/FinalizeMigrationRequest.js';
import { RpcResult } from './rpc-result.js';

/** Request and response type of every NodeDaemon method, with its timeout class. */
export interface NodeMethods {
  Version: [Empty, VersionResponse__Output];
  NodeInfo: [NodeInfoRequest, NodeInfoResponse__Output];
  NodeVerify: [NodeVerifyRequest, NodeVerifyResponse__Output];
  NodeLeaveCluster: [Empty, Empty];
  InstanceList: [InstanceListRequest, InstanceListResponse__Output];
  InstanceInfo: [InstanceInfoRequest, InstanceRuntime__Output];
  InstanceStart: [InstanceStartRequest, Empty];
  InstanceShutdown: [InstanceShutdownRequest, Empty];
  InstanceReboot: [InstanceRebootRequest, Empty];
  InstanceOsAdd: [InstanceOsRequest, OsScriptResult__Output];
  InstanceOsRename: [InstanceOsRenameRequest, OsScriptResult__Output];
  BlockdevCreate: [BlockdevRequest, BlockdevCreateResponse__Output];
  BlockdevRemove: [BlockdevRequest, Empty];
  BlockdevRename: [BlockdevRenameRequest, BlockdevCreateResponse__Output];
  BlockdevAssemble: [BlockdevRequest, BlockdevAssembleResponse__Output];
  BlockdevShutdown: [BlockdevRequest, Empty];
  BlockdevGrow: [BlockdevGrowRequest, BlockdevGrowResponse__Output];
  BlockdevSnapshot: [BlockdevSnapshotRequest, BlockdevCreateResponse__Output];
  NodeVolumes: [NodeVolumesRequest, NodeVolumesResponse__Output];
  StorageList: [StorageListRequest, StorageListResponse__Output];
  ExtStorageDiagnose: [Empty, ExtStorageDiagnoseResponse__Output];
  OsDiagnose: [Empty, OsDiagnoseResponse__Output];
  OsValidate: [OsValidateRequest, OsValidateResponse__Output];
  BlockdevResetOverlay: [BlockdevRequest, Empty];
  UploadFile: [UploadFileRequest, Empty];
  WriteSsconfFiles: [WriteSsconfRequest, Empty];
  TestDelay: [TestDelayRequest, Empty];
  ReadClusterConfig: [Empty, ClusterConfigFile__Output];
  MigrationInfo: [MigrationRequest, MigrationInfoResponse__Output];
  AcceptInstance: [AcceptInstanceRequest, Empty];
  InstanceMigrate: [InstanceMigrateRequest, Empty];
  InstanceGetMigrationStatus: [MigrationRequest, MigrationStatusResponse__Output];
  InstanceFinalizeMigrationDst: [FinalizeMigrationRequest, Empty];
  InstanceFinalizeMigrationSrc: [FinalizeMigrationRequest, Empty];
}
export type NodeMethod = keyof NodeMethods;

const TIMEOUTS: Partial<Record<NodeMethod, number>> = {
  Version: RpcTimeout.Urgent, NodeInfo: RpcTimeout.Urgent, InstanceList: RpcTimeout.Urgent,
  InstanceInfo: RpcTimeout.Urgent, UploadFile: RpcTimeout.Normal, WriteSsconfFiles: RpcTimeout.Fast,
  InstanceOsAdd: RpcTimeout.FourHours, InstanceOsRename: RpcTimeout.Slow, TestDelay: RpcTimeout.OneDay,
};

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
    const timeoutMs = opts.timeoutMs ?? TIMEOUTS[method] ?? RpcTimeout.Normal;
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
        if (connectTimedOut || (err?.code === grpc.status.UNAVAILABLE && !err.metadata?.get('ganeti-error-class')?.length)) {
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
