// Protobuf encoding for the CLI's master client, from the same pre-serialised descriptor
// that grpc-js loads, so proto/ stays the only source. proto-lite, not protobufjs: a short
// command cannot afford loading protobufjs and generating its coders (bench/startup.ts).
import descriptor from '../../../proto/generated/descriptor.json' with { type: 'json' };
import { ProtoCodec } from '../proto-lite.js';

const codec = new ProtoCodec(descriptor);

export function encodeMessage(type: string, obj: Record<string, unknown> = {}): Buffer {
  return codec.encode(type, obj);
}

export function decodeMessage(type: string, buf: Buffer): Record<string, unknown> {
  return codec.decode(type, buf);
}
