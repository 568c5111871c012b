// The master's RAPI probe (GET /version over HTTPS; a 401 still means alive) and where it
// probes: --rapi-ip, else the -b address of RAPI_ARGS, else 127.0.0.1.
import test from 'ava';
import { createServer, type Server } from 'node:https';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, createNodeCert } from '../../../daemons/common/tls.js';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { isRapiResponding, rapiAddress } from '../../../tools/watcher/daemons.js';
import { RAPI_PORT } from '../../../daemons/common/constants.js';
import type { WatcherLog } from '../../../tools/watcher/log.js';

const lines: string[] = [];
const add = (l: string) => (m: string) => { lines.push(`${l} ${m}`); };
const log: WatcherLog = { debug: add('DEBUG'), info: add('INFO'), warning: add('WARNING'), error: add('ERROR'), critical: add('CRITICAL') };

// A private loopback address in this file's range, so the fixed RAPI port is free.
const IP = '127.0.67.1';

test('RAPI answering 200 or 401 is alive; 500 or nobody listening is not', async (t) => {
  const ca = await createCa('cluster');
  const cert = await createNodeCert(ca, 'node1', [IP]);
  let code = 200;
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    res.writeHead(req.url === '/version' ? code : 404);
    res.end(code === 200 ? '2' : '');
  });
  await new Promise<void>((res) => server.listen(RAPI_PORT, IP, res));
  t.teardown(() => server.close());
  t.true(await isRapiResponding(IP, log));
  t.true(lines.includes('DEBUG Reported RAPI version 2'));
  code = 401;
  t.true(await isRapiResponding(IP, log));
  code = 500;
  t.false(await isRapiResponding(IP, log));
  t.true(lines.includes('WARNING RAPI error: HTTP 500'));
  await new Promise<void>((res) => server.close(() => res()));
  t.false(await isRapiResponding(IP, log, 2000));
  t.true(lines.some((l) => /^WARNING RAPI error: .*ECONNREFUSED/.test(l)));
});

test('the probe address: --rapi-ip, then RAPI_ARGS -b, then 127.0.0.1', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'watcher-rapi-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const paths = resolvePaths({ GANETI_ROOTDIR: join(dir, 'node1'), GANETI_HOSTNAME: 'node1' });
  t.is(rapiAddress(paths, null), '127.0.0.1');
  t.is(rapiAddress(paths, '10.0.0.1'), '10.0.0.1');
  const defaults = join(dir, 'node1/etc/default');
  mkdirSync(defaults, { recursive: true });
  writeFileSync(join(defaults, 'ganeti'), "NODED_ARGS='-b 127.0.1.10'\nRAPI_ARGS='-b 127.0.1.11'\n");
  t.is(rapiAddress(paths, null), '127.0.1.11');
});
