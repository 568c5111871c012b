// gnt-instance snapshot-list [--no-headers] [--separator=SEP] NAME: the instance's snapshots
// (name, size of each disk's snapshot, creation time), from OP_INSTANCE_QUERY_DATA.
import { OpInstanceQueryData } from '../../daemons/common/opcodes/instance.js';
import { formatTime } from '../../daemons/common/client/py-format.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { formatUnit } from '../../daemons/common/units.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { formatTable } from '../../daemons/common/client/table.js';

interface ListOpts extends GenericOpts { headers?: boolean; separator?: string }
interface SnapRow { name: string; ctime: number; sizes: number[]; memory?: boolean }

export const verb: VerbDef<ListOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
  },
  async run(ctx, opts, [name]) {
    const op = buildOp(ctx, OpInstanceQueryData, { instances: [name], static: true, use_locking: false }, opts);
    const result = await submitOpCode(ctx, op, opts) as Record<string, { snapshots?: SnapRow[] }>;
    const snaps = Object.values(result)[0]?.snapshots ?? [];
    const rows = snaps.map((s) => [s.name, s.sizes.map((z) => formatUnit(z, 'h')).join(','), formatTime(s.ctime), s.memory ? 'yes' : 'no']);
    const cols = [{ title: 'Snapshot', alignRight: false }, { title: 'DiskSizes', alignRight: false }, { title: 'Created', alignRight: false }, { title: 'Memory', alignRight: false }];
    for (const l of formatTable(rows, cols, opts.headers !== false, opts.separator ?? null)) ctx.out(l);
    return 0;
  },
};
