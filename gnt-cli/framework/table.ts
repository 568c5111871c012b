// Ganeti's list output (cli.FormatTable / FormatQueryResult): a header of titles, columns
// joined by one space and padded to the widest value, numbers and sizes right-aligned, the
// last left-aligned column unpadded; --separator joins raw values without padding.
// (Written directly rather than with columnify: Ganeti's rules are these few lines, and
// columnify's wrapping and trailing padding differ from them.)
import { CellStatus, type FieldDefinition, type QueryResult } from '../../daemons/common/client/master-api.js';
import { formatTime, formatTimestamp, pyStr } from '../../daemons/common/client/py-format.js';
import { formatUnit, type Units } from '../../daemons/common/units.js';

export interface TableColumn {
  title: string;
  alignRight: boolean;
}

/** Display width: code points, as Python's len() of a unicode string. Only a surrogate pair
 * makes code points differ from UTF-16 units: the rest skips building an array per cell. */
function width(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return [...s].length;
  }
  return s.length;
}

/** Formats rows of already-rendered cells. */
export function formatTable(rows: string[][], columns: TableColumn[], header: boolean, separator: string | null): string[] {
  const data: string[][] = header ? [columns.map((c) => c.title)] : [];
  data.push(...rows);
  if (separator !== null) return data.map((row) => row.join(separator));
  // One pass for the widths, one to lay out: 10,000 rows are 60,000 cells.
  const cellWidths = data.map((row) => columns.map((_, i) => width(row[i] ?? '')));
  const widths = columns.map(() => 0);
  for (const ws of cellWidths) for (let i = 0; i < ws.length; i++) if (ws[i]! > widths[i]!) widths[i] = ws[i]!;
  const last = columns.length - 1;
  if (last >= 0 && !columns[last]!.alignRight) widths[last] = 0;
  return data.map((row, r) => columns.map((col, i) => {
    const cell = row[i] ?? '';
    const pad = ' '.repeat(Math.max(0, widths[i]! - cellWidths[r]![i]!));
    return col.alignRight ? pad + cell : cell + pad;
  }).join(' '));
}

/** A per-field rendering that replaces the default one for that field's kind. */
export interface ColumnOverride {
  format: (value: unknown) => string;
  alignRight?: boolean;
}

export interface QueryFormatOptions {
  units?: Units | null;
  separator?: string | null;
  header?: boolean;
  verbose?: boolean;
  overrides?: Record<string, ColumnOverride>;
}

/** Terse and verbose texts of the abnormal cell statuses (Ganeti RSS_DESCRIPTION). */
const STATUS_TEXT: Record<number, [string, string]> = {
  [CellStatus.Unknown]: ['??', '(unknown)'],
  [CellStatus.NoData]: ['?', '(nodata)'],
  [CellStatus.Unavail]: ['-', '(unavail)'],
  [CellStatus.Offline]: ['*', '(offline)'],
};

export function formatCellStatus(status: number, verbose: boolean): string {
  const t = STATUS_TEXT[status];
  return t ? t[verbose ? 1 : 0] : '??';
}

/** Comma-joins a list value (the rendering Ganeti uses for tags, pinst_list, nic.macs…). */
export function joinList(value: unknown): string {
  return Array.isArray(value) ? value.map(pyStr).join(',') : pyStr(value);
}

function kindFormatter(fdef: FieldDefinition, units: Units): ColumnOverride {
  switch (fdef.kind) {
    case 'bool':
      return { format: (v) => (v ? 'Y' : 'N') };
    case 'number':
      return { format: pyStr, alignRight: true };
    case 'unit':
      return { format: (v) => (typeof v === 'number' ? formatUnit(v, units) : pyStr(v)), alignRight: true };
    case 'timestamp':
      return { format: (v) => (Array.isArray(v) ? formatTimestamp(v) : formatTime(v)) };
    default:
      return { format: pyStr };
  }
}

/** Overall state of a query result, as Ganeti's QR_NORMAL / QR_UNKNOWN / QR_INCOMPLETE. */
export type QueryStatus = 'normal' | 'unknown' | 'incomplete';

export function unknownFields(fields: FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.kind === 'unknown');
}

/** Renders a query result as table lines, and tells whether unknown fields or gaps were seen. */
export function formatQueryResult(result: QueryResult, opts: QueryFormatOptions = {}): { status: QueryStatus; lines: string[] } {
  const separator = opts.separator ?? null;
  const units: Units = opts.units ?? (separator ? 'm' : 'h');
  const verbose = opts.verbose ?? false;
  const fmts = result.fields.map((f) => {
    const o = opts.overrides?.[f.name];
    const base = kindFormatter(f, units);
    return { format: o?.format ?? base.format, alignRight: o ? !!o.alignRight : !!base.alignRight };
  });
  const counts = new Map<number, number>();
  const rows = result.rows.map((row) => fmts.map((fmt, i) => {
    const cell = row[i] ?? { status: CellStatus.Unknown, value: null };
    counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
    return cell.status === CellStatus.Normal ? fmt.format(cell.value) : formatCellStatus(cell.status, verbose);
  }));
  const columns = result.fields.map((f, i) => ({ title: f.title || f.name, alignRight: fmts[i]!.alignRight }));
  const lines = formatTable(rows, columns, opts.header ?? true, separator);
  let status: QueryStatus = 'normal';
  if ((counts.get(CellStatus.Unknown) ?? 0) > 0 || (!result.rows.length && unknownFields(result.fields).length)) {
    status = 'unknown';
  } else if ([...counts.entries()].some(([s, n]) => s !== CellStatus.Normal && n > 0)) {
    status = 'incomplete';
  }
  return { status, lines };
}
