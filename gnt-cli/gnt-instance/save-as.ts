// gnt-instance save-as [--disk N] [--snapshot SNAP] NAME IMAGE_PATH: OP_INSTANCE_SAVE_AS, a
// standalone compressed qcow2 image on the instance's primary node.
import { OpInstanceSaveAs } from '../../daemons/common/opcodes/instance.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import type { VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';

interface SaveAsOpts extends GenericOpts { disk?: string; snapshot?: string }

export const verb: VerbDef<SaveAsOpts> = {
  args: { min: 2, max: 2 },
  options(cmd) {
    cmd.option('--disk <N>', 'Index of the disk to save', '0');
    cmd.option('--snapshot <snapshot>', 'Save this snapshot of the disk instead of its current content');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name, image]) {
    const op = buildOp(ctx, OpInstanceSaveAs, {
      instance_name: name, image_path: image, disk: parseIntOption('--disk', opts.disk ?? '0', 0), snapshot_name: opts.snapshot ?? null,
    }, opts);
    const r = await submitOrSend(ctx, op, opts);
    if (!r.submitted && typeof r.result === 'string') ctx.out(`Saved ${name} as image ${r.result}`);
    return 0;
  },
};
