// A node daemon calling another node's daemon (backups pull disk dumps node to node): the
// same mutual TLS as the master's calls, with this node's own certificate, so the peer's
// server lets in only members of the cluster. The small gRPC client (client/grpc-lite.ts)
// over a TLS socket: noded loads no grpc-js (see grpc-server.ts).
import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { GrpcLiteClient } from '../../common/client/grpc-lite.js';
import { NODED_PORT } from '../../common/constants.js';
import { decodeServiceError } from '../../common/errors.js';
import { splitPem } from '../../common/pem.js';
import type { Paths } from '../../common/paths.js';
import { serviceMethods } from '../../common/rpc-methods.js';

export interface Peer { name: string; ip: string }

export class PeerClient {
  private readonly client: GrpcLiteClient;

  constructor(paths: Paths, readonly peer: Peer, port = NODED_PORT) {
    const ca = readFileSync(paths.caCertFile);
    const own = splitPem(readFileSync(paths.serverCertFile, 'utf8'));
    // The peer's certificate must name the peer: its address alone is not who it is.
    this.client = new GrpcLiteClient(() => tlsConnect({ host: peer.ip, port, ca, key: own.key, cert: own.cert,
      servername: peer.name, ALPNProtocols: ['h2'] }), 'ganeti.NodeDaemon');
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
