// gnt-instance shutdown (alias stop): OP_INSTANCE_SHUTDOWN per selected instance.
import { OpInstanceShutdown } from '../../daemons/common/opcodes/instance.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { genericManyOps } from './many-ops.js';
import { addSelectOptions, type SelectOpts } from './select.js';

interface ShutdownOpts extends SelectOpts, GenericOpts {
  force?: boolean;
  timeout?: string;
  ignoreOffline?: boolean;
  remember?: boolean;
}

export const verb: VerbDef<ShutdownOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    addSelectOptions(cmd);
    cmd.option('--timeout <seconds>', 'Maximum time to wait', '120');
    cmd.option('--ignore-offline', 'Ignore offline nodes and do as much as possible');
    cmd.option('--no-remember', 'Perform but do not record the change in the configuration');
    addJobOptions(cmd);
  },
  run(ctx, opts, args) {
    const timeout = parseIntOption('--timeout', opts.timeout ?? '120', 0);
    return genericManyOps(ctx, 'shutdown', opts, args, (name) => buildOp(ctx, OpInstanceShutdown, {
      instance_name: name,
      force: !!opts.force,
      timeout,
      ignore_offline_nodes: !!opts.ignoreOffline,
      no_remember: opts.remember === false,
    }, opts));
  },
};
