// ganeti-rapi's reads: identical queries in flight share the master's answer, but a request
// never gets an answer from a query that started before it arrived.
import test from 'ava';
import { MasterLink } from '../../../daemons/rapi/master-link.js';

function scripted() {
  const started: { release: (n: number) => void }[] = [];
  const api = {
    query: (_what: string, fields: string[]) => new Promise((resolve) => {
      started.push({ release: (n: number) => resolve({ fields: [], rows: [[{ status: 0, value: n }]] }) });
      void fields;
    }),
  };
  const link = new MasterLink('/nonexistent');
  (link as unknown as { api: unknown }).api = api;
  return { link, started };
}

test('identical reads share one query; later ones wait for the next query, never an older answer', async (t) => {
  const { link, started } = scripted();
  const a = link.rows('job', ['status'], ['1']);
  const b = link.rows('job', ['status'], ['1']);
  const c = link.rows('job', ['status'], ['1']);
  const other = link.rows('job', ['status'], ['2']);
  await Promise.resolve();
  t.is(started.length, 2, 'one query for job 1 (a), one for job 2; b and c wait for the next round');
  started[0]!.release(1);
  t.deepEqual(await a, [{ status: 1 }]);
  await new Promise((r) => setImmediate(r));
  t.is(started.length, 3, 'b and c share the one query that started after a ended');
  started[2]!.release(2);
  t.deepEqual(await b, [{ status: 2 }]);
  t.deepEqual(await c, [{ status: 2 }]);
  started[1]!.release(9);
  t.deepEqual(await other, [{ status: 9 }]);
  const d = link.rows('job', ['status'], ['1']);
  await Promise.resolve();
  t.is(started.length, 4, 'nothing in flight: a new query');
  started[3]!.release(4);
  t.deepEqual(await d, [{ status: 4 }]);
});

test('a bulk answer is kept with its tag and sent again while the master says it is current', async (t) => {
  const calls: string[] = [];
  let current = { tag: 'b.1', json: '[{"name":"a"}]' };
  const api = {
    queryObjectsTagged: async (_w: string, _f: string[], _n: string[], _flt: unknown, knownTag: string) => {
      calls.push(knownTag);
      return knownTag === current.tag ? { json: null, tag: current.tag } : { json: current.json, tag: current.tag };
    },
  };
  const link = new MasterLink('/nonexistent');
  (link as unknown as { api: unknown }).api = api;
  const first = await link.objects('instance', ['name']);
  t.is(first.text, '[{"name":"a"}]');
  const second = await link.objects('instance', ['name']);
  t.is(second, first, 'the kept answer itself, its bytes encoded once');
  t.is(second.bytes(), first.bytes());
  current = { tag: 'b.2', json: '[{"name":"b"}]' };
  t.is((await link.objects('instance', ['name'])).text, '[{"name":"b"}]');
  t.is((await link.objects('instance', ['name', 'os'])).text, '[{"name":"b"}]');
  t.deepEqual(calls, ['', 'b.1', 'b.1', ''], 'each query form asks with the tag it holds');
});
