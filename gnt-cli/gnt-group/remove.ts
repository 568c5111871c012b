// gnt-group remove GROUP: OP_GROUP_REMOVE (the group must hold no nodes).
import { OpGroupRemove } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ONE,
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, [group]) {
    await submitOrSend(ctx, buildOp(ctx, OpGroupRemove, { group_name: group }, opts), opts);
    return 0;
  },
};
