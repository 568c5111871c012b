// gnt-backup list [--node N…] [-o FIELDS] [--no-headers] [--separator S]: the exports per
// node from OP_BACKUP_QUERY, as Ganeti's table of the fields node and export.
import { OpBackupQuery } from '../../daemons/common/opcodes/backup.js';
import { collect } from '../../daemons/common/client/keyval.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { formatTable } from '../../daemons/common/client/table.js';
import { DEFAULT_EXPORT_FIELDS, EXPORT_FIELDS } from './fields.js';

interface ListOpts extends GenericOpts { node?: string[]; output?: string; headers?: boolean; separator?: string }

export const verb: VerbDef<ListOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--node <node>', 'Node to query (repeatable; default: all)', collect(String));
    cmd.option('-o, --output <fields>', 'Comma-separated list of output fields (+FIELD appends to the default)');
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
    cmd.option('--units <unit>', 'Units for sizes (accepted, exports have none)');
    cmd.option('-v, --verbose', 'Increase the verbosity');
  },
  async run(ctx, opts) {
    let fields = DEFAULT_EXPORT_FIELDS;
    if (opts.output) fields = opts.output.startsWith('+') ? [...DEFAULT_EXPORT_FIELDS, ...opts.output.slice(1).split(',')] : opts.output.split(',');
    const bad = fields.filter((f) => !EXPORT_FIELDS.some((x) => x.name === f));
    if (bad.length) throw new OpPrereqError(`Unknown output fields selected: ${bad.join(',')} (available: ${EXPORT_FIELDS.map((x) => x.name).join(', ')})`, { ecode: 'wrong_input' });
    const op = buildOp(ctx, OpBackupQuery, { nodes: opts.node ?? [], use_locking: false }, opts);
    const result = await submitOpCode(ctx, op, opts) as Record<string, string[] | false>;
    const rows: string[][] = [];
    for (const [node, exports] of Object.entries(result)) {
      if (exports === false) { ctx.err(`Failed to query node ${node}`); continue; }
      for (const e of exports) rows.push(fields.map((f) => (f === 'node' ? node : e)));
    }
    const cols = fields.map((f) => ({ title: EXPORT_FIELDS.find((x) => x.name === f)!.title, alignRight: false }));
    for (const l of formatTable(rows, cols, opts.headers !== false, opts.separator ?? null)) ctx.out(l);
    return 0;
  },
};
