// This node's TLS material, and the checks an uploaded certificate or CA bundle must pass
// before it replaces what the node serves with (gnt-cluster renew-crypto). A bad upload is
// refused and the node keeps its working credentials: a node nobody can connect to any more
// cannot be repaired over the network.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { Paths } from '../../common/paths.js';
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

/** ca_cert: CA certificates only, and one of them must have signed the uploader's own certificate. */
function checkCaBundle(text: string, peerCert: Buffer | undefined): void {
  let cas: X509Certificate[];
  try { cas = pemCertificates(text); } catch (err) {
    throw invalid(`Refusing upload of 'ca_cert': a certificate does not parse (${(err as Error).message})`);
  }
  if (cas.length === 0) throw invalid("Refusing upload of 'ca_cert': it holds no PEM certificate");
  const notCa = cas.find((c) => !c.ca);
  if (notCa) throw invalid(`Refusing upload of 'ca_cert': '${notCa.subject.replace(/\n/g, ', ')}' is not a certificate authority`);
  // Trusting only CAs that did not sign the master's certificate would lock the master out.
  if (peerCert && !issuedBy(new X509Certificate(peerCert), cas)) {
    throw invalid("Refusing upload of 'ca_cert': none of its authorities signed the uploader's own certificate");
  }
}

/** Checks an upload of a credential file; other files pass unchecked. */
export function checkCredentialUpload(paths: Paths, file: string, content: Uint8Array, peerCert?: Buffer): void {
  const text = Buffer.from(content).toString('utf8');
  if (file === 'server_cert') checkServerCert(paths, text);
  else if (file === 'ca_cert') checkCaBundle(text, peerCert);
}

export function isCredentialFile(file: string): boolean { return file === 'server_cert' || file === 'ca_cert'; }
