// gnt-job watch ID: "Output from job N follows", a rule, then the job's log as it comes;
// the exit code is the job's (0, or the code of its error).
import { formatError } from '../../daemons/common/client/report.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { waitJob } from '../../daemons/common/client/submit.js';
import { parseJobIds } from './job-common.js';

export const verb: VerbDef = {
  args: ARGS_ONE,
  async run(ctx, _opts, args) {
    const [id] = parseJobIds(args);
    const msg = `Output from job ${id} follows`;
    ctx.out(msg);
    ctx.out('-'.repeat(msg.length));
    try {
      await waitJob(ctx, id!, 'stdio');
      return 0;
    } catch (err) {
      if ((err as Error).name === 'NoMasterError') throw err;
      const r = formatError(err);
      ctx.err(`Job ${id} failed: ${r.text}`);
      return r.exit;
    }
  },
};
