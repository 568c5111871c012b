// PEM helpers without the certificate library: daemons that only load their certificate
// (noded, the master's RPC client) must not pay for @peculiar/x509 at start-up.
import { createHash } from 'node:crypto';

export interface KeyPairPem { cert: string; key: string }

/** server.pem holds the certificate then the key, as Ganeti's does. */
export function joinPem(kp: KeyPairPem): string { return `${kp.cert.trim()}\n${kp.key.trim()}\n`; }

export function splitPem(text: string): KeyPairPem {
  const cert = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const key = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)?.[0];
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
