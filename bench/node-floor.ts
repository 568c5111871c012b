// What a Node process costs in memory before any of our code: the RSS (anonymous and
// file-backed: the node binary's pages) of the project's node binary waiting as a CommonJS
// script, as an ES module, serving one TLS connection with client certificates, and
// serving one HTTP/2 request over it, each in a fresh process, 1.5 s after start. The
// floor under noded's figures (docs/scaling.md, Memory).
// Run: npx tsx bench/node-floor.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, createNodeCert } from '../daemons/common/tls.js';

const REPORT = `setTimeout(() => { const s = require('fs').readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(k + ':\\\\s+(\\\\d+)').exec(s)[1]) / 1024;
  console.log(JSON.stringify({ rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') })); process.exit(0); }, 1500);`;

const TLS = `const tls = require('tls'); const { key, cert, ca } = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const srv = tls.createServer({ key, cert, ca, requestCert: true, rejectUnauthorized: true }, (s) => s.end('ok'));
srv.listen(0, '127.0.0.1', () => { const c = tls.connect({ port: srv.address().port, host: '127.0.0.1', key, cert, ca,
  servername: 'node1' }); c.on('data', () => {}); c.on('end', () => { ${REPORT} }); });`;

const H2 = `const http2 = require('http2'); const { key, cert, ca } = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const srv = http2.createSecureServer({ key, cert, ca, requestCert: true, rejectUnauthorized: true });
srv.on('stream', (s) => { s.respond({ ':status': 200 }); s.end('ok'); });
srv.listen(0, '127.0.0.1', () => { const c = http2.connect('https://127.0.0.1:' + srv.address().port, { key, cert, ca, servername: 'node1' });
  const r = c.request({ ':path': '/' }); r.on('data', () => {}); r.on('end', () => { c.close(); ${REPORT} }); r.end(); });`;

const dir = mkdtempSync(join(tmpdir(), 'ganeti-floor-'));
try {
  const ca = await createCa('cluster');
  const node = await createNodeCert(ca, 'node1', ['127.0.0.1']);
  const material = join(dir, 'tls.json');
  writeFileSync(material, JSON.stringify({ key: node.key, cert: node.cert, ca: ca.cert }));
  const cases: [string, string, string][] = [
    ['waiting, CommonJS script', 'wait.cjs', REPORT],
    ['waiting, ES module', 'wait.mjs', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ${REPORT}`],
    ['TLS server, one mutual-TLS connection (CommonJS)', 'tls.cjs', TLS],
    ['HTTP/2 secure server, one request (CommonJS)', 'h2.cjs', H2],
  ];
  console.log(`node ${process.version} (${process.execPath})`);
  for (const [label, file, code] of cases) {
    writeFileSync(join(dir, file), code);
    const r = spawnSync(process.execPath, [join(dir, file), material], { encoding: 'utf8', timeout: 30_000 });
    const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { rss: number; anon: number; file: number };
    console.log(`  ${label.padEnd(50)} RSS ${m.rss.toFixed(1)} MB (anon ${m.anon.toFixed(1)}, file ${m.file.toFixed(1)})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
