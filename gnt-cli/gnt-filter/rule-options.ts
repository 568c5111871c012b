// The options add and replace share: --priority, --predicates (JSON), --action, and the
// OP_FILTER_SET they make. The rule's reason trail is --reason, as in Ganeti.
import type { Command } from 'commander';
import { OpFilterSet } from '../../daemons/common/opcodes/filter.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addSubmitOptions } from '../framework/job-options.js';
import type { VerbContext } from '../framework/spec.js';

export interface RuleOpts extends Omit<GenericOpts, 'priority'> { priority?: string; predicates?: string; action?: string }

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

export function addRuleOptions(cmd: Command): void {
  cmd.option('--priority <n>', 'Priority of the filter rule, a non-negative integer (0, the default, is the highest)');
  cmd.option('--predicates <json>', 'The filter predicates, a JSON list (default [], always matching)');
  cmd.option('--action <action>', 'ACCEPT, PAUSE, REJECT, CONTINUE (the default) or "RATE_LIMIT n"');
  addSubmitOptions(cmd);
}

export function parseAction(text: string | undefined): string | [string, number] {
  if (text === undefined) return 'CONTINUE';
  const t = text.trim();
  const m = /^RATE_LIMIT\s+(\d+)$/.exec(t);
  if (m) return ['RATE_LIMIT', Number(m[1])];
  if (['ACCEPT', 'PAUSE', 'REJECT', 'CONTINUE'].includes(t)) return t;
  return bad(`Invalid filter action '${text}' (allowed: ACCEPT, PAUSE, REJECT, CONTINUE, RATE_LIMIT n)`);
}

export async function submitRule(ctx: VerbContext, opts: RuleOpts, uuid: string | undefined): Promise<unknown> {
  let predicates: unknown = [];
  if (opts.predicates !== undefined) {
    try { predicates = JSON.parse(opts.predicates); } catch (err) { bad(`Invalid --predicates '${opts.predicates}': not JSON (${(err as Error).message})`); }
    if (!Array.isArray(predicates)) bad(`Invalid --predicates '${opts.predicates}': expected a JSON list of predicates`);
  }
  const priority = opts.priority === undefined ? 0 : /^\d+$/.test(opts.priority) ? Number(opts.priority)
    : bad(`Invalid --priority '${opts.priority}' (expected a non-negative integer)`);
  const { priority: _p, ...generic } = opts;
  const reason = opts.reason ? [['gnt:user', opts.reason, Date.now() * 1e6]] : [];
  const op = buildOp(ctx, OpFilterSet, { uuid, priority, predicates: predicates as unknown[], action: parseAction(opts.action), reason_trail: reason }, generic);
  return (await submitOrSend(ctx, op, generic)).result;
}
