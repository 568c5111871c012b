// gnt-cluster master-ping: exit code 0 when the master daemon answers, 1 otherwise (silent).
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: ARGS_NONE,
  async run(ctx) {
    try {
      await (await ctx.master()).clusterInfo();
      return 0;
    } catch {
      return 1;
    }
  },
};
