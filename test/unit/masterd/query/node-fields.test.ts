import test from 'ava';
import { executeQuery, RS, type Cell } from '../../../../daemons/masterd/query/index.js';
import { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
import { makeConfig, makeLive, nodeInfo } from './helpers/fixture.js';

const DEFAULT = ['name', 'dtotal', 'dfree', 'mtotal', 'mnode', 'mfree', 'pinst_cnt', 'sinst_cnt'];

function rows(fields: string[], live = makeLive(), names: string[] = []): Map<string, Cell[]> {
  const r = executeQuery({ what: 'node', fields: ['name', ...fields], names, filter: null }, { cfg: makeConfig(), live });
  return new Map(r.rows.map((row) => [row[0]!.value as string, row.slice(1)]));
}
const values = (cells: Cell[] | undefined) => cells!.map((c) => (c.status === RS.Normal ? c.value : `#${c.status}`));

test('nodes are nice-sorted (node2 before node10)', (t) => {
  t.deepEqual([...rows([]).keys()], ['node1', 'node2', 'node3', 'node4', 'node10']);
});

test('default fields with live data, offline node and failed RPC', (t) => {
  const r = executeQuery({ what: 'node', fields: DEFAULT, names: [], filter: null }, { cfg: makeConfig(), live: makeLive() });
  t.deepEqual(r.fields.map((f) => f.title), ['Node', 'DTotal', 'DFree', 'MTotal', 'MNode', 'MFree', 'Pinst', 'Sinst']);
  t.deepEqual(r.fields.map((f) => f.kind), ['text', 'unit', 'unit', 'unit', 'unit', 'unit', 'number', 'number']);
  const m = rows(DEFAULT.slice(1));
  t.deepEqual(values(m.get('node1')), [10240, 8192, 4096, 256, 2000, 4, 0]);
  t.deepEqual(values(m.get('node2')), [10240, 8192, 4096, 256, 3000, 4, 1]);
  t.deepEqual(values(m.get('node3')), ['#4', '#4', '#4', '#4', '#4', 1, 0], 'offline node: live cells offline');
  t.deepEqual(values(m.get('node4')), ['#2', '#2', '#2', '#2', '#2', 1, 0], 'failed RPC: live cells nodata');
});

test('storage not reported -> dtotal/dfree nodata; non vm-capable -> unavail', (t) => {
  const live = makeLive();
  const info = { ...nodeInfo(1), storage: [{ type: 'file', name: '/srv', total: 0, free: 0, reported: false }] };
  live.nodeInfo!.set('n2', RpcResult.ok('node2', info));
  t.deepEqual(values(rows(['dtotal', 'dfree', 'mfree'], live).get('node2')), ['#2', '#2', 1]);
  const cfg = makeConfig();
  cfg.nodes.n2!.vm_capable = false;
  const r = executeQuery({ what: 'node', fields: ['mfree'], names: ['node2'], filter: null }, { cfg, live: makeLive() });
  t.is(r.rows[0]![0]!.status, RS.Unavail);
});

test('config fields: role, master, group, lists, ndparams', (t) => {
  const fields = ['role', 'master', 'master_candidate', 'drained', 'offline', 'group', 'group.uuid', 'pinst_list',
    'sinst_list', 'pip', 'tags', 'ndp/spindle_count', 'powered', 'ctotal', 'cnos', 'bootid', 'sptotal'];
  const m = rows(fields);
  t.deepEqual(values(m.get('node1')), ['M', true, true, false, false, 'default', 'g1',
    ['inst1', 'inst2', 'inst3', 'inst4'], [], '192.0.2.1', ['rack1'], 2, '#3', 4, 4, 'boot-1', '#3']);
  t.deepEqual(values(m.get('node2')).slice(0, 9), ['R', false, false, false, false, 'default', 'g1',
    ['inst5', 'inst8', 'inst9', 'inst10'], ['inst1']]);
  t.is(values(m.get('node10'))[0], 'D');
  t.is(values(m.get('node3'))[0], 'O');
  const [nd] = values(rows(['ndparams'], makeLive(), ['node1']).get('node1'));
  t.deepEqual(nd, { oob_program: '', spindle_count: 2, exclusive_storage: false, ssh_port: 22 });
});

test('names: exact, uuid, short name; unknown -> OpPrereqError unknown_entity', (t) => {
  const cfg = makeConfig();
  cfg.nodes.n2!.name = 'node2.example.com';
  const q = (names: string[]) => executeQuery({ what: 'node', fields: ['name'], names, filter: null }, { cfg, live: {} })
    .rows.map((r) => r[0]!.value);
  t.deepEqual(q(['node10', 'node1']), ['node10', 'node1'], 'in the order the names were given, as Ganeti lists them');
  t.deepEqual(q(['node2']), ['node2.example.com']);
  t.deepEqual(q(['n4']), ['node4']);
  t.deepEqual(q(['node1', 'node1']), ['node1']);
  const err = t.throws(() => q(['node1', 'nosuch']));
  t.is(err!.name, 'OpPrereqError');
  t.is((err as { ecode?: string }).ecode, 'unknown_entity');
  t.is(err!.message, 'Node name nosuch not found');
  t.regex(t.throws(() => q(['x', 'y']))!.message, /Node names x, y not found/);
  t.throws(() => q(['node']), { message: /not found/ }, 'a bare prefix is not a name component');
});

test('filters: hostname equality, numbers, bools, offline passes live conditions', (t) => {
  const cfg = makeConfig();
  cfg.nodes.n2!.name = 'node2.example.com';
  const q = (filter: unknown[]) => executeQuery({ what: 'node', fields: ['name'], names: [], filter }, { cfg, live: makeLive() })
    .rows.map((r) => r[0]!.value);
  t.deepEqual(q(['=', 'name', 'NODE2']), ['node2.example.com']);
  t.deepEqual(q(['!=', 'pinst_cnt', 0]), ['node1', 'node2.example.com', 'node3', 'node4']);
  t.deepEqual(q(['?', 'drained']), ['node10']);
  t.deepEqual(q(['=', 'role', 'C']), []);
  t.deepEqual(q(['>', 'mfree', 2500]), ['node2.example.com', 'node3', 'node4']);
  t.deepEqual(q(['=[]', 'pinst_list', 'inst6']), ['node3']);
  t.throws(() => q(['=', 'nosuch', 1]), { name: 'ParameterError', message: "Unknown field 'nosuch'" });
  t.throws(() => q(['=', 'pinst_cnt', 'x']), { name: 'ParameterError', message: /Unable to compare field 'pinst_cnt'/ });
  t.throws(() => q(['~~', 'name', 'x']), { message: "Unknown operator '~~'" });
  t.throws(() => q(['=', 'name']), { message: /exactly two operands/ });
});
