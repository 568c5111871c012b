// gnt-network add: OP_NETWORK_ADD.
import { OpNetworkAdd } from '../../daemons/common/opcodes/network.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { parseList } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface AddOpts extends GenericOpts {
  network?: string; gateway?: string; network6?: string; gateway6?: string; macPrefix?: string;
  addReservedIps?: string; conflictsCheck?: boolean; tags?: string;
}

export const verb: VerbDef<AddOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--network <subnet>', 'IP network in CIDR notation');
    cmd.option('--gateway <ip>', 'IP address of the router (gateway)');
    cmd.option('--network6 <subnet>', 'IPv6 subnet in CIDR notation');
    cmd.option('--gateway6 <ip>', 'IPv6 address of the router (gateway)');
    cmd.option('--mac-prefix <prefix>', 'MAC address prefix (XX:XX:XX) of the instances on this network');
    cmd.option('--add-reserved-ips <list>', 'Comma-separated list of IP addresses reserved outside Ganeti');
    cmd.option('--no-conflicts-check', "Don't check for conflicting IPs");
    cmd.option('--tags <tags>', 'Comma-separated list of tags');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    if (!opts.network) throw new OpPrereqError('The --network option is required (e.g. --network=192.0.2.0/24)', { ecode: 'wrong_input' });
    const op = buildOp(ctx, OpNetworkAdd, {
      network_name: name, network: opts.network, gateway: opts.gateway, network6: opts.network6, gateway6: opts.gateway6,
      mac_prefix: opts.macPrefix, add_reserved_ips: opts.addReservedIps === undefined ? undefined : parseList(opts.addReservedIps),
      conflicts_check: opts.conflictsCheck !== false, tags: opts.tags === undefined ? undefined : parseList(opts.tags),
    }, opts);
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
