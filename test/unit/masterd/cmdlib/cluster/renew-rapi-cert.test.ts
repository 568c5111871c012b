// gnt-cluster renew-crypto's RAPI certificate options, refused before anything changes: a
// certificate whose key does not match, garbage, both options at once. The key pair check
// itself (common/pem.ts) accepts a matching pair, in PKCS#8 and traditional RSA form.
import test from 'ava';
import { generateKeyPairSync } from 'node:crypto';
import { checkKeyPair, splitPem } from '../../../../../daemons/common/pem.js';
import { createSelfSignedCert } from '../../../../../daemons/common/tls.js';
import { assertFailed } from '../../helpers/assertions.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

test('checkKeyPair accepts a matching pair and names what is wrong otherwise', async (t) => {
  const kp = await createSelfSignedCert('cluster', ['127.0.0.1']);
  t.deepEqual(checkKeyPair(kp.cert + kp.key), splitPem(kp.cert + kp.key));
  const other = await createSelfSignedCert('other', []);
  t.throws(() => checkKeyPair(kp.cert + other.key), { message: /private key does not belong to the certificate/ });
  t.throws(() => checkKeyPair('hello'), { message: /certificate and a private key/ });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  t.regex(splitPem(kp.cert + rsa).key, /BEGIN RSA PRIVATE KEY/, 'traditional RSA keys are read too');
});

test('the opcode refuses a bad certificate and both options together, changing nothing', async (t) => {
  const h = await LuHarness.create();
  const kp = await createSelfSignedCert('cluster', []);
  const other = await createSelfSignedCert('other', []);
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_RENEW_CRYPTO', rapi_certificate_pem: kp.cert + other.key }), OpPrereqError,
    /Invalid RAPI certificate: the private key does not belong/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_RENEW_CRYPTO', new_rapi_certificate: true, rapi_certificate_pem: kp.cert + kp.key }), OpPrereqError,
    /Only one of the --new-rapi-certificate and --rapi-certificate/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_CLUSTER_RENEW_CRYPTO' }), OpPrereqError, /Nothing to renew/, 'wrong_input');
  t.deepEqual(h.rpc.callsTo('UploadFile'), []);
});
