// gnt-filter delete UUID: OP_FILTER_DELETE.
import { OpFilterDelete } from '../../daemons/common/opcodes/filter.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addSubmitOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ONE,
  options: addSubmitOptions,
  async run(ctx, opts, [uuid]) {
    await submitOrSend(ctx, buildOp(ctx, OpFilterDelete, { uuid }, opts), opts);
    return 0;
  },
};
