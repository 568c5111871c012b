// OP_INSTANCE_MOVE (Ganeti's LUInstanceMove): the instance's node-local disks are copied to
// the target node, checked, and the instance restarts there (copy-disks.ts).
import { LockLevel } from '../../../common/constants.js';
import type { Node } from '../../../common/objects.js';
import type { OpInstanceMove } from '../../../common/opcodes/index.js';
import { InstanceLU } from './base.js';
import { checkCopyMove, runCopyMove } from './copy-disks.js';

type Op = ReturnType<typeof OpInstanceMove.validate>;

export class LUInstanceMove extends InstanceLU<Op> {
  private targetName = '';

  override expandNames(): void {
    super.expandNames();
    this.targetName = this.cfg.expandNode(this.op.target_node).name;
  }

  override declareLocks(level: LockLevel): void {
    if (level !== LockLevel.Node && level !== LockLevel.NodeRes) return;
    this.needLocks.set(level, [...new Set([this.pnode.name, this.targetName])]);
  }

  private get targetNode(): Node { return this.cfg.expandNode(this.targetName); }

  override async checkPrereq(): Promise<void> {
    await checkCopyMove(this, this.targetNode, this.op.compress, this.op.ignore_ipolicy);
  }

  override async exec(): Promise<unknown> {
    await runCopyMove(this, this.targetNode, {
      shutdownTimeout: this.op.shutdown_timeout, ignoreConsistency: this.op.ignore_consistency, compress: this.op.compress,
    });
    return null;
  }
}
