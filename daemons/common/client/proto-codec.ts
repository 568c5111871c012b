// Protobuf encoding for the CLI's master client, from the same pre-serialised descriptor
// that grpc-js loads, so proto/ stays the only source. proto-lite, not protobufjs: a short
// command cannot afford loading protobufjs and generating its coders (bench/startup.ts).
import descriptor from '../../../proto/generated/descriptor.json' with { type: 'json' };
import { ProtoCodec } from '../proto-lite.js';

const codec = new ProtoCodec(descriptor);

export function encodeMessage(type: string, obj: Record<string, unknown> = {}): Buffer {
  return codec.encode(type, obj);
}

/** obj with its encoding kept on it (ProtoCodec.keepEncoding): for entries answered many times unchanged. */
export function keepEncoding<T extends object>(type: string, obj: T, bytes?: Buffer): T {
  return codec.keepEncoding(type, obj, bytes);
}

/** The encoding as pieces, a large `bytes` field by reference (proto-lite's encodeParts). */
export function encodeMessageParts(type: string, obj: Record<string, unknown> = {}): Buffer[] {
  return codec.encodeParts(type, obj);
}

export function decodeMessage(type: string, buf: Buffer): Record<string, unknown> {
  return codec.decode(type, buf);
}
