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
  return layLines(cells, count, columns, header, separator).lines;
}

/** The layout of these cells, and every line it makes (the header's first). */
function layLines(cells: string[][], count: number, columns: TableColumn[], header: boolean, separator: string | null):
  { layout: TableLayout; lines: string[] } {
  const layout = layColumns(cells, count, columns, header, separator);
  const lines: string[] = [];
  if (header) lines.push(layout.header());
  const row: string[] = new Array(columns.length);
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < columns.length; c++) row[c] = cells[c]![r]!;
    lines.push(layout.line(row));
  }
  return { layout, lines };
}

/**
 * How a table's columns are laid out: each column's width (its widest cell or title), how
 * many cells have that width, and the line of one row's cells. A row whose new cells keep
 * every width (TableLayout.change) can be laid out alone, and a column whose width changes
 * is counted again (recount), its cells' padding changing in every line on the side
 * alignRight tells: masterd's kept tables change only what changed (query/table-answer.ts).
 */
export interface TableLayout {
  readonly widths: readonly { width: number; atWidth: number }[];
  /** One line: padded cells joined by one space, or raw cells joined by the separator. */
  line(cells: readonly string[]): string;
  /** The titles' line. */
  header(): string;
  /** Rows' cells going from `was` to `now`: the columns whose width may change (a cell wider
   * than its column, or none left at its width), to be counted again from every cell
   * (recount); the others' counts are updated. null when the lines are not fixed fields
   * (every column but a last left-aligned one padded to its width, one space between) or a
   * cell's display width differs from its length. */
  change(rows: readonly { was: readonly string[]; now: readonly string[] }[]): number[] | null;
  /** Column c's width and count from now on, counted from all its cells; false (nothing
   * changed) when one's display width differs from its length. */
  recount(c: number, cells: readonly string[]): boolean;
  /** Whether column c is padded on the left (numbers). */
  alignRight(c: number): boolean;
}

/** A column's width (its widest cell, or the title when shown), how many reach it, and
 * whether a cell's display width differs from its length. */
function columnWidth(cells: readonly string[], count: number, title: string | null): { width: number; atWidth: number; odd: boolean } {
  let w = title === null ? 0 : width(title);
  let at = title === null ? 0 : 1;
  let odd = false;
  for (let r = 0; r < count; r++) {
    const s = cells[r]!;
    const sw = width(s);
    if (sw !== s.length) odd = true;
    if (sw > w) { w = sw; at = 1; } else if (sw === w) at++;
  }
  return { width: w, atWidth: at, odd };
}

function layColumns(cells: string[][], count: number, columns: TableColumn[], header: boolean, separator: string | null): TableLayout {
  const titles = columns.map((c) => c.title);
  if (separator !== null) {
    const line = (row: readonly string[]) => row.join(separator);
    return { widths: [], line, header: () => line(titles), change: () => [], recount: () => true, alignRight: () => false };
  }
  const last = columns.length - 1;
  // Per column, in one pass each, the widest cell; then each line in one piece (padStart /
  // padEnd count UTF-16 units: a cell whose display width differs gets the difference).
  // Each line is joined flat as it is made, so only the lines outlive the loop: padded
  // cells kept per column until the lines were built were 60,000 strings for 10,000 rows,
  // all copied by every young-generation collection on the way (+24 ms of GC in the
  // client's profile of a 10,000-instance list, docs/scaling.md round 9).
  const widths: { width: number; atWidth: number }[] = [];
  const odd: boolean[] = [];
  for (let c = 0; c <= last; c++) {
    const { odd: o, ...w } = columnWidth(cells[c]!, count, header ? titles[c]! : null);
    odd.push(o);
    widths.push(w);
  }
  const fixed = !odd.includes(true);
  const padded = (c: number) => c !== last || columns[c]!.alignRight;
  const pad = (c: number, s: string): string => {
    const col = columns[c]!;
    const target = padded(c) ? widths[c]!.width : 0;
    const t = odd[c] || s === col.title ? target + s.length - width(s) : target;
    return col.alignRight ? s.padStart(t) : s.padEnd(t);
  };
  const parts: string[] = new Array(last + 1);
  const line = (row: readonly string[]) => {
    for (let c = 0; c <= last; c++) parts[c] = pad(c, row[c]!);
    return parts.join(' ');
  };
  return {
    widths,
    line,
    header: () => line(titles),
    change(rows) {
      if (!fixed) return null;
      const next = widths.map((w) => ({ ...w }));
      const resize = new Set<number>();
      for (const { was, now } of rows) {
        for (let c = 0; c <= last; c++) {
          const a = was[c]!.length, b = now[c]!.length;
          if (width(now[c]!) !== b) return null;
          if (a === b || !padded(c) || resize.has(c)) continue;
          const w = next[c]!;
          if (b > w.width) { resize.add(c); continue; }
          if (b === w.width) w.atWidth++;
          if (a === w.width && --w.atWidth === 0) resize.add(c);
        }
      }
      for (let c = 0; c <= last; c++) if (!resize.has(c)) widths[c] = next[c]!;
      return [...resize].sort((x, y) => x - y);
    },
    recount(c, colCells) {
      const { odd: o, ...w } = columnWidth(colCells, colCells.length, header ? titles[c]! : null);
      if (o) return false;
      widths[c] = w;
      return true;
    },
    alignRight: (c) => Boolean(columns[c]!.alignRight),
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
  /** One cell of column c as the table renders it. */
  cell: (c: number, status: number, value: unknown) => string;
  /** How many cells of each abnormal status the table shows (what its status says). */
  counts: Map<number, number>;
}

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
  const cell = (c: number, status: number, value: unknown) =>
    (status === CellStatus.Normal ? fmts[c]!.format(value) : formatCellStatus(status, verbose));
  const count = columns[0]?.values.length ?? result.rows.length;
  const counts = new Map<number, number>();
  const cells = columns.map((col, i) => {
    const st = col.statuses;
    const out: string[] = new Array(count);
    for (let r = 0; r < count; r++) {
      const status = st ? st[r]! : CellStatus.Normal;
      out[r] = cell(i, status, col.values[r]);
      if (status !== CellStatus.Normal) counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    return out;
  });
  const tableColumns = result.fields.map((f, i) => ({ title: f.title || f.name, alignRight: fmts[i]!.alignRight }));
  const { layout, lines } = layLines(cells, count, tableColumns, opts.header ?? true, separator);
  return { status: queryStatus(counts, count, result.fields), lines, layout, cell, counts };
}

/** Ganeti's QR_UNKNOWN when an unknown field shows, QR_INCOMPLETE when a cell has no data. */
export function queryStatus(counts: ReadonlyMap<number, number>, rows: number, fields: FieldDefinition[]): QueryStatus {
  if ((counts.get(CellStatus.Unknown) ?? 0) > 0 || (!rows && unknownFields(fields).length)) return 'unknown';
  return [...counts.values()].some((n) => n > 0) ? 'incomplete' : 'normal';
}
