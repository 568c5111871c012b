// gnt-cluster destroy --yes-do-it: OP_CLUSTER_DESTROY (only an empty cluster: no other node,
// no instance), then, as Ganeti's FinalizeClusterDestroy, the master daemons stop and the
// master node leaves (ganeti-cluster-command destroy-finalize: its certificates, config,
// ssconf and job queue are removed and its noded stops).
import { OpClusterDestroy } from '../../daemons/common/opcodes/cluster.js';
import { CLUSTER_COMMAND_PROGRAM, type ClusterCommandMessage } from '../../daemons/common/cluster-command-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { runDaemonProgram } from './init-program.js';

interface Opts extends GenericOpts { yesDoIt?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--yes-do-it', 'Destroy the cluster (required: the operation is irreversible)');
  },
  async run(ctx, opts) {
    if (!opts.yesDoIt) {
      ctx.err('Destroying a cluster is irreversible. If you really want destroy this cluster, supply the --yes-do-it option.');
      return 1;
    }
    await submitOpCode(ctx, buildOp(ctx, OpClusterDestroy, {}, opts), opts);
    await runDaemonProgram(CLUSTER_COMMAND_PROGRAM, { action: 'destroy-finalize' }, (line) => {
      const msg = JSON.parse(line) as ClusterCommandMessage;
      if ('error' in msg) ctx.err(msg.error);
      else if ('note' in msg) ctx.err(msg.note);
    });
    return 0;
  },
};
