// What queries keep between calls: the instances in name order per config generation, and
// the live index while the nodes' answers are the same objects. Each must give way to a change.
import test from 'ava';
import { executeQuery, type LiveData } from '../../../../daemons/masterd/query/index.js';
import { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
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
