// Loading the gRPC services from the pre-serialised descriptor, credentials, and Ganeti's
// RPC timeout classes.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };
import type { ProtoGrpcType as NodeGrpc } from '../../proto/generated/node.js';
import type { ProtoGrpcType as MasterGrpc } from '../../proto/generated/master.js';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
};

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
