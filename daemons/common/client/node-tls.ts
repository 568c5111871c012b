// How a daemon reaches a node daemon over mutual TLS (the master's calls, noded's peer calls):
// this node's own certificate and key with the cluster CA, and the node's name as the TLS
// server name, so the peer's certificate must name that node (its address alone is not who
// it is). ALPN h2: the connection carries gRPC (grpc-lite.ts).
import { readFileSync } from 'node:fs';
import { connect, type TLSSocket } from 'node:tls';
import { splitPem } from '../pem.js';
import type { Paths } from '../paths.js';

export interface NodeCredentials { ca: Buffer; key: string; cert: string }

/** This node's identity for calling node daemons, read from its own files. */
export function nodeCredentials(paths: Paths): NodeCredentials {
  const own = splitPem(readFileSync(paths.serverCertFile, 'utf8'));
  return { ca: readFileSync(paths.caCertFile), key: own.key, cert: own.cert };
}

/** A TLS connection to the node daemon of `node` at its address. */
export function connectNode(creds: NodeCredentials, node: { name: string; ip: string }, port: number): TLSSocket {
  return connect({ host: node.ip, port, ca: creds.ca, key: creds.key, cert: creds.cert, servername: node.name, ALPNProtocols: ['h2'] });
}
