import test from 'ava';
import { BulkObjects } from '../../../../daemons/masterd/query/bulk-objects.js';
import { executeQuery, objectsJson, type LiveData } from '../../../../daemons/masterd/query/index.js';
import { I_FIELDS } from '../../../../daemons/rapi/resources/instances.js';
import { makeConfig, makeLive } from './helpers/fixture.js';

const input = (filter: unknown[] | null = null) => ({ what: 'instance' as const, fields: I_FIELDS, names: [], filter });
const parse = (s: string) => JSON.parse(s) as Record<string, unknown>[];
const reference = (cfg: ReturnType<typeof makeConfig>, live: LiveData, filter: unknown[] | null = null) =>
  parse(objectsJson(executeQuery(input(filter), { cfg, live })));

test('objectsJson: one object per row, null for cells without data', (t) => {
  const cfg = makeConfig();
  const rows = reference(cfg, makeLive());
  t.is(rows.length, Object.keys(cfg.instances).length);
  t.deepEqual(Object.keys(rows[0]!), I_FIELDS);
  const byName = new Map(rows.map((r) => [r.name, r]));
  t.is(byName.get('inst1')!.status, 'running');
  t.is(byName.get('inst7')!.oper_ram, null);   // its node did not answer: no data, null
});

test('a second request in the same generation re-reads the live cells and keeps the config cells', (t) => {
  const cfg = makeConfig();
  const bulk = new BulkObjects();
  const live = makeLive();
  t.deepEqual(parse(bulk.json(input(), { cfg, live }, 1)), reference(cfg, live));
  // inst1 stops on its node: only the live cells change, and they do.
  const stopped = makeLive();
  const n1 = stopped.instanceList!.get('n1')!;
  (n1.payload as { instances: { name: string }[] }).instances = (n1.payload as { instances: { name: string }[] }).instances.filter((i) => i.name !== 'inst1');
  const again = parse(bulk.json(input(), { cfg, live: stopped }, 1));
  t.deepEqual(again, reference(cfg, stopped));
  t.is(again.find((r) => r.name === 'inst1')!.status, 'ERROR_down');
});

test('a new configuration generation rebuilds the config cells', (t) => {
  const cfg = makeConfig();
  const bulk = new BulkObjects();
  const live = makeLive();
  bulk.json(input(), { cfg, live }, 1);
  const changed = structuredClone(cfg);
  const i1 = Object.values(changed.instances).find((i) => i.name === 'inst1')!;
  i1.os = 'other-os';
  i1.tags = ['changed'];
  const rows = parse(bulk.json(input(), { cfg: changed, live }, 2));
  t.deepEqual(rows, reference(changed, live));
  t.is(rows.find((r) => r.name === 'inst1')!.os, 'other-os');
});

test('filters on config fields are served from the cache too, filters on live fields never', (t) => {
  const cfg = makeConfig();
  const bulk = new BulkObjects();
  const live = makeLive();
  const own = ['=', 'name', 'inst2'];
  t.deepEqual(parse(bulk.json(input(own), { cfg, live }, 1)), reference(cfg, live, own));
  t.deepEqual(parse(bulk.json(input(own), { cfg, live }, 1)).map((r) => r.name), ['inst2']);
  const running = ['=', 'status', 'running'];
  t.deepEqual(parse(bulk.json(input(running), { cfg, live }, 1)), reference(cfg, live, running));
});

test('unchanged live cells give the same answer; a changed one is seen at once', (t) => {
  const cfg = makeConfig();
  const bulk = new BulkObjects();
  const live = makeLive();
  const a = bulk.json(input(), { cfg, live }, 1);
  const b = bulk.json(input(), { cfg, live: makeLive() }, 1);
  t.is(b, a);
  const other = makeLive();
  const n1 = other.instanceList!.get('n1')!;
  const rts = (n1.payload as { instances: { name: string; memory: number }[] }).instances;
  rts.find((r) => r.name === 'inst1')!.memory = 777;
  const c = parse(bulk.json(input(), { cfg, live: other }, 1));
  t.is(c.find((r) => r.name === 'inst1')!.oper_ram, 777);
  t.deepEqual(c, reference(cfg, other));
});

test('an answer keeps its tag while it is unchanged; any change, or a new generation, gets a new one', (t) => {
  const cfg = makeConfig();
  const bulk = new BulkObjects();
  const a = bulk.tagged(input(), { cfg, live: makeLive() }, 1);
  t.regex(a.tag, /^[\w-]+\.\d+$/);
  const b = bulk.tagged(input(), { cfg, live: makeLive() }, 1);
  t.is(b.tag, a.tag);
  t.is(b.text, a.text);
  const other = makeLive();
  const n1 = other.instanceList!.get('n1')!;
  (n1.payload as { instances: { name: string; memory: number }[] }).instances.find((r) => r.name === 'inst1')!.memory = 777;
  const c = bulk.tagged(input(), { cfg, live: other }, 1);
  t.not(c.tag, a.tag);
  t.not(bulk.tagged(input(), { cfg, live: other }, 2).tag, c.tag);
  t.not(new BulkObjects().tagged(input(), { cfg, live: makeLive() }, 1).tag, a.tag, 'another master process never matches');
  t.is(bulk.tagged(input(['=', 'status', 'running']), { cfg, live: other }, 2).tag, '', 'answers filtered on live fields are not kept');
});
