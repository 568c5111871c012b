// Loading the gRPC services (grpc-js) from the pre-serialised descriptor, and the one place
// where an error becomes a gRPC status for grpc-js. What the descriptor says about each
// method (types, timeout class) is in rpc-methods.ts, re-exported here.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };
import { encodeError, errorMapping, errorMetadataValue, ERROR_METADATA_KEY } from './errors.js';
export { methodTimeout, RpcTimeout, serviceMethods, type MethodJson, type NodeMethodDefs } from './rpc-methods.js';
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
