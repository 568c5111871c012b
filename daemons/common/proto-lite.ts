// A small protobuf codec for short-lived clients (the gnt-* commands), driven by the same
// pre-serialised descriptor the daemons load (proto/generated/descriptor.json), so proto/
// stays the only source. Why not protobufjs: loading it and building its generated coders
// cost a short command ~35 ms of its ~60 ms budget (bench/startup.ts); this walks the
// descriptor instead, which is fast enough for the few small messages a command sends.
// Objects match protobufjs's fromObject/toObject with the options the CLI always used:
// snake_case names, int64 as numbers, bytes as Buffers, every field present (defaults,
// [] for repeated, {} for maps, null for an absent message). No enums or oneofs: the
// project's protos have none (the constructor refuses a descriptor that does).

interface FieldDesc { type: string; id: number; rule?: string; keyType?: string }
interface TypeDesc { fields?: Record<string, FieldDesc>; nested?: Record<string, TypeDesc>; values?: unknown; oneofs?: unknown }
interface Field { name: string; id: number; type: string; repeated: boolean; keyType?: string; msg?: MessageType }
interface MessageType { name: string; fields: Field[]; byId: Map<number, Field> }

const VARINT = new Set(['int32', 'int64', 'uint32', 'uint64', 'bool', 'sint32', 'sint64']);
const FIXED64 = new Set(['double', 'fixed64', 'sfixed64']);
const FIXED32 = new Set(['float', 'fixed32', 'sfixed32']);
const SCALARS = new Set([...VARINT, ...FIXED64, ...FIXED32, 'string', 'bytes']);

function wireType(type: string): number {
  if (VARINT.has(type)) return 0;
  if (FIXED64.has(type)) return 1;
  if (FIXED32.has(type)) return 5;
  return 2;
}

function defaultOf(f: Field): unknown {
  if (f.keyType) return {};
  if (f.repeated) return [];
  switch (f.type) {
    case 'string': return '';
    case 'bool': return false;
    case 'bytes': return Buffer.alloc(0);
    default: return SCALARS.has(f.type) ? 0 : null;
  }
}

/** A message object may carry its own encoding under this key (ProtoCodec.keepEncoding): the
 * encoder then copies those bytes instead of walking its fields. */
const ENCODED = Symbol('proto-lite encoded');

/** Bytes fields from this size on are neither copied into the output (encode) nor out of the
 * input (decode, a view of it is returned): the disk chunks of backups (4 MiB each) went
 * through four copies in the codec and the gRPC framing, each as costly as their checksum. */
const BIG_BYTES = 65536;

/** Growable output of bytes. */
class Writer {
  private parts: Buffer[] = [];
  private cur = Buffer.allocUnsafe(256);
  private pos = 0;
  private room(n: number): void {
    if (this.pos + n <= this.cur.length) return;
    this.parts.push(this.cur.subarray(0, this.pos));
    this.cur = Buffer.allocUnsafe(Math.max(256, n));
    this.pos = 0;
  }
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    this.room(10);
    while (x > 0x7fn) { this.cur[this.pos++] = Number(x & 0x7fn) | 0x80; x >>= 7n; }
    this.cur[this.pos++] = Number(x);
  }
  smallVarint(v: number): void {
    if (v < 0 || v > 0x7fffffff || !Number.isInteger(v)) { this.varint(BigInt(v)); return; }
    this.room(5);
    while (v > 0x7f) { this.cur[this.pos++] = (v & 0x7f) | 0x80; v >>>= 7; }
    this.cur[this.pos++] = v;
  }
  bytes(b: Uint8Array): void {
    this.smallVarint(b.length);
    if (b.length >= BIG_BYTES) {
      // Kept by reference, not copied: a full config copy to a candidate is megabytes and a
      // backup's disk chunk 4 MiB, and each copy cost as much as a checksum and stayed in RSS.
      this.parts.push(this.cur.subarray(0, this.pos), Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      this.cur = Buffer.allocUnsafe(256);
      this.pos = 0;
      return;
    }
    this.room(b.length); this.cur.set(b, this.pos); this.pos += b.length;
  }
  /** A string's UTF-8 bytes written in place, without a Buffer of their own (noded's lists
   * encode thousands of names in an interpreter-only worker). */
  string(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.smallVarint(n);
    this.room(n);
    this.pos += this.cur.write(s, this.pos, n, 'utf8');
  }
  fixed(type: string, v: unknown): void {
    const n = FIXED64.has(type) ? 8 : 4;
    this.room(n);
    if (type === 'double') this.cur.writeDoubleLE(Number(v), this.pos);
    else if (type === 'float') this.cur.writeFloatLE(Number(v), this.pos);
    else if (n === 8) this.cur.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v as number)), this.pos);
    else this.cur.writeUInt32LE(Number(v) >>> 0, this.pos);
    this.pos += n;
  }
  /** Empty again, keeping its buffer unless a large message grew it. */
  reset(): void {
    this.parts = [];
    if (this.cur.length > 65536) this.cur = Buffer.allocUnsafe(256);
    this.pos = 0;
  }
  /** Another writer's bytes, length-delimited. */
  message(sub: Writer): void {
    if (sub.parts.length) { this.bytes(sub.finish()); return; }
    this.smallVarint(sub.pos);
    this.room(sub.pos);
    sub.cur.copy(this.cur, this.pos, 0, sub.pos);
    this.pos += sub.pos;
  }
  finish(): Buffer { return this.parts.length ? Buffer.concat([...this.parts, this.cur.subarray(0, this.pos)]) : this.cur.subarray(0, this.pos); }
  /** The bytes as the parts they were written in, without joining them (large `bytes` fields
   * stay the caller's buffers). */
  finishParts(): Buffer[] { return [...this.parts, this.cur.subarray(0, this.pos)].filter((b) => b.length); }
}

