// gnt-job archive ID…: moves finished jobs to the archive.
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';
import { parseJobIds } from './job-common.js';

export const verb: VerbDef = {
  args: ARGS_AT_LEAST_ONE,
  async run(ctx, _opts, args) {
    const master = await ctx.master();
    let rc = 0;
    for (const id of parseJobIds(args)) {
      const r = await master.archiveJob(id);
      if (!r.ok) {
        ctx.err(`Failed to archive job with ID '${id}'`);
        rc = 1;
      }
    }
    return rc;
  },
};
