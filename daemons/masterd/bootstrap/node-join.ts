// Bringing a new node into the cluster over SSH (Ganeti's gnt-node add path): prepare its
// directories and shipped OS definitions, give it a certificate signed by the cluster CA
// and the current ssconf, restart its noded, and wait until it answers over TLS.
import { readFile } from 'node:fs/promises';
import { NodeUnreachableError, OpExecError } from '../../common/errors.js';
import type { Paths } from '../../common/paths.js';
import { certDigest, joinPem } from '../../common/pem.js';
import { delay } from '../../common/async.js';
import type { NodeRpc, NodeTarget } from '../rpc/node-rpc.js';
import { remoteCommand, sshExec, sshSettings, sshUpload } from './ssh.js';

export interface JoinOptions {
  paths: Paths;
  rpc: NodeRpc;
  node: NodeTarget;
  ssconf: Record<string, string>;
  signal?: AbortSignal;
  /** --no-ssh-key-check: accept and record an unknown host key (ssh.ts). */
  acceptNewHostKey?: boolean;
}

/** Returns the node's software version and the digest of the certificate it was given. */
export async function joinNode(o: JoinOptions): Promise<{ software_version: string; cert_digest: string }> {
  const settings = sshSettings(o.paths);
  const target = { host: o.node.name, ip: o.node.ip };
  const run = async (argv: string[], what: string) => {
    const r = await sshExec(target, remoteCommand(o.paths, o.node.name, argv), { settings, timeoutMs: 60_000, acceptNewHostKey: o.acceptNewHostKey });
    if (r.code !== 0) {
      throw new OpExecError(`Node setup on ${o.node.name} failed while ${what} (exit code ${r.code}): ${(r.stderr || r.stdout).trim().slice(-2000)}`);
    }
  };
  await run(['ensure-dirs'], 'preparing directories');

  const ca = { cert: await readFile(o.paths.caCertFile, 'utf8'), key: await readFile(o.paths.caKeyFile, 'utf8') };
  // The certificate library is loaded only when a node joins, not at master start-up.
  const { createNodeCert } = await import('../../common/tls.js');
  const cert = await createNodeCert(ca, o.node.name, [o.node.ip]);
  const remote = o.paths.forNode(o.node.name);
  await sshUpload(target, [
    { path: remote.caCertFile, content: ca.cert, mode: 0o644 },
    { path: remote.serverCertFile, content: joinPem(cert), mode: 0o600 },
    ...Object.entries(o.ssconf).map(([k, v]) => ({ path: remote.ssconfFile(k), content: v, mode: 0o444 })),
  ], { settings, acceptNewHostKey: o.acceptNewHostKey });
  await run(['daemon-util', 'restart', 'ganeti-noded'], 'restarting the node daemon');

  // The node daemon binds a moment after its pid file appears; give it a few seconds.
  const until = Date.now() + 15_000;
  for (;;) {
    const r = await o.rpc.call(o.node, 'Version', {}, { timeoutMs: 3000, signal: o.signal });
    if (!r.failed) return { software_version: r.payload!.software_version, cert_digest: certDigest(cert.cert) };
    if (Date.now() > until) throw new NodeUnreachableError(`Node daemon on ${o.node.name} (${o.node.ip}) did not answer after setup: ${r.failMsg}`);
    await delay(200, o.signal);
  }
}

