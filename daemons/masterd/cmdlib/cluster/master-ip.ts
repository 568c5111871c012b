// OP_CLUSTER_ACTIVATE_MASTER_IP / OP_CLUSTER_DEACTIVATE_MASTER_IP (gnt-cluster
// activate-master-ip / deactivate-master-ip): the master node runs its master IP setup
// script (the default, or the administrator's with use_external_mip_script).
import { getNode } from '../common.js';
import { LogicalUnit } from '../logical-unit.js';
import { masterIpParams } from '../../master-ip.js';
import { nodeTarget } from '../../rpc/node-target.js';

abstract class MasterIpLU extends LogicalUnit {
  protected abstract readonly method: 'NodeActivateMasterIp' | 'NodeDeactivateMasterIp';
  protected abstract readonly what: string;

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const master = getNode(cfg, cfg.cluster.master_node);
    const r = await this.rt.rpc.call(nodeTarget(master), this.method, masterIpParams(cfg), { signal: this.rt.signal });
    r.raise(`Could not ${this.what} the master IP`);
    return null;
  }
}

export class LUClusterActivateMasterIp extends MasterIpLU {
  protected readonly method = 'NodeActivateMasterIp' as const;
  protected readonly what = 'activate';
}

export class LUClusterDeactivateMasterIp extends MasterIpLU {
  protected readonly method = 'NodeDeactivateMasterIp' as const;
  protected readonly what = 'deactivate';
}
