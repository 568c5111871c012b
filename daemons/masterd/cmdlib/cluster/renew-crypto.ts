// OP_CLUSTER_RENEW_CRYPTO (gnt-cluster renew-crypto): new node certificates, and with
// cluster_certificate a new cluster CA, without stopping any daemon. Node daemons check an
// uploaded certificate and serve with it from their next connection on (noded/server.ts);
// open connections and the calls on them go on. A new CA is rolled out in three rounds so
// that every pair of peers always trusts each other: (1) every node trusts old and new CA,
// (2) every node gets a certificate of the new CA, (3) every node trusts only the new CA.
// A round that fails on some node stops the roll-out at a state where everyone still trusts
// everyone, and says which nodes to fix.
import { readFileSync } from 'node:fs';
import { atomicWrite } from '../../../common/atomic-file.js';
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import type { Node } from '../../../common/objects.js';
import type { OpClusterRenewCrypto } from '../../../common/opcodes/index.js';
import { certDigest, checkKeyPair, joinPem, type KeyPairPem } from '../../../common/pem.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';

type Op = ReturnType<typeof OpClusterRenewCrypto.validate>;
type KnownCredential = 'ca_cert' | 'server_cert' | 'rapi_cert';

function firstCertificate(pem: string): string {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!m) throw new OpExecError('The cluster CA file holds no certificate');
  return `${m[0]}\n`;
}

export class LUClusterRenewCrypto extends LogicalUnit<Op> {
  // The BGL is taken shared: other jobs keep running meanwhile. Node add takes it exclusively,
  // so it never signs a certificate with an authority that is being replaced.

  override checkArguments(): void {
    if (this.op.renew_ssh_keys) {
      throw new OpPrereqError('Renewing SSH keys is not supported: this version does not manage SSH keys', { ecode: 'wrong_input' });
    }
    const rapi = this.op.new_rapi_certificate || this.op.rapi_certificate_pem != null;
    if (!this.op.node_certificates && !this.op.cluster_certificate && !rapi) {
      throw new OpPrereqError('Nothing to renew: ask for new node certificates, a new cluster certificate and/or a RAPI certificate', { ecode: 'wrong_input' });
    }
    if (this.op.new_rapi_certificate && this.op.rapi_certificate_pem != null) {
      throw new OpPrereqError('Only one of the --new-rapi-certificate and --rapi-certificate options can be specified at the same time', { ecode: 'wrong_input' });
    }
    if (this.op.rapi_certificate_pem != null) {
      try { checkKeyPair(this.op.rapi_certificate_pem); } catch (err) {
        throw new OpPrereqError(`Invalid RAPI certificate: ${(err as Error).message}`, { ecode: 'wrong_input' });
      }
    }
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    if (!cfg.nodes[cfg.cluster.master_node]) throw new OpPrereqError('The master node is not in the configuration', { ecode: 'wrong_state' });
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const master = cfg.nodes[cfg.cluster.master_node]!;
    for (const n of Object.values(cfg.nodes)) {
      if (n.offline) this.logWarning(`Node ${n.name} is offline: it keeps its old certificate`, 'give it a new one with gnt-node add --readd once it is back');
    }
    // The master last: the others are told while the master's own certificate stays put.
    const nodes = Object.values(cfg.nodes).filter((n) => !n.offline && n.uuid !== master.uuid)
      .sort((a, b) => a.name.localeCompare(b.name)).concat(master);
    const paths = this.rt.paths;
    const current: KeyPairPem = { cert: firstCertificate(readFileSync(paths.caCertFile, 'utf8')), key: readFileSync(paths.caKeyFile, 'utf8') };
    if (this.op.new_rapi_certificate || this.op.rapi_certificate_pem != null) await this.renewRapiCertificate(cfg.cluster.cluster_name, nodes);
    if (!this.op.node_certificates && !this.op.cluster_certificate) return null;
    this.feedback('Updating certificates now. The node daemons keep running and switch to them at once.');
    if (!this.op.cluster_certificate) {
      const failed = await this.renewNodeCertificates(current, nodes);
      if (failed.length) throw new OpExecError(`Could not renew the certificate of node(s) ${failed.join(', ')}; they keep their old one, which stays valid`);
      return null;
    }
    return this.renewClusterCa(current, nodes, cfg.cluster.cluster_name);
  }

  /** rapi.pem on the master (ganeti-rapi serves it from its next connection on) and on every
   * online master candidate, which would run ganeti-rapi after a master failover. */
  private async renewRapiCertificate(clusterName: string, nodes: Node[]): Promise<void> {
    let pem: string;
    if (this.op.rapi_certificate_pem != null) {
      pem = joinPem(checkKeyPair(this.op.rapi_certificate_pem));
    } else {
      const { createSelfSignedCert } = await import('../../../common/tls.js');
      const cfg = this.cfg.get();
      // Valid on whichever candidate holds the master role, and on the master IP when there is one.
      const ips = [...new Set([cfg.cluster.master_ip, ...nodes.filter((n) => n.master_candidate).map((n) => n.primary_ip)].filter(Boolean))];
      pem = joinPem(await createSelfSignedCert(clusterName, ips as string[]));
    }
    this.feedback('Updating the RAPI certificate: ganeti-rapi serves it from its next connection on');
    await atomicWrite(this.rt.paths.rapiCertFile, pem, { mode: 0o400 });
    const master = this.cfg.get().cluster.master_node;
    const failed = await this.upload(nodes.filter((n) => n.master_candidate && n.uuid !== master), 'rapi_cert', () => pem);
    for (const n of failed) this.logWarning(`Master candidate ${n} keeps its old RAPI certificate`, 'the master copies it again with its next configuration change');
  }

