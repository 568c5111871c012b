// noded authorizes each RPC by the caller's role, taken from its client certificate and the
// node's ssconf (master_node + master_candidates_certs): the master may do anything, a
// candidate may only read, a plain node's certificate (signed by the same CA) nothing; a
// foreign CA's certificate does not get past TLS.
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nullLogger } from '../../../daemons/common/log.js';
import { certDigest } from '../../../daemons/common/pem.js';
import { createCa, createNodeCert, type KeyPairPem } from '../../../daemons/common/tls.js';
import { READ_RPCS } from '../../../daemons/noded/authz.js';
import { startNoded, type NodedServer } from '../../../daemons/noded/server.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import { call, installClusterTls, makeTempNode, nodeClient, type ClusterTls, type TempNode } from './helpers/temp-node.js';

let tmp: TempNode;
let tls: ClusterTls;
let server: NodedServer;
let candidate: KeyPairPem;
let plain: KeyPairPem;
const clients: NodeDaemonClient[] = [];
let left = 0;

function writeSsconf(key: string, value: string): void {
  rmSync(tmp.paths.ssconfFile(key), { force: true });
  writeFileSync(tmp.paths.ssconfFile(key), value);
}

test.before(async () => {
  tmp = makeTempNode();
  tls = await installClusterTls(tmp.paths);
  candidate = await createNodeCert(tls.ca, 'node2', ['127.0.0.1']);
  plain = await createNodeCert(tls.ca, 'node3', ['127.0.0.1']);
  writeSsconf('master_candidates_certs', `master=${certDigest(tls.client.cert)}\nnode2=${certDigest(candidate.cert)}\n`);
  server = await startNoded({ paths: tmp.paths, address: '127.0.0.1', port: 0, logger: nullLogger, onLeaveCluster: () => { left++; } });
});

test.after.always(async () => {
  for (const c of clients) c.close();
  await server?.close(1000);
  tmp?.cleanup();
});

function as(kp: KeyPairPem, caCert = tls.ca.cert): NodeDaemonClient {
  const c = nodeClient(server.port, caCert, kp);
  clients.push(c);
  return c;
}

const denied = async (t: import('ava').ExecutionContext, p: Promise<unknown>, re: RegExp) => {
  const err = await t.throwsAsync(p) as grpc.ServiceError;
  t.is(err.code, grpc.status.PERMISSION_DENIED, err.message);
  t.regex(err.details, re);
};

test.serial('a plain node\'s certificate is refused every call, and the refusal names its role', async (t) => {
  const c = as(plain);
  await denied(t, call(c, 'NodeLeaveCluster', {}), /Permission denied: NodeLeaveCluster is accepted only from the master; the caller is a plain node/);
  await denied(t, call(c, 'Version', {}), /Version is accepted only from the master or a master candidate; the caller is a plain node/);
  await denied(t, call(c, 'UploadFile', { file: 'config', content: Buffer.from('{}'), mode: 0 }), /plain node/);
  t.is(left, 0);
  t.true(existsSync(tmp.paths.serverCertFile), 'the node is still in the cluster');
  t.false(existsSync(tmp.paths.clusterConfFile), 'nothing was uploaded');
});

test.serial('a master candidate may read but not change the node', async (t) => {
  const c = as(candidate);
  t.truthy((await call(c, 'Version', {})).software_version);
  t.truthy(await call(c, 'InstanceList', { hypervisors: [] }));
  await denied(t, call(c, 'NodeLeaveCluster', {}),
    /NodeLeaveCluster changes this node and is accepted only from the master \(master\); the caller is the master candidate node2/);
  await denied(t, call(c, 'WriteSsconfFiles', { values: { cluster_name: 'evil' } }), /master candidate node2/);
  t.is(left, 0);
});

test.serial('a candidate taking over (master-failover) may tell the node it is the master, and then commands it', async (t) => {
  const c = as(candidate);
  await denied(t, call(c, 'WriteSsconfFiles', { values: { master_node: 'node3' } }), /master candidate node2/);
  await call(c, 'WriteSsconfFiles', { values: { master_node: 'node2' } });
  // The old master's certificate is now only a candidate's.
  await denied(t, call(as(tls.client), 'TestDelay', { duration: 0 }), /the caller is the master candidate master/);
  await call(c, 'TestDelay', { duration: 0 });
  writeSsconf('master_node', 'master');
});

