// gnt-storage diagnose: each provider's status per node and per node group (Ganeti's layout).
import { OpExtStorageDiagnose } from '../../daemons/common/opcodes/storage.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { niceSort } from '../../daemons/common/client/py-format.js';
import { addPriorityOption } from '../framework/job-options.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

type NodeEntry = [string, boolean, string, [string, string][]];

export const verb: VerbDef<GenericOpts> = {
  args: ARGS_NONE,
  options: addPriorityOption,
  async run(ctx, opts) {
    const op = buildOp(ctx, OpExtStorageDiagnose, { output_fields: ['name', 'node_status', 'nodegroup_status'] }, opts);
    const rows = await submitOpCode(ctx, op, opts) as [string, Record<string, NodeEntry[]>, Record<string, boolean>][];
    if (!rows.length) { ctx.err("Can't get the list of ExtStorage providers"); return 1; }
    for (const [name, nodes, groups] of rows) {
      const good: Record<string, string> = {};
      const bad: Record<string, string> = {};
      for (const [node, entries] of Object.entries(nodes)) {
        const e = entries[0];
        if (!e) { bad[node] = 'ExtStorage provider not found'; continue; }
        const [path, valid, diag, params] = e;
        let msg = `${valid ? 'valid' : `invalid - ${diag}`} (path: ${path})`;
        msg += params.length ? ` [parameters: ${params.map((p) => p[0]).join(', ')}]` : ' [no parameters]';
        (valid ? good : bad)[node] = msg;
      }
      ctx.out(`Provider: ${name}`);
      ctx.out('---');
      for (const m of [good, bad]) for (const n of niceSort(Object.keys(m))) ctx.out(`  Node: ${n}, status: ${m[n]}`);
      ctx.out('  --');
      const gv = Object.keys(groups).filter((g) => groups[g]);
      const gb = Object.keys(groups).filter((g) => !groups[g]);
      for (const g of niceSort(gv)) ctx.out(`  For nodegroup: ${g} --> valid`);
      for (const g of niceSort(gb)) ctx.out(`  For nodegroup: ${g} --> invalid`);
      ctx.out('');
    }
    return 0;
  },
};
