// A query's answer as the gnt-* table itself (QueryRequest.table): the same formatting code
// the CLI runs (common/client/table.ts), run here where it is warm. A fresh gnt-* process
// ran it cold on every list: for 10,000 instances its decode, format and garbage collection
// were most of what the list took beyond `gnt-cluster version` (docs/scaling.md, round 9).
import { ParameterError } from '../../common/errors.js';
import type { QueryColumn } from '../../common/client/master-api.js';
import { joinedOverrides, layQueryResult, queryStatus, type TableLayout } from '../../common/client/table.js';
import { UNIT_CHOICES, type Units } from '../../common/units.js';
import { resultColumns, type QueryInput, type QueryResult } from './index.js';
import type { FieldDefinition, LiveData } from './types.js';
import { runtimesByName } from './instance-context.js';
import { sameRuntime } from '../../common/instance-runtime.js';
import { RpcResult } from '../rpc/rpc-result.js';
import type { Instance } from '../../common/objects.js';

export interface TableOptions {
  header: boolean;
  separator: string | null;
  units: string;
  verbose: boolean;
  joined: readonly string[];
}

export interface TableAnswer { table_text: string; table_lines: number; table_status: string }

export function tableAnswer(result: QueryResult, o: TableOptions): TableAnswer {
  return tableText(result.fields, clientColumns(result), o).answer;
}

/** A table as laid out, so that the lines of changed rows can be made alone. */
interface Laid {
  layout: TableLayout;
  cell: (c: number, status: number, value: unknown) => string;
  counts: Map<number, number>;
  /** Where each line starts in the text, and one past its end (made on first use). */
  offsets: Int32Array | null;
}

function tableText(fields: FieldDefinition[], columns: QueryColumn[], o: TableOptions): { answer: TableAnswer; laid: Laid } {
  if (o.units !== '' && !(UNIT_CHOICES as readonly string[]).includes(o.units)) {
    throw new ParameterError(`Invalid table units '${o.units}' (allowed: ${UNIT_CHOICES.join(', ')}, or empty for the default)`, { ecode: 'wrong_input' });
  }
  const { status, lines, layout, cell, counts } = layQueryResult({ fields, rows: [], columns }, {
    header: o.header, separator: o.separator, units: o.units === '' ? null : o.units as Units, verbose: o.verbose,
    overrides: joinedOverrides(o.joined),
  });
  return { answer: { table_text: lines.join('\n'), table_lines: lines.length, table_status: status }, laid: { layout, cell, counts, offsets: null } };
}

/** A table and the fields it shows, as the Query answer carries them. */
export interface KeptTable extends TableAnswer { fields: FieldDefinition[] }

/** Tables kept at once: the usual lists (default fields, -o name, a watcher's or script's own). */
const MAX_KEPT = 4;
/** Past this many changed rows the table is made whole (the rows' query would cost as much). */
const MAX_ROWS_AGAIN = 1000;

/**
 * What lets a kept list of every instance be brought up to date row by row: which instances
 * the config changed since the table's generation, and a query of some instances' rows
 * alone. Given only for a list of all instances without a filter, whose fields each read
 * their own instance (query/index.ts rowsStandAlone).
 */
export interface InstanceRows {
  /** The names of every instance in row order now (called right after a whole query). */
  order(): string[];
  /** Uuids of the instances written since a generation; null when more than instances changed. */
  changedSince(generation: number): ReadonlySet<string> | null;
  byUuid(uuid: string): Instance | undefined;
  byName(name: string): Instance | undefined;
  /** These instances' rows alone, in this order. */
  rows(items: Instance[]): QueryResult;
}

interface Kept {
  gen: number;
  live: unknown[];
  columns: QueryColumn[];
  table: KeptTable;
  /** How the text was laid out (the layout is shared with the tables made from this one). */
  laid: Laid;
  /** The rows' instance names in order, and each name's row (built on first use). */
  rows: { names: string[]; at: Map<string, number> | null } | null;
}

/**
 * The last tables made, each with what it was made from: the request, the config's
 * generation (it moves with every change, even before the change is flushed) and the nodes'
 * instance lists, which the master holds as the very objects of the nodes' last answers while
 * a node reports no change (rpc/tagged-lists.ts). A list asked again with nothing changed,
 * as scripts, the watcher and a sysadmin's `watch gnt-instance list` do, is then the kept
 * text: no query over 10,000 instances and no formatting. The nodes are still asked every
 * time, so an instance that died since the last list shows in the next one.
 * When something changed, only the rows it can touch are made again where that is known
 * (InstanceRows: instances the config wrote, instances whose node reports them differently),
 * else the whole query runs again. Either way cells equal to the kept table's (a change to a
 * field not shown, a tag, another list's instances) keep its text: no formatting.
 */
