// gnt-os diagnose: every OS with its global status and, per node, where it was found and
// why it is invalid; exit code 1 when some OS is not valid everywhere.
import { commaJoin, niceSort, pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { paramPair, queryOses } from './os-common.js';
import { refuseOption } from '../framework/refuse.js';

type Entry = [string, boolean, string, string[], unknown[], number[]];

const osStatus = (ok: boolean, msg: string) => (ok ? 'valid' : `invalid - ${msg}`);

export const verb: VerbDef<{ priority?: string }> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing (not supported: the OS list is a query, answered at once)');
  },
  async run(ctx, opts) {
    refuseOption(opts.priority, '--priority', 'the OS list is a query answered at once, not a job');
    const rows = await queryOses(ctx, ['name', 'valid', 'variants', 'node_status', 'hidden', 'blacklisted']);
    if (!rows.length) {
      ctx.err("Can't get the OS list");
      return 1;
    }
    let hasBad = false;
    for (const r of rows) {
      const valid: Record<string, string> = {};
      const bad: Record<string, string> = {};
      const hidden: Record<string, string[]> = {};
      for (const [node, raw] of Object.entries((r.node_status ?? {}) as Record<string, Entry[]>)) {
        hidden[node] = [];
        const [first, ...rest] = raw ?? [];
        if (!first) {
          bad[node] = 'OS not found';
          continue;
        }
        const [path, ok, msg, variants, params, api] = first;
        let text = `${osStatus(ok, msg)} (path: ${path})`;
        const maxApi = api.length ? Math.max(...api) : 0;
        text += api.length ? ` [API versions: ${commaJoin(api)}]` : ' [no API versions declared]';
        if (maxApi >= 15) text += variants.length ? ` [variants: ${commaJoin(variants)}]` : ' [no variants]';
        if (maxApi >= 20) {
          text += params.length ? ` [parameters: ${commaJoin(params.map((p) => paramPair(p)[0]))}]` : ' [no parameters]';
        }
        (ok ? valid : bad)[node] = text;
        for (const [hpath, hok, hmsg] of rest) hidden[node].push(`    [hidden] path: ${hpath}, status: ${osStatus(hok, hmsg)}`);
      }
      const nValid = Object.keys(valid).length;
      const nBad = Object.keys(bad).length;
      const status = nValid && !nBad ? 'valid' : !nValid && nBad ? 'invalid' : 'partial valid';
      if (status !== 'valid') hasBad = true;
      let line = `OS: ${pyStr(r.name)} [global status: ${status}]`;
      if (r.hidden) line += ' [hidden]';
      if (r.blacklisted) line += ' [blacklisted]';
      ctx.out(line);
      const variants = (r.variants as unknown[] | null) ?? [];
      if (variants.length) ctx.out(`  Variants: [${commaJoin(variants)}]`);
      for (const map of [valid, bad]) {
        for (const node of niceSort(Object.keys(map))) {
          ctx.out(`  Node: ${node}, status: ${map[node]}`);
          for (const h of hidden[node] ?? []) ctx.out(h);
        }
      }
      ctx.out('');
    }
    return hasBad ? 1 : 0;
  },
};
