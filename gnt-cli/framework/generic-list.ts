// The list and list-fields verbs every resource has (cli.GenericList / GenericListFields):
// -o f1,f2 or -o +f1, names or a filter, --separator, --no-headers, --units, -v; unknown
// fields warn on stderr and make the command exit 14.
import type { Command } from 'commander';
import { buildQueryFilter } from '../../daemons/common/qlang.js';
import { ParameterError } from '../../daemons/common/errors.js';
import { ExitCode } from '../../daemons/common/client/exit-codes.js';
import type { QueryResult } from '../../daemons/common/client/master-api.js';
import { ARGS_ANY, type VerbContext, type VerbDef } from './spec.js';
import { formatQueryResult, formatTable, joinedOverrides, unknownFields, type ColumnOverride } from '../../daemons/common/client/table.js';
import { UNIT_CHOICES, type Units } from '../../daemons/common/units.js';

export interface ListOpts {
  /** false with --no-headers (commander's negated option). */
  headers?: boolean;
  separator?: string;
  units?: string;
  output?: string;
  verbose?: boolean;
  filter?: string;
}

/** cli.ParseFields: -o replaces the defaults, -o +a,b appends to them. */
export function parseFields(selected: string | undefined, defaults: string[]): string[] {
  if (selected === undefined) return [...defaults];
  if (selected.startsWith('+')) return [...defaults, ...selected.slice(1).split(',')];
  return selected.split(',');
}

export function parseUnitsOption(value: string | undefined): Units | null {
  if (value === undefined) return null;
  if (!(UNIT_CHOICES as readonly string[]).includes(value)) {
    throw new ParameterError(`Invalid value '${value}' for option --units (allowed: ${UNIT_CHOICES.join(', ')})`,
      { ecode: 'wrong_input' });
  }
  return value as Units;
}

export function addListOptions(cmd: Command, withUnits = true): void {
  cmd.option('--no-headers', "Don't display column headers");
  cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
  if (withUnits) cmd.option('--units <unit>', 'Specify units for output (one of h/m/g/t)');
  cmd.option('-o, --output <fields>', 'Comma separated list of output fields');
  cmd.option('-v, --verbose', 'Increase the verbosity of the operation');
  cmd.option('-F, --filter <filter>', 'Query filter (e.g. \'pinst_cnt != 0\')');
}

/** Prints Ganeti's warning for unknown fields; true when there were some. */
export function warnUnknownFields(ctx: VerbContext, result: QueryResult): boolean {
  const unknown = unknownFields(result.fields);
  if (unknown.length) ctx.err(`Warning: Queried for unknown fields ${unknown.map((f) => f.name).join(', ')}`);
  return unknown.length > 0;
}

export interface GenericListConfig {
  resource: string;
  defaultFields: string[];
  /** Fields whose list values are comma-joined (joinList); the master can format those. */
  joined?: readonly string[];
  /** Other renderings, run here: a list with any is formatted by the client. */
  overrides?: Record<string, ColumnOverride>;
  withUnits?: boolean;
}

/** Runs a query and prints it as a table; the exit code is 14 when fields were unknown. */
export async function genericList(ctx: VerbContext, cfg: GenericListConfig, opts: ListOpts, args: string[],
  fields: string[] = parseFields(opts.output, cfg.defaultFields), extraFilter: unknown[] | null = null): Promise<number> {
  const units = parseUnitsOption(opts.units);
  const { names, filter } = buildQueryFilter(args, opts.filter ?? null);
  const combined = filter && extraFilter ? ['&', filter, extraFilter] : (filter ?? extraFilter);
  const master = await ctx.master();
  const table = { units, separator: opts.separator ?? null, header: opts.headers !== false, verbose: !!opts.verbose };
  const joined = cfg.joined ?? [];
  // The master formats the table when it can (warm code there; docs/scaling.md round 9).
  const done = !cfg.overrides && master.queryTable ? await master.queryTable(cfg.resource, fields, names, combined, { ...table, joined }) : null;
  if (done) {
    warnUnknownFields(ctx, { fields: done.fields, rows: [] });
    if (done.lines) ctx.out(done.text);
    return done.status === 'unknown' ? ExitCode.UnknownField : ExitCode.Success;
  }
  const result = await master.query(cfg.resource, fields, names, combined);
  warnUnknownFields(ctx, result);
  const overrides = { ...joinedOverrides(joined), ...cfg.overrides };
  const { status, lines } = formatQueryResult(result, { ...table, overrides });
  for (const line of lines) ctx.out(line);
  return status === 'unknown' ? ExitCode.UnknownField : ExitCode.Success;
}

/** Ganeti's user-facing names of field kinds (cli._QFT_NAMES). */
const KIND_NAMES: Record<string, string> = {
  unknown: 'Unknown', text: 'Text', bool: 'Boolean', number: 'Number', unit: 'Storage size',
  timestamp: 'Timestamp', other: 'Custom',
};

/** list-fields: Name, Type, Title, Description of each (or the given) field. */
export async function genericListFields(ctx: VerbContext, resource: string, opts: ListOpts, fields: string[]): Promise<number> {
  const master = await ctx.master();
  const result = await master.queryFields(resource, fields);
  const found = warnUnknownFields(ctx, result);
  const columns = ['Name', 'Type', 'Title', 'Description'].map((title) => ({ title, alignRight: false }));
  const rows = result.fields.map((f) => [f.name, KIND_NAMES[f.kind] ?? f.kind, f.title, f.doc]);
  for (const line of formatTable(rows, columns, opts.headers !== false, opts.separator ?? null)) ctx.out(line);
  return found ? ExitCode.UnknownField : ExitCode.Success;
}

/** A ready-made list verb for a resource. */
export function listVerb(cfg: GenericListConfig): VerbDef<ListOpts> {
  return {
    args: ARGS_ANY,
    options: (cmd) => addListOptions(cmd, cfg.withUnits ?? true),
    run: (ctx, opts, args) => genericList(ctx, cfg, opts, args),
  };
}

/** A ready-made list-fields verb for a resource. */
export function listFieldsVerb(resource: string): VerbDef<ListOpts> {
  return {
    args: ARGS_ANY,
    options: (cmd) => {
      cmd.option('--no-headers', "Don't display column headers");
      cmd.option('--separator <sep>', 'Separator between output fields (defaults to one space)');
    },
    run: (ctx, opts, args) => genericListFields(ctx, resource, opts, args),
  };
}
