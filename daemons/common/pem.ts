// PEM helpers without the certificate library: daemons that only load their certificate
// (noded, the master's RPC client) must not pay for @peculiar/x509 at start-up.
export interface KeyPairPem { cert: string; key: string }

/** server.pem holds the certificate then the key, as Ganeti's does. */
export function joinPem(kp: KeyPairPem): string { return `${kp.cert.trim()}\n${kp.key.trim()}\n`; }

export function splitPem(text: string): KeyPairPem {
  const cert = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const key = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)?.[0];
  if (!cert || !key) throw new Error('PEM file must hold a certificate and a private key');
  return { cert: cert + '\n', key: key + '\n' };
}
