import test from 'ava';
import { executeQuery, RS, type Cell } from '../../../../daemons/masterd/query/index.js';
import { makeConfig, makeLive } from './helpers/fixture.js';

function query(fields: string[], names: string[] = [], filter: unknown[] | null = null) {
  return executeQuery({ what: 'instance', fields, names, filter }, { cfg: makeConfig(), live: makeLive() });
}

/** name -> cells, for readable assertions. */
function byName(fields: string[], names: string[] = []): Map<string, Cell[]> {
  const r = query(['name', ...fields], names);
  return new Map(r.rows.map((row) => [row[0]!.value as string, row.slice(1)]));
}

test('every instance status case', (t) => {
  const rows = byName(['status']);
  const status = Object.fromEntries([...rows].map(([n, c]) => [n, c[0]!.value]));
  t.deepEqual(status, {
    inst1: 'running',
    inst2: 'ADMIN_down',
    inst3: 'ERROR_down',
    inst4: 'ERROR_up',
    inst5: 'ERROR_wrongnode',
    inst6: 'ERROR_nodeoffline',
    inst7: 'ERROR_nodedown',
    inst8: 'ADMIN_offline',
    inst9: 'USER_down',
    inst10: 'USER_down',
  });
});

test('rows are nice-sorted by name', (t) => {
  const r = query(['name']);
  t.deepEqual(r.rows.map((row) => row[0]!.value),
    ['inst1', 'inst2', 'inst3', 'inst4', 'inst5', 'inst6', 'inst7', 'inst8', 'inst9', 'inst10']);
});

test('default list fields: definitions and values', (t) => {
  const r = query(['name', 'hypervisor', 'os', 'pnode', 'status', 'oper_ram'], ['inst1', 'inst2', 'inst6', 'inst7']);
  t.deepEqual(r.fields.map((f) => [f.name, f.title, f.kind]), [
    ['name', 'Instance', 'text'], ['hypervisor', 'Hypervisor', 'text'], ['os', 'OS', 'text'],
    ['pnode', 'Primary_node', 'text'], ['status', 'Status', 'text'], ['oper_ram', 'Memory', 'unit'],
  ]);
  t.deepEqual(r.rows[0], [
    { status: RS.Normal, value: 'inst1' }, { status: RS.Normal, value: 'fake' },
    { status: RS.Normal, value: 'debootstrap+default' }, { status: RS.Normal, value: 'node1' },
    { status: RS.Normal, value: 'running' }, { status: RS.Normal, value: 512 },
  ]);
  // stopped -> unavail; primary offline or unreachable -> nodata
  t.deepEqual(r.rows[1]![5], { status: RS.Unavail, value: null });
  t.deepEqual(r.rows[2]![5], { status: RS.NoData, value: null });
  t.deepEqual(r.rows[3]![5], { status: RS.NoData, value: null });
});

test('live fields: oper_state, oper_vcpus, console', (t) => {
  const rows = byName(['oper_state', 'oper_vcpus', 'console']);
  t.deepEqual(rows.get('inst1'), [{ status: 0, value: true }, { status: 0, value: 2 },
    { status: 0, value: { kind: 'msg', message: 'hi' } }]);
  t.deepEqual(rows.get('inst2'), [{ status: 0, value: false }, { status: 3, value: null }, { status: 3, value: null }]);
  t.deepEqual(rows.get('inst7')!.map((c) => c.status), [RS.NoData, RS.NoData, RS.NoData]);
  t.deepEqual(rows.get('inst6')!.map((c) => c.status), [RS.NoData, RS.NoData, RS.NoData]);
});

test('config fields, parameters and aliases', (t) => {
  const fields = ['snodes', 'admin_state', 'admin_up', 'be/maxmem', 'be/memory', 'vcpus', 'hv/migration_mode',
    'beparams', 'custom_beparams', 'osparams', 'tags', 'pnode.group', 'serial_no', 'ctime', 'disk_template'];
  const [row] = query(['name', ...fields], ['inst1']).rows;
  const v = row!.slice(1).map((c) => c.value);
  t.deepEqual(v, [['node2'], 'up', true, 512, 512, 1, 'live',
    { always_failover: false, auto_balance: true, maxmem: 512, minmem: 128, spindle_use: 1, vcpus: 1 },
    { maxmem: 512 }, { dist: 'bookworm' }, ['web'], 'default', 3, 1000, 'file']);
  const r = query(['be/memory', 'hv/migration_port'], ['inst1']);
  t.is(r.fields[0]!.name, 'be/memory');
  t.is(r.fields[0]!.title, 'ConfigMaxMem');
  t.is(r.fields[1]!.kind, 'unknown', 'cluster-global hv params are not instance fields');
});

test('disk and nic fields, per index and aggregates', (t) => {
  const fields = ['disk.count', 'disk.sizes', 'disk.size/0', 'disk.size/1', 'sda_size', 'disk_usage', 'disk.names',
    'nic.count', 'nic.macs', 'nic.mode/0', 'nic_link', 'bridge', 'nic.vlan/0', 'ip', 'mac', 'nic.bridges', 'nic.mac/3'];
  const rows = byName(fields, ['inst1', 'inst10']);
  t.deepEqual(rows.get('inst1'), [
    { status: 0, value: 1 }, { status: 0, value: [1024] }, { status: 0, value: 1024 }, { status: 3, value: null },
    { status: 0, value: 1024 }, { status: 0, value: 1024 }, { status: 0, value: ['root'] },
    { status: 0, value: 1 }, { status: 0, value: ['aa:00:00:00:00:01'] }, { status: 0, value: 'bridged' },
    { status: 0, value: 'br0' }, { status: 0, value: 'br0' }, { status: 3, value: null }, { status: 3, value: null },
    { status: 0, value: 'aa:00:00:00:00:01' }, { status: 0, value: ['br0'] }, { status: 3, value: null },
  ]);
  const inst10 = rows.get('inst10')!;
  t.is(inst10[0]!.value, 0);
  t.is(inst10[5]!.value, 0, 'diskless uses no disk space');
});

test('unknown field gets status 1 and an unknown definition', (t) => {
  const r = query(['name', 'nosuch'], ['inst1']);
  t.deepEqual(r.fields[1], { name: 'nosuch', title: 'nosuch', kind: 'unknown', doc: "Unknown field 'nosuch'" });
  t.deepEqual(r.rows[0]![1], { status: RS.Unknown, value: null });
});

test('filters on config and live fields', (t) => {
  const names = (f: unknown[]) => query(['name'], [], f).rows.map((r) => r[0]!.value);
  t.deepEqual(names(['=', 'pnode', 'node2']), ['inst5', 'inst8', 'inst9', 'inst10']);
  t.deepEqual(names(['=', 'status', 'running']), ['inst1']);
  t.deepEqual(names(['&', ['=', 'pnode', 'node1'], ['!', ['?', 'admin_up']]]), ['inst2', 'inst4']);
  t.deepEqual(names(['=[]', 'tags', 'web']), ['inst1']);
  t.deepEqual(names(['=~', 'name', '^inst1']), ['inst1', 'inst10']);
  t.deepEqual(names(['>', 'be/maxmem', 256]), ['inst1']);
  // A condition on a cell without data passes (Ganeti's Haskell query): only the two
  // running instances have a memory value that can fail the test.
  t.deepEqual(names(['<', 'oper_ram', 100]), ['inst2', 'inst3', 'inst5', 'inst6', 'inst7', 'inst8', 'inst9', 'inst10']);
});
