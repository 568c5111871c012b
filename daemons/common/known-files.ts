// Files the master may upload to a node (UploadFile RPC). A node never writes a path sent
// by a peer: it maps one of these logical names to its own path.
import type { Paths } from './paths.js';

export const KNOWN_FILES = {
  config: { path: (p: Paths) => p.clusterConfFile, mode: 0o640 },
  ca_cert: { path: (p: Paths) => p.caCertFile, mode: 0o644 },
  ca_key: { path: (p: Paths) => p.caKeyFile, mode: 0o600 },
  hosts: { path: (p: Paths) => p.hostsFile, mode: 0o644 },
  // This node's certificate and key (renew-crypto); noded checks it, then serves with it at once.
  server_cert: { path: (p: Paths) => p.serverCertFile, mode: 0o600 },
  // gnt-cluster watcher pause|continue (Ganeti's SetWatcherPause); empty content removes it.
  watcher_pause: { path: (p: Paths) => p.watcherPauseFile, mode: 0o644 },
  // The RAPI server's certificate and key, kept on every master candidate so that ganeti-rapi
  // serves the same certificate after a master failover (gnt-cluster renew-crypto renews it).
  rapi_cert: { path: (p: Paths) => p.rapiCertFile, mode: 0o400 },
  // The RAPI users file, for the same reason (ganeti-rapi re-reads it when it changes).
  rapi_users: { path: (p: Paths) => p.rapiUsersFile, mode: 0o640 },
} as const satisfies Record<string, { path(p: Paths): string; mode: number }>;

export type KnownFile = keyof typeof KNOWN_FILES;

export function isKnownFile(name: string): name is KnownFile {
  return Object.prototype.hasOwnProperty.call(KNOWN_FILES, name);
}

/** Instance, node and OS names that may reach a path or a command line (no shell metacharacters, no '..'). */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/;
export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..');
}

/** Directories that reach a node's file system (storage dirs): absolute, no '..' step, and
 * nothing a shell or an option parser would read specially. */
export const SAFE_PATH = /^\/[A-Za-z0-9._+/-]{0,1023}$/;
export function isSafeAbsolutePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('/').includes('..');
}

/** Network interface names (master_netdev): at most 15 characters, never an option. */
export const SAFE_NETDEV = /^[A-Za-z0-9_.:][A-Za-z0-9_.:-]{0,14}$/;
export function isSafeNetdev(name: string): boolean { return SAFE_NETDEV.test(name); }
