// Where the browser's VNC console connects: a kvm instance with `vnc_bind_address` set runs its
// VNC server on its primary node at that address and the instance's network port (Ganeti's
// display = port - 5900), or on that Unix socket when the address is a path. ganeti-rapi
// reaches it the way it reaches the serial console: ssh to the primary node, running socat
// there (through the node's `cmd` script on a virtual cluster), so the VNC server never has
// to listen beyond the node's loopback. Pure: the caller queries the instance and the paths.
import { HttpError } from './http-error.js';

/** The instance fields this needs, as ganeti-rapi queries them from the master. */
export const VNC_FIELDS = ['name', 'status', 'pnode', 'hypervisor', 'network_port', 'hv/vnc_bind_address', 'hv/vnc_tls'] as const;

/** Whether an instance row (with VNC_FIELDS) describes a VNC console the browser can use. */
export function hasVnc(row: Record<string, unknown>): boolean {
  return row.hypervisor === 'kvm' && typeof row['hv/vnc_bind_address'] === 'string' && row['hv/vnc_bind_address'] !== '';
}

/** socat's address of the VNC server, as seen from the node itself. */
export function vncSocatAddress(bind: string, port: unknown): string {
  if (bind.startsWith('/')) return `UNIX-CONNECT:${bind}`;
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 5900 || port > 65535) {
    throw new HttpError(503, `Instance has no VNC port allocated (network_port ${String(port)})`);
  }
  // A wildcard bind listens on the node's loopback too: connect there.
  const host = bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '::1' : bind;
  return host.includes(':') ? `TCP6:[${host}]:${port}` : `TCP4:${host}:${port}`;
}

/** The primary node's fields the bridge's ssh needs (common/client/console.ts nodeSshTarget). */
export const NODE_SSH_FIELDS = ['name', 'pip', 'ndp/ssh_port'] as const;

/**
 * The console description (Ganeti's kind ssh: a command to run on a node) that bridges the
 * instance's VNC server to ssh's standard input and output. nodeRoot: the primary node's
 * root on a virtual cluster ('' on a real one), whose `cmd` runs in that node's environment;
 * ssh: where its sshd is (nodeSshTarget).
 */
export function vncBridge(row: Record<string, unknown>, nodeRoot: string,
  ssh: { host: string; port: number; user?: string }): Record<string, unknown> {
  const name = String(row.name);
  if (!hasVnc(row)) throw new HttpError(501, `Instance '${name}' has no VNC console (a kvm instance with vnc_bind_address set has one)`);
  if (row['hv/vnc_tls'] === true) throw new HttpError(501, `Instance '${name}' uses VNC over TLS (vnc_tls), which the browser console does not speak`);
  if (row.status !== 'running') throw new HttpError(503, `Instance '${name}' is not running (status ${String(row.status)})`);
  if (typeof row.pnode !== 'string' || !row.pnode) throw new HttpError(503, `Instance '${name}' has no primary node`);
  const cmd = ['socat', '-', vncSocatAddress(String(row['hv/vnc_bind_address']), row.network_port)];
  return { instance: name, kind: 'ssh', user: 'root', ...ssh, command: nodeRoot ? [`${nodeRoot}/cmd`, ...cmd] : cmd };
}
