// noded's HTTP/2 server (h2-server.ts) against Node's own HTTP/2 client (nghttp2, as grpc-js
// uses it): Huffman-coded and indexed headers, trailers, bodies beyond the client's
// flow-control windows, many streams at once, a client's reset, oversized requests, bytes
// that are no HTTP/2, a client without a certificate, and a graceful close.
import test from 'ava';
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import { createCa, createNodeCert, type KeyPairPem } from '../../../daemons/common/tls.js';
import { createH2Server, type H2Exchange, type H2Server } from '../../../daemons/noded/h2-server.js';

let ca: KeyPairPem, server: KeyPairPem, client: KeyPairPem;
test.before(async () => {
  ca = await createCa('h2');
  server = await createNodeCert(ca, 'node1', ['127.0.0.1']);
  client = await createNodeCert(ca, 'master', ['127.0.0.1']);
});

interface Started { h2: H2Server; port: number; warnings: string[]; seen: H2Exchange[]; oversized: number[] }

/** A server that echoes: the body back, x-echo as a header, the body's size as a trailer;
 * /hold keeps the answer until release(); /big answers 3 MiB. */
async function start(maxBodyBytes = 8 << 20): Promise<Started & { release(): void }> {
  const held: (() => void)[] = [];
  const s: Started = { h2: null as unknown as H2Server, port: 0, warnings: [], seen: [], oversized: [] };
  s.h2 = createH2Server({
    tls: { ca: ca.cert, cert: server.cert, key: server.key }, maxBodyBytes,
    onWarning: (m) => s.warnings.push(m),
    onOversize: (x) => { s.oversized.push(1); x.respond({ ':status': '413' }); },
    onRequest: (x, body) => {
      s.seen.push(x);
      const answer = () => x.respond({ ':status': '200', 'x-echo': x.headers['x-echo'] ?? '', 'x-peer': x.peerCert ? 'cert' : 'none' },
        [x.headers[':path'] === '/big' ? Buffer.alloc(3 << 20, 7) : body], { 'x-received': String(body.length) });
      if (x.headers[':path'] === '/throw') throw new Error('a bug in the handler');
      if (x.headers[':path'] === '/hold') held.push(answer); else answer();
    },
  });
  s.port = await s.h2.listen('127.0.0.1', 0);
  return { ...s, release: () => { for (const a of held.splice(0)) a(); } };
}

function session(port: number, withCert = true): ClientHttp2Session {
  return connect(`https://127.0.0.1:${port}`, {
    ca: ca.cert, servername: 'node1', ...(withCert ? { cert: client.cert, key: client.key } : {}),
  });
}

function request(c: ClientHttp2Session, path: string, body: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; trailers: Record<string, unknown>; body: Buffer; reset?: number }>((resolve) => {
    const st = c.request({ ':method': 'POST', ':path': path, ...headers });
    let head: Record<string, unknown> = {};
    let trailers: Record<string, unknown> = {};
    const parts: Buffer[] = [];
    st.on('response', (h) => { head = h; });
    st.on('trailers', (h) => { trailers = h; });
    st.on('data', (d: Buffer) => parts.push(d));
    st.on('error', () => undefined);
    st.on('close', () => resolve({ status: Number(head[':status']), headers: head, trailers, body: Buffer.concat(parts), ...(st.rstCode ? { reset: st.rstCode } : {}) }));
    st.on('aborted', () => undefined);
    st.end(body);
  });
}

test('an exchange: headers (Huffman-coded and indexed by the client), the body, trailers, the peer certificate', async (t) => {
  const s = await start();
  const c = session(s.port);
  for (let i = 0; i < 3; i++) {
    const r = await request(c, '/echo', Buffer.from(`hello ${i}`), { 'x-echo': `a long value to index ${'x'.repeat(60)}` });
    t.is(r.status, 200);
    t.is(r.headers['x-echo'], `a long value to index ${'x'.repeat(60)}`);
    t.is(r.headers['x-peer'], 'cert');
    t.is(r.body.toString(), `hello ${i}`);
    t.is(r.trailers['x-received'], String(`hello ${i}`.length));
  }
  c.close();
  await s.h2.close(1000);
});

