// gnt-group add NAME: OP_GROUP_ADD.
import { OpGroupAdd } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addGroupParamOptions, groupParams, type GroupParamOpts } from './group-params.js';

export const verb: VerbDef<GroupParamOpts & GenericOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    addGroupParamOptions(cmd);
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    await submitOrSend(ctx, buildOp(ctx, OpGroupAdd, { group_name: name, ...groupParams(opts) }, opts), opts);
    return 0;
  },
};
