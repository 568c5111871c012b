// Job filter rules (Ganeti's design-optables, man gnt-filter): rules in the config, taken in
// order of priority, then watermark, then uuid; the first whose predicates all hold and whose
// action is not CONTINUE decides: ACCEPT runs the job, PAUSE holds it in the queue, REJECT
// cancels it, RATE_LIMIT n holds it while n jobs the rule applies to are running. The queue
// asks before it starts a queued job (JobQueueOptions.filter). Jobs that manage filters
// (OP_FILTER_*) are never filtered, so a rule can always be removed again.
import { ParameterError } from '../../common/errors.js';
import type { FilterRule } from '../../common/objects.js';
import { compileFilter, type Predicate } from '../query/filter.js';
import { makeField, type Field, type FieldMap } from '../query/types.js';
import type { JobData } from './job.js';

export const FILTER_ACTIONS = ['ACCEPT', 'PAUSE', 'REJECT', 'CONTINUE', 'RATE_LIMIT'] as const;
export const PREDICATE_NAMES = ['jobid', 'opcode', 'reason'] as const;

export type FilterVerdict = { kind: 'run' } | { kind: 'pause' } | { kind: 'reject'; message: string };

type Row = Record<string, unknown>;

/** Any name is a field: opcode parameters and reason entries are open-ended. */
class OpenFields extends Map<string, Field<null, Row>> {
  override get(name: string): Field<null, Row> {
    return makeField<null, Row>(name, name, 'other', name, (_c, row) => row[name] ?? null);
  }
}
const OPEN_FIELDS = new OpenFields() as FieldMap<null, Row>;
const JOBID_FIELDS: FieldMap<null, Row> = new Map([['id', makeField<null, Row>('id', 'ID', 'number', 'Job ID', (_c, r) => r.id)]]);

/** In a jobid expression, the string "watermark" stands for the rule's watermark. */
function withWatermark(expr: unknown, watermark: number): unknown {
  if (Array.isArray(expr)) return expr.map((e) => withWatermark(e, watermark));
  return expr === 'watermark' ? watermark : expr;
}

/** Checks a rule's action and predicates; ParameterError naming what is wrong. */
export function checkFilterRule(action: unknown, predicates: unknown): void {
  const okAction = typeof action === 'string' ? (FILTER_ACTIONS as readonly string[]).includes(action) && action !== 'RATE_LIMIT'
    : Array.isArray(action) && action.length === 2 && action[0] === 'RATE_LIMIT' && Number.isInteger(action[1]) && (action[1] as number) > 0;
  if (!okAction) {
    throw new ParameterError(`Invalid filter action ${JSON.stringify(action)} (allowed: ACCEPT, PAUSE, REJECT, CONTINUE, RATE_LIMIT n with n > 0)`, { ecode: 'wrong_input' });
  }
  if (!Array.isArray(predicates)) throw new ParameterError('Filter predicates must be a list', { ecode: 'wrong_input' });
  compilePredicates(predicates, 0);
}

function compilePredicates(predicates: unknown[], watermark: number): ((job: JobData) => boolean)[] {
  return predicates.map((p) => {
    if (!Array.isArray(p) || p.length !== 2 || !(PREDICATE_NAMES as readonly string[]).includes(p[0] as string)) {
      throw new ParameterError(`Invalid filter predicate ${JSON.stringify(p)} (expected [NAME, EXPRESSION] with NAME one of ${PREDICATE_NAMES.join(', ')})`, { ecode: 'wrong_input' });
    }
    const [name, expr] = p as [string, unknown];
    if (name === 'jobid') {
      const pred = compileFilter(JOBID_FIELDS, withWatermark(expr, watermark));
      return (job) => pred(null, { id: job.id });
    }
    const pred: Predicate<null, Row> = compileFilter(OPEN_FIELDS, expr);
    if (name === 'opcode') return (job) => job.ops.some((op) => pred(null, op.input));
    return (job) => job.ops.some((op) => ((op.input.reason ?? []) as unknown[]).some((r) =>
      Array.isArray(r) && pred(null, { source: r[0], reason: r[1], timestamp: r[2] })));
  });
}

/** The order Ganeti processes rules in: priority, then watermark, then uuid. */
export function sortRules(rules: readonly FilterRule[]): FilterRule[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.watermark - b.watermark || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
}

function isFilterManagement(job: JobData): boolean {
  return job.ops.every((op) => op.input.OP_ID.startsWith('OP_FILTER_'));
}

/**
 * What to do with a queued job about to start, given the rules and the running jobs.
 * A rule whose predicates cannot be compiled (stored by an older version) is skipped.
 */
export function decideJob(rules: readonly FilterRule[], job: JobData, running: readonly JobData[]): FilterVerdict {
  if (!rules.length || isFilterManagement(job)) return { kind: 'run' };
  for (const rule of sortRules(rules)) {
    let preds: ((j: JobData) => boolean)[];
    try { preds = compilePredicates(rule.predicates, rule.watermark); } catch { continue; }
    const applies = (j: JobData) => preds.every((p) => p(j));
    if (!applies(job)) continue;
    const action = rule.action;
    if (action === 'CONTINUE') continue;
    if (action === 'ACCEPT') return { kind: 'run' };
    if (action === 'PAUSE') return { kind: 'pause' };
    if (action === 'REJECT') return { kind: 'reject', message: `Job ${job.id} rejected by filter rule ${rule.uuid}` };
    if (Array.isArray(action) && action[0] === 'RATE_LIMIT') {
      const busy = running.filter((j) => j.id !== job.id && applies(j)).length;
      return busy >= action[1] ? { kind: 'pause' } : { kind: 'run' };
    }
  }
  return { kind: 'run' };
}
