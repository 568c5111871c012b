// gnt-instance reboot: OP_INSTANCE_REBOOT per selected instance (-t soft|hard|full).
import { OpInstanceReboot } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { REBOOT_TYPES, type RebootType } from '../../daemons/common/reboot-types.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { genericManyOps } from './many-ops.js';
import { addSelectOptions, type SelectOpts } from './select.js';

interface RebootOpts extends SelectOpts, GenericOpts {
  type?: string;
  ignoreSecondaries?: boolean;
  shutdownTimeout?: string;
}

export const verb: VerbDef<RebootOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    addSelectOptions(cmd);
    cmd.option('-t, --type <type>', 'Type of reboot: soft/hard/full', 'hard');
    cmd.option('--ignore-secondaries', 'Ignore errors from secondaries');
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    addJobOptions(cmd);
  },
  run(ctx, opts, args) {
    const type = (opts.type ?? 'hard') as RebootType;
    if (!REBOOT_TYPES.includes(type)) throw new OpPrereqError(`Invalid reboot type '${type}' (allowed: ${REBOOT_TYPES.join(', ')})`, { ecode: 'wrong_input' });
    const timeout = parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0);
    return genericManyOps(ctx, 'reboot', opts, args, (name) => buildOp(ctx, OpInstanceReboot, {
      instance_name: name,
      reboot_type: type,
      ignore_secondaries: !!opts.ignoreSecondaries,
      shutdown_timeout: timeout,
    }, opts));
  },
};
