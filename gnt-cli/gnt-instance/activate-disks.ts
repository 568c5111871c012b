// gnt-instance activate-disks INSTANCE: OP_INSTANCE_ACTIVATE_DISKS; prints node:disk/N:path
// for every disk, as Ganeti's ActivateDisks does.
import { OpInstanceActivateDisks } from '../../daemons/common/opcodes/instance.js';
import { pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface ActivateOpts extends GenericOpts {
  ignoreSize?: boolean;
  waitForSync?: boolean;
}

export const verb: VerbDef<ActivateOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--ignore-size', 'Ignore current recorded size (useful for forcing activation when the recorded size is wrong)');
    cmd.option('--wait-for-sync', 'Wait for disks to sync');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const op = buildOp(ctx, OpInstanceActivateDisks, {
      instance_name: name, ignore_size: !!opts.ignoreSize, wait_for_sync: !!opts.waitForSync,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    if (Array.isArray(res.result)) {
      for (const entry of res.result) {
        if (Array.isArray(entry)) ctx.out(entry.map(pyStr).join(':'));
      }
    }
    return 0;
  },
};
