// Loading the gRPC services from the pre-serialised descriptor, what the descriptor says
// about each method (its timeout class), Ganeti's RPC timeout classes, and the one place
// where an error becomes a gRPC status (both daemons' services use it).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };
import { encodeError, errorMapping, errorMetadataValue, ERROR_METADATA_KEY } from './errors.js';
import type { NodeDaemonDefinition } from '../../proto/generated/ganeti/NodeDaemon.js';
import type { ProtoGrpcType as NodeGrpc } from '../../proto/generated/node.js';
import type { ProtoGrpcType as MasterGrpc } from '../../proto/generated/master.js';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
};

/** The NodeDaemon methods of node.proto by name (the generated definition without its index
 * signature): the master's typed client and noded's backend table are mapped from it. */
export type NodeMethodDefs = { [K in keyof NodeDaemonDefinition as string extends K ? never : K]: NodeDaemonDefinition[K] };

let loaded: (NodeGrpc & MasterGrpc) | null = null;

export function loadServices(): NodeGrpc & MasterGrpc {
  if (!loaded) {
    const def = protoLoader.fromJSON(descriptor as object, LOADER_OPTIONS);
    loaded = grpc.loadPackageDefinition(def) as unknown as NodeGrpc & MasterGrpc;
  }
  return loaded;
}

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

interface MethodJson { requestType: string; responseType: string; options?: Record<string, unknown> }
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

/** Any thrown value as a gRPC status: the code from errorMapping(), details = the message,
 * and the whole encoded error (class, ecode, cause chain) in the `ganeti-error` metadata. */
export function toServiceError(err: unknown): Partial<grpc.StatusObject> {
  const enc = encodeError(err);
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_METADATA_KEY, errorMetadataValue(enc));
  return { code: errorMapping({ name: enc.class, ecode: enc.ecode }).status, details: enc.message, metadata };
}

export function deadline(ms: number): Date { return new Date(Date.now() + ms); }

export function unixAddress(socketPath: string): string { return `unix://${socketPath}`; }

/** Channel options shared by every client: fail fast instead of waiting for a dead peer. */
export const CLIENT_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1000,
  'grpc.enable_retries': 0,
};
