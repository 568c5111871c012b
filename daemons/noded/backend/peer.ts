// A node daemon calling another node's daemon (backups pull disk dumps node to node): the
// same mutual TLS as the master's calls, with this node's own certificate, so the peer's
// server lets in only members of the cluster.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { NODED_PORT } from '../../common/constants.js';
import { decodeServiceError } from '../../common/errors.js';
import { splitPem } from '../../common/pem.js';
import type { Paths } from '../../common/paths.js';
import { CLIENT_OPTIONS, deadline, loadServices } from '../../common/rpc.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';

export interface Peer { name: string; ip: string }

export class PeerClient {
  private readonly client: NodeDaemonClient;

  constructor(paths: Paths, readonly peer: Peer, port = NODED_PORT) {
    const ca = readFileSync(paths.caCertFile);
    const own = splitPem(readFileSync(paths.serverCertFile, 'utf8'));
    const creds = grpc.credentials.createSsl(ca, Buffer.from(own.key), Buffer.from(own.cert));
    const Ctor = loadServices().ganeti.NodeDaemon;
    this.client = new Ctor(`${peer.ip}:${port}`, creds, {
      ...CLIENT_OPTIONS, 'grpc.ssl_target_name_override': peer.name, 'grpc.default_authority': peer.name,
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
  }

  /** A unary call; errors come back as the peer raised them. */
  call<Res>(method: string, req: object, timeoutMs = 60_000, signal?: AbortSignal): Promise<Res> {
    return new Promise((resolve, reject) => {
      const fn = (this.client as unknown as Record<string, Function>)[method]!;
      const c = fn.call(this.client, req, { deadline: deadline(timeoutMs) }, (err: grpc.ServiceError | null, res: Res) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(decodeServiceError(err)); else resolve(res);
      }) as grpc.ClientUnaryCall;
      const onAbort = () => c.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  close(): void { this.client.close(); }
}
