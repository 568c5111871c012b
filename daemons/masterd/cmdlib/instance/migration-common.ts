// What failover and migration share (Ganeti's TLMigrateInstance.CheckPrereq): only
// externally mirrored templates move without a secondary; the target node comes from -n or
// from the allocator (relocating away from the primary); it must be usable and have the
// memory. The choice is made while declaring node locks, so only source and target get locked.
import { LockLevel } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import type { Opcode } from '../../../common/opcodes/index.js';
import { fillBeParams, type Instance, type Node } from '../../../common/objects.js';
import { templateMirror } from '../../../storage/descriptors.js';
import { statesOnSharedStorage } from '../../../storage/file-descriptor.js';
import { checkNodeNotDrained, checkNodeOnline, checkNodeVmCapable } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import type { NodeTarget } from '../../rpc/node-rpc.js';
import { InstanceLU } from './base.js';
import { checkNodeCapacity, relocateNode, type Demand } from './placement.js';
import { ipolicyViolations } from '../../params.js';
import { fillIPolicy } from '../../query/group-fields.js';
import type { IPolicy } from '../../../common/objects.js';

export interface MoveOp extends Opcode {
  instance_name: string;
  target_node?: string | null;
  iallocator?: string | null;
  cleanup: boolean;
  ignore_ipolicy: boolean;
}

/** An LU moving one instance to another node: picks and locks the target node. */
export abstract class MoveInstanceLU<Op extends MoveOp> extends InstanceLU<Op> {
  protected targetName = '';
  /** Whether this run stops and starts the instance rather than migrating it. */
  protected abstract willFailover(inst: Instance): boolean;
  /** Whether this run copies node-local disks to the target (a migration's fallback). */
  protected copiesDisks(_inst: Instance): boolean { return false; }

  override checkArguments(): void {
    if (this.op.target_node && this.op.iallocator) {
      throw new OpPrereqError('Do not specify both, iallocator and node', { ecode: 'wrong_input' });
    }
  }

  override async declareLocks(level: LockLevel): Promise<void> {
    if (level !== LockLevel.Node && level !== LockLevel.NodeRes) return;
    if (this.op.cleanup) {                  // cleanup looks for the instance on every node
      this.needLocks.set(level, 'ALL');
      return;
    }
    if (level === LockLevel.Node) await this.chooseTarget();
    this.needLocks.set(level, [this.pnode.name, this.targetName]);
  }

  /** Template check, then -n or the allocator, then the target's state and capacity. */
  private async chooseTarget(): Promise<void> {
    const inst = this.instance;
    const failover = this.willFailover(inst);
    const copy = this.copiesDisks(inst);
    // Only externally mirrored disks (Ganeti's DTS_EXT_MIRROR) move without a secondary node.
    if (!copy && templateMirror(inst.disk_template) !== 'external') {
      throw new OpPrereqError(`Instance's disk layout '${inst.disk_template}' does not allow ${failover ? 'failovers' : 'migrations'}`,
        { ecode: 'wrong_state' });
    }
    if (inst.admin_state === 'suspended' && !statesOnSharedStorage(inst.disks)) {
      throw new OpPrereqError(`Instance '${inst.name}' is suspended and its saved state is kept on ${this.pnode.name} ` +
        `(only sharedfile disks keep it on shared storage): resume it before moving it`, { ecode: 'wrong_state' });
    }
    const cfg = this.cfg.get();
    const be = fillBeParams(cfg.cluster, inst);
    // A failover of a stopped instance starts nothing: no memory needed (Ganeti logs so).
    const needMemory = !failover || inst.admin_state === 'up';
    const demand: Demand = {
      memory: needMemory ? be.maxmem : 0, vcpus: be.vcpus, disk: copy ? inst.disks.reduce((n, d) => n + d.size, 0) : 0,
      spec: { memory: be.maxmem, vcpus: be.vcpus, diskSizes: inst.disks.map((d) => d.size), nics: inst.nics.length, spindleUse: be.spindle_use },
    };
    if (!needMemory) this.logInfo('Not checking memory on the secondary node as instance will not be started');
    if (this.op.target_node) {
      const target = this.cfg.expandNode(this.op.target_node);
      this.checkTarget(inst, target);
      await checkNodeCapacity(this.rt, target.name, inst.name, demand, this.op.ignore_ipolicy);
      this.targetName = target.name;
    } else {
      const allocator = this.op.iallocator ?? (cfg.cluster.default_iallocator || 'hail');
      this.targetName = await this.relocate(allocator, inst, demand);
      this.logInfo(`Selected nodes for instance ${inst.name} via iallocator ${allocator}: ${this.targetName}`);
      this.checkTarget(inst, this.cfg.expandNode(this.targetName));
    }
    this.checkTargetPolicy(this.cfg.expandNode(this.targetName), demand);
  }

  /** Ganeti's CheckTargetNodeIPolicy: the instance must fit the target group's policy; with
   * --ignore-ipolicy a violation is a warning. */
  private checkTargetPolicy(target: Node, demand: Demand): void {
    const cfg = this.cfg.get();
    const group = cfg.nodegroups[target.group];
    const policy = group ? fillIPolicy(cfg.cluster.ipolicy, group.ipolicy) as unknown as IPolicy : cfg.cluster.ipolicy;
    const errs = ipolicyViolations(policy, demand.spec, this.instance.disk_template);
    if (!errs.length) return;
    const msg = `Instance does not meet target node group's (${group?.name ?? 'default'}) instance policy: ${errs.join(', ')}`;
    if (this.op.ignore_ipolicy) this.logWarning(msg);
    else throw new OpPrereqError(msg, { ecode: 'wrong_input' });
  }

  private checkTarget(inst: Instance, target: Node): void {
    if (target.uuid === inst.primary_node) {
      throw new OpPrereqError(`Cannot migrate instance ${inst.name} to its primary (${target.name})`, { ecode: 'wrong_state' });
    }
    checkNodeOnline(target, 'Cannot use offline target node');
    checkNodeNotDrained(target);
    checkNodeVmCapable(target);
  }

  /** Ganeti's IAReqRelocate through the allocator, away from the current primary. */
  private async relocate(allocator: string, inst: Instance, demand: Demand): Promise<string> {
    return relocateNode(this.rt, allocator, inst.name, [this.cfg.get().nodes[inst.primary_node]?.name ?? inst.primary_node], demand);
  }

  get targetNode(): Node { return this.cfg.expandNode(this.targetName); }
  get target(): NodeTarget { return nodeTarget(this.targetNode); }

  /** The config change both operations end with. */
  async setPrimary(node: Node): Promise<void> {
    await this.modifyInstance((i) => { i.primary_node = node.uuid; });
  }
}
