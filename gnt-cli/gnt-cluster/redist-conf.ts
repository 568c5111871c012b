// gnt-cluster redist-conf: OP_CLUSTER_REDIST_CONF (push config and ssconf to all nodes).
import { OpClusterRedistConf } from '../../daemons/common/opcodes/cluster.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    addJobOptions(cmd);
  },
  async run(ctx, opts) {
    await submitOrSend(ctx, buildOp(ctx, OpClusterRedistConf, {}, opts), opts);
    return 0;
  },
};
