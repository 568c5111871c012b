// gnt-network disconnect NETWORK [GROUP...]: one OP_NETWORK_DISCONNECT per group (all
// groups the network is connected to when none is named), in one job.
import { OpNetworkDisconnect } from '../../daemons/common/opcodes/network.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_AT_LEAST_ONE,
  options: (cmd) => addJobOptions(cmd),
  async run(ctx, opts, [network, ...groups]) {
    let names = groups;
    if (!names.length) {
      const res = await (await ctx.master()).query('network', ['group_list'], [network!], null);
      names = ((res.rows[0]?.[0]?.value ?? []) as [string][]).map((g) => g[0]);
      if (!names.length) { ctx.err(`Network ${network} is not connected to any node group`); return 1; }
    }
    const ops = names.map((g) => buildOp(ctx, OpNetworkDisconnect, { network_name: network, group_name: g }, opts));
    await submitOrSend(ctx, ops, opts);
    return 0;
  },
};
