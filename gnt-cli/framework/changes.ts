// The "Modified <kind> NAME" report of modify verbs: the logical unit returns the applied
// changes as [param, new value] pairs, printed as " - param -> value" (param padded to 5).
import { pyStr } from '../../daemons/common/client/py-format.js';
import type { VerbContext } from './spec.js';

/** Prints the changes; returns whether there were any (nothing is printed otherwise). */
export function printChanges(ctx: VerbContext, kind: string, name: string, result: unknown): boolean {
  if (!Array.isArray(result) || !result.length) return false;
  ctx.out(`Modified ${kind} ${name}`);
  for (const entry of result) {
    const [param, data] = Array.isArray(entry) ? entry : [entry, ''];
    ctx.out(` - ${pyStr(param).padEnd(5)} -> ${pyStr(data)}`);
  }
  return true;
}
