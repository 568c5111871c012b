// What queries keep between calls: the instances in name order per config generation, and
// the live index while the nodes' answers are the same objects. Each must give way to a change.
import test from 'ava';
import { executeQuery, instanceRows, instancesInOrder, rowsStandAlone, type LiveData } from '../../../../daemons/masterd/query/index.js';
import { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
import { KeptTables, type InstanceRows, type TableOptions } from '../../../../daemons/masterd/query/table-answer.js';
import { instance, makeConfig, makeLive, runtime } from './helpers/fixture.js';

const list = (cfg: ReturnType<typeof makeConfig>, live: LiveData, generation?: number) =>
  executeQuery({ what: 'instance', fields: ['name', 'status'], names: [], filter: null }, { cfg, live, generation })
    .rows.map((r) => `${String(r[0]!.value)}:${String(r[1]!.value)}`);

test('the name order is kept per generation, and a new generation sorts again', (t) => {
  const cfg = makeConfig();
  const live = makeLive();
  const first = list(cfg, live, 1);
  t.deepEqual(list(cfg, live, 1), first);
  cfg.instances['u-new'] = instance('u-new', 'inst0', 'n1');
  t.deepEqual(list(cfg, live, 2), ['inst0:ERROR_down', ...first], 'generation 2 lists the new instance first');
  t.deepEqual(list(cfg, live), ['inst0:ERROR_down', ...first], 'without a generation nothing kept is used');
  delete cfg.instances['u-new'];
  t.deepEqual(list(cfg, live, 3), first);
});

test('the live index is reused only for the very same node answers', (t) => {
  const cfg = makeConfig();
  const live = makeLive();
  const before = list(cfg, live, 1);
  t.true(before.includes('inst1:running'));
  t.deepEqual(list(cfg, live, 1), before);
  // n1 answers anew without inst1 (a new answer object, as the master gets on a change).
  const n1 = live.instanceList!.get('n1')!;
  const stopped = (n1.payload as { instances: { name: string }[] }).instances.filter((i) => i.name !== 'inst1');
  const changed: LiveData = { ...live, instanceList: new Map(live.instanceList!).set('n1', RpcResult.ok('node1', { instances: stopped as ReturnType<typeof runtime>[] })) };
  const after = list(cfg, changed, 1);
  t.true(after.includes('inst1:ERROR_down'));
  t.deepEqual(list(cfg, live, 1), before, 'the old answers again: the old statuses');
  cfg.nodes['n1']!.offline = true;   // a node marked offline in the config, same answers
  t.true(list(cfg, live, 1).includes('inst1:ERROR_nodeoffline'));
});

test('the live index brought up to date node by node gives the statuses of one made whole', (t) => {
  const cfg = makeConfig();
  const base = makeLive();
  const withLists = (n1: ReturnType<typeof runtime>[], n2: ReturnType<typeof runtime>[]): LiveData => ({
    ...base, instanceList: new Map(base.instanceList!).set('n1', RpcResult.ok('node1', { instances: n1 })).set('n2', RpcResult.ok('node2', { instances: n2 })),
  });
  const steps: [string, LiveData][] = [
    ['as the fixture', base],
    ['inst1 stopped on node1', withLists([runtime('inst4', 'running'), runtime('inst5', 'running')], [runtime('inst9', 'user_down')])],
    ['inst1 running on node2 too (moved there)', withLists([runtime('inst4', 'running'), runtime('inst5', 'running')], [runtime('inst9', 'user_down'), runtime('inst1', 'running')])],
    ['inst1 on both nodes', withLists([runtime('inst1', 'running'), runtime('inst5', 'running')], [runtime('inst9', 'user_down'), runtime('inst1', 'running')])],
    ['inst5 home on node2, inst9 running', withLists([runtime('inst1', 'running')], [runtime('inst9', 'running'), runtime('inst5', 'running'), runtime('inst1', 'user_down')])],
    ['inst9 shut down from inside, inst3 up', withLists([runtime('inst1', 'running'), runtime('inst3', 'running')], [runtime('inst9', 'user_down'), runtime('inst5', 'running')])],
    ['back to the fixture', base],
  ];
  // A failed node answer in between makes the next index whole (nodes that fail are not updated in place).
  const failing: LiveData = { ...base, instanceList: new Map(base.instanceList!).set('n2', RpcResult.fail('node2', 'timed out')) };
  const whole = steps.map(([, live]) => { list(cfg, failing); return list(cfg, live); });
  list(cfg, failing);
  const seen = new Set<string>();
  steps.forEach(([what, live], i) => {
    const statuses = list(cfg, live);
    for (const s of statuses) seen.add(s.split(':')[1]!);
    t.deepEqual(statuses, whole[i], what);
  });
  t.deepEqual(list(cfg, failing).filter((s) => s.startsWith('inst5')), ['inst5:ERROR_nodedown']);
  for (const status of ['running', 'ERROR_down', 'ERROR_wrongnode', 'ERROR_up', 'USER_down', 'ADMIN_down']) t.true(seen.has(status), status);
});

const TABLE: TableOptions = { header: true, separator: null, units: '', verbose: false, joined: [] };
const statusOf = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`${name} `))?.split(/\s+/)[1];

