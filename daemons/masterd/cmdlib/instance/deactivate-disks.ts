// OP_INSTANCE_DEACTIVATE_DISKS (Ganeti's LUInstanceDeactivateDisks): shut down every disk of
// the instance on its primary node (sharedfile: drop the lease; ext: detach) and mark them
// inactive. Without --force the instance must be down and not running.
import type { OpInstanceDeactivateDisks } from '../../../common/opcodes/index.js';
import { InstanceLU } from './base.js';
import { checkInstanceState, INSTANCE_DOWN, shutdownDisks } from './disk-common.js';

type Op = ReturnType<typeof OpInstanceDeactivateDisks.validate>;

export class LUInstanceDeactivateDisks extends InstanceLU<Op> {
  override async checkPrereq(): Promise<void> {
    if (!this.op.force) await checkInstanceState(this, this.instance, INSTANCE_DOWN, 'cannot shutdown disks');
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    if (inst.disks_active) await this.modifyInstance((i) => { i.disks_active = false; });
    await shutdownDisks(this, inst);
    return null;
  }
}
