// The common shape of LUs acting on one existing instance: lock it, then lock its nodes
// (Ganeti's _LockInstancesNodes), and re-read it under the locks.
import { LockLevel } from '../../../common/constants.js';
import type { Instance, Node } from '../../../common/objects.js';
import { LogicalUnit } from '../logical-unit.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { Opcode } from '../../../common/opcodes/index.js';
import type { NodeTarget } from '../../rpc/node-rpc.js';

type InstanceOp = Opcode & { instance_name: string };

export abstract class InstanceLU<Op extends InstanceOp = InstanceOp> extends LogicalUnit<Op> {
  protected instanceName = '';
  /** Whether node locks are needed at all (some LUs only touch the config). */
  protected lockNodes = true;

  override expandNames(): void {
    this.instanceName = this.cfg.expandInstance(this.op.instance_name).name;
    this.needLocks.set(LockLevel.Instance, [this.instanceName]);
  }

  override declareLocks(level: LockLevel): void {
    if (!this.lockNodes) return;
    if (level === LockLevel.Node || level === LockLevel.NodeRes) {
      const inst = this.instance;
      const cfg = this.cfg.get();
      this.needLocks.set(level, [inst.primary_node, ...inst.secondary_nodes].map((u) => cfg.nodes[u]!.name));
    }
  }

  get instance(): Instance {
    return this.cfg.expandInstance(this.instanceName);
  }

  get pnode(): Node { return getNode(this.cfg.get(), this.instance.primary_node); }
  get pnodeTarget(): NodeTarget { return nodeTarget(this.pnode); }

  /** Applies a change to the stored instance (serial and mtime bumped) and persists it. */
  protected async modifyInstance(fn: (inst: Instance) => void): Promise<void> {
    const uuid = this.instance.uuid;
    await this.cfg.update((c) => {
      const inst = c.instances[uuid]!;
      fn(inst);
      inst.serial_no += 1;
      inst.mtime = Date.now() / 1000;
    });
  }
}
