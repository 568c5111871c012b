// gnt-network modify: OP_NETWORK_SET_PARAMS.
import { OpNetworkSetParams } from '../../daemons/common/opcodes/network.js';
import { parseList } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface ModifyOpts extends GenericOpts {
  gateway?: string; network6?: string; gateway6?: string; macPrefix?: string; addReservedIps?: string; removeReservedIps?: string;
}

export const verb: VerbDef<ModifyOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--gateway <ip>', "IP address of the router (gateway), or 'none'");
    cmd.option('--network6 <subnet>', "IPv6 subnet in CIDR notation, or 'none'");
    cmd.option('--gateway6 <ip>', "IPv6 address of the router (gateway), or 'none'");
    cmd.option('--mac-prefix <prefix>', "MAC address prefix (XX:XX:XX), or 'none'");
    cmd.option('--add-reserved-ips <list>', 'Comma-separated list of IP addresses to reserve');
    cmd.option('--remove-reserved-ips <list>', 'Comma-separated list of IP addresses to release');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const list = (v: string | undefined) => (v === undefined ? undefined : parseList(v));
    const params = {
      gateway: opts.gateway, network6: opts.network6, gateway6: opts.gateway6, mac_prefix: opts.macPrefix,
      add_reserved_ips: list(opts.addReservedIps), remove_reserved_ips: list(opts.removeReservedIps),
    };
    if (Object.values(params).every((v) => v === undefined)) {
      ctx.err('Please give at least one of the parameters.');
      return 1;
    }
    await submitOrSend(ctx, buildOp(ctx, OpNetworkSetParams, { network_name: name, ...params }, opts), opts);
    return 0;
  },
};
