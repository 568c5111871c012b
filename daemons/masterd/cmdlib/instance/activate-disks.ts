// OP_INSTANCE_ACTIVATE_DISKS (Ganeti's LUInstanceActivateDisks): assemble every disk of the
// instance on its primary node (sharedfile: take the lease; ext: attach) and mark them
// active. The result lists [node, disk/N, path], which gnt-instance activate-disks prints.
import { OpExecError } from '../../../common/errors.js';
import type { OpInstanceActivateDisks } from '../../../common/opcodes/index.js';
import { checkNodeOnline } from '../common.js';
import { InstanceLU } from './base.js';
import { assembleDisks } from './disk-common.js';

type Op = ReturnType<typeof OpInstanceActivateDisks.validate>;

export class LUInstanceActivateDisks extends InstanceLU<Op> {
  override checkPrereq(): void {
    checkNodeOnline(this.pnode);
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    let info: [string, string, string][];
    try {
      info = await assembleDisks(this, inst);
    } catch (err) {
      if (inst.disks_active) await this.modifyInstance((i) => { i.disks_active = false; });
      throw err instanceof OpExecError ? err : new OpExecError('Cannot activate block devices', { cause: err });
    }
    if (!inst.disks_active && inst.disks.length) await this.modifyInstance((i) => { i.disks_active = true; });
    if (this.op.wait_for_sync && inst.disks.length) {
      this.logInfo(`Waiting for instance ${inst.name} to sync disks`);
      this.logInfo(`Instance ${inst.name}'s disks are in sync`);
    }
    return info;
  }
}
