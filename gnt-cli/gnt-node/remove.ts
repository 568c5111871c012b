// gnt-node remove NODE: OP_NODE_REMOVE (the node must hold no instances).
import { OpNodeRemove } from '../../daemons/common/opcodes/node.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addDryRunOption, addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    addDryRunOption(cmd);
    addPriorityOption(cmd);
  },
  async run(ctx, opts, [node]) {
    await submitOpCode(ctx, buildOp(ctx, OpNodeRemove, { node_name: node }, opts), opts);
    return 0;
  },
};
