// gnt-network connect [--nic-parameters=mode=M,link=L[,vlan=V]] NETWORK [GROUP...]: one
// OP_NETWORK_CONNECT per group (all groups when none is named), in one job. The older form
// NETWORK GROUP MODE LINK is accepted as well.
import { OpNetworkConnect } from '../../daemons/common/opcodes/network.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';
import { targetGroups } from './groups.js';

interface ConnectOpts extends GenericOpts { nicParameters?: string; conflictsCheck?: boolean }

export const verb: VerbDef<ConnectOpts> = {
  args: ARGS_AT_LEAST_ONE,
  options(cmd) {
    cmd.option('-N, --nic-parameters <params>', 'NIC parameters (mode, link, vlan)');
    cmd.option('--no-conflicts-check', "Don't check for conflicting IPs");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [network, ...rest]) {
    let nic: Record<string, unknown> = parseDictOption('-N', opts.nicParameters) ?? {};
    let groups = rest;
    if (opts.nicParameters === undefined && rest.length === 3) {
      nic = { mode: rest[1], link: rest[2] };
      groups = [rest[0]!];
    }
    const bad = Object.keys(nic).filter((k) => !['mode', 'link', 'vlan'].includes(k));
    if (bad.length) throw new OpPrereqError(`Unknown NIC parameter(s) ${bad.join(', ')} (allowed: mode, link, vlan)`, { ecode: 'wrong_input' });
    if (typeof nic.mode !== 'string' || typeof nic.link !== 'string') {
      throw new OpPrereqError('Both the NIC mode and link are needed (--nic-parameters=mode=bridged|routed|openvswitch,link=LINK)', { ecode: 'wrong_input' });
    }
    const ops = (await targetGroups(ctx, groups)).map((g) => buildOp(ctx, OpNetworkConnect, {
      network_name: network, group_name: g, network_mode: nic.mode as string, network_link: nic.link as string,
      network_vlan: typeof nic.vlan === 'string' ? nic.vlan : '', conflicts_check: opts.conflictsCheck !== false,
    }, opts));
    await submitOrSend(ctx, ops, opts);
    return 0;
  },
};