export class KeptTables {
  private readonly kept = new Map<string, Kept>();

  /** For tests: how many tables are kept. */
  get size(): number { return this.kept.size; }

  answer(input: QueryInput, o: TableOptions, live: LiveData, generation: number, run: () => QueryResult,
    rows?: InstanceRows): KeptTable {
    const inputs = input.what === 'instance' ? liveInputs(live) : null;
    const key = inputs && JSON.stringify([input.fields, input.names, input.filter, o.header, o.separator, o.units, o.verbose, o.joined]);
    const k = key ? this.kept.get(key) : undefined;
    if (k && k.gen === generation && sameInputs(k.live, inputs!)) return k.table;
    let made = k && rows && k.rows ? rowsAgain(k, inputs!, rows, o) : null;
    if (!made) {
      const result = run();
      const columns = clientColumns(result);
      const order = rows ? { names: rows.order(), at: null } : null;
      if (k && sameColumns(k.columns, columns)) made = { columns, table: k.table, laid: k.laid, rows: order };
      else {
        const { answer, laid } = tableText(result.fields, columns, o);
        made = { columns, table: { fields: result.fields, ...answer }, laid, rows: order };
      }
    }
    if (!key) return made.table;
    this.kept.delete(key);
    // The generation only moves on: tables of an older one can never be used again.
    for (const [other, e] of this.kept) if (e.gen !== generation) this.kept.delete(other);
    this.kept.set(key, { gen: generation, live: inputs!, ...made });
    while (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return made.table;
  }
}

/**
 * The kept table with the rows of the instances changed since it was made made again: by
 * the config (InstanceRows.changedSince) or by their nodes' answers. null when that cannot
 * tell (more than instances changed, an instance added, removed or renamed, a node failed
 * or came back, too many rows): the whole query runs then.
 */
function rowsAgain(k: Kept, inputs: unknown[], src: InstanceRows, o: TableOptions): Omit<Kept, 'gen' | 'live'> | null {
  const byConfig = src.changedSince(k.gen);
  const byNodes = byConfig && liveChanges(k.live, inputs);
  if (!byConfig || !byNodes || byConfig.size + byNodes.size > MAX_ROWS_AGAIN) return null;
  const order = k.rows!;
  const at = (order.at ??= new Map(order.names.map((n, r) => [n, r])));
  const items = new Map<number, Instance>();
  for (const uuid of byConfig) {
    const inst = src.byUuid(uuid);
    const r = inst && at.get(inst.name);
    if (r === undefined) return null;   // removed, added or renamed: other rows
    items.set(r, inst!);
  }
  for (const name of byNodes) {
    const r = at.get(name);
    const inst = r === undefined ? undefined : src.byName(name);
    // A name no instance has (a VM the cluster does not know) is in no row.
    if (inst) items.set(r!, inst);
  }
  const same = { columns: k.columns, table: k.table, laid: k.laid, rows: order };
  if (!items.size) return same;
  const positions = [...items.keys()];
  const fresh = clientColumns(src.rows([...items.values()]));
  let columns: QueryColumn[] | null = null;
  const changed = new Set<number>();
  for (let c = 0; c < fresh.length; c++) {
    const was = k.columns[c]!, now = fresh[c]!;
    for (let i = 0; i < positions.length; i++) {
      const r = positions[i]!;
      const st = now.statuses ? now.statuses[i]! : 0;
      if ((was.statuses ? was.statuses[r]! : 0) === st && sameCell(was.values[r], now.values[i])) continue;
      columns ??= k.columns.slice();
      if (columns[c] === was) columns[c] = { statuses: was.statuses && was.statuses.slice(), values: was.values.slice() };
      const col = columns[c]!;
      if (st !== 0 && !col.statuses) col.statuses = new Array<number>(col.values.length).fill(0);
      if (col.statuses) col.statuses[r] = st;
      col.values[r] = now.values[i];
      changed.add(r);
    }
  }
  if (!columns) return same;
  const relaid = linesAgain(k.table, k.laid, k.columns, columns, [...changed].sort((a, b) => a - b), o.header);
  if (relaid) return { columns, ...relaid, rows: order };
  const { answer, laid } = tableText(k.table.fields, columns, o);
  return { columns, table: { fields: k.table.fields, ...answer }, laid, rows: order };
}

/**
 * The table with the lines of these rows (ascending) laid out again. While every column keeps
 * its width, only those lines change; a column whose width changes (a status that outgrows
 * it, the last of its widest cells gone) is padded again in every line, the rest of each line
 * kept as it was. null when the lines are not fixed fields (TableLayout.change): the whole
 * table is laid out.
 */
function linesAgain(table: KeptTable, laid: Laid, was: QueryColumn[], now: QueryColumn[], rows: number[], header: boolean):
  { table: KeptTable; laid: Laid } | null {
  const L = laid.layout;
  const cellsOf = (cols: QueryColumn[], r: number) => {
    const st = cols.map((c) => (c.statuses ? c.statuses[r]! : 0));
    return { st, cells: cols.map((c, i) => laid.cell(i, st[i]!, c.values[r])) };
  };
  const changes = rows.map((r) => ({ r, a: cellsOf(was, r), b: cellsOf(now, r) }));
  const widthsBefore = L.widths.map((w) => w.width);
  const resize = L.change(changes.map((x) => ({ was: x.a.cells, now: x.b.cells })));
  if (resize === null) return null;
  const counts = new Map(laid.counts);
  for (const { a, b } of changes) {
    for (const s of a.st) if (s !== 0) counts.set(s, (counts.get(s) ?? 0) - 1);
    for (const s of b.st) if (s !== 0) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  // Columns counted again from every cell; in those whose width moved every cell's padding changes.
  const n = now[0]?.values.length ?? 0;
  const moved: number[] = [];
  for (const c of resize) {
    const col = now[c]!;
    const cells = col.values.map((v, r) => laid.cell(c, col.statuses ? col.statuses[r]! : 0, v));
    if (!L.recount(c, cells)) return null;
    if (L.widths[c]!.width !== widthsBefore[c]) moved.push(c);
  }
  const text = table.table_text;
  const offsets = (laid.offsets ??= lineOffsets(text, table.table_lines));
  const first = header ? 1 : 0;
  const pieces: string[] = [];
  if (!moved.length) {
    // Every other line stands: the changed ones are spliced in.
    let from = 0;
    const lines: { line: number; delta: number }[] = [];
    for (const { r, b } of changes) {
      const line = r + first;
      const start = offsets[line]!, end = offsets[line + 1]! - 1;
      const made = L.line(b.cells);
      pieces.push(text.slice(from, start), made);
      from = end;
      lines.push({ line, delta: made.length - (end - start) });
    }
    pieces.push(text.slice(from));
    return {
      table: { ...table, table_text: pieces.join(''), table_status: queryStatus(counts, n, table.fields) },
      laid: { ...laid, counts, offsets: shifted(offsets, lines) },
    };
  }
  // A kept cell of a moved column fits both widths: only its padding grows or shrinks, on the
  // right of a left-aligned column, on the left of a right-aligned one. So each kept line gets
  // spaces put in or taken out at fixed places, and the text between is kept as it is.
  let start = 0;
  const edits: { at: number; put: string; cut: number }[] = [];
  for (let c = 0, m = 0; c < widthsBefore.length; c++) {
    const w = widthsBefore[c]!;
    if (moved[m] === c) {
      const d = L.widths[c]!.width - w;
      const at = L.alignRight(c) ? start : start + w + Math.min(d, 0);
      edits.push({ at, put: d > 0 ? ' '.repeat(d) : '', cut: Math.max(-d, 0) });
      m++;
    }
    start += w + 1;
  }
  const changedLines = new Map(changes.map((x) => [x.r + first, L.line(x.b.cells)]));
  if (header) changedLines.set(0, L.header());
  const perLine = edits.reduce((sum, e) => sum + e.put.length - e.cut, 0);
  const next = new Int32Array(offsets.length);
  let from = 0, shift = 0;
  for (let line = 0; line < next.length - 1; line++) {
    const at = offsets[line]!;
    next[line] = at + shift;
    const made = changedLines.get(line);
    if (made !== undefined) {
      pieces.push(text.slice(from, at), made);
      from = offsets[line + 1]! - 1;
      shift += made.length - (from - at);
      continue;
    }
    for (const e of edits) {
      pieces.push(text.slice(from, at + e.at));
      if (e.put) pieces.push(e.put);
      from = at + e.at + e.cut;
    }
    shift += perLine;
  }
  pieces.push(text.slice(from));
  next[next.length - 1] = offsets[offsets.length - 1]! + shift;
  return {
    table: { ...table, table_text: pieces.join(''), table_status: queryStatus(counts, n, table.fields) },
    laid: { ...laid, counts, offsets: next },
  };
}

/** Line offsets after some lines changed length (ascending, each by delta). */
function shifted(offsets: Int32Array, lines: { line: number; delta: number }[]): Int32Array {
  if (!lines.some((l) => l.delta !== 0)) return offsets;
  const next = offsets.slice();
  let shift = 0, j = 0;
  for (let i = 0; i < next.length; i++) {
    while (j < lines.length && lines[j]!.line < i) shift += lines[j++]!.delta;
    next[i]! += shift;
  }
  return next;
}

/** Where each of a text's `count` lines starts, then one past the last line's end (+1 for its newline). */
function lineOffsets(text: string, count: number): Int32Array {
  const out = new Int32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    out[i] = at;
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? text.length + 1 : nl + 1;
  }
  out[count] = text.length + 1;
  return out;
}

/**
 * The instance names whose entries differ between two sets of node answers (node, answer,
 * node, answer...): an instance started, stopped or moved shows in its nodes' answers. null
 * when the nodes differ, or a node failed or answers again after failing (every row of its
 * instances changes status).
 */
function liveChanges(a: unknown[], b: unknown[]): Set<string> | null {
  if (a.length !== b.length) return null;
  const names = new Set<string>();
  for (let i = 0; i < a.length; i += 2) {
    if (a[i] !== b[i]) return null;
    const x = a[i + 1], y = b[i + 1];
    if (x === y || sameFailure(x, y)) continue;
    const was = runtimesByName(x), now = runtimesByName(y);
    if (!was || !now) return null;
    for (const [name, rt] of now) {
      const before = was.get(name);
      if (!before || (before !== rt && !sameRuntime(before, rt))) names.add(name);
    }
    for (const name of was.keys()) if (!now.has(name)) names.add(name);
  }
  return names;
}

/** The same cells: equal statuses and values (a list or dict cell, new per query, by its JSON). */
function sameColumns(a: QueryColumn[], b: QueryColumn[]): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) {
    const x = a[c]!, y = b[c]!;
    if (x.values.length !== y.values.length || (x.statuses === null) !== (y.statuses === null)) return false;
    if (x.statuses && !x.statuses.every((st, r) => st === y.statuses![r])) return false;
    for (let r = 0; r < x.values.length; r++) {
      if (!sameCell(x.values[r], y.values[r])) return false;
    }
  }
  return true;
}

