// ganeti-rapi: Ganeti's remote API v2 and the web dashboard, over HTTPS (port 5080) with the
// cluster's RAPI certificate (rapi.pem in the data dir; made self-signed on first start when
// missing, as Ganeti's cluster init does). A client of the master like gnt-*: it submits the
// same typed opcodes and reads through the same query path; it runs on the master only.
import { existsSync, readFileSync, unlinkSync, unwatchFile, watchFile } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { atomicWrite, ensureDir } from '../common/atomic-file.js';
import { createLogger, setLogFile } from '../common/log.js';
import { resolvePaths, type Paths } from '../common/paths.js';
import { splitPem, joinPem } from '../common/pem.js';
import { getMasterNode, readSsconf } from '../common/ssconf.js';
import { DashboardServer } from './dashboard-server.js';
import { MasterLink } from './master-link.js';
import { handleApi, sendError } from './server.js';
import { HttpError } from './http-error.js';
import { UsersFile } from './users.js';

/** Ganeti's default RAPI port (constants.DEFAULT_RAPI_PORT). */
export const RAPI_PORT = 5080;
const EXIT_NOTMASTER = 11;
const USAGE = 'Usage: ganeti-rapi [-f] [-d] [-b ADDRESS] [-p PORT] [--require-authentication]';

function fail(msg: string, code = 1): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

async function loadCert(paths: Paths, bind: string): Promise<{ cert: string; key: string }> {
  if (!existsSync(paths.rapiCertFile)) {
    const { createSelfSignedCert } = await import('../common/tls.js');
    const name = readSsconf(paths, 'cluster_name') ?? paths.hostname;
    const kp = await createSelfSignedCert(name, bind === '0.0.0.0' || bind === '::' ? [] : [bind]);
    await atomicWrite(paths.rapiCertFile, joinPem(kp), { mode: 0o400 });
  }
  return splitPem(readFileSync(paths.rapiCertFile, 'utf8'));
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        foreground: { type: 'boolean', short: 'f' }, debug: { type: 'boolean', short: 'd' },
        bind: { type: 'string', short: 'b' }, port: { type: 'string', short: 'p' },
        'require-authentication': { type: 'boolean' },
      },
    }));
  } catch (err) { fail(`ganeti-rapi: ${(err as Error).message}\n${USAGE}`); }
  const bind = (values.bind as string | undefined) ?? '0.0.0.0';
  const port = values.port === undefined ? RAPI_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`ganeti-rapi: invalid port '${String(values.port)}' (expected 1-65535)\n${USAGE}`);
  const paths = resolvePaths(process.env);
  await ensureDir(paths.logDir);
  setLogFile(paths.logFile('rapi-daemon'));
  const log = createLogger('rapi');
  process.on('uncaughtException', (err) => log.error('uncaught exception', { err: err.stack }));
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { err: (err as Error)?.stack ?? String(err) }));
  const master = getMasterNode(paths);
  if (master !== paths.hostname) fail(`Not master (master is '${master ?? 'unknown'}', this is '${paths.hostname}'), exiting`, EXIT_NOTMASTER);

  const { cert, key } = await loadCert(paths, bind);
  const link = new MasterLink(paths.masterSocket);
  const users = new UsersFile(paths.rapiUsersFile, log.child('users'));
  const opts = { users, link, log, requireAuth: !!values['require-authentication'] };
  // The bundle's own directory (build/bin/lib): the build puts the page beside it.
  const dashboard = new DashboardServer(opts, join(import.meta.dirname, 'dashboard'), process.env);
  const server = createServer({ cert, key }, (req, res) => {
    const handled = dashboard.handle(req, res);
    (handled ?? handleApi(req, res, opts)).catch((err: unknown) => {
      log.error('request failed', { err: String((err as Error)?.stack ?? err) });
      sendError(res, new HttpError(500, 'Internal error'));
    });
  });
  server.on('upgrade', (req, socket, head) => dashboard.upgrade(req, socket, head));
  // gnt-cluster renew-crypto rewrites rapi.pem: serve the new certificate from the next
  // connection on, without a restart (open connections keep theirs).
  watchFile(paths.rapiCertFile, { interval: 1000 }, (cur, prev) => {
    if (cur.mtimeMs === prev.mtimeMs && cur.ino === prev.ino) return;
    try {
      server.setSecureContext(splitPem(readFileSync(paths.rapiCertFile, 'utf8')));
      log.info('serving the renewed RAPI certificate');
    } catch (err) {
      log.error(`cannot load the renewed RAPI certificate, keeping the current one: ${(err as Error).message}`);
    }
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => { server.off('error', reject); resolve(); });
  });
  await atomicWrite(paths.pidFile('ganeti-rapi'), `${process.pid}\n`);
  log.info(`ganeti-rapi started (pid ${process.pid}) on https://${bind}:${port}`);

  let stopping = false;
  const shutdown = (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`received ${sig}, shutting down`);
    dashboard.close();
    unwatchFile(paths.rapiCertFile);
    server.close();
    server.closeAllConnections();
    link.reset();
    try { unlinkSync(paths.pidFile('ganeti-rapi')); } catch { /* already gone */ }
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => fail(`ganeti-rapi: ${(err as Error)?.stack ?? String(err)}`));