test.serial('the master may change the node', async (t) => {
  await call(as(tls.client), 'UploadFile', { file: 'config', content: Buffer.from('{"serial_no": 1}'), mode: 0 });
  t.true(existsSync(tmp.paths.clusterConfFile));
});

test.serial('without master_candidates_certs in ssconf nobody is trusted, and the refusal says why', async (t) => {
  rmSync(tmp.paths.ssconfFile('master_candidates_certs'));
  await denied(t, call(as(tls.client), 'Version', {}), /knows no master candidate certificates \(ssconf master_candidates_certs/);
  writeSsconf('master_candidates_certs', `master=${certDigest(tls.client.cert)}\n`);
  t.truthy(await call(as(tls.client), 'Version', {}));
});

test.serial('a certificate of a foreign CA with a listed name does not get past TLS', async (t) => {
  const foreignCa = await createCa('other');
  const forged = await createNodeCert(foreignCa, 'master', ['127.0.0.1']);
  const err = await t.throwsAsync(call(as(forged), 'Version', {})) as grpc.ServiceError;
  t.is(err.code, grpc.status.UNAVAILABLE, err.message);
});

test('state-changing RPCs are not in the read set', (t) => {
  for (const m of ['NodeLeaveCluster', 'UploadFile', 'WriteSsconfFiles', 'BlockdevRemove', 'BlockdevCreate', 'InstanceOsAdd', 'InstanceStart', 'TestDelay'] as const) {
    t.false(READ_RPCS.has(m), m);
  }
});

test.serial('a plain node reads a transfer only with the master\'s grant, for that transfer, until it is removed or expires', async (t) => {
  writeSsconf('master_candidates_certs', `master=${certDigest(tls.client.cert)}\nnode2=${certDigest(candidate.cert)}\n`);
  for (const name of ['vm1', 'vm2']) {
    mkdirSync(join(tmp.paths.dataDir, 'export-out', name), { recursive: true });
    writeFileSync(join(tmp.paths.dataDir, 'export-out', name, 'disk0_dump'), `dump of ${name}`);
  }
  const chunk = (name: string) => ({ area: 'outgoing', name, file: 'disk0_dump', offset: 0, length: 100 });
  const grant = (name: string, ttl = 60, digests = [certDigest(plain.cert)]) =>
    ({ area: 'outgoing', name, node: 'node3', cert_digests: digests, ttl_seconds: ttl });
  const c = as(plain);
  await denied(t, call(c, 'ExportReadChunk', chunk('vm1')), /or a node the master granted this transfer, which this caller was not\); the caller is a plain node/);
  // Only the master grants: neither the plain node itself nor a candidate.
  await denied(t, call(c, 'ExportGrantPull', grant('vm1')), /ExportGrantPull is accepted only from the master; the caller is a plain node/);
  await denied(t, call(as(candidate), 'ExportGrantPull', grant('vm1')), /master candidate node2/);
  const master = as(tls.client);
  const bad = await t.throwsAsync(call(master, 'ExportGrantPull', grant('vm1', 0))) as grpc.ServiceError;
  t.regex(bad.details, /Invalid ttl_seconds 0 \(allowed: 1 to 14400\)/);
  const none = await t.throwsAsync(call(master, 'ExportGrantPull', grant('vm1', 60, []))) as grpc.ServiceError;
  t.regex(none.details, /needs its certificate digests/);
  await call(master, 'ExportGrantPull', grant('vm1'));
  t.is((await call(c, 'ExportReadChunk', chunk('vm1'))).data.toString(), 'dump of vm1');
  await denied(t, call(c, 'ExportReadChunk', chunk('vm2')), /the caller is a plain node/);
  await denied(t, call(c, 'ExportReadChunk', { ...chunk('vm1'), area: 'export' }), /the caller is a plain node/);
  const other = await createNodeCert(tls.ca, 'node4', ['127.0.0.1']);
  await denied(t, call(as(other), 'ExportReadChunk', chunk('vm1')), /the caller is a plain node/);
  await call(master, 'ExportRemove', { name: 'vm1', area: 'outgoing' });
  await denied(t, call(c, 'ExportReadChunk', chunk('vm1')), /the caller is a plain node/);
  await call(master, 'ExportGrantPull', grant('vm2', 1));
  t.is((await call(c, 'ExportReadChunk', chunk('vm2'))).data.toString(), 'dump of vm2');
  await new Promise((r) => setTimeout(r, 1100));
  await denied(t, call(c, 'ExportReadChunk', chunk('vm2')), /the caller is a plain node/);
});
