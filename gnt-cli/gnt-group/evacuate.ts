// gnt-group evacuate [--to GROUP...] [-I ALLOC] [--sequential] [--force-failover] GROUP:
// OP_GROUP_EVACUATE; the master plans the moves and submits them as jobs, followed here
// (Ganeti's gnt_group.EvacuateGroup).
import { OpGroupEvacuate } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { followCreatedJobs } from '../framework/created-jobs.js';
import { collect } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts {
  to?: string[]; iallocator?: string; earlyRelease?: boolean; sequential?: boolean; forceFailover?: boolean;
}

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--to <group>', 'Group(s) to which the instance(s) should be moved (repeatable)', collect(String));
    cmd.option('-I, --iallocator <name>', 'Select new node(s) with this iallocator (default: the cluster default)');
    cmd.option('--early-release', 'Release the locks on the secondary node(s) early');
    cmd.option('--sequential', 'Execute all resulting jobs sequentially');
    cmd.option('--force-failover', 'Always fail over instances, never migrate them');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [group]) {
    const op = buildOp(ctx, OpGroupEvacuate, {
      group_name: group, target_groups: opts.to, iallocator: opts.iallocator, early_release: !!opts.earlyRelease,
      sequential: !!opts.sequential, force_failover: !!opts.forceFailover,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    if (res.submitted) return 0;
    const bad = await followCreatedJobs(ctx, res.result);
    ctx.out(bad ? `There were ${bad} errors during the evacuation.` : 'All instances evacuated successfully.');
    return bad ? 1 : 0;
  },
};
