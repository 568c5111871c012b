// gnt-filter add: a new rule (OP_FILTER_SET without uuid); prints the new rule's UUID.
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { addRuleOptions, submitRule, type RuleOpts } from './rule-options.js';

export const verb: VerbDef<RuleOpts> = {
  args: ARGS_NONE,
  options: addRuleOptions,
  async run(ctx, opts) {
    const uuid = await submitRule(ctx, opts, undefined);
    if (uuid) ctx.out(String(uuid));
    return 0;
  },
};
