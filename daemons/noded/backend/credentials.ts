// This node's TLS material, and the checks an uploaded certificate or CA bundle must pass
// before it replaces what the node serves with (gnt-cluster renew-crypto). A bad upload is
// refused and the node keeps its working credentials: a node nobody can connect to any more
// cannot be repaired over the network.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { Paths } from '../../common/paths.js';
import { readSsconf } from '../../common/ssconf.js';
import { splitPem } from '../../common/pem.js';
import { invalid } from '../validate.js';

export interface TlsMaterial { ca: Buffer; cert: Buffer; key: Buffer }

const CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM bundle (the CA file holds two while a new CA is rolled out). */
export function pemCertificates(text: string): X509Certificate[] {
  return (text.match(CERT_RE) ?? []).map((pem) => new X509Certificate(pem));
}

/** Reads server.pem and the CA bundle, and proves that they make a usable TLS context. */
export function readTlsMaterial(paths: Paths): TlsMaterial {
  const { cert, key } = splitPem(readFileSync(paths.serverCertFile, 'utf8'));
  const m = { ca: readFileSync(paths.caCertFile), cert: Buffer.from(cert), key: Buffer.from(key) };
  createSecureContext(m);   // throws on a key that does not match the certificate
  return m;
}

function issuedBy(cert: X509Certificate, cas: X509Certificate[]): boolean {
  return cas.some((ca) => { try { return cert.checkIssued(ca) && cert.verify(ca.publicKey); } catch { return false; } });
}

function trustedCas(paths: Paths): X509Certificate[] {
  try { return pemCertificates(readFileSync(paths.caCertFile, 'utf8')); } catch { return []; }
}

/** server_cert: a certificate and its key, issued by a CA this node already trusts. */
function checkServerCert(paths: Paths, text: string): void {
  let pair;
  try { pair = splitPem(text); } catch {
    throw invalid("Refusing upload of 'server_cert': it must hold a PEM certificate and its private key");
  }
  let cert: X509Certificate;
  try { cert = new X509Certificate(pair.cert); } catch (err) {
    throw invalid(`Refusing upload of 'server_cert': the certificate does not parse (${(err as Error).message})`);
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(pair.key))) throw new Error('the key does not belong to the certificate');
  } catch (err) {
    throw invalid(`Refusing upload of 'server_cert': ${(err as Error).message}`);
  }
  if (!issuedBy(cert, trustedCas(paths))) {
    throw invalid(`Refusing upload of 'server_cert': '${cert.subject.replace(/\n/g, ', ')}' is not signed by a certificate authority this node trusts`);
  }
}

/**
 * ca_cert (only the master sends it: authz.ts; renew-crypto's three rounds): every
 * certificate a valid, self-signed CA; at most one of them not trusted yet, and that one a
 * CA of this cluster (CN=ganeti-ca-<cluster name>…); one of them must have signed the
 * uploader's own certificate, which would otherwise be locked out.
 */
function checkCaBundle(paths: Paths, text: string, peerCert: Buffer | undefined): void {
  const refuse = (why: string) => invalid(`Refusing upload of 'ca_cert': ${why}`);
  let cas: X509Certificate[];
  try { cas = pemCertificates(text); } catch (err) {
    throw refuse(`a certificate does not parse (${(err as Error).message})`);
  }
  if (cas.length === 0) throw refuse('it holds no PEM certificate');
  const now = Date.now();
  for (const c of cas) {
    const who = `'${c.subject.replace(/\n/g, ', ')}'`;
    if (!c.ca) throw refuse(`${who} is not a certificate authority`);
    if (!issuedBy(c, [c])) throw refuse(`${who} is not self-signed (or its signature does not verify)`);
    if (Date.parse(c.validFrom) > now || Date.parse(c.validTo) < now) throw refuse(`${who} is not valid now (${c.validFrom} to ${c.validTo})`);
  }
  const trusted = new Set(trustedCas(paths).map((c) => c.fingerprint256));
  const fresh = cas.filter((c) => !trusted.has(c.fingerprint256));
  if (fresh.length > 1) throw refuse(`it brings ${fresh.length} new certificate authorities; a renewal brings at most one`);
  const cluster = readSsconf(paths, 'cluster_name');
  for (const c of fresh) {
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(c.subject)?.[1] ?? '';
    if (cluster && !(cn === `ganeti-ca-${cluster}` || cn.startsWith(`ganeti-ca-${cluster}-`))) {
      throw refuse(`the new authority '${cn}' is not a CA of cluster '${cluster}' (expected CN=ganeti-ca-${cluster}…)`);
    }
  }
  if (!peerCert) throw refuse('the uploader presented no certificate');
  // Trusting only CAs that did not sign the master's certificate would lock the master out.
  if (!issuedBy(new X509Certificate(peerCert), cas)) throw refuse("none of its authorities signed the uploader's own certificate");
}

/** Checks an upload of a credential file; other files pass unchecked. */
export function checkCredentialUpload(paths: Paths, file: string, content: Uint8Array, peerCert?: Buffer): void {
  const text = Buffer.from(content).toString('utf8');
  if (file === 'server_cert') checkServerCert(paths, text);
  else if (file === 'ca_cert') checkCaBundle(paths, text, peerCert);
}

export function isCredentialFile(file: string): boolean { return file === 'server_cert' || file === 'ca_cert'; }
