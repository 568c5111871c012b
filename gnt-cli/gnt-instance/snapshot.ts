// gnt-instance snapshot [--name SNAP] NAME: OP_INSTANCE_SNAPSHOT (all disks at one point).
import { OpInstanceSnapshot } from '../../daemons/common/opcodes/instance.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';

interface SnapshotOpts extends GenericOpts { name?: string; memory?: boolean }

export const verb: VerbDef<SnapshotOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--name <snapshot>', 'Name of the snapshot (default: the current UTC time, YYYYMMDD-HHMMSS)');
    cmd.option('--memory', "Also save the running instance's memory and device state: a revert resumes it at that point");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const r = await submitOrSend(ctx, buildOp(ctx, OpInstanceSnapshot, { instance_name: name, snapshot_name: opts.name ?? null, memory: !!opts.memory }, opts), opts);
    if (!r.submitted && typeof r.result === 'string') ctx.out(`Snapshot ${r.result} of ${name} created`);
    return 0;
  },
};
