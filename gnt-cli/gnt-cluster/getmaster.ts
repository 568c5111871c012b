// gnt-cluster getmaster: the master's name from this node's ssconf, without asking the
// master (so that it works on any node, and when the master is down).
import { getMasterNode } from '../../daemons/common/ssconf.js';
import { resolvePaths } from '../../daemons/common/paths.js';
import { CliError, ExitCode } from '../../daemons/common/client/exit-codes.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: ARGS_NONE,
  async run(ctx) {
    const master = getMasterNode(resolvePaths(ctx.io.env));
    if (!master) throw new CliError('Cluster not initialized or this machine is not part of a cluster', ExitCode.NotCluster);
    ctx.out(master);
    return 0;
  },
};
