// gnt-backup import [...] --src-node NODE [--src-dir DIR] NAME: OP_INSTANCE_CREATE with
// mode=import, built from the same options as gnt-instance add (Ganeti's import_opts).
import { submitOrSend } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { addCreateOptions, buildCreateOp, type AddOpts } from '../gnt-instance/add.js';

interface ImportOpts extends AddOpts { srcNode?: string; srcDir?: string }

export const verb: VerbDef<ImportOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    addCreateOptions(cmd);
    cmd.option('--src-node <node>', 'Source node');
    cmd.option('--src-dir <dir>', 'Source directory (an export name, or its directory under /srv/ganeti/export)');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const op = buildCreateOp(ctx, name!, opts, 'import',
      { src_node: opts.srcNode ?? null, src_path: opts.srcDir ?? null });
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
