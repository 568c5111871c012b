// The processor's part in replication (processor.ts): a changing opcode ends once the
// candidates hold its config, and the last opcode under way also waits for the ssconf lists
// that replication held back while several were.
import test from 'ava';
import { assertSucceeded } from './helpers/assertions.js';
import { clusterConfig, instance } from './helpers/cluster-config.js';
import { LuHarness } from './helpers/lu-harness.js';

/** A replicator whose rounds take 20 ms, counting the flushes asked of it. */
function replicator(owes: boolean) {
  const r = {
    owes, flushes: 0,
    waitReplicated: () => new Promise<void>((res) => setTimeout(res, 20)),
    flushSsconf: async () => { r.flushes++; },
    owesSsconf: () => r.owes,
  };
  return r;
}

test('the last opcode under way waits for ssconf lists held back; one ending beside another does not', async (t) => {
  const rep = replicator(true);
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'web1', 'n2'), instance('i2', 'web2', 'n2')] }), replicator: rep });
  const tag = (name: string, tags: string[]) => h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name, tags });
  assertSucceeded(t, await tag('web1', ['a']));
  t.is(rep.flushes, 1, 'alone: it waits for them');
  const both = await Promise.all([tag('web1', ['b']), tag('web2', ['c'])]);
  for (const r of both) assertSucceeded(t, r);
  t.is(rep.flushes, 2, 'two at once: only the one that ends last');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_GET', kind: 'instance', name: 'web1' }));
  t.is(rep.flushes, 3, 'the last one under way, whether it changed anything or not');
  rep.owes = false;
  assertSucceeded(t, await tag('web2', ['d']));
  t.is(rep.flushes, 3, 'nothing held back: no flush');
});
