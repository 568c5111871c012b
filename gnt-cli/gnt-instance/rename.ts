// gnt-instance rename OLD NEW: OP_INSTANCE_RENAME; prints the name the master settled on.
import { OpInstanceRename } from '../../daemons/common/opcodes/instance.js';
import { pyStr } from '../../daemons/common/client/py-format.js';
import type { VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface RenameOpts extends GenericOpts {
  ipCheck?: boolean;
  nameCheck?: boolean;
}

export const verb: VerbDef<RenameOpts> = {
  args: { min: 2, max: 2 },
  options(cmd) {
    cmd.option('--ip-check', "Check that the instance's IP is alive");
    cmd.option('--name-check', "Check that the instance's name is resolvable (default)");
    cmd.option('--no-name-check', "Don't check that the instance's name is resolvable");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [oldName, newName]) {
    const op = buildOp(ctx, OpInstanceRename, {
      instance_name: oldName, new_name: newName, ip_check: !!opts.ipCheck, name_check: opts.nameCheck !== false,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    if (res.result) ctx.out(`Instance '${oldName}' renamed to '${pyStr(res.result)}'`);
    return 0;
  },
};
