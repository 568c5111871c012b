// PEM helpers without the certificate library: daemons that only load their certificate
// (noded, the master's RPC client) must not pay for @peculiar/x509 at start-up.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';

export interface KeyPairPem { cert: string; key: string }

/** server.pem holds the certificate then the key, as Ganeti's does. */
export function joinPem(kp: KeyPairPem): string { return `${kp.cert.trim()}\n${kp.key.trim()}\n`; }

export function splitPem(text: string): KeyPairPem {
  const cert = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const key = text.match(/-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/)?.[0];
  if (!cert || !key) throw new Error('PEM file must hold a certificate and a private key');
  return { cert: cert + '\n', key: key + '\n' };
}

/** A certificate's digest as the cluster records it (SHA-256 of the DER, lowercase hex):
 * what ssconf master_candidates_certs lists and noded compares a caller's certificate with. */
export function certDigest(cert: Uint8Array | string): string {
  let der: Uint8Array;
  if (typeof cert === 'string') {
    const b64 = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(cert)?.[1];
    if (!b64) throw new Error('no PEM certificate to digest');
    der = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
  } else {
    der = cert;
  }
  return createHash('sha256').update(der).digest('hex');
}

/**
 * A certificate file given by a user (gnt-cluster renew-crypto --rapi-certificate): it must
 * hold a parseable certificate and the private key that belongs to it. Throws an Error
 * saying what is wrong; returns the pair otherwise.
 */
export function checkKeyPair(text: string): KeyPairPem {
  const kp = splitPem(text);
  let cert: X509Certificate;
  try { cert = new X509Certificate(kp.cert); } catch (err) { throw new Error(`cannot load the X509 certificate: ${(err as Error).message}`); }
  let key;
  try { key = createPrivateKey(kp.key); } catch (err) { throw new Error(`cannot load the private key: ${(err as Error).message}`); }
  if (!cert.checkPrivateKey(key)) throw new Error('the private key does not belong to the certificate');
  if (Date.parse(cert.validTo) < Date.now()) throw new Error(`the certificate expired on ${cert.validTo}`);
  return kp;
}
