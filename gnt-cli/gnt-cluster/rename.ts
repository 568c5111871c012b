// gnt-cluster rename [-f] NEW_NAME: asks first (Ganeti's text) unless -f, then OP_CLUSTER_RENAME;
// prints "Cluster renamed from 'OLD' to 'NEW'".
import { OpClusterRename } from '../../daemons/common/opcodes/cluster.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { askYesNo } from '../framework/confirm.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts { force?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Do not ask for confirmation');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [newName]) {
    const old = (await (await ctx.master()).clusterInfo()).name;
    if (!opts.force) {
      const ok = await askYesNo(ctx.io, `This will rename the cluster from '${old}' to '${newName}'. If you are connected over the ` +
        'network to the cluster name, the operation is very dangerous as the IP address will be removed from the node and ' +
        'the change may not go through. Continue?');
      if (!ok) return 1;
    }
    const result = await submitOpCode(ctx, buildOp(ctx, OpClusterRename, { name: newName! }, opts), opts);
    if (result) ctx.out(`Cluster renamed from '${old}' to '${String(result)}'`);
    return 0;
  },
};
