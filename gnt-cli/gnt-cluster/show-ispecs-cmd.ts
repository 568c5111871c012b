// gnt-cluster show-ispecs-cmd: the gnt-cluster init command line that recreates the
// cluster's instance specs (Ganeti's ShowCreateCommand).
import { ipolicyCommandOptions } from '../framework/ipolicy.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: ARGS_NONE,
  async run(ctx) {
    const info = await (await ctx.master()).clusterInfo();
    ctx.out(`gnt-cluster init${ipolicyCommandOptions((info.ipolicy ?? {}) as Record<string, unknown>, false)} ${String(info.name)}`);
    return 0;
  },
};
