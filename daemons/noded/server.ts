// Starts the NodeDaemon gRPC server over mutual TLS: only peers holding a certificate signed by
// the cluster CA get in. Used by main.ts and by tests (127.0.0.1:0 with a temp node root).
import { existsSync, mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { NODED_PORT } from '../common/constants.js';
import { GanetiError } from '../common/errors.js';
import { lookupHostsFile } from '../common/hosts.js';
import { createLogger, type Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';
import { createUnaryServer } from './grpc-server.js';
import { createNodeDaemonHandlers, toCallStatus } from './service.js';
import { readTlsMaterial } from './backend/credentials.js';
import { loadHypervisorDrivers } from '../hypervisor/registry.js';
import { loadStorageDrivers } from '../storage/registry.js';

export interface NodedOptions {
  paths: Paths;
  /** Default: this node's address from the hosts file, else 0.0.0.0. */
  address?: string;
  /** Default 1811; 0 picks a free port (tests). */
  port?: number;
  logger?: Logger;
  /** After NodeLeaveCluster answered. Default: close the server. */
  onLeaveCluster?: () => void;
  /** false: bind nothing; connections come through accept() (noded's worker process,
   * handed them by its listener: worker-main.ts). Default true. */
  listen?: boolean;
}

export interface NodedServer {
  readonly address: string;
  readonly port: number;
  /** Stops accepting calls, lets running ones finish for graceMs, then cuts them. */
  close(graceMs?: number): Promise<void>;
  /** Serves with the certificate and CA files as they are now (renew-crypto), without a restart. */
  reloadCredentials(): void;
  /** Serves a connection accepted by another process (listen: false). */
  accept(socket: Socket): void;
  /** Calls in flight, and when the last one started or ended (performance.now()). */
  activity(): { calls: number; lastMs: number };
}

/** Raised when the node has no cluster certificate: it was never added, or it left. */
export class NotInClusterError extends GanetiError {}

export function defaultBindAddress(paths: Paths): string {
  return lookupHostsFile(paths, paths.hostname) ?? '0.0.0.0';
}

function checkInCluster(paths: Paths): void {
  for (const f of [paths.serverCertFile, paths.caCertFile]) {
    if (!existsSync(f)) throw new NotInClusterError(`This node is not part of a cluster: ${f} is missing`, { ecode: 'environment_error' });
  }
}

/** The largest request noded takes (a config upload of a large cluster is one message). */
const MAX_RECEIVE_BYTES = 256 * 1024 * 1024;

export async function startNoded(opts: NodedOptions): Promise<NodedServer> {
  const { paths } = opts;
  const logger = opts.logger ?? createLogger('noded');
  checkInCluster(paths);
  await Promise.all([loadHypervisorDrivers(), loadStorageDrivers()]);
  // The fake hypervisor's state dir exists from the start, as Ganeti's constructor makes it.
  mkdirSync(paths.fakeHvDir, { recursive: true, mode: 0o750 });

  let closing: Promise<void> | null = null;
  const close = (graceMs = 5000): Promise<void> => {
    closing ??= server.close(graceMs);
    return closing;
  };
  const onLeave = opts.onLeaveCluster ?? (() => { void close(); });
  // New connections get the new certificates, open ones keep theirs, no call is interrupted.
  const reloadCredentials = () => {
    server.setTls(readTlsMaterial(paths));
    logger.info('reloaded the node certificate and the cluster CA');
  };
  const server = createUnaryServer({
    service: 'ganeti.NodeDaemon',
    methods: createNodeDaemonHandlers({ paths, logger }, { onLeaveCluster: onLeave, onCredentialsChanged: reloadCredentials }),
    tls: readTlsMaterial(paths),
    toStatus: toCallStatus,
    maxReceiveBytes: MAX_RECEIVE_BYTES,
    onWarning: (m) => logger.debug(m),
  });

  const address = opts.address ?? defaultBindAddress(paths);
  const wanted = opts.port ?? NODED_PORT;
  const common = { address, close, reloadCredentials, accept: server.accept, activity: server.activity };
  if (opts.listen === false) {
    logger.debug(`worker ${process.pid} serving connections from the listener`, { root: paths.nodeRoot || '/' });
    return { ...common, port: wanted };
  }
  const port = await server.listen(address, wanted).catch((err: Error) => {
    throw new GanetiError(`Cannot listen on ${address}:${wanted}: ${err.message}`, { ecode: 'environment_error', cause: err });
  });
  logger.info(`ganeti-noded listening on ${address}:${port}`, { root: paths.nodeRoot || '/' });
  return { ...common, port };
}
