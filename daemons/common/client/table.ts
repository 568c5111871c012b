// Ganeti's list output (cli.FormatTable / FormatQueryResult): a header of titles, columns
// joined by one space and padded to the widest value, numbers and sizes right-aligned, the
// last left-aligned column unpadded; --separator joins raw values without padding.
// (Written directly rather than with columnify: Ganeti's rules are these few lines, and
// columnify's wrapping and trailing padding differ from them.)
import { CellStatus, type FieldDefinition, type QueryResult } from './master-api.js';
import { formatTime, formatTimestamp, pyStr } from './py-format.js';
import { formatUnit, type Units } from '../units.js';

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
  return formatColumns(columns.map((_, i) => rows.map((row) => row[i] ?? '')), rows.length, columns, header, separator);
}

/**
 * Formats already-rendered cells given column by column (cells[c][r]), `count` rows: one
 * pass per column for its widths, one pass to lay the lines out (10,000 rows are 60,000
 * cells; a column is one array and one width, not an array per row).
 */
export function formatColumns(cells: string[][], count: number, columns: TableColumn[], header: boolean, separator: string | null): string[] {
  const out: string[] = [];
  if (separator !== null) {
    if (header) out.push(columns.map((c) => c.title).join(separator));
    for (let r = 0; r < count; r++) {
      let line = '';
      for (let c = 0; c < columns.length; c++) line += (c ? separator : '') + cells[c]![r]!;
      out.push(line);
    }
    return out;
  }
  const last = columns.length - 1;
  // Per column, in one pass each, the widest cell; then each line in one piece (padStart /
  // padEnd count UTF-16 units: a cell whose display width differs gets the difference).
  // Each line is joined flat as it is made, so only the lines outlive the loop: padded
  // cells kept per column until the lines were built were 60,000 strings for 10,000 rows,
  // all copied by every young-generation collection on the way (+24 ms of GC in the
  // client's profile of a 10,000-instance list, docs/scaling.md round 9).
  const pads: ((s: string) => string)[] = [];
  for (let c = 0; c <= last; c++) {
    const col = cells[c]!;
    const title = columns[c]!.title;
    let w = header ? width(title) : 0;
    let odd = false;
    for (let r = 0; r < count; r++) {
      const s = col[r]!;
      const sw = width(s);
      if (sw !== s.length) odd = true;
      if (sw > w) w = sw;
    }
    const right = columns[c]!.alignRight;
    const target = c === last && !right ? 0 : w;
    pads.push((s: string): string => {
      const t = odd || s === title ? target + s.length - width(s) : target;
      return right ? s.padStart(t) : s.padEnd(t);
    });
  }
  const parts: string[] = new Array(last + 1);
  if (header) {
    for (let c = 0; c <= last; c++) parts[c] = pads[c]!(columns[c]!.title);
    out.push(parts.join(' '));
  }
  for (let r = 0; r < count; r++) {
    for (let c = 0; c <= last; c++) parts[c] = pads[c]!(cells[c]![r]!);
    out.push(parts.join(' '));
  }
  return out;
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

/** Column overrides that comma-join these fields' list values (a list's `joined` fields). */
export function joinedOverrides(fields: readonly string[]): Record<string, ColumnOverride> {
  return Object.fromEntries(fields.map((f) => [f, { format: joinList }]));
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
  const columns = result.columns ?? result.fields.map((_, i) => {
    let statuses: number[] | null = null;
    const values = result.rows.map((row, r) => {
      const cell = row[i] ?? { status: CellStatus.Unknown, value: null };
      if (cell.status !== CellStatus.Normal) (statuses ??= new Array<number>(result.rows.length).fill(CellStatus.Normal))[r] = cell.status;
      return cell.value;
    });
    return { statuses, values };
  });
  const count = columns[0]?.values.length ?? result.rows.length;
  const counts = new Map<number, number>();
  const cells = columns.map((col, i) => {
    const fmt = fmts[i]!.format;
    const st = col.statuses;
    const out: string[] = new Array(count);
    for (let r = 0; r < count; r++) {
      const status = st ? st[r]! : CellStatus.Normal;
      if (status === CellStatus.Normal) out[r] = fmt(col.values[r]);
      else { out[r] = formatCellStatus(status, verbose); counts.set(status, (counts.get(status) ?? 0) + 1); }
    }
    return out;
  });
  const tableColumns = result.fields.map((f, i) => ({ title: f.title || f.name, alignRight: fmts[i]!.alignRight }));
  const lines = formatColumns(cells, count, tableColumns, opts.header ?? true, separator);
  let status: QueryStatus = 'normal';
  if ((counts.get(CellStatus.Unknown) ?? 0) > 0 || (!count && unknownFields(result.fields).length)) {
    status = 'unknown';
  } else if (counts.size) {
    status = 'incomplete';
  }
  return { status, lines };
}
