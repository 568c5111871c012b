// gnt-cluster version: the versions from the master's cluster info, one per line.
import { pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef = {
  args: ARGS_NONE,
  async run(ctx) {
    const info = await (await ctx.master()).clusterInfo();
    ctx.out(`Software version: ${pyStr(info.software_version)}`);
    ctx.out(`Internode protocol: ${pyStr(info.protocol_version)}`);
    ctx.out(`Configuration format: ${pyStr(info.config_version)}`);
    ctx.out(`OS api version: ${pyStr(info.os_api_version)}`);
    ctx.out(`Export interface: ${pyStr(info.export_version)}`);
    ctx.out(`VCS version: ${pyStr(info.vcs_version)}`);
    return 0;
  },
};
