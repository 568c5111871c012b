// OP_CLUSTER_VERIFY_CONFIG (LUClusterVerifyConfig): the config's own consistency, the
// cluster certificates, hypervisor parameters, and that every node is in a known group.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { OpClusterVerifyConfig } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkHvParams } from '../../params.js';
import { VerifyReport } from './verify-report.js';

type Op = ReturnType<typeof OpClusterVerifyConfig.validate>;
const WARN_DAYS = 30;

export class LUClusterVerifyConfig extends LogicalUnit<Op> {
  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const rep = new VerifyReport((m) => this.feedback(m), this.op);
    const cfg = this.cfg.get();
    this.feedback('* Verifying cluster config');
    for (const inst of Object.values(cfg.instances)) {
      if (!cfg.nodes[inst.primary_node]) rep.error('ECLUSTERCFG', 'cluster', cfg.cluster.cluster_name, `instance ${inst.name} has an unknown primary node ${inst.primary_node}`);
    }
    if (!cfg.nodes[cfg.cluster.master_node]) rep.error('ECLUSTERCFG', 'cluster', cfg.cluster.cluster_name, 'the master node is not in the node list');
    this.feedback('* Verifying cluster certificate files');
    for (const file of [this.rt.paths.caCertFile, this.rt.paths.serverCertFile]) {
      try {
        const cert = new X509Certificate(readFileSync(file));
        const days = (Date.parse(cert.validTo) - Date.now()) / 86400_000;
        if (days < 0) rep.error('ECLUSTERCERT', 'cluster', cfg.cluster.cluster_name, `certificate ${file} expired on ${cert.validTo}`);
        else if (days < WARN_DAYS) rep.error('ECLUSTERCERT', 'cluster', cfg.cluster.cluster_name, `certificate ${file} expires in ${Math.floor(days)} days`, true);
      } catch (err) {
        rep.error('ECLUSTERCERT', 'cluster', cfg.cluster.cluster_name, `cannot read certificate ${file}: ${(err as Error).message}`);
      }
    }
    this.feedback('* Verifying hypervisor parameters');
    for (const hv of cfg.cluster.enabled_hypervisors) {
      try { checkHvParams(hv, cfg.cluster.hvparams[hv] ?? {}); } catch (err) {
        rep.error('ECLUSTERCFG', 'cluster', cfg.cluster.cluster_name, `hypervisor ${hv} parameters: ${(err as Error).message}`);
      }
    }
    for (const n of Object.values(cfg.nodes)) {
      if (n.master_candidate && n.config_stale && !n.offline) {
        rep.error('ECLUSTERCFG', 'node', n.name, 'master candidate has a stale configuration (it missed changes the master ' +
          'committed); it is not used for recovery or master failover until it has caught up (gnt-cluster redist-conf retries)');
      }
    }
    this.feedback('* Verifying all nodes belong to an existing group');
    const dangling = Object.values(cfg.nodes).filter((n) => !cfg.nodegroups[n.group]);
    if (dangling.length) {
      rep.error('ECLUSTERDANGLINGNODES', 'cluster', cfg.cluster.cluster_name, `the following nodes (and their instances) belong to a non existing group: ${dangling.map((n) => n.name).join(', ')}`);
    }
    return !rep.bad;
  }
}
