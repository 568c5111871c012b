// The master's node RPC client (GrpcNodeRpc, on the small gRPC client over TLS) against a real
// noded on 127.0.0.1:0: answers decoded as the callers read them, the node's error class and
// ecode across the wire, the node's certificate checked against its name, and the two ways
// a hung node is found before a call's deadline (no TLS handshake; no answer to keepalive).
import test from 'ava';
import { createServer as netServer, type Server, type Socket } from 'node:net';
import { createServer as tlsServer } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../../../daemons/common/constants.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import { joinPem } from '../../../../daemons/common/pem.js';
import { installShippedOses } from '../../../../daemons/common/shipped-files.js';
import { startNoded, type NodedServer } from '../../../../daemons/noded/server.js';
import { GrpcNodeRpc } from '../../../../daemons/masterd/rpc/node-rpc.js';
import { installClusterTls, makeTempNode, writeCapacity, type ClusterTls, type TempNode } from '../../noded/helpers/temp-node.js';

let node: TempNode;
let master: TempNode;
let tls: ClusterTls;
let server: NodedServer;
const extra: Server[] = [];
const sockets: Socket[] = [];

test.before(async () => {
  node = makeTempNode('node1');
  tls = await installClusterTls(node.paths);
  writeCapacity(node.paths, { cpus: 4, memory: 2048, memory_dom0: 512, disk: 20_000 });
  await installShippedOses(node.paths);
  server = await startNoded({ paths: node.paths, address: '127.0.0.1', port: 0, logger: nullLogger, onLeaveCluster: () => undefined });
  // The master's own files: its certificate (named "master", trusted by the node) and the CA.
  master = makeTempNode('master');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(master.paths.dataDir, { recursive: true });
  writeFileSync(master.paths.serverCertFile, joinPem(tls.client), { mode: 0o600 });
  writeFileSync(master.paths.caCertFile, tls.ca.cert);
});

test.after.always(async () => {
  for (const s of sockets) s.destroy();
  for (const s of extra) s.close();
  await server?.close(1000);
  node?.cleanup();
  master?.cleanup();
});

const target = { name: 'node1', ip: '127.0.0.1' };

test.serial('answers arrive decoded, with every field present', async (t) => {
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, server.port);
  try {
    const v = await rpc.call(target, 'Version', {});
    t.false(v.failed);
    t.deepEqual(v.payload, { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION });
    const info = await rpc.call(target, 'NodeInfo', { hypervisors: [], storage_units: [] });
    t.like(info.payload, { memory_total: 2048, memory_dom0: 512, cpu_total: 4 });
    t.true(Array.isArray(info.payload!.storage));
    // Many calls at once share the one connection.
    const many = await rpc.callMany([target, target, target], 'Version', {});
    t.is(many.get('node1')!.payload!.protocol_version, PROTOCOL_VERSION);
  } finally { rpc.close(); }
});

test.serial("the node's error class, ecode and message come back in the RpcResult", async (t) => {
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, server.port);
  try {
    const r = await rpc.call(target, 'InstanceStart', { instance: { name: 'big', hypervisor: 'fake', os: 'dummy', memory: 4000,
      vcpus: 1, hvparams_json: '{}' } });
    t.true(r.failed);
    t.like(r.error, { name: 'HypervisorError', ecode: 'insufficient_resources' });
    t.regex(r.failMsg, /instance big: needed 4000 MiB, free 1536 MiB/);
  } finally { rpc.close(); }
});

test.serial('a node whose certificate names another node is refused', async (t) => {
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, server.port);
  try {
    const r = await rpc.call({ name: 'node2', ip: '127.0.0.1' }, 'Version', {});
    t.true(r.failed);
    t.is(r.error?.name, 'NodeUnreachableError');
    t.regex(r.failMsg, /^Error while contacting node node2 \(127\.0\.0\.1\): .*node2/);
  } finally { rpc.close(); }
});

test.serial('a node that accepts connections but never finishes the TLS handshake fails the call after the connect timeout', async (t) => {
  const silent = netServer((s) => { sockets.push(s); });
  extra.push(silent);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as { port: number }).port;
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, port, { connectTimeoutMs: 300 });
  try {
    const t0 = Date.now();
    const r = await rpc.call(target, 'Version', {}, { timeoutMs: 60_000 });
    t.true(r.failed);
    t.is(r.error?.name, 'NodeUnreachableError');
    t.regex(r.failMsg, /no connection after 0\.3 s \(is its node daemon hung\?\)/);
    t.true(Date.now() - t0 < 30_000);
  } finally { rpc.close(); }
});

test.serial('a node that stops answering on an open connection is found by the keepalive ping', async (t) => {
  // TLS completes (the node's own certificate), then nothing: not even HTTP/2's settings.
  const hung = tlsServer({ key: tls.node.key, cert: tls.node.cert, ca: tls.ca.cert, requestCert: true, ALPNProtocols: ['h2'] },
    (s) => { sockets.push(s); });
  extra.push(hung);
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  const port = (hung.address() as { port: number }).port;
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, port, { keepaliveMs: 200 });
  try {
    const r = await rpc.call(target, 'Version', {}, { timeoutMs: 60_000 });
    t.true(r.failed);
    t.is(r.error?.name, 'NodeUnreachableError');
    t.regex(r.failMsg, /^Error while contacting node node1 \(127\.0\.0\.1\): no answer to a keepalive ping within 0\.2 s/);
  } finally { rpc.close(); }
});

test.serial('a cancelled call ends at once', async (t) => {
  const hung = tlsServer({ key: tls.node.key, cert: tls.node.cert, ca: tls.ca.cert, requestCert: true, ALPNProtocols: ['h2'] },
    (s) => { sockets.push(s); });
  extra.push(hung);
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  const port = (hung.address() as { port: number }).port;
  const rpc = new GrpcNodeRpc(master.paths, nullLogger, port);
  try {
    const ac = new AbortController();
    const p = rpc.call(target, 'Version', {}, { timeoutMs: 60_000, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('job cancelled')), 100);
    const r = await p;
    t.true(r.failed);
    t.regex(r.failMsg, /Cancelled/);
  } finally { rpc.close(); }
});
