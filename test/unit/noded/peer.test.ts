// Node-to-node calls (backups pull disk dumps from a peer): the small gRPC client over mutual
// TLS against a real noded on 127.0.0.1:0, with the calling node's own certificate.
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../../daemons/common/constants.js';
import { nullLogger } from '../../../daemons/common/log.js';
import { certDigest } from '../../../daemons/common/pem.js';
import { PeerClient } from '../../../daemons/noded/backend/peer.js';
import { startNoded, type NodedServer } from '../../../daemons/noded/server.js';
import { installClusterTls, makeTempNode, type ClusterTls, type TempNode } from './helpers/temp-node.js';

let tmp: TempNode;
let tls: ClusterTls;
let server: NodedServer;

test.before(async () => {
  tmp = makeTempNode();
  tls = await installClusterTls(tmp.paths);
  // The calling node (its own certificate, node1's) is a master candidate: it may read.
  writeFileSync(tmp.paths.ssconfFile('master_candidates_certs'),
    `master=${certDigest(tls.client.cert)}\nnode1=${certDigest(tls.node.cert)}\n`);
  server = await startNoded({ paths: tmp.paths, address: '127.0.0.1', port: 0, logger: nullLogger });
});

test.after.always(async () => {
  await server?.close(1000);
  tmp?.cleanup();
});

test('a candidate reads from its peer over mutual TLS', async (t) => {
  const peer = new PeerClient(tmp.paths, { name: 'node1', ip: '127.0.0.1' }, server.port);
  try {
    t.deepEqual(await peer.call('Version', {}), { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION });
  } finally {
    peer.close();
  }
});

test('what the peer refuses arrives as its error class, naming the caller', async (t) => {
  const peer = new PeerClient(tmp.paths, { name: 'node1', ip: '127.0.0.1' }, server.port);
  try {
    const err = await t.throwsAsync(peer.call('InstanceStart', { instance: { name: 'x' } }));
    t.is(err?.name, 'PermissionDeniedError');
    t.regex(err?.message ?? '', /accepted only from the master .* master candidate node1/);
  } finally {
    peer.close();
  }
});

test('a peer whose certificate does not name it is not trusted', async (t) => {
  const peer = new PeerClient(tmp.paths, { name: 'node7', ip: '127.0.0.1' }, server.port);
  try {
    const err = await t.throwsAsync(peer.call('Version', {}, 5000));
    t.regex(err?.message ?? '', /node7/);
  } finally {
    peer.close();
  }
});

test('an aborted call ends at once', async (t) => {
  const peer = new PeerClient(tmp.paths, { name: 'node1', ip: '127.0.0.1' }, server.port);
  try {
    const ac = new AbortController();
    ac.abort(new Error('job cancelled'));
    const err = await t.throwsAsync(peer.call('Version', {}, 5000, ac.signal));
    t.regex(err?.message ?? '', /Cancelled: job cancelled/);
  } finally {
    peer.close();
  }
});
