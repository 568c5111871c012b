// gnt-group assign-nodes GROUP NODE...: OP_GROUP_ASSIGN_NODES.
import { OpGroupAssignNodes } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts & { force?: boolean }> = {
  args: { min: 2, max: null },
  options(cmd) {
    cmd.option('--force', 'Force the operation (move nodes even if instances would be split across groups)');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [group, ...nodes]) {
    await submitOrSend(ctx, buildOp(ctx, OpGroupAssignNodes, { group_name: group, nodes, force: !!opts.force }, opts), opts);
    return 0;
  },
};
