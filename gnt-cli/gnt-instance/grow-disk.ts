// gnt-instance grow-disk [--absolute] [--no-wait-for-sync] INSTANCE DISK AMOUNT:
// OP_INSTANCE_GROW_DISK (Ganeti's GrowDisk). AMOUNT takes units (512M, 2G); with --absolute
// it is the new size instead of the increment.
import { OpInstanceGrowDisk } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import type { VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { parseUnit } from '../../daemons/common/units.js';

interface GrowOpts extends GenericOpts {
  waitForSync?: boolean;
  absolute?: boolean;
  ignoreIpolicy?: boolean;
}

export const verb: VerbDef<GrowOpts> = {
  args: { min: 3, max: 3 },
  options(cmd) {
    cmd.option('--no-wait-for-sync', "Don't wait for sync (DANGEROUS!)");
    cmd.option('--absolute', 'Marks the grow as absolute instead of the (default) relative mode');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [instance, disk, amount]) {
    if (!/^\d+$/.test(disk!)) {
      throw new OpPrereqError(`Invalid disk index: '${disk}' (expected 0, 1, …)`, { ecode: 'wrong_input' });
    }
    let mib: number;
    try {
      mib = parseUnit(amount!);
    } catch (err) {
      throw new OpPrereqError(`Can't parse the given amount '${amount}': ${(err as Error).message}`, { ecode: 'wrong_input' });
    }
    const op = buildOp(ctx, OpInstanceGrowDisk, {
      instance_name: instance, disk: Number(disk), amount: mib, wait_for_sync: opts.waitForSync !== false,
      absolute: !!opts.absolute, ignore_ipolicy: !!opts.ignoreIpolicy,
    }, opts);
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
