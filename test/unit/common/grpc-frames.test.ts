import test from 'ava';
import { FrameParser } from '../../../daemons/common/client/grpc-lite.js';

const msg = (body: Buffer) => { const h = Buffer.alloc(5); h.writeUInt32BE(body.length, 1); return Buffer.concat([h, body]); };

test('gRPC messages split anywhere, prefix included, come out whole and in order', (t) => {
  const a = Buffer.alloc(100_000, 1);
  const b = Buffer.from('second');
  const c = Buffer.alloc(0);
  const stream = Buffer.concat([msg(a), msg(b), msg(c)]);
  for (const size of [1, 3, 7, 4096, 16_384, stream.length]) {
    const p = new FrameParser();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i += size) out.push(...p.push(stream.subarray(i, i + size)));
    t.deepEqual(out.map((x) => x.length), [a.length, b.length, 0], `chunks of ${size}`);
    t.true(out[0]!.equals(a));
    t.is(out[1]!.toString(), 'second');
  }
});

test('a compressed message is refused', (t) => {
  const m = msg(Buffer.from('x'));
  m[0] = 1;
  t.throws(() => new FrameParser().push(m), { message: /compressed/ });
});
