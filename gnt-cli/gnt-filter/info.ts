// gnt-filter info [UUID...] (alias show): each rule's fields.
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

const FIELDS = ['uuid', 'watermark', 'priority', 'predicates', 'action', 'reason_trail'];

export const verb: VerbDef = {
  args: ARGS_ANY,
  async run(ctx, _opts, args) {
    const res = await (await ctx.master()).query('filter', FIELDS, args, null);
    for (const cells of res.rows) {
      const [uuid, watermark, priority, predicates, action, reason] = cells.map((c) => c.value);
      ctx.out(`UUID: ${String(uuid)}`);
      ctx.out(`  Watermark: ${String(watermark)}`);
      ctx.out(`  Priority: ${String(priority)}`);
      ctx.out(`  Predicates: ${JSON.stringify(predicates)}`);
      ctx.out(`  Action: ${Array.isArray(action) ? action.join(' ') : String(action)}`);
      ctx.out(`  Reason trail: ${JSON.stringify(reason)}`);
    }
    return 0;
  },
};
