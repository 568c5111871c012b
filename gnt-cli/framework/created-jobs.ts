// Following the jobs an opcode created (Ganeti's ResultWithJobs, as gnt-instance change-group
// and gnt-group evacuate do): the opcode's result holds {"jobs": [[ok, id|error], ...]};
// each is added to a JobExecutor and waited for. Returns the number that failed.
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import type { VerbContext } from './spec.js';

export async function followCreatedJobs(ctx: VerbContext, result: unknown): Promise<number> {
  const jobs = (result as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) throw new Error(`The master's answer has no list of jobs: ${JSON.stringify(result)}`);
  const jex = new JobExecutor(ctx, true);
  for (const j of jobs as [boolean, number | string][]) jex.addJobId(null, !!j[0], j[1]);
  const results = jobs.length ? await jex.getResults() : [];
  return results.filter((r) => !r.success).length;
}

