// gnt-cluster repair-disk-sizes [INSTANCE...]: OP_CLUSTER_REPAIR_DISK_SIZES; the job log
// names each corrected disk (Ganeti's RepairDiskSizes).
import { OpClusterRepairDiskSizes } from '../../daemons/common/opcodes/cluster.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ANY,
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, instances) {
    await submitOrSend(ctx, buildOp(ctx, OpClusterRepairDiskSizes, { instances }, opts), opts);
    return 0;
  },
};
