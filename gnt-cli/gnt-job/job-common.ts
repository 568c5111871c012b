// What several gnt-job verbs share: job id parsing, status selections, the list formats,
// and Ganeti's _MultiJobAction (act on given ids, or on the jobs in some status after
// showing them and asking).
import type { Command } from 'commander';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { askYesNo } from '../framework/confirm.js';
import { ExitCode } from '../../daemons/common/client/exit-codes.js';
import type { JobActionResult, MasterApi } from '../../daemons/common/client/master-api.js';
import { formatTimestamp, pyStr } from '../../daemons/common/client/py-format.js';
import type { VerbContext } from '../framework/spec.js';
import { formatQueryResult, type ColumnOverride } from '../../daemons/common/client/table.js';

export const PENDING = ['queued', 'waiting', 'canceling'];
export const FINALIZED = ['canceled', 'success', 'error'];

/** Column formats of job lists (Ganeti's _JOB_LIST_FORMAT). */
export const JOB_LIST_FORMAT: Record<string, ColumnOverride> = {
  status: { format: pyStr },
  summary: { format: (v) => (Array.isArray(v) ? v.map(pyStr).join(',') : pyStr(v)) },
  ...Object.fromEntries(['opstart', 'opexec', 'opend'].map((f) => [f, {
    format: (v: unknown) => pyStr(Array.isArray(v) ? v.map(formatTimestamp) : v),
  }])),
};

export function parseJobIds(args: string[]): number[] {
  return args.map((a) => {
    if (!/^\d+$/.test(a.trim())) throw new OpPrereqError(`Invalid job ID passed: '${a}' (expected a number)`, { ecode: 'wrong_input' });
    return Number(a);
  });
}

/** ["|", ["=", field, v1], …] (qlang.MakeSimpleFilter); null for no values. */
export function simpleFilter(field: string, values: (string | number)[] | null | undefined): unknown[] | null {
  if (!values || !values.length) return null;
  return ['|', ...values.map((v) => ['=', field, v])];
}

export interface StatusSelectOpts {
  pending?: boolean;
  queued?: boolean;
  waiting?: boolean;
  running?: boolean;
  error?: boolean;
  finished?: boolean;
  force?: boolean;
}

export function addPendingSelectOptions(cmd: Command): void {
  cmd.option('--pending', 'Select jobs pending execution or being cancelled');
  cmd.option('--queued', 'Select queued jobs only');
  cmd.option('--waiting', 'Select waiting jobs only');
}

/** The status set the selection options stand for (the last kind given wins, as optparse). */
export function statusSelection(opts: StatusSelectOpts): string[] | null {
  const sets: [keyof StatusSelectOpts, string[]][] = [
    ['pending', PENDING], ['queued', ['queued']], ['waiting', ['waiting']], ['running', ['running']],
    ['error', ['error']], ['finished', FINALIZED],
  ];
  const given = sets.filter(([k]) => opts[k]);
  return given.length ? given[given.length - 1]![1] : null;
}

/** Ganeti's _MultiJobAction; the action's message is printed per job. */
export async function multiJobAction(ctx: VerbContext, opts: StatusSelectOpts, args: string[], question: string,
  action: (master: MasterApi, id: number) => Promise<JobActionResult>): Promise<number> {
  const status = statusSelection(opts);
  if (!!args.length === (status !== null)) {
    throw new OpPrereqError('Either a status filter or job ID(s) must be specified and never both', { ecode: 'wrong_input' });
  }
  const master = await ctx.master();
  let ids: number[];
  if (status) {
    const res = await master.query('job', ['id', 'status', 'summary'], [], simpleFilter('status', status));
    ids = res.rows.map((r) => Number(r[0]?.value));
    if (!ids.length) throw new OpPrereqError('No jobs with the requested status have been found', { ecode: 'wrong_state' });
    if (!opts.force) {
      for (const line of formatQueryResult(res, { header: true, overrides: JOB_LIST_FORMAT }).lines) ctx.out(line);
      if (!(await askYesNo(ctx.io, question))) return ExitCode.Confirmation;
    }
  } else {
    ids = parseJobIds(args);
  }
  let rc = 0;
  for (const id of ids) {
    const r = await action(master, id);
    if (!r.ok) rc = ExitCode.Failure;
    ctx.out(r.message);
  }
  return rc;
}
