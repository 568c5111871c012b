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
import type { OsDiagnoseResponse__Output } from '../../../proto/generated/ganeti/OsDiagnoseResponse.js';
import type { UploadFileRequest } from '../../../proto/generated/ganeti/UploadFileRequest.js';
import type { WriteSsconfRequest } from '../../../proto/generated/ganeti/WriteSsconfRequest.js';
import type { TestDelayRequest } from '../../../proto/generated/ganeti/TestDelayRequest.js';
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
  OsDiagnose: [Empty, OsDiagnoseResponse__Output];
  UploadFile: [UploadFileRequest, Empty];
  WriteSsconfFiles: [WriteSsconfRequest, Empty];
  TestDelay: [TestDelayRequest, Empty];
}
export type NodeMethod = keyof NodeMethods;

const TIMEOUTS: Partial<Record<NodeMethod, number>> = {
  Version: RpcTimeout.Urgent, NodeInfo: RpcTimeout.Urgent, InstanceList: RpcTimeout.Urgent,
  InstanceInfo: RpcTimeout.Urgent, UploadFile: RpcTimeout.Normal, WriteSsconfFiles: RpcTimeout.Fast,
  InstanceOsAdd: RpcTimeout.FourHours, InstanceOsRename: RpcTimeout.Slow, TestDelay: RpcTimeout.OneDay,
};

/** Where to reach a node: its name (TLS identity) and primary address. */
export interface NodeTarget { name: string; ip: string; offline?: boolean }

export interface CallOptions { timeoutMs?: number; signal?: AbortSignal }

export interface NodeRpc {
  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts?: CallOptions): Promise<RpcResult<NodeMethods[M][1]>>;
  callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M, req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]),
    opts?: CallOptions): Promise<Map<string, RpcResult<NodeMethods[M][1]>>>;
  close(): void;
}

export class GrpcNodeRpc implements NodeRpc {
  private readonly clients = new Map<string, NodeDaemonClient>();
  private creds: grpc.ChannelCredentials | null = null;

  constructor(private readonly paths: Paths, private readonly log: Logger, private readonly port = NODED_PORT) {}

  /** Certificates change on renew-crypto: drop cached channels and credentials. */
  reloadCredentials(): void {
    this.close();
    this.creds = null;
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
        ...CLIENT_OPTIONS, 'grpc.ssl_target_name_override': node.name, 'grpc.default_authority': node.name,
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
      const call = fn.call(client, req, { deadline: deadline(timeoutMs) }, (err: grpc.ServiceError | null, res: NodeMethods[M][1]) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) {
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
    });
  }

  async callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M,
    req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]), opts: CallOptions = {}): Promise<Map<string, RpcResult<NodeMethods[M][1]>>> {
    const results = await Promise.all(nodes.map((n) =>
      this.call(n, method, typeof req === 'function' ? (req as (n: NodeTarget) => NodeMethods[M][0])(n) : req, opts)));
    return new Map(nodes.map((n, i) => [n.name, results[i]!]));
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
