// gnt-group info [GROUP...] (alias show): Ganeti's GroupInfo layout from a group query.
import { formatGenericInfo, formatParamsDictInfo, ordered, type InfoValue } from '../framework/info-printer.js';
import { formatPolicyInfo } from '../framework/policy-info.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

const FIELDS = ['name', 'ndparams', 'custom_ndparams', 'diskparams', 'custom_diskparams', 'ipolicy', 'custom_ipolicy'];
type Dict = Record<string, unknown>;

export const verb: VerbDef = {
  args: ARGS_ANY,
  async run(ctx, _opts, args) {
    const res = await (await ctx.master()).query('group', FIELDS, args, null);
    const groups: InfoValue[] = res.rows.map((cells) => {
      const [name, nd, customNd, dp, customDp, ip, customIp] = cells.map((c) => (c.status === 0 ? c.value : null));
      return ordered([
        ['Node group', name as string],
        ['Node parameters', formatParamsDictInfo((customNd ?? {}) as Dict, (nd ?? {}) as Dict)],
        ['Disk parameters', formatParamsDictInfo((customDp ?? {}) as Dict, (dp ?? {}) as Dict)],
        ['Instance policy', ordered(formatPolicyInfo((customIp ?? {}) as Dict, (ip ?? {}) as Dict, false))],
      ]);
    });
    ctx.out(formatGenericInfo(groups));
    return 0;
  },
};
