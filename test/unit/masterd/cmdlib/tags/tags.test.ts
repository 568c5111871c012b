// Tags on every taggable object: Ganeti's syntax limits, no change on bad input, removal of
// a missing tag refused, search over all objects.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const config = () => clusterConfig({ instances: [instance('i1', 'web1', 'n2')] });

test('add, list and remove tags of an instance, a node, a group and the cluster', async (t) => {
  const h = await LuHarness.create({ config: config() });
  for (const [kind, name] of [['instance', 'web1'], ['node', NODE2], ['nodegroup', 'default'], ['cluster', undefined]] as const) {
    assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind, name, tags: ['web', 'db', 'web'] }));
    t.deepEqual([...(assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_GET', kind, name })) as string[])].sort(), ['db', 'web'], kind);
    assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_DEL', kind, name, tags: ['web'] }));
    t.deepEqual(assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_GET', kind, name })), ['db'], kind);
  }
  t.deepEqual(h.instance('web1')!.tags, ['db']);
});

test('invalid tags are refused and nothing changes', async (t) => {
  const h = await LuHarness.create({ config: config() });
  const serial = h.cfg.serial();
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name: 'web1', tags: ['ok', 'bad tag'] }), OpPrereqError,
    /Tag contains invalid characters: 'bad tag'/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name: 'web1', tags: ['x'.repeat(129)] }), OpPrereqError,
    /Tag too long \(129 > 128 characters\)/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name: 'web1', tags: [''] }), OpPrereqError, /empty/, 'wrong_input');
  t.is(h.cfg.serial(), serial);
  t.deepEqual(h.instance('web1')!.tags, []);
});

test('removing a tag the object does not have is refused; unknown objects too', async (t) => {
  const h = await LuHarness.create({ config: config() });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name: 'web1', tags: ['a'] }));
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_DEL', kind: 'instance', name: 'web1', tags: ['a', 'zz'] }), OpPrereqError,
    /Tag\(s\) 'zz' not found/, 'unknown_entity');
  t.deepEqual(h.instance('web1')!.tags, ['a']);
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_GET', kind: 'instance', name: 'nosuch' }), OpPrereqError, /Instance 'nosuch' not known/, 'unknown_entity');
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_GET', kind: 'network', name: 'n9' }), OpPrereqError, /Network 'n9' not found/, 'unknown_entity');
});

test('search finds tags on every kind of object by regular expression', async (t) => {
  const h = await LuHarness.create({ config: config() });
  assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'instance', name: 'web1', tags: ['web', 'db'] }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'cluster', tags: ['webfarm'] }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SET', kind: 'node', name: NODE2, tags: ['rack1'] }));
  const found = assertSucceeded(t, await h.run({ OP_ID: 'OP_TAGS_SEARCH', pattern: '^web' })) as [string, string][];
  t.deepEqual([...found].sort(), [['/cluster', 'webfarm'], ['/instances/web1', 'web']]);
  assertFailed(t, await h.run({ OP_ID: 'OP_TAGS_SEARCH', pattern: '(' }), OpPrereqError, /Invalid search pattern/, 'wrong_input');
});