export class ProtoCodec {
  private readonly types = new Map<string, MessageType>();
  private readonly scratch: Writer[] = [];
  private depth = 0;

  constructor(descriptor: object) {
    const enums = new Set<string>();
    const walk = (ns: TypeDesc, prefix: string) => {
      for (const [name, d] of Object.entries(ns.nested ?? {})) {
        const full = prefix ? `${prefix}.${name}` : name;
        if (d.oneofs) throw new Error(`proto-lite: ${full} uses oneofs, which it does not support`);
        // An enum is fine as long as no message field has its type (RpcTimeout only names
        // method options): checked below, once every name is known.
        if (d.values) { enums.add(full); enums.add(name); }
        if (d.fields) {
          const fields = Object.entries(d.fields).map(([fname, f]) => ({ name: fname, id: f.id, type: f.type,
            repeated: f.rule === 'repeated', ...(f.keyType ? { keyType: f.keyType } : {}) }));
          const t = { name: full, fields, byId: new Map(fields.map((f) => [f.id, f])) };
          this.types.set(full, t);
          if (!this.types.has(name)) this.types.set(name, t); // short names are unique in our protos
        }
        walk(d, full);
      }
    };
    walk(descriptor as TypeDesc, '');
    for (const t of this.types.values()) {
      const f = t.fields.find((x) => enums.has(x.type) || enums.has(x.type.replace(/^ganeti\./, '')));
      if (f) throw new Error(`proto-lite: ${t.name}.${f.name} has an enum type, which it does not support`);
    }
  }

  private type(name: string): MessageType {
    const t = this.types.get(name.replace(/^\./, '')) ?? this.types.get(`ganeti.${name}`);
    if (!t) throw new Error(`proto-lite: no message type ${name}`);
    return t;
  }

  encode(typeName: string, obj: Record<string, unknown> = {}): Buffer {
    const kept = (obj as { [ENCODED]?: Buffer })[ENCODED];
    if (kept) return kept;
    const w = new Writer();
    this.write(w, this.type(typeName), obj);
    return w.finish();
  }

  /** Encodes obj once and keeps the bytes on it (not enumerable): every later encoding of a
   * message that holds obj copies them. For an entry sent many times unchanged (noded's
   * instance lists); obj must not change afterwards. bytes: its encoding, when the caller has
   * it already (pieces of one message may be concatenated: protobuf merges them). */
  keepEncoding<T extends object>(typeName: string, obj: T, bytes?: Buffer): T {
    Object.defineProperty(obj, ENCODED, { value: bytes ?? this.encode(typeName, obj as Record<string, unknown>), enumerable: false });
    return obj;
  }

  /** encode()'s bytes as pieces to be sent one after the other: no joined copy of a large
   * `bytes` field (which the pieces reference: the caller must not change it meanwhile). */
  encodeParts(typeName: string, obj: Record<string, unknown> = {}): Buffer[] {
    const w = new Writer();
    this.write(w, this.type(typeName), obj);
    return w.finishParts();
  }

  decode(typeName: string, buf: Uint8Array): Record<string, unknown> {
    return this.read(this.type(typeName), Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  }

  private write(w: Writer, t: MessageType, obj: Record<string, unknown>): void {
    for (const f of t.fields) {
      const v = obj[f.name];
      // proto3: a scalar at its default value is not sent (the reader fills defaults in).
      if (v === undefined || v === null || v === '' || v === 0 || v === false) continue;
      if (f.keyType) {
        for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
          const entry = new Writer();
          this.value(entry, { name: 'key', id: 1, type: f.keyType, repeated: false }, k);
          this.value(entry, { name: 'value', id: 2, type: f.type, repeated: false }, val);
          w.smallVarint((f.id << 3) | 2);
          w.bytes(entry.finish());
        }
      } else if (f.repeated) {
        if (!Array.isArray(v)) throw new TypeError(`${t.name}.${f.name}: array expected`);
        for (const item of v) this.value(w, f, item);
      } else {
        this.value(w, f, v);
      }
    }
  }

