// gnt-network remove NETWORK: OP_NETWORK_REMOVE.
import { OpNetworkRemove } from '../../daemons/common/opcodes/network.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ONE,
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, [name]) {
    await submitOrSend(ctx, buildOp(ctx, OpNetworkRemove, { network_name: name }, opts), opts);
    return 0;
  },
};
