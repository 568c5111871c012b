// Files the master may upload to a node (UploadFile RPC). A node never writes a path sent
// by a peer: it maps one of these logical names to its own path.
import type { Paths } from './paths.js';

export const KNOWN_FILES = {
  config: { path: (p: Paths) => p.clusterConfFile, mode: 0o640 },
  ca_cert: { path: (p: Paths) => p.caCertFile, mode: 0o644 },
  ca_key: { path: (p: Paths) => p.caKeyFile, mode: 0o600 },
  hosts: { path: (p: Paths) => p.hostsFile, mode: 0o644 },
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
