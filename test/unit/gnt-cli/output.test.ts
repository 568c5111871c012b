// Ganeti's output formats: tables (alignment, units, separator, headers, cell statuses),
// the PrintGenericInfo layout, ctime/FormatTime.
process.env.TZ = 'UTC';
import test from 'ava';
import { formatQueryResult, formatTable } from '../../../daemons/common/client/table.js';
import { formatGenericInfo, formatParamsDictInfo, Inline, ordered } from '../../../gnt-cli/framework/info-printer.js';
import { ctime, formatTime, formatTimestamp, niceSort, pyStr } from '../../../daemons/common/client/py-format.js';
import { fields, row } from './helpers/fake-master.js';

const NODE_RESULT = {
  fields: fields([['name', 'Node', 'text'], ['dtotal', 'DTotal', 'unit'], ['dfree', 'DFree', 'unit'],
    ['mtotal', 'MTotal', 'unit'], ['pinst_cnt', 'Pinst', 'number'], ['master_candidate', 'MasterC', 'bool']]),
  rows: [
    row('node1.example.com', 202137, 202137, 2047, 0, true),
    row('node2', 512, 100, 1048576 * 1.2, 12, false),
  ],
};

test('table: numbers and units right-aligned, text left, one space, human units', (t) => {
  const { lines, status } = formatQueryResult(NODE_RESULT);
  t.is(status, 'normal');
  t.deepEqual(lines, [
    'Node              DTotal  DFree MTotal Pinst MasterC',
    'node1.example.com 197.4G 197.4G   2.0G     0 Y',
    'node2               512M   100M   1.2T    12 N',
  ]);
});

test('table: --separator gives raw MiB values without padding, --units forces a unit', (t) => {
  t.deepEqual(formatQueryResult(NODE_RESULT, { separator: '|' }).lines, [
    'Node|DTotal|DFree|MTotal|Pinst|MasterC',
    'node1.example.com|202137|202137|2047|0|Y',
    'node2|512|100|1258291|12|N',
  ]);
  t.deepEqual(formatQueryResult(NODE_RESULT, { separator: ',', units: 'g', header: false }).lines, [
    'node1.example.com,197.4,197.4,2.0,0,Y',
    'node2,0.5,0.1,1228.8,12,N',
  ]);
});

test('table: --no-headers drops only the header; last text column is not padded', (t) => {
  const res = { fields: fields([['name', 'Instance', 'text'], ['status', 'Status', 'text']]), rows: [row('a', 'running'), row('longer', 'ADMIN_down')] };
  t.deepEqual(formatQueryResult(res, { header: false }).lines, ['a      running', 'longer ADMIN_down']);
});

test('table: special cell statuses, terse and verbose', (t) => {
  const res = {
    fields: fields([['name', 'Instance', 'text'], ['oper_ram', 'Memory', 'unit'], ['x', 'x', 'unknown']]),
    rows: [[{ status: 0, value: 'i1' }, { status: 3, value: null }, { status: 1, value: null }],
      [{ status: 0, value: 'i2' }, { status: 4, value: null }, { status: 1, value: null }],
      [{ status: 0, value: 'i3' }, { status: 2, value: null }, { status: 1, value: null }]],
  };
  const terse = formatQueryResult(res);
  t.is(terse.status, 'unknown');
  t.deepEqual(terse.lines, ['Instance Memory x', 'i1            - ??', 'i2            * ??', 'i3            ? ??']);
  t.deepEqual(formatQueryResult(res, { verbose: true }).lines.slice(1),
    ['i1       (unavail) (unknown)', 'i2       (offline) (unknown)', 'i3        (nodata) (unknown)']);
  const incomplete = formatQueryResult({ fields: res.fields.slice(0, 2), rows: res.rows.map((r) => r.slice(0, 2)) });
  t.is(incomplete.status, 'incomplete');
});

test('table: unknown field with no rows still counts as unknown', (t) => {
  t.is(formatQueryResult({ fields: fields([['bogus', 'bogus', 'unknown']]), rows: [] }).status, 'unknown');
});

test('table: booleans, timestamps, lists', (t) => {
  const res = {
    fields: fields([['ctime', 'CTime', 'timestamp'], ['tags', 'Tags', 'other'], ['up', 'Up', 'bool']]),
    rows: [row(1700000000, ['a', 'b'], false)],
  };
  t.deepEqual(formatQueryResult(res).lines, ['CTime               Tags       Up', "2023-11-14 22:13:20 ['a', 'b'] N"]);
});

test('formatTable with separator keeps the header', (t) => {
  t.deepEqual(formatTable([['a', 'b']], [{ title: 'X', alignRight: false }, { title: 'Y', alignRight: true }], true, ':'), ['X:Y', 'a:b']);
});

