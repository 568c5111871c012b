// OP_NODE_MIGRATE and OP_NODE_EVACUATE (Ganeti's LUNodeMigrate, LUNodeEvacuate): the master
// turns one opcode into one job per instance of the node, queued together so they run in
// parallel under their own locks; each job picks its target with -n or the allocator
// (which never chooses a drained, offline or non-vm_capable node). RAPI and gnt-node share
// them. Evacuation migrates running instances and fails the others over (allow_failover);
// this build has no internally mirrored template, so no node holds secondaries.
import { LockLevel } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import type { Instance } from '../../../common/objects.js';
import { nodeEvacuateArgsProblem, OpInstanceMigrate, type OpNodeEvacuate, type OpNodeMigrate } from '../../../common/opcodes/index.js';
import { niceSortBy } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { ResultWithJobs } from '../result-with-jobs.js';

type MigrateOp = ReturnType<typeof OpNodeMigrate.validate>;
type EvacOp = ReturnType<typeof OpNodeEvacuate.validate>;

/** Shared: the node, locked shared while its instances are listed. */
abstract class NodeInstancesLU<Op extends MigrateOp | EvacOp> extends LogicalUnit<Op> {
  protected nodeName = '';

  override expandNames(): void {
    this.nodeName = this.cfg.expandNode(this.op.node_name).name;
    this.needLocks.set(LockLevel.Node, [this.nodeName]);
    this.shareLocks.add(LockLevel.Node);
  }

  /** Instances with this node as primary (or secondary), nicely sorted by name. */
  protected instances(role: 'primary' | 'secondary'): Instance[] {
    const uuid = this.cfg.expandNode(this.nodeName).uuid;
    const all = Object.values(this.cfg.get().instances)
      .filter((i) => (role === 'primary' ? i.primary_node === uuid : i.secondary_nodes.includes(uuid)));
    return niceSortBy(all, (i) => i.name);
  }

  /** One OP_INSTANCE_MIGRATE job per instance; the result also names each job's instance. */
  protected jobsFor(instances: Instance[], params: Record<string, unknown>): ResultWithJobs {
    // The new jobs run at the priority of the opcode that made them.
    const jobs = instances.map((i) => [OpInstanceMigrate.build({ instance_name: i.name, ...params, priority: this.op.priority } as never)]);
    return new ResultWithJobs(jobs, { instances: instances.map((i) => i.name) });
  }
}

export class LUNodeMigrate extends NodeInstancesLU<MigrateOp> {
  override checkArguments(): void {
    if (this.op.target_node && this.op.iallocator) {
      throw new OpPrereqError('Do not specify both, iallocator and node', { ecode: 'wrong_input' });
    }
    if (this.op.live !== null && this.op.live !== undefined && this.op.mode) {
      throw new OpPrereqError("Only one of the 'live' and 'mode' parameters are accepted", { ecode: 'wrong_input' });
    }
  }

  override checkPrereq(): void {
    if (this.op.target_node) this.cfg.expandNode(this.op.target_node);
  }

  override async exec(): Promise<ResultWithJobs> {
    const o = this.op;
    return this.jobsFor(this.instances('primary'), {
      ...(o.mode ? { mode: o.mode } : {}),
      ...(o.live !== null && o.live !== undefined ? { live: o.live } : {}),
      ...(o.target_node ? { target_node: o.target_node } : {}),
      ...(o.iallocator ? { iallocator: o.iallocator } : {}),
      allow_runtime_changes: o.allow_runtime_changes,
      ignore_ipolicy: o.ignore_ipolicy,
    });
  }
}

export class LUNodeEvacuate extends NodeInstancesLU<EvacOp> {
  override checkArguments(): void {
    const problem = nodeEvacuateArgsProblem({ remote_node: this.op.remote_node, iallocator: this.op.iallocator, early_release: this.op.early_release });
    if (problem) throw new OpPrereqError(problem, { ecode: 'wrong_input' });
  }

  override checkPrereq(): void {
    if (this.op.remote_node) {
      const remote = this.cfg.expandNode(this.op.remote_node);
      if (remote.name === this.nodeName) {
        throw new OpPrereqError(`Can not use evacuated node as a new secondary node`, { ecode: 'wrong_input' });
      }
    }
    if (this.op.mode === 'primary-only') return;
    const secondaries = this.instances('secondary');
    if (secondaries.length) {
      throw new OpPrereqError(`Instances with node ${this.nodeName} as secondary (${secondaries.map((i) => i.name).join(', ')}) ` +
        'cannot be evacuated: this build has no internally mirrored disk templates', { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<ResultWithJobs> {
    const o = this.op;
    const instances = o.mode === 'secondary-only' ? [] : this.instances('primary');
    return this.jobsFor(instances, {
      allow_failover: true,
      // Ganeti's soft errors are what the allocator may overrule (the instance policy, the
      // vcpu ratio): with --ignore-soft-errors each move ignores them as --ignore-ipolicy does.
      ignore_ipolicy: o.ignore_ipolicy || o.ignore_soft_errors,
      ...(o.remote_node ? { target_node: o.remote_node } : {}),
      ...(o.iallocator ? { iallocator: o.iallocator } : {}),
    });
  }
}
