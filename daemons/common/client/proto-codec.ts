// Protobuf encoding for the CLI's master client, with protobufjs (light build) built from
// the same pre-serialised descriptor that grpc-js loads, so proto/ stays the only source.
// Field names keep their snake_case (keepCase), longs are numbers, enums strings: the
// same options as the daemons' proto-loader.
import protobuf from 'protobufjs/light.js';
import descriptor from '../../../proto/generated/descriptor.json' with { type: 'json' };

let root: protobuf.Root | null = null;
const types = new Map<string, protobuf.Type>();

function lookup(type: string): protobuf.Type {
  let t = types.get(type);
  if (!t) {
    root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
    t = root.lookupType(type.includes('.') ? type : `ganeti.${type}`);
    types.set(type, t);
  }
  return t;
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, bytes: Buffer as unknown as typeof String, defaults: true, arrays: true, objects: true, oneofs: true };

export function encodeMessage(type: string, obj: Record<string, unknown> = {}): Buffer {
  const t = lookup(type);
  return Buffer.from(t.encode(t.fromObject(obj)).finish());
}

export function decodeMessage(type: string, buf: Buffer): Record<string, unknown> {
  const t = lookup(type);
  return t.toObject(t.decode(buf), TO_OBJECT) as Record<string, unknown>;
}
