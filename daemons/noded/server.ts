// Starts the NodeDaemon gRPC server over mutual TLS: only peers holding a certificate signed by
// the cluster CA get in. Used by main.ts and by tests (127.0.0.1:0 with a temp node root).
import * as grpc from '@grpc/grpc-js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { NODED_PORT } from '../common/constants.js';
import { GanetiError } from '../common/errors.js';
import { lookupHostsFile } from '../common/hosts.js';
import { createLogger, type Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';
import { loadServices } from '../common/rpc.js';
import { splitPem } from '../common/pem.js';
import { createNodeDaemonHandlers } from './service.js';
import { readTlsMaterial } from './backend/credentials.js';

export interface NodedOptions {
  paths: Paths;
  /** Default: this node's address from the hosts file, else 0.0.0.0. */
  address?: string;
  /** Default 1811; 0 picks a free port (tests). */
  port?: number;
  logger?: Logger;
  /** After NodeLeaveCluster answered. Default: close the server. */
  onLeaveCluster?: () => void;
}

export interface NodedServer {
  readonly address: string;
  readonly port: number;
  /** Stops accepting calls, lets running ones finish for graceMs, then cuts them. */
  close(graceMs?: number): Promise<void>;
  /** Serves with the certificate and CA files as they are now (renew-crypto), without a restart. */
  reloadCredentials(): void;
}

/** Raised when the node has no cluster certificate: it was never added, or it left. */
export class NotInClusterError extends GanetiError {}

export function defaultBindAddress(paths: Paths): string {
  return lookupHostsFile(paths, paths.hostname) ?? '0.0.0.0';
}

function readCredentials(paths: Paths): grpc.ServerCredentials {
  for (const f of [paths.serverCertFile, paths.caCertFile]) {
    if (!existsSync(f)) throw new NotInClusterError(`This node is not part of a cluster: ${f} is missing`, { ecode: 'environment_error' });
  }
  const { cert, key } = splitPem(readFileSync(paths.serverCertFile, 'utf8'));
  const ca = readFileSync(paths.caCertFile);
  return grpc.ServerCredentials.createSsl(ca, [{ private_key: Buffer.from(key), cert_chain: Buffer.from(cert) }], true);
}

export async function startNoded(opts: NodedOptions): Promise<NodedServer> {
  const { paths } = opts;
  const logger = opts.logger ?? createLogger('noded');
  const creds = readCredentials(paths);
  // The fake hypervisor's state dir exists from the start, as Ganeti's constructor makes it.
  mkdirSync(paths.fakeHvDir, { recursive: true, mode: 0o750 });

  const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 * 1024 * 1024 });
  let closing: Promise<void> | null = null;
  const close = (graceMs = 5000): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => { server.forceShutdown(); resolve(); }, graceMs);
      server.tryShutdown(() => { clearTimeout(force); resolve(); });
    });
    return closing;
  };
  const onLeave = opts.onLeaveCluster ?? (() => { void close(); });
  // grpc-js cannot swap a server's credentials, but its credentials object can push new
  // TLS context options to the listening socket (setSecureContext): new connections get
  // the new certificates, open ones keep theirs, and no call is interrupted.
  const reloadCredentials = () => {
    const m = readTlsMaterial(paths);
    (creds as unknown as { updateSecureContextOptions(o: object): void })
      .updateSecureContextOptions({ ca: m.ca, cert: [m.cert], key: [m.key] });
    logger.info('reloaded the node certificate and the cluster CA');
  };
  server.addService(loadServices().ganeti.NodeDaemon.service,
    createNodeDaemonHandlers({ paths, logger }, { onLeaveCluster: onLeave, onCredentialsChanged: reloadCredentials }));

  const address = opts.address ?? defaultBindAddress(paths);
  const wanted = opts.port ?? NODED_PORT;
  const target = `${isIPv6(address) ? `[${address}]` : address}:${wanted}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(target, creds, (err, p) => (err ? reject(err) : resolve(p)));
  }).catch((err: Error) => {
    throw new GanetiError(`Cannot listen on ${target}: ${err.message}`, { ecode: 'environment_error', cause: err });
  });
  logger.info(`ganeti-noded listening on ${address}:${port}`, { root: paths.nodeRoot || '/' });
  return { address, port, close, reloadCredentials };
}
