// The built ganeti-noded as two processes: the listener (the pid file's process) binds the
// port and hands connections to a worker it starts on demand; the worker serves them over
// mutual TLS and retires when idle. Runs build/bin (npm run build first).
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOFTWARE_VERSION, PROTOCOL_VERSION } from '../../../daemons/common/constants.js';
import { createCa, createNodeCert } from '../../../daemons/common/tls.js';
import { BIN, requirePrograms } from '../../../vcluster/harness.js';
import { alive, nodedWorkersOf } from '../../../vcluster/procs.js';
import { call, installClusterTls, makeTempNode, nodeClient, type ClusterTls, type TempNode } from './helpers/temp-node.js';

const HOST = '127.0.222.1';
let tmp: TempNode;
let tls: ClusterTls;
const started: ChildProcess[] = [];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, f: () => T | null | false, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Starts ganeti-noded -f on HOST, port 0; resolves with the process, its port and its output so far. */
async function startNoded(): Promise<{ proc: ChildProcess; port: number; output: () => string }> {
  const log = () => { try { return readFileSync(tmp.paths.logFile('node-daemon'), 'utf8'); } catch { return ''; } };
  const before = [...log().matchAll(/listening on/g)].length;
  const proc = spawn(join(BIN, 'ganeti-noded'), ['-f', '-b', HOST, '-p', '0'], {
    env: { ...process.env, GANETI_ROOTDIR: tmp.root, GANETI_HOSTNAME: 'node1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const port = await waitFor('noded to listen', () => {
    const m = [...log().matchAll(/listening on [\d.]+:(\d+)/g)][before];
    if (!m && proc.exitCode !== null) throw new Error(`noded exited ${proc.exitCode}: ${out}`);
    return m ? Number(m[1]) : null;
  }, 20_000);
  return { proc, port, output: () => out };
}

test.before(async () => {
  requirePrograms(['ganeti-noded', 'ganeti-noded-worker']);
  tmp = makeTempNode();
  tls = await installClusterTls(tmp.paths);
});

test.after.always(() => {
  for (const p of started) if (p.exitCode === null && p.pid) { for (const w of nodedWorkersOf(p.pid)) process.kill(w, 'SIGKILL'); p.kill('SIGKILL'); }
  tmp?.cleanup();
});

test.serial('the pid file names the listener; a worker serves the calls, retires when idle, and comes back on demand', async (t) => {
  t.timeout(90_000);
  const { proc, port } = await startNoded();
  const listener = proc.pid!;
  t.is(Number(readFileSync(tmp.paths.pidFile('ganeti-noded'), 'utf8')), listener);
  const client = nodeClient(port, tls.ca.cert, tls.client, 'node1', HOST);
  try {
    t.deepEqual(await call(client, 'Version', {}), { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION });
    const [first] = nodedWorkersOf(listener);
    t.truthy(first, 'a worker process serves the call');
    t.not(first, listener);

    // Idle: the worker asks to retire and ends; the listener stays and keeps the port.
    await waitFor('the worker to retire', () => !alive(first!), 30_000);
    t.deepEqual(nodedWorkersOf(listener), []);
    t.true(alive(listener));

    // The client's open connection was closed with GOAWAY: the next call reconnects and a new worker answers.
    t.is((await call(client, 'Version', {})).protocol_version, PROTOCOL_VERSION);
    const [second] = nodedWorkersOf(listener);
    t.truthy(second);
    t.not(second, first);
  } finally {
    client.close();
  }

  // A caller whose certificate another CA signed is refused by the worker's TLS, as before.
  const other = await createCa('other');
  const stranger = await createNodeCert(other, 'master', ['127.0.0.1']);
  const bad = nodeClient(port, tls.ca.cert, stranger, 'node1', HOST);
  try {
    const err = await t.throwsAsync(call(bad, 'Version', {})) as grpc.ServiceError;
    t.is(err.code, grpc.status.UNAVAILABLE);
  } finally {
    bad.close();
  }

  // A second noded on the node is refused by its first worker, and names the running one.
  const second = spawn(join(BIN, 'ganeti-noded'), ['-f', '-b', HOST, '-p', '0'], {
    env: { ...process.env, GANETI_ROOTDIR: tmp.root, GANETI_HOSTNAME: 'node1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(second);
  let err2 = '';
  second.stderr.on('data', (d: Buffer) => { err2 += d.toString(); });
  const code = await new Promise<number | null>((r) => second.on('exit', r));
  t.is(code, 1);
  t.regex(err2, new RegExp(`ganeti-noded is already running on this node \\(pid ${listener}`));
  t.is(Number(readFileSync(tmp.paths.pidFile('ganeti-noded'), 'utf8')), listener);

  // SIGTERM: the worker ends, then the listener, which removes its pid file.
  const client2 = nodeClient(port, tls.ca.cert, tls.client, 'node1', HOST);
  await call(client2, 'Version', {});
  client2.close();
  const [worker] = nodedWorkersOf(listener);
  t.truthy(worker);
  proc.kill('SIGTERM');
  const exit = await new Promise<number | null>((r) => proc.on('exit', r));
  t.is(exit, 0);
  t.false(alive(worker!));
  t.false(existsSync(tmp.paths.pidFile('ganeti-noded')));
});

test.serial('kill -9 of the listener ends its worker at once, as the death of one process would', async (t) => {
  t.timeout(60_000);
  const { proc, port } = await startNoded();
  const client = nodeClient(port, tls.ca.cert, tls.client, 'node1', HOST);
  await call(client, 'Version', {});
  client.close();
  const [worker] = nodedWorkersOf(proc.pid!);
  t.truthy(worker);
  proc.kill('SIGKILL');
  await waitFor('the worker to end', () => !alive(worker!), 5000).catch(() => undefined);
  t.false(alive(worker!), 'the worker outlived its listener');
});
