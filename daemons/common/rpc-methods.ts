// What the pre-serialised descriptor says about the services' methods (their message types
// and timeout classes), and Ganeti's RPC timeout classes. Kept apart from rpc.ts, which
// loads grpc-js: noded serves with its own small server (noded/grpc-server.ts) and must
// not load grpc-js just to read its method table.
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };
import type { NodeDaemonDefinition } from '../../proto/generated/ganeti/NodeDaemon.js';

/** The NodeDaemon methods of node.proto by name (the generated definition without its index
 * signature): the master's typed client and noded's backend table are mapped from it. */
export type NodeMethodDefs = { [K in keyof NodeDaemonDefinition as string extends K ? never : K]: NodeDaemonDefinition[K] };

/** Ganeti's RPC timeout classes (lib/rpc_defs.py), in milliseconds. */
export const RpcTimeout = {
  Urgent: 60_000,
  Fast: 5 * 60_000,
  Normal: 15 * 60_000,
  Slow: 3600_000,
  FourHours: 4 * 3600_000,
  OneDay: 86400_000,
} as const;

/** The proto enum ganeti.RpcTimeout (a method's `(ganeti.timeout)` option) in milliseconds. */
const TIMEOUT_CLASSES: Record<string, number> = {
  NORMAL: RpcTimeout.Normal, URGENT: RpcTimeout.Urgent, FAST: RpcTimeout.Fast,
  SLOW: RpcTimeout.Slow, FOUR_HOURS: RpcTimeout.FourHours, ONE_DAY: RpcTimeout.OneDay,
};

export interface MethodJson { requestType: string; responseType: string; options?: Record<string, unknown> }
type ServiceJson = { methods: Record<string, MethodJson> };

/** The methods of a service of package ganeti, as the descriptor lists them. */
export function serviceMethods(service: 'NodeDaemon' | 'Master'): Record<string, MethodJson> {
  const nested = (descriptor as unknown as { nested: { ganeti: { nested: Record<string, ServiceJson> } } }).nested.ganeti.nested;
  return nested[service]!.methods;
}

let timeouts: Map<string, number> | null = null;

/** A node RPC's deadline in milliseconds: its `(ganeti.timeout)` class in node.proto, else NORMAL. */
export function methodTimeout(method: string): number {
  timeouts ??= new Map(Object.entries(serviceMethods('NodeDaemon')).map(([name, m]) =>
    [name, TIMEOUT_CLASSES[String(m.options?.['(ganeti.timeout)'] ?? 'NORMAL')] ?? RpcTimeout.Normal]));
  return timeouts.get(method) ?? RpcTimeout.Normal;
}
