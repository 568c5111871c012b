// gnt-node list-storage [-t TYPE] [NODE...]: OP_NODE_QUERY_STORAGE as Ganeti's ListStorage
// prints it: columns node, type, name, size, used, free, allocatable (Y/N), sizes
// right-aligned in units. Without -t the cluster's file storage is listed (LVM, Ganeti's
// default, does not exist in this build).
import { OpNodeQueryStorage } from '../../daemons/common/opcodes/node.js';
import { addListOptions, parseFields, parseUnitsOption, type ListOpts } from '../framework/generic-list.js';
import { pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { formatTable } from '../../daemons/common/client/table.js';
import { formatUnit } from '../../daemons/common/units.js';

const DEFAULT_FIELDS = ['node', 'type', 'name', 'size', 'used', 'free', 'allocatable'];
const TITLES: Record<string, string> = {
  node: 'Node', type: 'Type', name: 'Name', size: 'Size', used: 'Used', free: 'Free', allocatable: 'Allocatable',
};
const UNIT_FIELDS = ['size', 'used', 'free'];

type Opts = ListOpts & GenericOpts & { storageType?: string };

export const verb: VerbDef<Opts> = {
  args: ARGS_ANY,
  options(cmd) {
    addListOptions(cmd);
    cmd.option('-t, --storage-type <type>', 'Storage type (file, sharedfile)');
    addPriorityOption(cmd);
  },
  async run(ctx, opts, nodes) {
    const fields = parseFields(opts.output, DEFAULT_FIELDS);
    const units = parseUnitsOption(opts.units) ?? (opts.separator !== undefined ? 'm' : 'h');
    const op = buildOp(ctx, OpNodeQueryStorage, { nodes, storage_type: opts.storageType, output_fields: fields }, opts);
    const rows = (await submitOpCode(ctx, op, opts)) as unknown[][];
    const cells = rows.map((row) => row.map((v, i) => {
      const f = fields[i]!;
      if (f === 'allocatable') return v ? 'Y' : 'N';
      return UNIT_FIELDS.includes(f) && typeof v === 'number' ? formatUnit(v, units) : pyStr(v);
    }));
    const columns = fields.map((f) => ({ title: TITLES[f] ?? f, alignRight: UNIT_FIELDS.includes(f) }));
    for (const line of formatTable(cells, columns, opts.headers !== false, opts.separator ?? null)) ctx.out(line);
    return 0;
  },
};
