// gnt-instance remove NAME: asks first (unless -f), then OP_INSTANCE_REMOVE.
import { OpInstanceRemove } from '../../daemons/common/opcodes/instance.js';
import { askYesNo } from '../framework/confirm.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { expandInstances } from './select.js';

interface RemoveOpts extends GenericOpts {
  force?: boolean;
  shutdownTimeout?: string;
  ignoreFailures?: boolean;
}

export const verb: VerbDef<RemoveOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    cmd.option('--ignore-failures', 'Remove the instance from the cluster configuration even if there are failures' +
      ' during the removal process');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const op = buildOp(ctx, OpInstanceRemove, {
      instance_name: name,
      ignore_failures: !!opts.ignoreFailures,
      shutdown_timeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0),
    }, opts);
    if (!opts.force) {
      await expandInstances(ctx, 'instances', [name!]);
      const ok = await askYesNo(ctx.io, `This will remove the volumes of the instance ${name} (including mirrors), thus` +
        ' removing all the data of the instance. Continue?');
      if (!ok) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
