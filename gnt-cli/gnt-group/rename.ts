// gnt-group rename OLD NEW: OP_GROUP_RENAME.
import { OpGroupRename } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: { min: 2, max: 2 },
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, [group, newName]) {
    await submitOrSend(ctx, buildOp(ctx, OpGroupRename, { group_name: group, new_name: newName }, opts), opts);
    return 0;
  },
};
