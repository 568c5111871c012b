// gnt-network rename NETWORK NEW-NAME: OP_NETWORK_RENAME.
import { OpNetworkRename } from '../../daemons/common/opcodes/network.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: { min: 2, max: 2 },
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, [name, newName]) {
    await submitOrSend(ctx, buildOp(ctx, OpNetworkRename, { network_name: name, new_name: newName }, opts), opts);
    return 0;
  },
};
