// A query's answer as the gnt-* table itself (QueryRequest.table): the same formatting code
// the CLI runs (common/client/table.ts), run here where it is warm. A fresh gnt-* process
// ran it cold on every list: for 10,000 instances its decode, format and garbage collection
// were most of what the list took beyond `gnt-cluster version` (docs/scaling.md, round 9).
import { ParameterError } from '../../common/errors.js';
import type { QueryColumn } from '../../common/client/master-api.js';
import { formatQueryResult, joinList, type ColumnOverride } from '../../common/client/table.js';
import { UNIT_CHOICES, type Units } from '../../common/units.js';
import { resultColumns, type QueryResult } from './index.js';

export interface TableOptions {
  header: boolean;
  separator: string | null;
  units: string;
  verbose: boolean;
  joined: readonly string[];
}

export interface TableAnswer { table_text: string; table_lines: number; table_status: string }

export function tableAnswer(result: QueryResult, o: TableOptions): TableAnswer {
  if (o.units !== '' && !(UNIT_CHOICES as readonly string[]).includes(o.units)) {
    throw new ParameterError(`Invalid table units '${o.units}' (allowed: ${UNIT_CHOICES.join(', ')}, or empty for the default)`, { ecode: 'wrong_input' });
  }
  const overrides: Record<string, ColumnOverride> = Object.fromEntries(o.joined.map((f) => [f, { format: joinList }]));
  const { status, lines } = formatQueryResult({ fields: result.fields, rows: [], columns: clientColumns(result) }, {
    header: o.header, separator: o.separator, units: o.units === '' ? null : o.units as Units, verbose: o.verbose, overrides,
  });
  return { table_text: lines.join('\n'), table_lines: lines.length, table_status: status };
}

/** The columns as the client would hold them after decoding columns_json: a column with
 * anything but strings, booleans, finite numbers and nulls goes through JSON, so that
 * objects, non-finite numbers and undefined render exactly as the client renders them. */
function clientColumns(result: QueryResult): QueryColumn[] {
  return resultColumns(result).map((c) => (c.values.every(isPlain) ? c : { ...c, values: JSON.parse(JSON.stringify(c.values)) as unknown[] }));
}

const isPlain = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
