// gnt-instance startup (alias start): OP_INSTANCE_STARTUP per selected instance.
import { OpInstanceStartup } from '../../daemons/common/opcodes/instance.js';
import { parseBeParams, parseDictOption } from '../../daemons/common/client/params.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { genericManyOps } from './many-ops.js';
import { addSelectOptions, type SelectOpts } from './select.js';

interface StartupOpts extends SelectOpts, GenericOpts {
  force?: boolean;
  hypervisorParameters?: string;
  backendParameters?: string;
  ignoreOffline?: boolean;
  remember?: boolean;
  paused?: boolean;
}

export const verb: VerbDef<StartupOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    addSelectOptions(cmd);
    cmd.option('-H, --hypervisor-parameters <params>', 'Temporary hypervisor parameters');
    cmd.option('-B, --backend-parameters <params>', 'Temporary backend parameters');
    cmd.option('--ignore-offline', 'Ignore offline nodes and do as much as possible');
    cmd.option('--no-remember', 'Perform but do not record the change in the configuration');
    cmd.option('--paused', 'Pause instance at startup');
    addJobOptions(cmd);
  },
  run(ctx, opts, args) {
    const hvparams = parseDictOption('-H', opts.hypervisorParameters) ?? {};
    const beparams = parseBeParams(opts.backendParameters);
    return genericManyOps(ctx, 'startup', opts, args, (name) => buildOp(ctx, OpInstanceStartup, {
      instance_name: name,
      force: !!opts.force,
      ignore_offline_nodes: !!opts.ignoreOffline,
      no_remember: opts.remember === false,
      startup_paused: !!opts.paused,
      hvparams,
      beparams,
    }, opts));
  },
};