test('PrintGenericInfo: keys, nested dicts sorted, lists, empty values', (t) => {
  const text = formatGenericInfo(ordered([
    ['Cluster name', 'cluster'],
    ['Tags', '(none)'],
    ['Hypervisor parameters', { fake: { migration_mode: 'live' }, kvm: { acpi: 'True', boot_order: 'disk' } }],
    ['Hidden OSes', ''],
    ['Empty', {}],
    ['List', ['a', 'b']],
    ['Flag', true],
    ['Nothing', null],
  ]));
  t.is(text, [
    'Cluster name: cluster',
    'Tags: (none)',
    'Hypervisor parameters: ',
    '  fake: ',
    '    migration_mode: live',
    '  kvm: ',
    '    acpi: True',
    '    boot_order: disk',
    'Hidden OSes: ',
    'Empty: ',
    'List: ',
    '  - a',
    '  - b',
    'Flag: True',
    'Nothing: None',
  ].join('\n'));
});

test('PrintGenericInfo: list of records, alignment groups, inline tuples', (t) => {
  const text = formatGenericInfo([ordered([
    ['Job ID', 17],
    ['Received', 'r', 'ts'],
    ['Processing start', 's', 'ts'],
    ['Opcodes', [ordered([['Opcode', 'OP_TEST_DELAY'], ['Execution log', [ordered([['Time', 't'], ['Content', new Inline([1, 'message', 'hi'])]])]]])]],
  ])]);
  t.is(text, [
    '- Job ID: 17',
    '  Received:         r',
    '  Processing start: s',
    '  Opcodes: ',
    '    - Opcode: OP_TEST_DELAY',
    '      Execution log: ',
    '        - Time: t',
    '          Content: [1, message, hi]',
  ].join('\n'));
});

test('FormatParamsDictInfo: own values, defaults, nested', (t) => {
  t.deepEqual(formatParamsDictInfo({ vcpus: 2 }, { vcpus: 2, maxmem: 128, auto_balance: true }),
    { vcpus: '2', maxmem: 'default (128)', auto_balance: 'default (True)' });
  t.deepEqual(formatParamsDictInfo({}, { sub: { a: 1 }, empty: {} }), { sub: { a: 'default (1)' }, empty: 'default ({})' });
});

test('time formats and Python renderings', (t) => {
  t.is(ctime(Date.UTC(2026, 4, 1, 10, 0, 0) / 1000), 'Fri May  1 10:00:00 2026');
  t.is(formatTime(1700000000), '2023-11-14 22:13:20');
  t.is(formatTimestamp([1700000000, 42]), '2023-11-14 22:13:20.000042');
  t.is(formatTimestamp(null), '?');
  t.is(pyStr([1, 'a', null, true]), "[1, 'a', None, True]");
  t.is(pyStr({ a: 'x' }), "{'a': 'x'}");
  t.deepEqual(niceSort(['node10', 'node2', 'node1']), ['node1', 'node2', 'node10']);
});

/** The same result as the master sends it to the CLI: column by column (QueryResponse.columns_json). */
function columnar(res: { fields: ReturnType<typeof fields>; rows: { status: number; value: unknown }[][] }) {
  const columns = res.fields.map((_, i) => {
    const st = res.rows.map((r) => r[i]!.status);
    return { statuses: st.every((s) => s === 0) ? null : st, values: res.rows.map((r) => r[i]!.value) };
  });
  return { fields: res.fields, columns, get rows(): never { throw new Error('formatted from rows, not columns'); } };
}

test('table: a columnar result formats exactly as its rows (widths of wide characters, statuses, separator)', (t) => {
  const res = {
    fields: fields([['name', 'Instance', 'text'], ['oper_ram', 'Memory', 'unit'], ['status', 'Status', 'text']]),
    rows: [[{ status: 0, value: 'i1-é😀' }, { status: 3, value: null }, { status: 0, value: 'ADMIN_down' }],
      [{ status: 0, value: 'longer-name' }, { status: 0, value: 2048 }, { status: 0, value: 'running' }]],
  };
  for (const opts of [{}, { verbose: true }, { separator: '|' }, { header: false }]) {
    const byRows = formatQueryResult(res, opts);
    t.deepEqual(formatQueryResult(columnar(res), opts), byRows);
  }
  t.deepEqual(formatQueryResult(columnar(res)).lines, ['Instance    Memory Status', 'i1-é😀            - ADMIN_down', 'longer-name   2.0G running']);
  t.is(formatQueryResult(columnar(res)).status, 'incomplete');
  t.deepEqual(formatQueryResult(columnar(NODE_RESULT)), formatQueryResult(NODE_RESULT));
});
