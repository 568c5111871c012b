// The ganeti-noded program (the built listener and its worker, build/bin): options, start-up
// refusal, pid file, daemonizing, SIGTERM.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, requirePrograms } from '../../../vcluster/harness.js';
import { call, installClusterTls, makeTempNode, nodeClient, type TempNode } from './helpers/temp-node.js';

const NODED = join(BIN, 'ganeti-noded');
test.before(() => requirePrograms(['ganeti-noded', 'ganeti-noded-worker']));
const nodes: TempNode[] = [];
const pids: number[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  for (const n of nodes) n.cleanup();
});

function envFor(n: TempNode): NodeJS.ProcessEnv {
  return { ...process.env, GANETI_ROOTDIR: n.root, GANETI_HOSTNAME: 'node1' };
}

function runSync(n: TempNode, args: string[]) {
  return spawnSync(NODED, args, { env: envFor(n), encoding: 'utf8', timeout: 30_000 });
}

async function waitFor<T>(what: string, fn: () => T | null | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function listeningPort(n: TempNode): number | null {
  try {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(readFileSync(n.paths.logFile('node-daemon'), 'utf8'));
    return m ? Number(m[1]) : null;
  } catch { return null; }
}

test('unknown options and bad ports exit 1 with a message', (t) => {
  const n = node();
  const r = runSync(n, ['--frobnicate']);
  t.is(r.status, 1);
  t.regex(r.stderr, /ganeti-noded: Unknown option '--frobnicate'/);
  t.regex(r.stderr, /Usage: ganeti-noded/);
  const p = runSync(n, ['-f', '-p', '99999']);
  t.is(p.status, 1);
  t.regex(p.stderr, /invalid port '99999'/);
});

test('a node outside any cluster refuses to start, in the foreground and daemonized', (t) => {
  const n = node();
  for (const args of [['-f', '-b', '127.0.0.1', '-p', '0'], ['-b', '127.0.0.1', '-p', '0']]) {
    const r = runSync(n, args);
    t.is(r.status, 1, args.join(' '));
    t.true(r.stderr.includes(`This node is not part of a cluster: ${n.paths.serverCertFile} is missing`), r.stderr);
  }
});

test('foreground: writes its pid file, answers, and exits 0 on SIGTERM removing the pid file', async (t) => {
  const n = node();
  const tls = await installClusterTls(n.paths);
  const child = spawn(NODED, ['-f', '--no-mlock', '-b', '127.0.0.1', '-p', '0'],
    { env: envFor(n), stdio: 'ignore' });
  pids.push(child.pid!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pidFile = n.paths.pidFile('ganeti-noded');
  await waitFor('pid file', () => existsSync(pidFile));
  t.is(readFileSync(pidFile, 'utf8'), `${child.pid}\n`);
  const port = await waitFor('listening port', () => listeningPort(n));
  const c = nodeClient(port, tls.ca.cert, tls.client);
  t.truthy((await call(c, 'Version', {})).software_version);
  c.close();

  // A second daemon on the same node is refused while the first runs.
  const second = runSync(n, ['-f', '-b', '127.0.0.1', '-p', '0']);
  t.is(second.status, 1);
  t.regex(second.stderr, /already running on this node \(pid \d+/);

  child.kill('SIGTERM');
  t.is(await exited, 0);
  t.false(existsSync(pidFile));
});

test('daemonized: the parent exits 0 once the daemon listens', async (t) => {
  const n = node();
  await installClusterTls(n.paths);
  const r = runSync(n, ['-b', '127.0.0.1', '-p', '0']);
  t.is(r.status, 0, r.stderr);
  const pidFile = n.paths.pidFile('ganeti-noded');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  pids.push(pid);
  t.truthy(listeningPort(n));
  process.kill(pid, 'SIGTERM');
  await waitFor('pid file removal', () => !existsSync(pidFile));
  t.false(existsSync(pidFile), 'SIGTERM removes the pid file');
});
