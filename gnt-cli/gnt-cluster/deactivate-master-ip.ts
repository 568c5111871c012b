// gnt-cluster deactivate-master-ip [--yes-do-it]: asks first (Ganeti's text), then
// OP_CLUSTER_DEACTIVATE_MASTER_IP.
import { OpClusterDeactivateMasterIp } from '../../daemons/common/opcodes/cluster.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { askYesNo } from '../framework/confirm.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts { yesDoIt?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--yes-do-it', 'Do not ask for confirmation');
  },
  async run(ctx, opts) {
    if (!opts.yesDoIt) {
      const ok = await askYesNo(ctx.io, 'This will disable the master IP. All the open connections to the master IP will be closed. ' +
        'To reach the master you will need to use its node IP. Continue?');
      if (!ok) return 1;
    }
    await submitOpCode(ctx, buildOp(ctx, OpClusterDeactivateMasterIp, {}, opts), opts);
    return 0;
  },
};
