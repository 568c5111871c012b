// gnt-group modify NAME: OP_GROUP_SET_PARAMS; prints the changes as Ganeti does.
import { OpGroupSetParams } from '../../daemons/common/opcodes/group.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { printChanges } from '../framework/changes.js';
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
    const params = groupParams(opts);
    if (Object.values(params).every((v) => v === undefined)) {
      ctx.err('Please give at least one of the parameters.');
      return 1;
    }
    const res = await submitOrSend(ctx, buildOp(ctx, OpGroupSetParams, { group_name: name, ...params }, opts), opts);
    if (!res.submitted) printChanges(ctx, 'node group', name!, res.result);
    return 0;
  },
};
