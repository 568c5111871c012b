// gnt-job wait ID: waits silently for the job; exit code as for watch.
import { formatError } from '../../daemons/common/client/report.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { waitJob } from '../../daemons/common/client/submit.js';
import { parseJobIds } from './job-common.js';

export const verb: VerbDef = {
  args: ARGS_ONE,
  async run(ctx, _opts, args) {
    const [id] = parseJobIds(args);
    try {
      await waitJob(ctx, id!, 'silent');
      return 0;
    } catch (err) {
      if ((err as Error).name === 'NoMasterError') throw err;
      const r = formatError(err);
      ctx.err(`Job ${id} failed: ${r.text}`);
      return r.exit;
    }
  },
};