  private value(w: Writer, f: Field, v: unknown): void {
    w.smallVarint((f.id << 3) | wireType(f.type));
    switch (f.type) {
      case 'string': w.string(String(v)); return;
      case 'bytes': w.bytes(typeof v === 'string' ? Buffer.from(v, 'base64') : (v as Uint8Array)); return;
      case 'bool': w.smallVarint(v ? 1 : 0); return;
      case 'sint32': case 'sint64': { const n = BigInt(v as number); w.varint(n < 0n ? -2n * n - 1n : 2n * n); return; }
      default:
        if (VARINT.has(f.type)) { const n = Math.trunc(Number(v)); if (n >= 0 && n <= 0x7fffffff) w.smallVarint(n); else w.varint(BigInt(n)); }
        else if (FIXED64.has(f.type) || FIXED32.has(f.type)) w.fixed(f.type, v);
        else if ((v as { [ENCODED]?: Buffer })[ENCODED]) w.bytes((v as { [ENCODED]: Buffer })[ENCODED]);
        else {
          // One scratch writer per nesting depth: a list of 10,000 entries is not 10,000 writers.
          const sub = this.scratch[this.depth] ??= new Writer();
          sub.reset();
          this.depth++;
          try { this.write(sub, f.msg ??= this.type(f.type), v as Record<string, unknown>); } finally { this.depth--; }
          w.message(sub);
        }
    }
  }

  private read(t: MessageType, buf: Buffer): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of t.fields) out[f.name] = defaultOf(f);
    let pos = 0;
    const varint = (): bigint => {
      let x = 0n;
      for (let shift = 0n; ; shift += 7n) {
        if (pos >= buf.length) throw new RangeError(`proto-lite: truncated ${t.name}`);
        const b = buf[pos++]!;
        x |= BigInt(b & 0x7f) << shift;
        if (b < 0x80) return x;
      }
    };
    // Keys, lengths and small integers without BigInt: up to 4 bytes (28 bits) as a number.
    const varnum = (): number => {
      let x = 0;
      for (let shift = 0; shift < 28; shift += 7) {
        if (pos >= buf.length) throw new RangeError(`proto-lite: truncated ${t.name}`);
        const b = buf[pos++]!;
        x |= (b & 0x7f) << shift;
        if (b < 0x80) return x;
      }
      pos -= 4;
      return Number(varint());
    };
    const slice = (n: number): Buffer => {
      if (pos + n > buf.length) throw new RangeError(`proto-lite: truncated ${t.name}`);
      pos += n;
      return buf.subarray(pos - n, pos);
    };
    const scalar = (type: string, wt: number): unknown => {
      switch (type) {
        case 'string': return slice(varnum()).toString('utf8');
        case 'bytes': { const b = slice(varnum()); return b.length >= BIG_BYTES ? b : Buffer.from(b); }
        case 'bool': return varint() !== 0n;
        case 'int32': return Number(BigInt.asIntN(32, varint()));
        case 'int64': return Number(BigInt.asIntN(64, varint()));
        case 'uint32': return Number(BigInt.asUintN(32, varint()));
        case 'uint64': return Number(varint());
        case 'sint32': case 'sint64': { const z = varint(); return Number((z >> 1n) ^ -(z & 1n)); }
        case 'double': return slice(8).readDoubleLE(0);
        case 'float': return slice(4).readFloatLE(0);
        case 'fixed64': return Number(slice(8).readBigUInt64LE(0));
        case 'sfixed64': return Number(slice(8).readBigInt64LE(0));
        case 'fixed32': return slice(4).readUInt32LE(0);
        case 'sfixed32': return slice(4).readInt32LE(0);
        default: if (wt !== 2) throw new Error(`proto-lite: bad wire type for ${type}`);
          return this.read(this.type(type), slice(varnum()));
      }
    };
    while (pos < buf.length) {
      const key = varnum();
      const id = key >>> 3;
      const wt = key & 7;
      const f = t.byId.get(id);
      if (!f) { // unknown field: skip it
        if (wt === 0) varint(); else if (wt === 1) slice(8); else if (wt === 5) slice(4);
        else if (wt === 2) slice(varnum()); else throw new Error(`proto-lite: bad wire type ${wt} in ${t.name}`);
        continue;
      }
      if (f.keyType) {
        const e = this.readEntry(f, slice(varnum()));
        (out[f.name] as Record<string, unknown>)[String(e.key)] = e.value;
      } else if (f.repeated && wt === 2 && SCALARS.has(f.type) && f.type !== 'string' && f.type !== 'bytes') {
        const end = pos + varnum(); // packed
        while (pos < end) (out[f.name] as unknown[]).push(scalar(f.type, wireType(f.type)));
      } else if (f.repeated) {
        (out[f.name] as unknown[]).push(scalar(f.type, wt));
      } else {
        out[f.name] = scalar(f.type, wt);
      }
    }
    return out;
  }

  /** Decodes one map entry (key = 1, value = 2) with the map's types. */
  private readEntry(f: Field, buf: Buffer): { key: unknown; value: unknown } {
    const t: MessageType = { name: `${f.name}Entry`, fields: [], byId: new Map() };
    const key: Field = { name: 'key', id: 1, type: f.keyType!, repeated: false };
    const value: Field = { name: 'value', id: 2, type: f.type, repeated: false };
    t.fields.push(key, value);
    t.byId.set(1, key).set(2, value);
    const e = this.read(t, buf);
    return { key: e.key, value: e.value };
  }
}
