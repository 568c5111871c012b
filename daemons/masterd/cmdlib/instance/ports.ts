// TCP/UDP ports for instance consoles (Ganeti's AllocatePort): reuse the cluster's pool of
// freed ports, else take the next after the highest used one, up to 14999.
import { OpExecError } from '../../../common/errors.js';
import type { Cluster } from '../../../common/objects.js';

export const FIRST_PORT = 11000;
export const LAST_PORT = 14999;

/** Call inside a config mutator: takes a port and records it in the cluster. */
export function allocatePort(cl: Cluster): number {
  const pooled = cl.tcpudp_port_pool.shift();
  if (pooled !== undefined) return pooled;
  const port = Math.max(cl.highest_used_port, FIRST_PORT - 1) + 1;
  if (port > LAST_PORT) {
    throw new OpExecError(`The highest used port is greater than ${LAST_PORT}; free ports with gnt-instance remove first`);
  }
  cl.highest_used_port = port;
  return port;
}

/** Call inside a config mutator when an instance goes away: its port becomes reusable. */
export function releasePort(cl: Cluster, port: number): void {
  if (!cl.tcpudp_port_pool.includes(port)) cl.tcpudp_port_pool.push(port);
}
