// gnt-instance deactivate-disks [-f] INSTANCE: OP_INSTANCE_DEACTIVATE_DISKS (without -f the
// instance must be stopped).
import { OpInstanceDeactivateDisks } from '../../daemons/common/opcodes/instance.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface DeactivateOpts extends GenericOpts { force?: boolean }

export const verb: VerbDef<DeactivateOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    await submitOrSend(ctx, buildOp(ctx, OpInstanceDeactivateDisks, { instance_name: name, force: !!opts.force }, opts), opts);
    return 0;
  },
};