test('bodies beyond every window in both directions, and fifty streams at once', async (t) => {
  const s = await start();
  const c = session(s.port);   // nghttp2's client windows: 64 KiB per stream
  const up = Buffer.alloc(5 << 20, 3);
  const [big, echo, ...many] = await Promise.all([request(c, '/big', Buffer.alloc(0)), request(c, '/echo', up),
    ...Array.from({ length: 50 }, (_, i) => request(c, '/echo', Buffer.from(`n${i}`)))]);
  t.is(big!.body.length, 3 << 20);
  t.true(big!.body.every((b) => b === 7));
  t.true(echo!.body.equals(up));
  t.is(echo!.trailers['x-received'], String(up.length));
  t.deepEqual(many.map((r) => r.body.toString()), Array.from({ length: 50 }, (_, i) => `n${i}`));
  c.close();
  await s.h2.close(1000);
});

test('a client that resets its stream aborts the exchange; the answer given later goes nowhere', async (t) => {
  const s = await start();
  const c = session(s.port);
  const st = c.request({ ':method': 'POST', ':path': '/hold' });
  st.on('error', () => undefined);
  st.end(Buffer.from('x'));
  while (!s.seen.length) await new Promise((r) => setTimeout(r, 10));
  t.is(s.h2.activity().streams, 1);
  st.close(constants.NGHTTP2_CANCEL);
  await new Promise((r) => s.seen[0]!.signal.addEventListener('abort', r));
  t.true(s.seen[0]!.signal.aborted);
  let done = false;
  s.seen[0]!.respond({ ':status': '200' }, [], undefined, () => { done = true; });
  t.true(done, 'onDone runs for an answer that is dropped');
  t.is(s.h2.activity().streams, 0);
  t.is((await request(c, '/echo', Buffer.from('still'))).body.toString(), 'still', 'the connection serves on');
  c.close();
  await s.h2.close(1000);
});

test('a request body above the limit is answered by onOversize and its stream reset', async (t) => {
  const s = await start(1000);
  const c = session(s.port);
  const r = await request(c, '/echo', Buffer.alloc(5000, 1));
  t.is(r.status, 413);
  t.is(s.oversized.length, 1);
  t.is(s.seen.length, 0, 'the request was not handed over');
  t.is((await request(c, '/echo', Buffer.alloc(900, 1))).body.length, 900);
  c.close();
  await s.h2.close(1000);
});

test('bytes that are no HTTP/2 end their connection with a warning; other connections go on', async (t) => {
  const s = await start();
  const sock = tlsConnect({ host: '127.0.0.1', port: s.port, ca: ca.cert, servername: 'node1', cert: client.cert, key: client.key, ALPNProtocols: ['h2'] });
  sock.on('error', () => undefined);
  sock.resume();
  await new Promise((r) => sock.once('secureConnect', r));
  sock.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((r) => sock.once('close', r));
  t.regex(s.warnings.join('\n'), /not an HTTP\/2 connection preface/);
  const c = session(s.port);
  t.is((await request(c, '/echo', Buffer.from('ok'))).body.toString(), 'ok');
  c.close();
  await s.h2.close(1000);
});

test('a handler that throws fails its own stream; the connection serves on', async (t) => {
  const s = await start();
  const c = session(s.port);
  t.is((await request(c, '/throw', Buffer.from('x'))).status, 500);
  t.regex(s.warnings.join('\n'), /a request to \/throw failed: a bug in the handler/);
  t.is((await request(c, '/echo', Buffer.from('after'))).body.toString(), 'after');
  c.close();
  await s.h2.close(1000);
});

test('a client without a certificate is refused at the handshake', async (t) => {
  const s = await start();
  const c = session(s.port, false);
  c.on('error', () => undefined);
  const st = c.request({ ':method': 'POST', ':path': '/echo' });
  st.on('error', () => undefined);
  st.on('response', () => t.fail('a call without a client certificate was answered'));
  st.end(Buffer.from('x'));
  await new Promise((resolve) => st.once('close', resolve));
  t.is(s.seen.length, 0);
  t.regex(s.warnings.join('\n'), /TLS handshake refused/);
  c.destroy();
  await s.h2.close(1000);
});

test('close: a call in flight still gets its answer, then the connection ends', async (t) => {
  const s = await start();
  const c = session(s.port);
  const pending = request(c, '/hold', Buffer.from('late'));
  while (!s.seen.length) await new Promise((r) => setTimeout(r, 10));
  const closed = s.h2.close(5000);
  const ended = new Promise((r) => c.once('close', r));
  await new Promise((r) => setTimeout(r, 50));
  s.release();
  const r = await pending;
  t.is(r.body.toString(), 'late');
  await closed;
  await ended;
  t.is(s.h2.activity().streams, 0);
});
