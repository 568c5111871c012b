// gnt-os modify [-H HV:opt=val,...] [-O opt=val,...] [--hidden=yes|no] [--blacklisted=yes|no] OS:
// OP_CLUSTER_SET_PARAMS with os_hvp, osparams, hidden_os and blacklisted_os for that OS, as
// Ganeti's gnt_os.ModifyOS. The OS need not exist yet (settings can be preseeded).
import { OpClusterSetParams } from '../../daemons/common/opcodes/cluster.js';
import { collect, parseYesNo } from '../../daemons/common/client/keyval.js';
import { parseDictOption, parseIdentDicts } from '../../daemons/common/client/params.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts { hypervisorParameters?: string[]; osParameters?: string; hidden?: string; blacklisted?: string }

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-H, --hypervisor-parameters <hv:params>', 'Hypervisor parameters for this OS, overriding the cluster\'s (repeatable)', collect(String));
    cmd.option('-O, --os-parameters <params>', 'OS parameters (k=v,…)');
    cmd.option('--hidden <yes|no>', 'Sets the hidden flag on the OS');
    cmd.option('--blacklisted <yes|no>', 'Sets the blacklisted flag on the OS');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [os]) {
    const hv = parseIdentDicts('-H', opts.hypervisorParameters);
    // "-H no_kvm" (false) drops this OS's settings for the hypervisor, as Ganeti's None does.
    const osHvp = Object.keys(hv).length ? { [os!]: Object.fromEntries(Object.entries(hv).map(([k, v]) => [k, v === false ? null : v])) } : undefined;
    const osp = parseDictOption('-O', opts.osParameters);
    const flag = (o: string, v: string | undefined) => (v === undefined ? undefined : [[parseYesNo(o, v) ? 'add' : 'remove', os!]]);
    const hidden = flag('--hidden', opts.hidden);
    const blacklisted = flag('--blacklisted', opts.blacklisted);
    if (!osHvp && !osp && !hidden && !blacklisted) {
      ctx.err('At least one of OS parameters or hypervisor parameters must be passed');
      return 1;
    }
    const op = buildOp(ctx, OpClusterSetParams, {
      os_hvp: osHvp, osparams: osp ? { [os!]: osp } : undefined, hidden_os: hidden, blacklisted_os: blacklisted,
    }, opts);
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
