// gnt-job autoarchive AGE|all: archives the finished jobs that ended more than AGE ago
// (a timespec such as 6h), or all finished jobs.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { mergeTime } from '../../daemons/common/client/py-format.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { FINALIZED, simpleFilter } from './job-common.js';

/** cli.ParseTimespec: N, Ns, Nm, Nh, Nd, Nw as seconds. */
export function parseTimespec(value: string): number {
  if (!value) throw new OpPrereqError('Empty time specification passed', { ecode: 'wrong_input' });
  const mult: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  const suffix = value[value.length - 1]!;
  const num = mult[suffix] ? value.slice(0, -1) : value;
  if (mult[suffix] && !num) throw new OpPrereqError('Invalid time specification (only suffix passed)', { ecode: 'wrong_input' });
  if (!/^\d+$/.test(num)) {
    throw new OpPrereqError(`Invalid time specification '${value}' (expected a number with an optional suffix s, m, h, d or w)`,
      { ecode: 'wrong_input' });
  }
  return Number(num) * (mult[suffix] ?? 1);
}

export const verb: VerbDef = {
  args: ARGS_ONE,
  async run(ctx, _opts, [age]) {
    const maxAge = age === 'all' ? -1 : parseTimespec(age!);
    const master = await ctx.master();
    const res = await master.query('job', ['id', 'end_ts'], [], simpleFilter('status', FINALIZED));
    const now = (ctx.io.now?.() ?? Date.now()) / 1000;
    let archived = 0;
    for (const row of res.rows) {
      const end = mergeTime(row[1]?.value);
      if (maxAge >= 0 && (end === null || now - end < maxAge)) continue;
      if ((await master.archiveJob(Number(row[0]?.value))).ok) archived++;
    }
    ctx.out(`Archived ${archived} jobs, 0 unchecked left`);
    return 0;
  },
};
