// gnt-node volumes [NODE...]: OP_NODE_QUERYVOLS as Ganeti's ListVolumes prints it: columns
// node, phys, vg, name, size, instance (titles Node, PhysDev, VG, Name, Size, Instance),
// size right-aligned in units (-o, --separator, --no-headers, --units as other lists).
import { OpNodeQueryvols } from '../../daemons/common/opcodes/node.js';
import { addListOptions, parseFields, parseUnitsOption, type ListOpts } from '../framework/generic-list.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { formatTable } from '../../daemons/common/client/table.js';
import { formatUnit } from '../../daemons/common/units.js';

const DEFAULT_FIELDS = ['node', 'phys', 'vg', 'name', 'size', 'instance'];
const TITLES: Record<string, string> = { node: 'Node', phys: 'PhysDev', vg: 'VG', name: 'Name', size: 'Size', instance: 'Instance' };
const UNIT_FIELDS = ['size'];

type Opts = ListOpts & GenericOpts;

export const verb: VerbDef<Opts> = {
  args: ARGS_ANY,
  options(cmd) {
    addListOptions(cmd);
    addPriorityOption(cmd);
  },
  async run(ctx, opts, nodes) {
    const fields = parseFields(opts.output, DEFAULT_FIELDS);
    const units = parseUnitsOption(opts.units) ?? (opts.separator !== undefined ? 'm' : 'h');
    const op = buildOp(ctx, OpNodeQueryvols, { nodes, output_fields: fields }, opts);
    const rows = (await submitOpCode(ctx, op, opts)) as string[][];
    const cells = rows.map((row) => row.map((v, i) => (UNIT_FIELDS.includes(fields[i]!) && /^\d+$/.test(v) ? formatUnit(Number(v), units) : v)));
    const columns = fields.map((f) => ({ title: TITLES[f] ?? f, alignRight: UNIT_FIELDS.includes(f) }));
    for (const line of formatTable(cells, columns, opts.headers !== false, opts.separator ?? null)) ctx.out(line);
    return 0;
  },
};
