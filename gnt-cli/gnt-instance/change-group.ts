// gnt-instance change-group [--to GROUP...] [-I ALLOC] [--early-release] INSTANCE:
// OP_INSTANCE_CHANGE_GROUP; the master plans the move and submits it as a job, which this
// follows (Ganeti's gnt_instance.ChangeGroup).
import { OpInstanceChangeGroup } from '../../daemons/common/opcodes/instance.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { followCreatedJobs } from '../framework/created-jobs.js';
import { collect } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts { to?: string[]; iallocator?: string; earlyRelease?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--to <group>', 'Group(s) to which the instance(s) should be moved (repeatable)', collect(String));
    cmd.option('-I, --iallocator <name>', 'Select new node(s) with this iallocator (default: the cluster default)');
    cmd.option('--early-release', 'Release the locks on the secondary node(s) early');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [instance]) {
    const op = buildOp(ctx, OpInstanceChangeGroup, {
      instance_name: instance, target_groups: opts.to, iallocator: opts.iallocator, early_release: !!opts.earlyRelease,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    if (res.submitted) return 0;
    const bad = await followCreatedJobs(ctx, res.result);
    ctx.out(bad ? `There were ${bad} errors while changing group of instance '${instance}'.`
      : `Instance '${instance}' changed group successfully.`);
    return bad ? 1 : 0;
  },
};
