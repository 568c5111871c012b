// gnt-storage info [PROVIDER...]: where each provider is valid and the parameters it takes.
import { OpExtStorageDiagnose } from '../../daemons/common/opcodes/storage.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { niceSort } from '../../daemons/common/client/py-format.js';
import { addPriorityOption } from '../framework/job-options.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_ANY,
  options: addPriorityOption,
  async run(ctx, opts, args) {
    const op = buildOp(ctx, OpExtStorageDiagnose, { output_fields: ['name', 'nodegroup_status', 'parameters'] }, opts);
    const rows = await submitOpCode(ctx, op, opts) as [string, Record<string, boolean>, [string, string][]][];
    if (!rows.length) { ctx.err("Can't get the ExtStorage providers list"); return 1; }
    const wanted = new Set(args);
    for (const [name, groups, params] of rows) {
      if (args.length && !wanted.delete(name)) continue;
      const valid = niceSort(Object.keys(groups).filter((g) => groups[g]));
      ctx.out(`${name}:`);
      if (valid.length) {
        ctx.out('  - Valid for nodegroups:');
        for (const g of valid) ctx.out(`      ${g}`);
        ctx.out('  - Supported parameters:');
        for (const [p, desc] of params) ctx.out(`      ${p}: ${desc}`);
      } else ctx.out('  - Invalid for all nodegroups');
      ctx.out('');
    }
    for (const name of wanted) { ctx.out(`${name}: Not Found`); ctx.out(''); }
    return 0;
  },
};
