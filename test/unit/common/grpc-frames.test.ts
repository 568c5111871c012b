import test from 'ava';
import { randomBytes } from 'node:crypto';
import { FrameParser, releaseMessage } from '../../../daemons/common/client/grpc-lite.js';

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

test('large messages (backup chunks) come out whole next to small ones; a released buffer serves the next one', (t) => {
  const big1 = randomBytes(3 << 20);
  const big2 = randomBytes(2 << 20);
  const small = Buffer.from('after');
  const stream = Buffer.concat([msg(big1), msg(small), msg(big2), msg(small)]);
  for (const size of [4093, 16_393, 65_536, stream.length]) {
    const p = new FrameParser();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i += size) {
      for (const m of p.push(stream.subarray(i, i + size))) {
        out.push(Buffer.from(m));   // a copy: the buffer of a large one is given back at once
        releaseMessage(m);
      }
    }
    t.is(out.length, 4, `chunks of ${size}`);
    t.true(out[0]!.equals(big1), `chunks of ${size}`);
    t.is(out[1]!.toString(), 'after');
    t.true(out[2]!.equals(big2), `chunks of ${size}`);
    t.is(out[3]!.toString(), 'after');
  }
  // Given back, the buffer is used again (larger than any given back above, so only it fits);
  // a buffer still in use, or not made for a large message, is never handed out.
  const big3 = randomBytes(5 << 20);
  const big4 = randomBytes(5 << 20);
  const p = new FrameParser();
  const [first] = p.push(msg(big3));
  releaseMessage(first!);
  const [second] = p.push(msg(big4));
  t.is(second!.buffer, first!.buffer);
  t.true(second!.equals(big4));
  releaseMessage(Buffer.alloc(6 << 20));
  const [third] = p.push(msg(big3));
  t.not(third!.buffer, second!.buffer, 'a buffer still in use is not handed out again');
  t.true(third!.equals(big3));
  t.true(second!.equals(big4));
});
