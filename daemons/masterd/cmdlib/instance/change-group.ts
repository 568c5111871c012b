// OP_INSTANCE_CHANGE_GROUP (Ganeti's LUInstanceChangeGroup, gnt-instance change-group): the
// allocator plans moving the instance to one of the target groups (every group it does not
// use when none is named); the move runs as the job it planned (ResultWithJobs).
import { OpPrereqError } from '../../../common/errors.js';
import type { OpInstanceChangeGroup } from '../../../common/opcodes/index.js';
import { InstanceLU } from './base.js';
import { ResultWithJobs } from '../result-with-jobs.js';
import { groupNames, planGroupChange, targetGroupUuids } from '../group/evacuation.js';

type Op = ReturnType<typeof OpInstanceChangeGroup.validate>;

export class LUInstanceChangeGroup extends InstanceLU<Op> {
  private targets: string[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const inst = this.instance;
    const instGroups = new Set([inst.primary_node, ...inst.secondary_nodes].map((u) => cfg.nodes[u]?.group ?? ''));
    const requested = targetGroupUuids(this, this.op.target_groups);
    const targets = requested.length ? requested : Object.keys(cfg.nodegroups).filter((u) => !instGroups.has(u));
    const conflicting = targets.filter((u) => instGroups.has(u));
    if (conflicting.length) {
      throw new OpPrereqError(`Can't use group(s) '${groupNames(this, conflicting)}' as targets, they are used by the instance '${inst.name}'`,
        { ecode: 'wrong_input' });
    }
    if (!targets.length) throw new OpPrereqError('There are no possible target groups', { ecode: 'wrong_input' });
    this.targets = targets;
  }

  override async exec(): Promise<ResultWithJobs> {
    const name = this.instance.name;
    const { jobs } = await planGroupChange(this, this.op.iallocator, [name], this.targets, `solution for changing group of instance '${name}'`);
    this.logInfo(`Iallocator returned ${jobs.length} job(s) for changing group of instance '${name}'`);
    return new ResultWithJobs(jobs);
  }
}
