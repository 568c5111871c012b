// gnt-os info [OS…] (alias show): validity, visibility, API versions, variants, parameters.
import { pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { paramPair, queryOses } from './os-common.js';
import { refuseOption } from '../framework/refuse.js';

export const verb: VerbDef = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing (not supported: the OS list is a query, answered at once)');
  },
  async run(ctx, opts, args) {
    refuseOption(opts.priority, '--priority', 'the OS list is a query answered at once, not a job');
    const rows = await queryOses(ctx, ['name', 'valid', 'variants', 'parameters', 'api_versions', 'blacklisted', 'hidden']);
    if (!rows.length) {
      ctx.err("Can't get the OS list");
      return 1;
    }
    const wanted = new Set(args);
    for (const r of rows) {
      const name = String(r.name);
      if (args.length && !wanted.delete(name)) continue;
      ctx.out(`${name}:`);
      ctx.out(`  - valid: ${pyStr(r.valid)}`);
      ctx.out(`  - hidden: ${pyStr(r.hidden)}`);
      ctx.out(`  - blacklisted: ${pyStr(r.blacklisted)}`);
      if (r.valid) {
        ctx.out('  - API versions:');
        for (const v of [...((r.api_versions as number[] | null) ?? [])].sort((a, b) => a - b)) ctx.out(`    - ${v}`);
        ctx.out('  - variants:');
        for (const v of (r.variants as unknown[] | null) ?? []) ctx.out(`    - ${pyStr(v)}`);
        ctx.out('  - parameters:');
        // parameters.list lines are "name description"; a bare name has no description.
        for (const p of (r.parameters as unknown[] | null) ?? []) {
          const [pname, pdesc] = paramPair(p);
          ctx.out(`    - ${pname}: ${pdesc}`);
        }
      }
      ctx.out('');
    }
    for (const name of wanted) {
      ctx.out(`${name}: `);
      ctx.out('');
    }
    return 0;
  },
};
