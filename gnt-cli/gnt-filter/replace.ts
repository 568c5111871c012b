// gnt-filter replace UUID: replaces the rule (or creates it); its watermark is renewed.
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addRuleOptions, submitRule, type RuleOpts } from './rule-options.js';

export const verb: VerbDef<RuleOpts> = {
  args: ARGS_ONE,
  options: addRuleOptions,
  async run(ctx, opts, [uuid]) {
    const res = await submitRule(ctx, opts, uuid);
    if (res) ctx.out(String(res));
    return 0;
  },
};
