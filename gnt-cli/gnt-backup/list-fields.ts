// gnt-backup list-fields [FIELD…]: the export fields, as Ganeti's list-fields table.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { formatTable } from '../../daemons/common/client/table.js';
import { EXPORT_FIELDS } from './fields.js';

interface Opts { headers?: boolean; separator?: string }

export const verb: VerbDef<Opts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('--no-headers', "Don't display column headers");
    cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
  },
  async run(ctx, opts, args) {
    const unknown = args.filter((a) => !EXPORT_FIELDS.some((f) => f.name === a));
    if (unknown.length) throw new OpPrereqError(`Unknown fields: ${unknown.join(', ')} (available: ${EXPORT_FIELDS.map((f) => f.name).join(', ')})`, { ecode: 'wrong_input' });
    const chosen = args.length ? args.map((a) => EXPORT_FIELDS.find((f) => f.name === a)!) : EXPORT_FIELDS;
    const rows = chosen.map((f) => [f.name, f.kind, f.title, f.doc]);
    const cols = ['Name', 'Type', 'Title', 'Description'].map((title) => ({ title, alignRight: false }));
    for (const l of formatTable(rows, cols, opts.headers !== false, opts.separator ?? null)) ctx.out(l);
    return 0;
  },
};
