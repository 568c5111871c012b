// HPACK (RFC 7541) for h2-lite: a full decoder (static and dynamic table, Huffman) and an
// encoder that writes every header as a plain literal, which every peer must accept.

const STATIC: [string, string][] = [
  [':authority', ''], [':method', 'GET'], [':method', 'POST'], [':path', '/'], [':path', '/index.html'],
  [':scheme', 'http'], [':scheme', 'https'], [':status', '200'], [':status', '204'], [':status', '206'],
  [':status', '304'], [':status', '400'], [':status', '404'], [':status', '500'], ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'], ['accept-language', ''], ['accept-ranges', ''], ['accept', ''],
  ['access-control-allow-origin', ''], ['age', ''], ['allow', ''], ['authorization', ''], ['cache-control', ''],
  ['content-disposition', ''], ['content-encoding', ''], ['content-language', ''], ['content-length', ''],
  ['content-location', ''], ['content-range', ''], ['content-type', ''], ['cookie', ''], ['date', ''],
  ['etag', ''], ['expect', ''], ['expires', ''], ['from', ''], ['host', ''], ['if-match', ''],
  ['if-modified-since', ''], ['if-none-match', ''], ['if-range', ''], ['if-unmodified-since', ''],
  ['last-modified', ''], ['link', ''], ['location', ''], ['max-forwards', ''], ['proxy-authenticate', ''],
  ['proxy-authorization', ''], ['range', ''], ['referer', ''], ['refresh', ''], ['retry-after', ''],
  ['server', ''], ['set-cookie', ''], ['strict-transport-security', ''], ['transfer-encoding', ''],
  ['user-agent', ''], ['vary', ''], ['via', ''], ['www-authenticate', ''],
];

// The Huffman code of RFC 7541 Appendix B is canonical: the code length of each symbol
// (0..255, 256 = EOS) determines it completely.
const HUFFMAN_LENGTHS = [13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12,
  10, 13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, 15, 5, 6, 5, 6, 5,
  6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, 20, 22, 20, 20, 22, 22, 22, 23, 22, 23,
  23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, 22, 21, 20, 22, 22, 23, 23, 21,
  23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, 26, 26, 20, 19, 22, 23,
  22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, 20, 24, 20, 21,
  22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, 30];

/** Canonical decoding tables: per length, the first code, the count, and where its symbols start. */
const huffman = (() => {
  const symbols = HUFFMAN_LENGTHS.map((len, sym) => [len, sym] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const first = new Array<number>(31).fill(0);
  const count = new Array<number>(31).fill(0);
  const offset = new Array<number>(31).fill(0);
  for (const [len] of symbols) count[len]!++;
  let code = 0;
  let index = 0;
  for (let len = 1; len <= 30; len++) {
    first[len] = code;
    offset[len] = index;
    code = (code + count[len]!) << 1;
    index += count[len]!;
  }
  return { first, count, offset, sorted: symbols.map(([, s]) => s) };
})();

function huffmanDecode(buf: Buffer): string {
  const out: number[] = [];
  let code = 0;
  let len = 0;
  for (const byte of buf) {
    for (let bit = 7; bit >= 0; bit--) {
      code = (code << 1) | ((byte >> bit) & 1);
      len++;
      const i = code - huffman.first[len]!;
      if (i >= 0 && i < huffman.count[len]!) {
        const sym = huffman.sorted[huffman.offset[len]! + i]!;
        if (sym === 256) throw new Error('HPACK: EOS in a Huffman string');
        out.push(sym);
        code = 0;
        len = 0;
      } else if (len >= 30) {
        throw new Error('HPACK: bad Huffman code');
      }
    }
  }
  // What is left must be padding: fewer than 8 bits, all ones (a prefix of EOS).
  if (len > 7 || code !== (1 << len) - 1) throw new Error('HPACK: bad Huffman padding');
  return Buffer.from(out).toString('latin1');
}

export class HpackDecoder {
  private dynamic: [string, string][] = [];
  private size = 0;
  /** `limit`: the largest table a peer may ask for (our SETTINGS_HEADER_TABLE_SIZE); a
   * server must not let a client grow its memory past what it advertised. */
  constructor(private maxSize = 4096, private readonly limit = Infinity) {}

  private entry(index: number): [string, string] {
    const e = index <= STATIC.length ? STATIC[index - 1] : this.dynamic[index - STATIC.length - 1];
    if (!e || index === 0) throw new Error(`HPACK: bad index ${index}`);
    return e;
  }

  private add(name: string, value: string): void {
    this.dynamic.unshift([name, value]);
    this.size += name.length + value.length + 32;
    this.evict();
  }

  private evict(): void {
    while (this.size > this.maxSize && this.dynamic.length) {
      const [n, v] = this.dynamic.pop()!;
      this.size -= n.length + v.length + 32;
    }
  }

  /** One header block: name/value pairs in order (names are lower case on the wire). */
  decode(block: Buffer): [string, string][] {
    let pos = 0;
    const int = (prefixBits: number): number => {
      const mask = (1 << prefixBits) - 1;
      let v = block[pos++]! & mask;
      if (v < mask) return v;
      for (let shift = 0; ; shift += 7) {
        if (pos >= block.length || shift > 28) throw new Error('HPACK: bad integer');
        const b = block[pos++]!;
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return v;
      }
    };
    const str = (): string => {
      const huff = (block[pos]! & 0x80) !== 0;
      const len = int(7);
      if (pos + len > block.length) throw new Error('HPACK: truncated string');
      const raw = block.subarray(pos, pos + len);
      pos += len;
      return huff ? huffmanDecode(raw) : raw.toString('latin1');
    };
    const out: [string, string][] = [];
    while (pos < block.length) {
      const b = block[pos]!;
      if (b & 0x80) {
        out.push(this.entry(int(7)));
      } else if ((b & 0xe0) === 0x20) {
        const size = int(5);
        if (size > this.limit) throw new Error(`HPACK: table size ${size} above the ${this.limit} allowed`);
        this.maxSize = size;
        this.evict();
      } else {
        const indexing = (b & 0xc0) === 0x40;
        const index = int(indexing ? 6 : 4);
        const name = index ? this.entry(index)[0] : str();
        const value = str();
        if (indexing) this.add(name, value);
        out.push([name, value]);
      }
    }
    return out;
  }
}

function encodeInt(out: number[], first: number, prefixBits: number, v: number): void {
  const mask = (1 << prefixBits) - 1;
  if (v < mask) { out.push(first | v); return; }
  out.push(first | mask);
  v -= mask;
  while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 0x80); }
  out.push(v);
}

/** A header block of plain literals "without indexing" (no state on either side). */
export function hpackEncode(headers: Record<string, string>): Buffer {
  const out: number[] = [];
  for (const [name, value] of Object.entries(headers)) {
    out.push(0x00);
    for (const s of [name.toLowerCase(), value]) {
      const bytes = Buffer.from(s, 'latin1');
      encodeInt(out, 0x00, 7, bytes.length);
      for (const x of bytes) out.push(x);
    }
  }
  return Buffer.from(out);
}