/** A KeptTables answer for `gnt-instance list -o name,status`, counting the queries run. */
function tableOf(kept: KeptTables, cfg: ReturnType<typeof makeConfig>, live: LiveData, generation: number, o = TABLE, what: 'instance' | 'node' = 'instance') {
  let runs = 0;
  const input = { what, fields: what === 'instance' ? ['name', 'status'] : ['name'], names: [], filter: null };
  const table = kept.answer(input, o, live, generation, () => { runs++; return executeQuery(input, { cfg, live, generation }); });
  return { text: table.table_text, runs, fields: table.fields.map((f) => f.name) };
}

test('a table is kept for the same request, generation and node answers, and made again on any change', (t) => {
  const kept = new KeptTables();
  const cfg = makeConfig();
  const live: LiveData = { instanceList: makeLive().instanceList };
  const first = tableOf(kept, cfg, live, 1);
  t.is(first.runs, 1);
  t.deepEqual(first.fields, ['name', 'status']);
  t.is(statusOf(first.text, 'inst1'), 'running');
  const again = tableOf(kept, cfg, { instanceList: new Map(live.instanceList) }, 1);
  t.deepEqual([again.runs, again.text], [0, first.text], 'the same answers in a new map: the kept text');

  // A node answers anew (inst1 died): made again, and it shows.
  const n1 = live.instanceList!.get('n1')!;
  const stopped = (n1.payload as { instances: { name: string }[] }).instances.filter((i) => i.name !== 'inst1');
  const died: LiveData = { instanceList: new Map(live.instanceList!).set('n1', RpcResult.ok('node1', { instances: stopped as ReturnType<typeof runtime>[] })) };
  const after = tableOf(kept, cfg, died, 1);
  t.is(after.runs, 1);
  t.is(statusOf(after.text, 'inst1'), 'ERROR_down');

  // The config changes (a new generation): made again from the new config.
  cfg.instances['u-new'] = instance('u-new', 'inst0', 'n1');
  const grown = tableOf(kept, cfg, died, 2);
  t.is(grown.runs, 1);
  t.is(statusOf(grown.text, 'inst0'), 'ERROR_down');
  t.is(tableOf(kept, cfg, died, 2).runs, 0);

  // Other table options are another table.
  const bare = tableOf(kept, cfg, died, 2, { ...TABLE, header: false, separator: '|' });
  t.is(bare.runs, 1);
  t.true(bare.text.split('\n').includes('inst0|ERROR_down'));
  t.is(kept.size, 2);
  // Tables of an older generation are dropped once a newer one is made.
  t.is(tableOf(kept, cfg, died, 3).runs, 1);
  t.is(kept.size, 1);
});

test('failed node answers count as the same only when they failed alike', (t) => {
  const kept = new KeptTables();
  const cfg = makeConfig();
  const base: LiveData = { instanceList: makeLive().instanceList };
  const failing = (r: RpcResult<never>): LiveData => ({ instanceList: new Map(base.instanceList!).set('n1', r) });
  const down = tableOf(kept, cfg, failing(RpcResult.fail('node1', 'connection refused')), 1);
  t.is(down.runs, 1);
  t.is(statusOf(down.text, 'inst1'), 'ERROR_nodedown');
  t.is(tableOf(kept, cfg, failing(RpcResult.fail('node1', 'connection refused')), 1).runs, 0, 'failed alike, anew');
  t.is(tableOf(kept, cfg, failing(RpcResult.fail('node1', 'timed out')), 1).runs, 1);
  const offline = tableOf(kept, cfg, failing(RpcResult.offlineNode('node1')), 1);
  t.is(offline.runs, 1);
});

