// A node daemon calling another node's daemon (backups pull disk dumps node to node): the
// same mutual TLS as the master's calls, with this node's own certificate, so the peer's
// server lets in only members of the cluster. The small gRPC client (client/grpc-lite.ts)
// over a TLS socket: noded loads no grpc-js (see grpc-server.ts).
import { GrpcLiteClient } from '../../common/client/grpc-lite.js';
import { connectNode, nodeCredentials } from '../../common/client/node-tls.js';
import { NODED_PORT } from '../../common/constants.js';
import { decodeServiceError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';
import { serviceMethods } from '../../common/rpc-methods.js';

export interface Peer { name: string; ip: string }

export class PeerClient {
  private readonly client: GrpcLiteClient;

  constructor(paths: Paths, readonly peer: Peer, port = NODED_PORT) {
    const creds = nodeCredentials(paths);
    this.client = new GrpcLiteClient(() => connectNode(creds, peer, port), 'ganeti.NodeDaemon');
  }

  /** A unary call; errors come back as the peer raised them. */
  async call<Res>(method: string, req: object, timeoutMs = 60_000, signal?: AbortSignal): Promise<Res> {
    const m = serviceMethods('NodeDaemon')[method];
    if (!m) throw new Error(`no NodeDaemon method ${method}`);
    try {
      return await this.client.unary(method, m.requestType, m.responseType, req as Record<string, unknown>, timeoutMs, signal) as Res;
    } catch (err) {
      throw decodeServiceError(err as Parameters<typeof decodeServiceError>[0]);
    }
  }

  close(): void { this.client.close(); }
}
