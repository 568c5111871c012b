// gnt-cluster activate-master-ip: OP_CLUSTER_ACTIVATE_MASTER_IP (the master runs its master IP setup script).
import { OpClusterActivateMasterIp } from '../../daemons/common/opcodes/cluster.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_NONE,
  options() {},
  async run(ctx, opts) {
    await submitOpCode(ctx, buildOp(ctx, OpClusterActivateMasterIp, {}, opts), opts);
    return 0;
  },
};
