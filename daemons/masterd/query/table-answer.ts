// A query's answer as the gnt-* table itself (QueryRequest.table): the same formatting code
// the CLI runs (common/client/table.ts), run here where it is warm. A fresh gnt-* process
// ran it cold on every list: for 10,000 instances its decode, format and garbage collection
// were most of what the list took beyond `gnt-cluster version` (docs/scaling.md, round 9).
import { ParameterError } from '../../common/errors.js';
import type { QueryColumn } from '../../common/client/master-api.js';
import { formatQueryResult, joinedOverrides } from '../../common/client/table.js';
import { UNIT_CHOICES, type Units } from '../../common/units.js';
import { resultColumns, type QueryInput, type QueryResult } from './index.js';
import type { FieldDefinition, LiveData } from './types.js';
import { RpcResult } from '../rpc/rpc-result.js';

export interface TableOptions {
  header: boolean;
  separator: string | null;
  units: string;
  verbose: boolean;
  joined: readonly string[];
}

export interface TableAnswer { table_text: string; table_lines: number; table_status: string }

export function tableAnswer(result: QueryResult, o: TableOptions): TableAnswer {
  return tableText(result.fields, clientColumns(result), o);
}

function tableText(fields: FieldDefinition[], columns: QueryColumn[], o: TableOptions): TableAnswer {
  if (o.units !== '' && !(UNIT_CHOICES as readonly string[]).includes(o.units)) {
    throw new ParameterError(`Invalid table units '${o.units}' (allowed: ${UNIT_CHOICES.join(', ')}, or empty for the default)`, { ecode: 'wrong_input' });
  }
  const { status, lines } = formatQueryResult({ fields, rows: [], columns }, {
    header: o.header, separator: o.separator, units: o.units === '' ? null : o.units as Units, verbose: o.verbose,
    overrides: joinedOverrides(o.joined),
  });
  return { table_text: lines.join('\n'), table_lines: lines.length, table_status: status };
}

/** A table and the fields it shows, as the Query answer carries them. */
export interface KeptTable extends TableAnswer { fields: FieldDefinition[] }

/** Tables kept at once: the usual lists (default fields, -o name, a watcher's or script's own). */
const MAX_KEPT = 4;

/**
 * The last tables made, each with what it was made from: the request, the config's
 * generation (it moves with every change, even before the change is flushed) and the nodes'
 * instance lists, which the master holds as the very objects of the nodes' last answers while
 * a node reports no change (rpc/tagged-lists.ts). A list asked again with nothing changed,
 * as scripts, the watcher and a sysadmin's `watch gnt-instance list` do, is then the kept
 * text: no query over 10,000 instances and no formatting. The nodes are still asked every
 * time, so an instance that died since the last list shows in the next one. When something
 * changed, the query runs again, but cells equal to the kept table's (a change to a field
 * not shown, a tag, another list's instances) keep its text: no formatting.
 */
export class KeptTables {
  private readonly kept = new Map<string, { gen: number; live: unknown[]; columns: QueryColumn[]; table: KeptTable }>();

  /** For tests: how many tables are kept. */
  get size(): number { return this.kept.size; }

  answer(input: QueryInput, o: TableOptions, live: LiveData, generation: number, run: () => QueryResult): KeptTable {
    const inputs = input.what === 'instance' ? liveInputs(live) : null;
    const key = inputs && JSON.stringify([input.fields, input.names, input.filter, o.header, o.separator, o.units, o.verbose, o.joined]);
    const k = key ? this.kept.get(key) : undefined;
    if (k && k.gen === generation && sameInputs(k.live, inputs!)) return k.table;
    const result = run();
    const columns = clientColumns(result);
    const table = k && sameColumns(k.columns, columns) ? k.table : { fields: result.fields, ...tableText(result.fields, columns, o) };
    if (!key) return table;
    this.kept.delete(key);
    // The generation only moves on: tables of an older one can never be used again.
    for (const [other, e] of this.kept) if (e.gen !== generation) this.kept.delete(other);
    this.kept.set(key, { gen: generation, live: inputs!, columns, table });
    while (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return table;
  }
}

/** The same cells: equal statuses and values (a list or dict cell, new per query, by its JSON). */
function sameColumns(a: QueryColumn[], b: QueryColumn[]): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) {
    const x = a[c]!, y = b[c]!;
    if (x.values.length !== y.values.length || (x.statuses === null) !== (y.statuses === null)) return false;
    if (x.statuses && !x.statuses.every((st, r) => st === y.statuses![r])) return false;
    for (let r = 0; r < x.values.length; r++) {
      const v = x.values[r], w = y.values[r];
      if (Object.is(v, w)) continue;
      if (typeof v !== 'object' || typeof w !== 'object' || v === null || w === null || JSON.stringify(v) !== JSON.stringify(w)) return false;
    }
  }
  return true;
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

/** The same answers: the very objects, or failures alike (a failed or offline node's answer
 * is made anew per request, and shows only as failed or offline in a table). */
function sameInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (!(x instanceof RpcResult) || !(y instanceof RpcResult) || !x.failed || !y.failed ||
      x.offline !== y.offline || x.failMsg !== y.failMsg) return false;
  }
  return true;
}

/** The columns as the client would hold them after decoding columns_json: a column with
 * anything but strings, booleans, finite numbers and nulls goes through JSON, so that
 * objects, non-finite numbers and undefined render exactly as the client renders them. */
function clientColumns(result: QueryResult): QueryColumn[] {
  return resultColumns(result).map((c) => (c.values.every(isPlain) ? c : { ...c, values: JSON.parse(JSON.stringify(c.values)) as unknown[] }));
}

const isPlain = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
