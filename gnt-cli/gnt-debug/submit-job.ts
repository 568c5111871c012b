// gnt-debug submit-job FILE.json…: each file holds a list of opcode dicts, submitted as one
// job (repeated with --job-repeat / --op-repeat), then followed. Opcodes are validated
// against the shared definitions first, so that a bad file submits nothing.
import { validateOpcode } from '../../daemons/common/opcodes/index.js';
import { ParameterError } from '../../daemons/common/errors.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';
import { genericParams, type GenericOpts } from '../../daemons/common/client/submit.js';

interface SubmitJobOpts extends GenericOpts {
  verbose?: boolean;
  timingStats?: boolean;
  jobRepeat?: string;
  opRepeat?: string;
  each?: boolean;
}

export const verb: VerbDef<SubmitJobOpts> = {
  args: ARGS_AT_LEAST_ONE,
  options(cmd) {
    cmd.option('-v, --verbose', 'Increase the verbosity of the operation');
    cmd.option('--timing-stats', 'Show timing stats');
    cmd.option('--each', 'Submit each job separately');
    cmd.option('--job-repeat <n>', 'Repeat the job this number of times', '1');
    cmd.option('--op-repeat <n>', 'Repeat the opcode sequence this number of times', '1');
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing');
  },
  async run(ctx, opts, files) {
    const repJob = parseIntOption('--job-repeat', opts.jobRepeat ?? '1', 1);
    const repOp = parseIntOption('--op-repeat', opts.opRepeat ?? '1', 1);
    const generic = genericParams(ctx, opts);
    const jex = new JobExecutor(ctx, !!opts.verbose);
    const jobs: [string, OpcodeDict[]][] = [];
    let opCount = 0;
    if (opts.timingStats) ctx.out('Loading...');
    for (let j = 0; j < repJob; j++) {
      for (const file of files) {
        let data: unknown;
        try {
          data = JSON.parse(ctx.io.readFile(file));
        } catch (err) {
          throw new ParameterError(`Cannot load opcodes from '${file}': ${(err as Error).message}`, { ecode: 'wrong_input' });
        }
        if (!Array.isArray(data)) throw new ParameterError(`'${file}' must hold a JSON list of opcodes`, { ecode: 'wrong_input' });
        const ops = data.map((op) => validateOpcode({ ...(op as object), ...generic }) as unknown as OpcodeDict);
        const all = Array.from({ length: repOp }, () => ops).flat();
        jobs.push([`file ${file}/${j}`, all]);
        opCount += all.length;
      }
    }
    const t1 = Date.now();
    if (opts.timingStats) ctx.out('Submitting...');
    if (opts.each) {
      for (const [name, ops] of jobs) {
        const [r] = await (await ctx.master()).submitJobs([ops]);
        jex.addJobId(name, !!r?.ok, r?.ok ? r.jobId : (r?.error?.message ?? 'no result'));
      }
    } else {
      for (const [name, ops] of jobs) jex.queueJob(name, ...ops);
      await jex.submitPending();
    }
    const t2 = Date.now();
    if (opts.timingStats) ctx.out('Executing...');
    const results = await jex.getResults();
    const t3 = Date.now();
    if (opts.timingStats) {
      const f = (ms: number) => (ms / 1000).toFixed(4).padStart(4);
      ctx.out(`C:op     ${String(opCount).padStart(4)}`);
      ctx.out(`C:job    ${String(jobs.length).padStart(4)}`);
      ctx.out(`T:submit ${f(t2 - t1)}`);
      ctx.out(`T:exec   ${f(t3 - t2)}`);
      ctx.out(`T:total  ${f(t3 - t1)}`);
    }
    return results.every((r) => r.success) ? 0 : 1;
  },
};