  private async renewClusterCa(old: KeyPairPem, nodes: Node[], clusterName: string): Promise<null> {
    const { createCa } = await import('../../../common/tls.js');
    // A distinct subject, so that a peer holding both authorities picks the right issuer.
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    const ca = await createCa(`${clusterName}-${stamp}`);
    this.feedback('* round 1 of 3: every node trusts the new cluster CA next to the old one');
    const bothFailed = await this.upload(nodes, 'ca_cert', () => `${ca.cert.trim()}\n${old.cert.trim()}\n`);
    if (bothFailed.length) {
      await this.upload(nodes.filter((n) => !bothFailed.includes(n.name)), 'ca_cert', () => old.cert);
      this.rt.rpc.reloadCredentials?.();
      throw new OpExecError(`Could not give the new cluster CA to node(s) ${bothFailed.join(', ')}; nothing was changed`);
    }
    this.rt.rpc.reloadCredentials?.();
    // The CA file's first certificate is now the new CA: signing (here and in node add) uses its key.
    await atomicWrite(this.rt.paths.caKeyFile, ca.key, { mode: 0o600 });
    this.feedback('* round 2 of 3: every node gets a certificate of the new cluster CA');
    const certFailed = await this.renewNodeCertificates(ca, nodes);
    if (certFailed.length) {
      throw new OpExecError(`Could not give node(s) ${certFailed.join(', ')} a certificate of the new cluster CA; ` +
        'every node keeps trusting both CAs. Run gnt-cluster renew-crypto --new-node-certificates once they are reachable');
    }
    this.feedback('* round 3 of 3: every node trusts only the new cluster CA');
    const onlyFailed = await this.upload(nodes, 'ca_cert', () => ca.cert);
    this.rt.rpc.reloadCredentials?.();
    for (const n of onlyFailed) this.logWarning(`Node ${n} still trusts the old cluster CA too`, 'run gnt-cluster renew-crypto --new-cluster-certificate again');
    return null;
  }

  /** New certificates signed by ca for every node (the master last); returns the nodes that failed.
   * Node daemons take orders only from certificates listed in ssconf master_candidates_certs
   * (noded/authz.ts), so every node first learns the new digests next to the old ones, then
   * gets its certificate, and only then are the old digests dropped. */
  private async renewNodeCertificates(ca: KeyPairPem, nodes: Node[]): Promise<string[]> {
    const { createNodeCert, joinPem } = await import('../../../common/tls.js');
    const certs = new Map<string, string>();
    const digests = new Map<string, string>();
    for (const n of nodes) {
      const kp = await createNodeCert(ca, n.name, [n.primary_ip]);
      certs.set(n.name, joinPem(kp));
      digests.set(n.uuid, certDigest(kp.cert));
    }
    await this.cfg.update((c) => {
      for (const [uuid, d] of digests) {
        const n = c.nodes[uuid];
        if (n) n.cert_digests = [...(n.cert_digests ?? []).filter((x) => x !== d), d];
      }
    });
    const cfg = this.cfg.get();
    const unsent = await this.rt.replicator.redistribute(this.cfg.lastCommit(), cfg);
    for (const n of unsent) this.logWarning(`Node ${n} did not get the new certificate digests; it may refuse the renewed nodes until it does`);
    const masterName = nodes[nodes.length - 1]!.name;
    const others = nodes.slice(0, -1);
    this.feedback(`* renewing the certificates of ${nodes.length} node(s)`);
    const failed = await this.upload(others, 'server_cert', (n) => certs.get(n.name)!);
    const masterFailed = await this.upload([nodes[nodes.length - 1]!], 'server_cert', () => certs.get(masterName)!);
    // The master's own certificate is also its client certificate: use it from now on.
    if (!masterFailed.length) this.rt.rpc.reloadCredentials?.();
    const allFailed = [...failed, ...masterFailed];
    await this.cfg.update((c) => {
      for (const [uuid, d] of digests) {
        const n = c.nodes[uuid];
        if (!n) continue;
        n.cert_digests = allFailed.includes(n.name) ? (n.cert_digests ?? []).filter((x) => x !== d) : [d];
      }
    });
    return allFailed;
  }

  private async upload(nodes: Node[], file: KnownCredential, content: (n: Node) => string): Promise<string[]> {
    if (!nodes.length) return [];
    const res = await this.rt.rpc.callMany(nodes.map(nodeTarget), 'UploadFile',
      (t) => ({ file, content: Buffer.from(content(nodes.find((n) => n.name === t.name)!)), mode: 0 }));
    const failed: string[] = [];
    for (const [name, r] of res) {
      if (r.failed) {
        failed.push(name);
        this.logWarning(`Could not upload ${file} to node ${name}: ${r.failMsg}`);
      } else if (this.op.verbose) {
        this.feedback(`  ${file} updated on ${name}`);
      }
    }
    return failed;
  }
}
