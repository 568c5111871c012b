// OP_CLUSTER_DESTROY (LUClusterDestroy): only an empty cluster is destroyed (every other node
// removed with gnt-node remove, no instance left). The job takes the master IP down and
// returns the master's uuid; the client then stops the master daemons and has the master
// node leave (ganeti-cluster-command destroy-finalize: certificates, config, ssconf and job
// queue removed, noded stopped), as Ganeti's FinalizeClusterDestroy.
import { OpPrereqError } from '../../../common/errors.js';
import { masterIpParams } from '../../master-ip.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { getNode } from '../common.js';
import { LogicalUnit } from '../logical-unit.js';

export class LUClusterDestroy extends LogicalUnit {
  override bglExclusive = true;

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const others = Object.keys(cfg.nodes).filter((u) => u !== cfg.cluster.master_node).length;
    if (others) throw new OpPrereqError(`There are still ${others} node(s) in this cluster.`, { ecode: 'wrong_input' });
    const instances = Object.keys(cfg.instances).length;
    if (instances) throw new OpPrereqError(`There are still ${instances} instance(s) in this cluster.`, { ecode: 'wrong_input' });
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const master = getNode(cfg, cfg.cluster.master_node);
    const r = await this.rt.rpc.call(nodeTarget(master), 'NodeDeactivateMasterIp', masterIpParams(cfg), { signal: this.rt.signal });
    r.raise('Could not disable the master role');
    return master.uuid;
  }
}