function sameCell(v: unknown, w: unknown): boolean {
  if (Object.is(v, w)) return true;
  return typeof v === 'object' && typeof w === 'object' && v !== null && w !== null && JSON.stringify(v) === JSON.stringify(w);
}

/** The live data an instance table was made from, node by node; null when some of it is read
 * afresh on every request (node info, OS lists, the watcher's records), so never the same. */
function liveInputs(live: LiveData): unknown[] | null {
  const out: unknown[] = [];
  for (const [source, map] of Object.entries(live) as [string, unknown][]) {
    if (source !== 'instanceList' || !(map instanceof Map)) return null;
    for (const [node, answer] of map as Map<string, unknown>) out.push(node, answer);
  }
  return out;
}

/** The same answers: the very objects, or failures alike. */
function sameInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFailure(a[i], b[i])) return false;
  return true;
}

/** A failed or offline node's answer is made anew per request, and shows only as failed or
 * offline in a table: two that failed alike are the same. */
function sameFailure(x: unknown, y: unknown): boolean {
  return x instanceof RpcResult && y instanceof RpcResult && x.failed && y.failed && x.offline === y.offline && x.failMsg === y.failMsg;
}

/** The columns as the client would hold them after decoding columns_json: a column with
 * anything but strings, booleans, finite numbers and nulls goes through JSON, so that
 * objects, non-finite numbers and undefined render exactly as the client renders them. */
function clientColumns(result: QueryResult): QueryColumn[] {
  return resultColumns(result).map((c) => (c.values.every(isPlain) ? c : { ...c, values: JSON.parse(JSON.stringify(c.values)) as unknown[] }));
}

const isPlain = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
