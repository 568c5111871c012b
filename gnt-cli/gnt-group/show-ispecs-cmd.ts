// gnt-group show-ispecs-cmd [GROUP...]: the gnt-group add command line that recreates each
// group's own instance specs (Ganeti's ShowCreateCommand).
import { ipolicyCommandOptions } from '../framework/ipolicy.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: ARGS_ANY,
  async run(ctx, _opts, args) {
    const res = await (await ctx.master()).query('group', ['name', 'custom_ipolicy'], args, null);
    for (const [name, ipolicy] of res.rows) {
      ctx.out(`gnt-group add${ipolicyCommandOptions((ipolicy?.value ?? {}) as Record<string, unknown>, true)} ${String(name?.value)}`);
    }
    return 0;
  },
};
