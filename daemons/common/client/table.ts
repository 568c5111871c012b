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
  const layout = layColumns(cells, count, columns, header, separator);
  const out: string[] = [];
  if (header) out.push(layout.line(columns.map((c) => c.title)));
  const row: string[] = new Array(columns.length);
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < columns.length; c++) row[c] = cells[c]![r]!;
    out.push(layout.line(row));
  }
  return out;
}

/**
 * How a table's columns are laid out: each column's width (its widest cell or title), how
 * many cells have that width, and the line of one row's cells. A row whose new cells keep
 * every width (TableLayout.fits) can be laid out alone: masterd's kept tables change the
 * lines of changed rows only (query/table-answer.ts).
 */
export interface TableLayout {
  widths: { width: number; atWidth: number }[];
  /** One line: padded cells joined by one space, or raw cells joined by the separator. */
  line(cells: readonly string[]): string;
  /** Whether a row's cells can go from `was` to `now` with every column's width the same;
   * updates the counts of cells at each width when they can (cells whose display width
   * differs from their length, and a column left with no cell at its width, cannot). */
  fits(was: readonly string[], now: readonly string[]): boolean;
}

function layColumns(cells: string[][], count: number, columns: TableColumn[], header: boolean, separator: string | null): TableLayout {
  if (separator !== null) {
    return { widths: [], line: (row) => row.join(separator), fits: () => true };
  }
  const last = columns.length - 1;
  // Per column, in one pass each, the widest cell; then each line in one piece (padStart /
  // padEnd count UTF-16 units: a cell whose display width differs gets the difference).
  // Each line is joined flat as it is made, so only the lines outlive the loop: padded
  // cells kept per column until the lines were built were 60,000 strings for 10,000 rows,
  // all copied by every young-generation collection on the way (+24 ms of GC in the
  // client's profile of a 10,000-instance list, docs/scaling.md round 9).
  const pads: ((s: string) => string)[] = [];
  const widths: { width: number; atWidth: number }[] = [];
  let anyOdd = false;
  for (let c = 0; c <= last; c++) {
    const col = cells[c]!;
    const title = columns[c]!.title;
    let w = header ? width(title) : 0;
    let at = header ? 1 : 0;
    let odd = false;
    for (let r = 0; r < count; r++) {
      const s = col[r]!;
      const sw = width(s);
      if (sw !== s.length) odd = true;
      if (sw > w) { w = sw; at = 1; } else if (sw === w) at++;
    }
    anyOdd ||= odd;
    const right = columns[c]!.alignRight;
    const target = c === last && !right ? 0 : w;
    widths.push({ width: w, atWidth: at });
    pads.push((s: string): string => {
      const t = odd || s === title ? target + s.length - width(s) : target;
      return right ? s.padStart(t) : s.padEnd(t);
    });
  }
  const parts: string[] = new Array(last + 1);
  return {
    widths,
    line(row) {
      for (let c = 0; c <= last; c++) parts[c] = pads[c]!(row[c]!);
      return parts.join(' ');
    },
    fits(was, now) {
      if (anyOdd) return false;
      const next = widths.map((w) => ({ ...w }));
      for (let c = 0; c <= last; c++) {
        const a = was[c]!.length, b = now[c]!.length;
        if (width(now[c]!) !== b) return false;
        if (a === b || (c === last && !columns[c]!.alignRight)) continue;
        const w = next[c]!;
        if (b > w.width) return false;
        if (b === w.width) w.atWidth++;
        if (a === w.width && --w.atWidth === 0) return false;
      }
      for (let c = 0; c <= last; c++) widths[c] = next[c]!;
      return true;
    },
  };
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
  const { status, lines } = layQueryResult(result, opts);
  return { status, lines };
}

/** A query result's table as laid out: its lines, and what lays out a row again. */
export interface LaidOutQuery {
  status: QueryStatus;
  lines: string[];
  layout: TableLayout;
  cells: RowCells;
  /** How many cells of each abnormal status the table shows (what its status says). */
  counts: Map<number, number>;
}

/** The rendered cells of one row, given each column's status and value. */
export type RowCells = (statuses: readonly number[], values: readonly unknown[]) => string[];

export function layQueryResult(result: QueryResult, opts: QueryFormatOptions = {}): LaidOutQuery {
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
  const header = opts.header ?? true;
  const layout = layColumns(cells, count, tableColumns, header, separator);
  const lines: string[] = [];
  if (header) lines.push(layout.line(tableColumns.map((c) => c.title)));
  const row: string[] = new Array(cells.length);
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < cells.length; c++) row[c] = cells[c]![r]!;
    lines.push(layout.line(row));
  }
  const rowCells: RowCells = (statuses, values) =>
    fmts.map((f, c) => (statuses[c] === CellStatus.Normal ? f.format(values[c]) : formatCellStatus(statuses[c]!, verbose)));
  return { status: queryStatus(counts, count, result.fields), lines, layout, cells: rowCells, counts };
}

/** Ganeti's QR_UNKNOWN when an unknown field shows, QR_INCOMPLETE when a cell has no data. */
export function queryStatus(counts: ReadonlyMap<number, number>, rows: number, fields: FieldDefinition[]): QueryStatus {
  if ((counts.get(CellStatus.Unknown) ?? 0) > 0 || (!rows && unknownFields(fields).length)) return 'unknown';
  return [...counts.values()].some((n) => n > 0) ? 'incomplete' : 'normal';
}
