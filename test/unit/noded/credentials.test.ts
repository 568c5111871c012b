// A CA bundle upload (renew-crypto) is checked certificate by certificate: a foreign CA
// cannot ride along next to the cluster's own.
import test from 'ava';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createCa, createNodeCert } from '../../../daemons/common/tls.js';
import { checkCredentialUpload } from '../../../daemons/noded/backend/credentials.js';
import { installClusterTls, makeTempNode } from './helpers/temp-node.js';

async function setup() {
  const tmp = makeTempNode();
  const tls = await installClusterTls(tmp.paths);
  writeFileSync(tmp.paths.ssconfFile('cluster_name'), 'cluster');
  const peer = Buffer.from(new X509Certificate(tls.client.cert).raw);
  const upload = (pems: string[], p: Buffer | null = peer) =>
    () => checkCredentialUpload(tmp.paths, 'ca_cert', Buffer.from(pems.join('')), p ?? undefined);
  return { tmp, tls, upload };
}

test('the renewal bundle (new CA of this cluster + the current one) is accepted, and the current one alone', async (t) => {
  const { tmp, tls, upload } = await setup();
  const next = await createCa('cluster-20261202');
  t.notThrows(upload([next.cert, tls.ca.cert]));
  t.notThrows(upload([tls.ca.cert]));
  tmp.cleanup();
});

test('a foreign CA riding along with the cluster\'s own is refused, naming it', async (t) => {
  const { tmp, tls, upload } = await setup();
  const foreign = await createCa('intruder');
  t.throws(upload([foreign.cert, tls.ca.cert]), { message: /Refusing upload of 'ca_cert': the new authority 'ganeti-ca-intruder' is not a CA of cluster 'cluster'/ });
  const a = await createCa('cluster-a');
  const b = await createCa('cluster-b');
  t.throws(upload([a.cert, b.cert, tls.ca.cert]), { message: /brings 2 new certificate authorities; a renewal brings at most one/ });
  tmp.cleanup();
});

test('a non-CA certificate, a bundle that did not sign the uploader, or no uploader certificate is refused', async (t) => {
  const { tmp, tls, upload } = await setup();
  const leaf = await createNodeCert(tls.ca, 'node9', ['127.0.0.1']);
  t.throws(upload([leaf.cert, tls.ca.cert]), { message: /'CN=node9' is not a certificate authority/ });
  const next = await createCa('cluster-next');
  t.throws(upload([next.cert]), { message: /none of its authorities signed the uploader's own certificate/ });
  t.throws(upload([tls.ca.cert], null), { message: /the uploader presented no certificate/ });
  tmp.cleanup();
});
