import test from 'ava';
import {
  compareNiceKeys, executeQuery, fieldsList, liveNeeds, niceSort, niceSortKey, osListFilter,
} from '../../../../daemons/masterd/query/index.js';
import { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
import type { OsInfo__Output } from '../../../../proto/generated/ganeti/OsInfo.js';
import { makeConfig } from './helpers/fixture.js';

test('nice sort', (t) => {
  t.deepEqual(niceSort(['node10', 'node2', 'node1', 'a', 'node1b', 'node01x', '10', '9']),
    ['9', '10', 'a', 'node1', 'node1b', 'node01x', 'node2', 'node10']);
  t.true(compareNiceKeys(niceSortKey('x2.y'), niceSortKey('x10.y')) < 0);
  t.is(compareNiceKeys(niceSortKey('abc'), niceSortKey('abc')), 0);
});

test('liveNeeds only asks nodes for live fields, including those in the filter', (t) => {
  const none = { nodeInfo: false, instanceList: false, osDiagnose: false };
  t.deepEqual(liveNeeds('instance', ['name', 'os', 'pnode', 'be/maxmem', 'disk.sizes'], null), none);
  t.deepEqual(liveNeeds('instance', ['name', 'status'], null), { ...none, instanceList: true });
  t.deepEqual(liveNeeds('instance', ['name'], ['&', ['!', ['=', 'oper_state', true]]]), { ...none, instanceList: true });
  t.deepEqual(liveNeeds('node', ['name', 'pinst_cnt', 'role'], null), none);
  t.deepEqual(liveNeeds('node', ['name', 'mfree'], null), { ...none, nodeInfo: true });
  t.deepEqual(liveNeeds('node', ['name'], ['>', 'dfree', 0]), { ...none, nodeInfo: true });
  t.deepEqual(liveNeeds('os', ['name'], null), { ...none, osDiagnose: true });
  t.deepEqual(liveNeeds('job', ['id', 'status', 'nosuch'], null), none);
});

test('fieldsList: all fields sorted by name, or the named ones with unknowns', (t) => {
  const all = fieldsList('node');
  const names = all.map((f) => f.name);
  t.true(names.includes('mfree') && names.includes('ndp/spindle_count'));
  t.deepEqual(names, niceSort(names));
  t.deepEqual(fieldsList('instance', ['status', 'x']), [
    { name: 'status', title: 'Status', kind: 'text', doc: fieldsList('instance', ['status'])[0]!.doc },
    { name: 'x', title: 'x', kind: 'unknown', doc: "Unknown field 'x'" },
  ]);
  const inst = fieldsList('instance').map((f) => f.name);
  for (const n of ['vcpus', 'be/memory', 'sda_size', 'ip', 'nic.mac/7', 'disk.size/15', 'hv/kernel_path', 'nic.networks.names']) {
    t.true(inst.includes(n), n);
  }
  t.false(inst.includes('disk.size/16'));
  for (const what of ['node', 'instance', 'job', 'group', 'os'] as const) {
    for (const f of fieldsList(what)) {
      t.regex(f.name, /^[a-z0-9/._]+$/, `${what} ${f.name}`);
      t.regex(f.title, /^\S+$/, `${what} ${f.name}`);
      t.regex(f.doc, /^[A-Z].*[^.,?!]$/, `${what} ${f.name}`);
    }
  }
});

test('group fields', (t) => {
  const r = executeQuery({
    what: 'group', names: [], filter: null,
    fields: ['name', 'node_cnt', 'node_list', 'pinst_cnt', 'alloc_policy', 'ndparams', 'ipolicy', 'diskparams', 'ndp/ssh_port'],
  }, { cfg: makeConfig(), live: {} });
  const [def, empty] = r.rows.map((row) => row.map((c) => c.value));
  t.deepEqual(def!.slice(0, 5), ['default', 5, ['node1', 'node2', 'node3', 'node4', 'node10'], 10, 'preferred']);
  t.is((def![5] as Record<string, unknown>).spindle_count, 2);
  const ip = def![6] as Record<string, unknown>;
  t.is(ip['vcpu-ratio'], 2);
  t.is(ip['spindle-ratio'], 32);
  t.deepEqual(def![7], { file: { x: 1 }, plain: { stripes: 1 } });
  t.is(def![8], 22);
  t.deepEqual(empty!.slice(0, 4), ['empty', 0, [], 0]);
  t.throws(() => executeQuery({ what: 'group', names: ['nope'], fields: ['name'], filter: null }, { cfg: makeConfig(), live: {} }),
    { message: 'Group name nope not found' });
});

function os(name: string, valid: boolean, variants: string[], apis = [20]): OsInfo__Output {
  return { name, path: `/srv/ganeti/os/${name}`, valid, diagnose: valid ? '' : 'missing create script', api_versions: apis, variants, parameters: ['dist'] };
}

test('os query merges nodes; invalid anywhere is invalid; failed nodes ignored', (t) => {
  const cfg = makeConfig();
  const live = {
    osDiagnose: new Map([
      ['n1', RpcResult.ok('node1', { oses: [os('debootstrap', true, ['default', 'testing']), os('broken', true, []), os('hiddenos', true, [])] })],
      ['n2', RpcResult.ok('node2', { oses: [os('debootstrap', true, ['default']), os('broken', false, []), os('hiddenos', true, [])] })],
      ['n10', RpcResult.ok('node10', { oses: [os('debootstrap', true, ['default', 'testing'], [15, 20])] })],
      ['n4', RpcResult.fail<{ oses: OsInfo__Output[] }>('node4', 'down')],
    ]),
  };
  const fields = ['name', 'valid', 'hidden', 'variants', 'api_versions', 'parameters'];
  const r = executeQuery({ what: 'os', fields, names: [], filter: null }, { cfg, live });
  t.deepEqual(r.rows.map((row) => row.map((c) => c.value)), [
    ['broken', false, false, [], [20], ['dist']],
    ['debootstrap', true, false, ['default'], [20], ['dist']],
    ['hiddenos', false, true, [], [20], ['dist']],
  ]);
  const status = executeQuery({ what: 'os', fields: ['node_status'], names: ['debootstrap+default'], filter: null }, { cfg, live });
  const ns = status.rows[0]![0]!.value as Record<string, unknown[]>;
  t.deepEqual(Object.keys(ns).sort(), ['node1', 'node10', 'node2']);
  t.deepEqual(ns.node2, [['/srv/ganeti/os/debootstrap', true, '', ['default'], ['dist'], [20]]]);
  const listed = executeQuery({ what: 'os', fields: ['name', 'variants'], names: [], filter: osListFilter(['name', 'variants']) },
    { cfg, live });
  t.deepEqual(listed.rows.map((row) => row[0]!.value), ['debootstrap']);
});

test('unknown resource is rejected', (t) => {
  t.throws(() => executeQuery({ what: 'storage' as 'node', fields: [], names: [], filter: null }, { cfg: makeConfig(), live: {} }),
    { name: 'OpPrereqError' });
});

test('names given exactly are looked up alone through the exact lookups; others are matched as before', (t) => {
  const cfg = makeConfig();
  const asked: string[] = [];
  const exact = {
    instance: (n: string) => { asked.push(n); return Object.values(cfg.instances).find((i) => i.name === n || i.uuid === n); },
    node: (n: string) => { asked.push(n); return Object.values(cfg.nodes).find((x) => x.name === n || x.uuid === n); },
  };
  const names = (what: 'instance' | 'node', wanted: string[]) =>
    executeQuery({ what, fields: ['name'], names: wanted, filter: null }, { cfg, live: {}, exact }).rows.map((r) => r[0]!.value);
  t.deepEqual(names('instance', ['inst3', 'i1', 'inst3']), ['inst3', 'inst1'], 'by name or uuid, each once, in the order given');
  t.deepEqual(asked.splice(0), ['inst3', 'i1', 'inst3']);
  t.deepEqual(names('node', ['node2', 'node1']), ['node2', 'node1']);
  t.deepEqual(asked.splice(0), ['node2', 'node1']);
  // A short or differently cased name is not exact: matched over every item, as without lookups.
  t.deepEqual(names('instance', ['INST3', 'inst1']), ['inst3', 'inst1']);
  t.throws(() => names('instance', ['inst3', 'nope']), { message: 'Instance name nope not found' });
});