test('tables from data read afresh per request, and of other resources, are never kept', (t) => {
  const kept = new KeptTables();
  const cfg = makeConfig();
  const withInfo = makeLive();   // node info is read afresh for every request
  t.is(tableOf(kept, cfg, withInfo, 1).runs, 1);
  t.is(tableOf(kept, cfg, withInfo, 1).runs, 1);
  t.is(tableOf(kept, cfg, {}, 1, TABLE, 'node').runs, 1);
  t.is(tableOf(kept, cfg, {}, 1, TABLE, 'node').runs, 1);
  // Without any live data an instance table depends on the config alone: kept.
  t.is(tableOf(kept, cfg, {}, 1).runs, 1);
  t.is(tableOf(kept, cfg, {}, 1).runs, 0);
});

test('after a change the query runs again, and equal cells keep the text; changed ones make it anew', (t) => {
  const kept = new KeptTables();
  const cfg = makeConfig();
  const live: LiveData = { instanceList: makeLive().instanceList };
  let runs = 0;
  const table = (generation: number, fields = ['name', 'status', 'tags']) => {
    const input = { what: 'instance' as const, fields, names: [], filter: null };
    return kept.answer(input, { ...TABLE, joined: ['tags'] }, live, generation, () => { runs++; return executeQuery(input, { cfg, live, generation }); });
  };
  const first = table(1);
  t.is(table(2), first, 'a new generation with the same cells (lists compared by their JSON): the very table');
  t.is(runs, 2, 'the query did run again');
  t.regex(first.table_text, /^inst1 +running +web$/m);
  cfg.instances['i1']!.tags = ['web', 'shown'];
  const tagged = table(3);
  t.not(tagged, first);
  t.regex(tagged.table_text, /^inst1 +running +web,shown$/m);
  cfg.instances['i1']!.admin_state = 'down';
  t.regex(table(4).table_text, /^inst1 +ERROR_up +web,shown$/m, 'down in the config, still running on its node');
});

/**
 * A list of every instance whose kept table is brought up to date row by row: `changes[g]`
 * holds what generation g wrote (instance uuids, or null for more), as ConfigStore tells.
 * Each answer is checked against a table made whole from the same config and answers.
 */
function rowLists(t: import('ava').ExecutionContext, fields = ['name', 'status', 'oper_ram', 'tags'], options: Partial<TableOptions> = {}) {
  const kept = new KeptTables();
  const cfg = makeConfig();
  const changes = new Map<number, Set<string> | null>();
  const counts = { runs: 0, rows: 0 };
  const input = { what: 'instance' as const, fields, names: [], filter: null };
  const o = { ...TABLE, joined: ['tags'], ...options };
  const src = (live: LiveData, generation: number): InstanceRows => ({
    order: () => instancesInOrder(cfg, generation).map((i) => i.name),
    changedSince: (since) => {
      const out = new Set<string>();
      for (let g = since + 1; g <= generation; g++) {
        const c = changes.get(g);
        if (c === null) return null;
        for (const u of c ?? []) out.add(u);
      }
      return out;
    },
    byUuid: (uuid) => cfg.instances[uuid],
    byName: (name) => Object.values(cfg.instances).find((i) => i.name === name),
    rows: (items) => { counts.rows += items.length; return instanceRows({ cfg, live }, items, fields); },
  });
  const list = (live: LiveData, generation: number) => {
    const table = kept.answer(input, o, live, generation, () => { counts.runs++; return executeQuery(input, { cfg, live }); }, src(live, generation));
    const whole = new KeptTables().answer(input, o, live, generation, () => executeQuery(input, { cfg, live }));
    t.is(table.table_text, whole.table_text, `generation ${generation}: the table made whole`);
    return table;
  };
  return { cfg, changes, counts, list };
}

const withoutInst = (live: LiveData, node: string, name: string): LiveData => {
  const r = live.instanceList!.get(node)!;
  const left = (r.payload as { instances: { name: string }[] }).instances.filter((i) => i.name !== name);
  return { instanceList: new Map(live.instanceList!).set(node, RpcResult.ok(r.node, { instances: left as ReturnType<typeof runtime>[] })) };
};

