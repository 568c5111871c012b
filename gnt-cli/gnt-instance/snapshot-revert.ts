// gnt-instance snapshot-revert [-f] NAME SNAP: OP_INSTANCE_SNAPSHOT_REVERT; asks first unless -f
// (the disks' current content is lost, a running instance is stopped).
import { OpInstanceSnapshotRevert } from '../../daemons/common/opcodes/instance.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { askYesNo } from '../framework/confirm.js';
import type { VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';

interface RevertOpts extends GenericOpts { force?: boolean; shutdownTimeout?: string }

export const verb: VerbDef<RevertOpts> = {
  args: { min: 2, max: 2 },
  options(cmd) {
    cmd.option('-f, --force', 'Do not ask for confirmation');
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name, snap]) {
    const op = buildOp(ctx, OpInstanceSnapshotRevert, {
      instance_name: name, snapshot_name: snap, force: !!opts.force,
      shutdown_timeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0),
    }, opts);
    if (!opts.force && !(await askYesNo(ctx.io, `This will stop instance ${name} if it runs and replace the content of all its` +
      ` disks with snapshot ${snap}; what was written since is lost. Continue?`))) return 1;
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
