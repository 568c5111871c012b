// gnt-node health [--oob-timeout S] [NODE...] (Ganeti's gnt_node.Health): the out-of-band
// program's health items of every (or each named) node, one `item=status` per line under
// the node's name; items with WARNING or CRITICAL are also logged by the job. Nodes without
// an OOB program or whose program failed show Ganeti's status text; exit code 1 then.
import { OpOobCommand } from '../../daemons/common/opcodes/oob.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addDryRunOption, addPriorityOption } from '../framework/job-options.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { oobRows, oobTable, parseOobResult } from './oob-table.js';
import { addOobTimeoutOption, parseOobTimings } from './power.js';

interface Opts extends GenericOpts { oobTimeout?: string; headers?: boolean; separator?: string }

export const verb: VerbDef<Opts> = {
  args: ARGS_ANY,
  options(cmd) {
    addOobTimeoutOption(cmd);
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
    addDryRunOption(cmd);
    addPriorityOption(cmd);
  },
  async run(ctx, opts, nodes) {
    const { timeout } = parseOobTimings(opts);
    const result = await submitOpCode(ctx, buildOp(ctx, OpOobCommand, { node_names: nodes, command: 'health', timeout }, opts), opts);
    const { rows, errors } = oobRows(parseOobResult(result), (r) => (r.payload as [string, string][])
      .map(([item, status], i) => [i === 0 ? r.node : '', `${item}=${status}`]));
    for (const line of oobTable(rows, opts.headers !== false, opts.separator ?? null)) ctx.out(line);
    return errors ? 1 : 0;
  },
};