test('a list of every instance makes again only the rows of the instances that changed', (t) => {
  const { cfg, changes, counts, list } = rowLists(t);
  const live: LiveData = { instanceList: makeLive().instanceList };
  const first = list(live, 1);
  t.deepEqual(counts, { runs: 1, rows: 0 });

  cfg.instances['i1']!.tags.push('shown');
  changes.set(2, new Set(['i1']));
  const tagged = list(live, 2);
  t.deepEqual(counts, { runs: 1, rows: 1 }, 'one row made again, no whole query');
  t.regex(tagged.table_text, /^inst1 +running +\S+ +web,shown$/m);

  cfg.instances['i3']!.admin_state = 'down';
  changes.set(3, new Set(['i3']));
  t.regex(list(live, 3).table_text, /^inst3 +ADMIN_down /m);
  t.deepEqual(counts, { runs: 1, rows: 2 });

  // Written but equal (a rolled-back change, a field not shown): the very table.
  changes.set(4, new Set(['i5']));
  const same = list(live, 4);
  t.deepEqual(counts, { runs: 1, rows: 3 });
  t.true(same.table_text.includes('inst5'));

  // A node answers anew: the rows of the instances its answer changed.
  const died = withoutInst(live, 'n1', 'inst1');
  t.regex(list(died, 4).table_text, /^inst1 +ERROR_down +- +web,shown$/m);
  t.deepEqual(counts, { runs: 1, rows: 4 });
  t.not(first.table_text, same.table_text);
});

test('rows are not made alone when more than instances changed, an instance came or went, or a node failed', (t) => {
  const { cfg, changes, counts, list } = rowLists(t);
  const live: LiveData = { instanceList: makeLive().instanceList };
  list(live, 1);
  changes.set(2, null);   // a node or the cluster changed
  cfg.nodes['n1']!.offline = true;
  t.regex(list(live, 2).table_text, /^inst1 +ERROR_nodeoffline /m);
  t.is(counts.runs, 2);
  cfg.nodes['n1']!.offline = false;
  changes.set(3, null);
  list(live, 3);
  t.is(counts.runs, 3);

  cfg.instances['u-new'] = instance('u-new', 'inst0', 'n2');
  changes.set(4, new Set(['u-new']));
  t.regex(list(live, 4).table_text, /^inst0 +ERROR_down /m, 'an added instance');
  t.is(counts.runs, 4);

  cfg.instances['i2']!.name = 'inst99';
  changes.set(5, new Set(['i2']));
  t.regex(list(live, 5).table_text, /\ninst99 .*$/, 'a renamed one sorts elsewhere');
  t.is(counts.runs, 5);

  delete cfg.instances['u-new'];
  changes.set(6, new Set(['u-new']));
  t.false(list(live, 6).table_text.includes('inst0'), 'a removed one');
  t.is(counts.runs, 6);

  const failed: LiveData = { instanceList: new Map(live.instanceList!).set('n2', RpcResult.fail('node2', 'connection refused')) };
  t.regex(list(failed, 6).table_text, /^inst5 +ERROR_nodedown /m);
  t.is(counts.runs, 7);
  t.regex(list(live, 6).table_text, /^inst5 +ERROR_wrongnode /m, 'back from failing');
  t.is(counts.runs, 8);
  t.is(counts.rows, 0);
});

test('fields that read other instances are never made row by row', (t) => {
  t.true(rowsStandAlone('instance', ['name', 'status', 'tags', 'no_such_field']));
  t.false(rowsStandAlone('instance', ['name', 'base_instances']));
});

test('changed rows laid out alone read as the table laid out whole: widths that grow and shrink, separators', (t) => {
  for (const options of [{}, { header: false }, { separator: '|' }, { verbose: true }] as Partial<TableOptions>[]) {
    const { cfg, changes, counts, list } = rowLists(t, ['status', 'name', 'tags', 'be/maxmem', 'oper_ram', 'admin_state'], options);
    const live: LiveData = { instanceList: makeLive().instanceList };
    list(live, 1);
    // A fixed walk: statuses that outgrow their column and shrink back, tags of every length
    // in a padded column, memory sizes in a right-aligned one, some whose display width differs from their length (the table is
    // laid out whole then), several rows at once.
    let seed = 7;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const uuids = Object.keys(cfg.instances);
    for (let g = 2; g < 60; g++) {
      const written = new Set<string>();
      for (let k = 0; k <= next(3); k++) {
        const inst = cfg.instances[uuids[next(uuids.length)]!]!;
        const kind = next(3);
        if (kind === 0) inst.admin_state = (['up', 'down', 'offline'] as const)[next(3)]!;
        else if (kind === 1) inst.beparams = { ...inst.beparams, maxmem: [8, 128, 512, 4096, 131072][next(5)]! };   // right-aligned
        else inst.tags = Array.from({ length: next(4) }, (_, i) => (next(9) ? 'x'.repeat(next(12) + i) : 'd\u{1F600}'));
        written.add(inst.uuid);
      }
      changes.set(g, written);
      list(live, g);
    }
    t.is(counts.runs, 1, 'every change made row by row');
  }
});
