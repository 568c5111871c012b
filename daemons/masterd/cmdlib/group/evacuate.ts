// OP_GROUP_EVACUATE (Ganeti's LUGroupEvacuate, gnt-group evacuate): every instance of the
// group moves to the target groups (all other groups when none are named); the moves are
// the jobs the allocator planned, submitted by the processor (ResultWithJobs).
import { OpPrereqError } from '../../../common/errors.js';
import type { OpGroupEvacuate } from '../../../common/opcodes/group.js';
import { OpInstanceFailover, type Opcode } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { ResultWithJobs } from '../result-with-jobs.js';
import { niceSort } from '../../query/nice-sort.js';
import { groupNames, planGroupChange, targetGroupUuids } from './evacuation.js';
import { expandGroup } from './lookup.js';

type Op = ReturnType<typeof OpGroupEvacuate.validate>;

/** --force-failover: a planned migration becomes a failover to the same node. */
function migrateToFailover(op: Opcode): Opcode {
  if (op.OP_ID !== 'OP_INSTANCE_MIGRATE') return op;
  const o = op as Opcode & { instance_name: string; target_node?: string | null; ignore_ipolicy?: boolean; cleanup?: boolean };
  return OpInstanceFailover.build({ instance_name: o.instance_name, target_node: o.target_node ?? undefined,
    ignore_ipolicy: o.ignore_ipolicy, cleanup: o.cleanup, priority: o.priority });
}

export class LUGroupEvacuate extends LogicalUnit<Op> {
  private groupUuid = '';
  private targets: string[] = [];
  private instances: string[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const g = expandGroup(this.cfg, this.op.group_name);
    this.groupUuid = g.uuid;
    const requested = targetGroupUuids(this, this.op.target_groups);
    if (requested.includes(g.uuid)) {
      throw new OpPrereqError(`Group to be evacuated (${g.uuid}) can not be used as a target group (targets are ${requested.join(', ')})`,
        { ecode: 'wrong_input' });
    }
    this.targets = requested.length ? requested : Object.keys(cfg.nodegroups).filter((u) => u !== g.uuid);
    if (!this.targets.length) throw new OpPrereqError('There are no possible target groups', { ecode: 'wrong_input' });
    const members = new Set(Object.values(cfg.nodes).filter((n) => n.group === g.uuid).map((n) => n.uuid));
    this.instances = niceSort(Object.values(cfg.instances)
      .filter((i) => members.has(i.primary_node) || i.secondary_nodes.some((s) => members.has(s))).map((i) => i.name));
  }

  override async exec(): Promise<ResultWithJobs> {
    const group = this.cfg.get().nodegroups[this.groupUuid]!.name;
    this.feedback(`* evacuating ${this.instances.length} instance(s) of node group ${group} to ${groupNames(this, this.targets)}`);
    const { jobs } = this.instances.length
      ? await planGroupChange(this, this.op.iallocator, this.instances, this.targets, 'group evacuation')
      : { jobs: [] };
    this.logInfo(`Iallocator returned ${jobs.length} job(s) for evacuating node group ${group}`);
    let planned = jobs;
    if (this.op.force_failover) {
      this.logInfo('Will insist on failovers');
      planned = planned.map((ops) => ops.map(migrateToFailover));
    }
    if (this.op.sequential) {
      this.logInfo('Jobs will be submitted to run sequentially');
      planned = planned.map((ops, k) => (k === 0 ? ops : ops.map((o) => ({ ...o, depends: [[-1, ['error', 'success']]] }))));
    }
    return new ResultWithJobs(planned);
  }
}
