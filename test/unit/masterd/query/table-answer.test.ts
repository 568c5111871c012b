// The master's table (QueryRequest.table) must be the very text the client prints when it
// formats the columns itself: the same code, fed what the client would have decoded.
import test from 'ava';
import { executeQuery, columnsJson, type QueryResult } from '../../../../daemons/masterd/query/index.js';
import { tableAnswer } from '../../../../daemons/masterd/query/table-answer.js';
import { formatQueryResult, joinedOverrides } from '../../../../daemons/common/client/table.js';
import type { QueryColumn } from '../../../../daemons/common/client/master-api.js';
import type { Units } from '../../../../daemons/common/units.js';
import { makeConfig } from './helpers/fixture.js';

/** What a client prints for `result`: columns_json decoded, then table.ts. */
function clientTable(result: QueryResult, o: { header: boolean; separator: string | null; units: Units | null; verbose: boolean; joined: string[] }) {
  const columns: QueryColumn[] = (JSON.parse(columnsJson(result)) as [number[] | 0, unknown[]][])
    .map(([statuses, values]) => ({ statuses: statuses === 0 ? null : statuses, values }));
  const overrides = joinedOverrides(o.joined);
  return formatQueryResult({ fields: result.fields, rows: [], columns }, { ...o, overrides });
}

// Cells of every kind: text, numbers, sizes, booleans, lists, dicts, timestamps, a value
// that is not a finite number, and cells that are not normal.
const result: QueryResult = {
  fields: [
    { name: 'name', title: 'Instance', kind: 'text', doc: '' },
    { name: 'oper_ram', title: 'Memory', kind: 'unit', doc: '' },
    { name: 'tags', title: 'Tags', kind: 'other', doc: '' },
    { name: 'hvparams', title: 'HypervisorParameters', kind: 'other', doc: '' },
    { name: 'admin_up', title: 'Autostart', kind: 'bool', doc: '' },
    { name: 'ctime', title: 'CTime', kind: 'timestamp', doc: '' },
    { name: 'ratio', title: 'Ratio', kind: 'number', doc: '' },
    { name: 'snodes', title: 'Secondary_Nodes', kind: 'other', doc: '' },
  ],
  rows: [
    [{ status: 0, value: 'inst1.example.com' }, { status: 0, value: 128 }, { status: 0, value: ['a', 'b'] },
      { status: 0, value: { kernel_path: '', acpi: true, extra: undefined } }, { status: 0, value: true },
      { status: 0, value: 1700000000.25 }, { status: 0, value: Number.NaN }, { status: 0, value: [] }],
    [{ status: 0, value: 'ünïcödé-😀' }, { status: 3, value: null }, { status: 0, value: [] },
      { status: 0, value: {} }, { status: 0, value: false }, { status: 2, value: null }, { status: 0, value: 0.5 },
      { status: 0, value: ['node2', 'node3'] }],
    [{ status: 0, value: 'x' }, { status: 4, value: null }, { status: 1, value: null }, { status: 0, value: null },
      { status: 0, value: undefined }, { status: 0, value: [1700000000, 5] }, { status: 0, value: 2048 * 1024 },
      { status: 0, value: ['n'] }],
  ],
};

for (const [name, o] of [
  ['defaults', { header: true, separator: null, units: null, verbose: false, joined: ['tags', 'snodes'] }],
  ['no headers, verbose, no joined fields', { header: false, separator: null, units: null, verbose: true, joined: [] }],
  ['separator and units', { header: true, separator: '|', units: 'g', verbose: false, joined: ['tags'] }],
  ['empty separator, units m', { header: false, separator: '', units: 'm', verbose: true, joined: ['snodes'] }],
] as const) {
  test(`the master's table is the client's: ${name}`, (t) => {
    const client = clientTable(result, { ...o, joined: [...o.joined] });
    const master = tableAnswer(result, { ...o, units: o.units ?? '', joined: o.joined });
    t.is(master.table_text, client.lines.join('\n'));
    t.is(master.table_lines, client.lines.length);
    t.is(master.table_status, client.status);
    t.is(master.table_status, 'unknown');   // one cell of an unknown field
  });
}

test("the master's table of a real query, and of no rows", (t) => {
  const cfg = makeConfig();
  const real = executeQuery({ what: 'instance', fields: ['name', 'os', 'pnode', 'tags', 'disk.sizes', 'be/maxmem'], names: [], filter: null }, { cfg, live: {} });
  t.true(real.rows.length > 0);
  const o = { header: true, separator: null, units: null, verbose: false, joined: ['tags', 'disk.sizes'] };
  const master = tableAnswer(real, { ...o, units: '' });
  t.is(master.table_text, clientTable(real, o).lines.join('\n'));
  t.is(master.table_status, 'normal');
  const none = tableAnswer({ fields: real.fields, rows: [] }, { ...o, units: '', header: false });
  t.deepEqual(none, { table_text: '', table_lines: 0, table_status: 'normal' });
});

test('bad table units are refused, naming the allowed ones', (t) => {
  const err = t.throws(() => tableAnswer(result, { header: true, separator: null, units: 'k', verbose: false, joined: [] }));
  t.regex(err!.message, /Invalid table units 'k' \(allowed: h, m, g, t/);
});
