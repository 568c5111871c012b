// A small protobuf (proto3) codec driven by the generated descriptor (proto/generated/
// descriptor.json), for the CLI's few Master messages. Loading protobufjs and
// @grpc/proto-loader costs a short-lived command more than everything else it does, so
// the gnt-* programs encode and decode these flat messages themselves — from the same
// .proto definitions as every other process.
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };

interface FieldDesc { type: string; id: number; rule?: string }
interface TypeDesc { fields?: Record<string, FieldDesc> }

const TYPES = (descriptor as unknown as { nested: { ganeti: { nested: Record<string, TypeDesc> } } }).nested.ganeti.nested;

const VARINT = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool', 'enum']);

function typeOf(name: string): Record<string, FieldDesc> {
  const t = TYPES[name.replace(/^(\.?ganeti\.)/, '')];
  if (!t) throw new Error(`Unknown protobuf message type '${name}'`);
  return t.fields ?? {};
}

function isMessage(type: string): boolean {
  return !VARINT.has(type) && !['string', 'bytes', 'double', 'float', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64'].includes(type);
}

// ---- encoding ----

class Writer {
  private chunks: Buffer[] = [];
  private len = 0;
  push(b: Buffer): void { this.chunks.push(b); this.len += b.length; }
  varint(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    const bytes: number[] = [];
    do {
      let byte = Number(n & 0x7fn);
      n >>= 7n;
      if (n) byte |= 0x80;
      bytes.push(byte);
    } while (n);
    this.push(Buffer.from(bytes));
  }
  tag(id: number, wire: number): void { this.varint((id << 3) | wire); }
  finish(): Buffer { return Buffer.concat(this.chunks, this.len); }
}

function writeField(w: Writer, f: FieldDesc, v: unknown): void {
  switch (f.type) {
    case 'string': case 'bytes': {
      const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v as Uint8Array);
      w.tag(f.id, 2); w.varint(b.length); w.push(b);
      return;
    }
    case 'bool': w.tag(f.id, 0); w.varint(v ? 1 : 0); return;
    case 'double': { const b = Buffer.alloc(8); b.writeDoubleLE(Number(v)); w.tag(f.id, 1); w.push(b); return; }
    case 'float': { const b = Buffer.alloc(4); b.writeFloatLE(Number(v)); w.tag(f.id, 5); w.push(b); return; }
    default:
      if (VARINT.has(f.type)) {
        w.tag(f.id, 0);
        w.varint(Math.trunc(Number(v)));
        return;
      }
      if (isMessage(f.type)) {
        const b = encodeMessage(f.type, v as Record<string, unknown>);
        w.tag(f.id, 2); w.varint(b.length); w.push(b);
        return;
      }
      throw new Error(`Unsupported protobuf field type '${f.type}'`);
  }
}

/** Encodes a plain object (keys as in the .proto) as message `type`; unset fields are skipped. */
export function encodeMessage(type: string, obj: Record<string, unknown> = {}): Buffer {
  const w = new Writer();
  for (const [name, f] of Object.entries(typeOf(type))) {
    const v = obj[name];
    if (v === undefined || v === null) continue;
    if (f.rule === 'repeated') for (const item of v as unknown[]) writeField(w, f, item);
    else writeField(w, f, v);
  }
  return w.finish();
}

// ---- decoding ----

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer, readonly end = buf.length) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('Truncated protobuf varint');
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
    }
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += Number(this.varint());
    else if (wire === 5) this.pos += 4;
    else throw new Error(`Unsupported protobuf wire type ${wire}`);
  }
}

function defaultFor(f: FieldDesc): unknown {
  if (f.rule === 'repeated') return [];
  if (f.type === 'string') return '';
  if (f.type === 'bool') return false;
  if (f.type === 'bytes') return Buffer.alloc(0);
  return isMessage(f.type) ? null : 0;
}

function scalarFromVarint(type: string, raw: bigint): unknown {
  if (type === 'bool') return raw !== 0n;
  if (type === 'sint32' || type === 'sint64') return Number((raw >> 1n) ^ -(raw & 1n));
  if (type === 'int32' || type === 'int64' || type === 'enum') return Number(BigInt.asIntN(64, raw));
  return Number(raw);
}

function readValue(r: Reader, f: FieldDesc, wire: number): unknown {
  if (wire === 0) return scalarFromVarint(f.type, r.varint());
  if (wire === 1) { const v = r.buf.readDoubleLE(r.pos); r.pos += 8; return v; }
  if (wire === 5) { const v = r.buf.readFloatLE(r.pos); r.pos += 4; return v; }
  const len = Number(r.varint());
  const start = r.pos;
  r.pos += len;
  if (f.type === 'string') return r.buf.toString('utf8', start, start + len);
  if (f.type === 'bytes') return r.buf.subarray(start, start + len);
  return decodeMessage(f.type, r.buf.subarray(start, start + len));
}

/** Decodes message `type` into a plain object with every field present (proto3 defaults). */
export function decodeMessage(type: string, buf: Buffer): Record<string, unknown> {
  const fields = typeOf(type);
  const byId = new Map<number, [string, FieldDesc]>();
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fields)) {
    byId.set(f.id, [name, f]);
    out[name] = defaultFor(f);
  }
  const r = new Reader(buf);
  while (r.pos < r.end) {
    const key = Number(r.varint());
    const id = key >>> 3;
    const wire = key & 7;
    const hit = byId.get(id);
    if (!hit) { r.skip(wire); continue; }
    const [name, f] = hit;
    if (f.rule === 'repeated') {
      const list = out[name] as unknown[];
      if (wire === 2 && !isMessage(f.type) && f.type !== 'string' && f.type !== 'bytes') {
        // packed scalars
        const len = Number(r.varint());
        const sub = new Reader(r.buf, r.pos + len);
        sub.pos = r.pos;
        const inner = f.type === 'double' ? 1 : f.type === 'float' ? 5 : 0;
        while (sub.pos < sub.end) list.push(readValue(sub, f, inner));
        r.pos += len;
      } else {
        list.push(readValue(r, f, wire));
      }
    } else {
      out[name] = readValue(r, f, wire);
    }
  }
  return out;
}
