// Building and submitting opcodes the way every job-submitting client does (cli.py's
// SetGenericOpcodeOpts, SubmitOpCode, SubmitOrSend): the generic parameters (debug level,
// dry run, priority, reason trail), validation with the shared opcode definitions before
// anything is sent, then waiting or only submitting. The command-line options that feed
// GenericOpts are the CLI's (gnt-cli/framework/job-options.ts).
import { PRIORITY_NAMES, REASON_SRC_CLIENT } from '../constants.js';
import type { BuildParams, OpcodeDef } from '../opcodes/define.js';
import type { Shape } from '../opcodes/schema.js';
import { ParameterError, decodeError } from '../errors.js';
import { pollJob, type LogReporter } from './job-poller.js';
import type { OpcodeDict } from './master-api.js';
import type { ClientContext } from './context.js';

export interface GenericOpts {
  submit?: boolean;
  printJobid?: boolean;
  dryRun?: boolean;
  priority?: string;
  reason?: string;
  debug?: number;
}

/** --priority low|normal|high as the opcode priority (high is -10). */
export function parsePriority(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const p = PRIORITY_NAMES[value];
  if (p === undefined) {
    throw new ParameterError(`Invalid priority '${value}' (allowed: ${Object.keys(PRIORITY_NAMES).join(', ')})`,
      { ecode: 'wrong_input' });
  }
  return p;
}

/** Nanoseconds since the epoch, as Ganeti's utils.EpochNano (reason trail timestamps). */
function epochNano(ctx: ClientContext): number {
  return Math.round((ctx.now?.() ?? Date.now()) * 1e6);
}

/** cli.SetGenericOpcodeOpts: debug level, dry run, priority and the reason trail. */
export function genericParams(ctx: ClientContext, opts: GenericOpts): Record<string, unknown> {
  const params: Record<string, unknown> = { debug_level: Number(opts.debug ?? 0) };
  if (opts.dryRun !== undefined) params.dry_run = !!opts.dryRun;
  const prio = parsePriority(opts.priority);
  if (prio !== undefined) params.priority = prio;
  const trail: unknown[] = [];
  if (opts.reason) trail.push(['gnt:user', opts.reason, epochNano(ctx)]);
  trail.push([`${REASON_SRC_CLIENT}:${ctx.prog}`, ctx.verb, epochNano(ctx)]);
  params.reason = trail;
  return params;
}

/**
 * Builds one opcode: the verb's parameters (undefined ones dropped) plus the generic ones,
 * validated by the shared definition. Bad values raise ParameterError before any submission.
 */
export function buildOp<S extends Shape>(ctx: ClientContext, def: OpcodeDef<S>, params: Record<string, unknown>,
  opts: GenericOpts = {}): OpcodeDict {
  return def.build({ ...params, ...genericParams(ctx, opts) } as BuildParams<S>) as unknown as OpcodeDict;
}

/** Submits one job; throws the master's refusal (queue drained, invalid opcode…) as an error. */
export async function submitJob(ctx: ClientContext, ops: OpcodeDict[]): Promise<number> {
  const master = await ctx.master();
  const [res] = await master.submitJobs([ops]);
  if (!res) throw new Error('The master returned no result for the submitted job');
  if (!res.ok) {
    throw decodeError(res.error ?? { class: 'GanetiError', message: 'job submission failed', ecode: '' });
  }
  return res.jobId;
}

/** Waits for a job, printing its log (cli.PollJob); resolves with the per-opcode results. */
export async function waitJob(ctx: ClientContext, jobId: number, report: LogReporter = 'stdio'): Promise<unknown[]> {
  return pollJob(await ctx.master(), jobId, report, ctx.out);
}

/** cli.SubmitOpCode: submit, print the id with --print-jobid, wait; the first op's result. */
export async function submitOpCode(ctx: ClientContext, op: OpcodeDict, opts: GenericOpts = {},
  report: LogReporter = 'stdio'): Promise<unknown> {
  const id = await submitJob(ctx, [op]);
  if (opts.printJobid) ctx.out(String(id));
  const results = await waitJob(ctx, id, report);
  return results[0];
}

/** Result of submitOrSend: the opcode's result, or null when only submitted (--submit). */
export interface SendResult {
  submitted: boolean;
  jobId: number;
  result: unknown;
}

/**
 * cli.SubmitOrSend: with --submit the job id is printed ("JobID: N", on stderr as Ganeti
 * does) and the command ends successfully; otherwise the job is followed to its end.
 */
export async function submitOrSend(ctx: ClientContext, op: OpcodeDict | OpcodeDict[], opts: GenericOpts = {}): Promise<SendResult> {
  const ops = Array.isArray(op) ? op : [op];
  const id = await submitJob(ctx, ops);
  if (opts.printJobid) ctx.out(String(id));
  if (opts.submit) {
    ctx.err(`JobID: ${id}`);
    return { submitted: true, jobId: id, result: null };
  }
  const results = await waitJob(ctx, id);
  return { submitted: false, jobId: id, result: results[0] };
}
