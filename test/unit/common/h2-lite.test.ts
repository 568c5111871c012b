// h2-lite against Node's own HTTP/2 server (nghttp2, the server side grpc-js uses): headers
// (Huffman, the dynamic table), trailers, bodies beyond every flow-control window in both
// directions, resets, and a socket nobody listens on.
import test from 'ava';
import { createServer, type Http2Server } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ClientHttp2Stream } from '../../../daemons/common/h2-lite.js';

const dir = mkdtempSync(join(tmpdir(), 'h2-lite-'));
const sock = join(dir, 'sock');
let server: Http2Server;

test.before(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      if (req.url === '/reset') { res.stream.close(2); return; }
      res.addTrailers({ 'x-received': String(body.length), 'x-note': 'trailer ünïcode%20' });
      // Long, repeated header values: nghttp2 Huffman-codes and indexes them.
      res.writeHead(200, { 'content-type': 'application/grpc', 'x-echo': req.headers['x-echo'] ?? '', 'x-long': 'abcdefghij'.repeat(50) });
      if (req.url === '/big') res.end(Buffer.alloc(3 * 1024 * 1024, 7));
      else res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(sock, r));
});
test.after.always(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function call(path: string, body: Buffer | Buffer[], extra: Record<string, string> = {}) {
  const session = connect('http://localhost', { createConnection: () => netConnect(sock) });
  const errors: Error[] = [];
  session.on('error', (e) => errors.push(e));
  const stream: ClientHttp2Stream = session.request({ ':method': 'POST', ':path': path, ...extra });
  return new Promise<{ headers: Record<string, string>; trailers: Record<string, string>; body: Buffer; error?: Error }>((resolve) => {
    let headers: Record<string, string> = {};
    let trailers: Record<string, string> = {};
    let error: Error | undefined;
    const parts: Buffer[] = [];
    stream.on('response', (h) => { headers = h; });
    stream.on('trailers', (h) => { trailers = h; });
    stream.on('data', (d: Buffer) => parts.push(d));
    stream.on('error', (e) => { error = e; });
    stream.on('close', () => { session.close(); resolve({ headers, trailers, body: Buffer.concat(parts), ...(error ? { error } : {}) }); });
    stream.end(body);
  });
}

test('a call: status and headers, the echoed body, trailers', async (t) => {
  for (let i = 0; i < 2; i++) { // twice: the second response uses the dynamic table
    const r = await call('/echo', Buffer.from('hello'), { 'x-echo': `value ${i}` });
    t.is(r.headers[':status'], '200');
    t.is(r.headers['content-type'], 'application/grpc');
    t.is(r.headers['x-echo'], `value ${i}`);
    t.is(r.headers['x-long'], 'abcdefghij'.repeat(50));
    t.is(r.body.toString(), 'hello');
    t.is(r.trailers['x-received'], '5');
    t.is(r.error, undefined);
  }
});

test('bodies larger than the flow-control windows, both ways', async (t) => {
  const up = Buffer.alloc(1024 * 1024, 3);
  const r = await call('/echo', up);
  t.true(r.body.equals(up));
  const down = await call('/big', Buffer.alloc(0));
  t.is(down.body.length, 3 * 1024 * 1024);
});

test('a body given as pieces arrives whole and in order, large pieces and empty ones included', async (t) => {
  // How grpc-lite sends a request: its 5-byte prefix, then the encoding's pieces (a full
  // config copy is one multi-megabyte piece), none joined on the way.
  const pieces = [Buffer.from([0, 0, 0, 0, 9]), Buffer.alloc(0), Buffer.alloc(100_000, 1), Buffer.from('mid'),
    Buffer.alloc(2 * 1024 * 1024 + 17, 2), Buffer.from('end')];
  const r = await call('/echo', pieces);
  t.true(r.body.equals(Buffer.concat(pieces)));
  t.is(r.trailers['x-received'], String(Buffer.concat(pieces).length));
});

test('a reset stream and a missing server are errors', async (t) => {
  const r = await call('/reset', Buffer.alloc(0));
  t.regex(r.error?.message ?? '', /error code 2/);
  const session = connect('http://localhost', { createConnection: () => netConnect(join(dir, 'nobody')) });
  const sessionError = new Promise<Error>((resolve) => session.on('error', resolve));
  const stream = session.request({ ':method': 'POST', ':path': '/x' });
  const streamError = new Promise<Error>((resolve) => stream.on('error', resolve));
  stream.end(Buffer.from('x'));
  t.regex((await sessionError).message, /ENOENT/);
  t.is((await streamError as NodeJS.ErrnoException).code, 'ERR_HTTP2_ERROR');
});
