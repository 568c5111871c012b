// gnt-os list: a "Name" header, then every valid, visible OS (one line per variant).
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { formatTable } from '../../daemons/common/client/table.js';
import { osNames } from '../../daemons/common/client/os-names.js';
import { queryOses } from './os-common.js';

export const verb: VerbDef<{ headers?: boolean }> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing (accepted)');
  },
  async run(ctx, opts) {
    const rows = await queryOses(ctx, ['name', 'valid', 'hidden', 'blacklisted', 'variants']);
    const names = rows.filter((r) => r.valid && !r.hidden && !r.blacklisted)
      .flatMap((r) => osNames(String(r.name), r.variants));
    for (const line of formatTable(names.map((n) => [n]), [{ title: 'Name', alignRight: false }], opts.headers !== false, null)) {
      ctx.out(line);
    }
    return 0;
  },
};
