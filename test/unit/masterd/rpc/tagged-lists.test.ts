// TaggedInstanceLists: the master asks each node with the tag of the list it holds, keeps
// the very answer object while the node says unchanged, and never trusts an 'unchanged'
// for a list it does not hold.
import test from 'ava';
import { TaggedInstanceLists } from '../../../../daemons/masterd/rpc/tagged-lists.js';
import { FakeNodeRpc } from '../helpers/fake-node-rpc.js';

const nodes = [{ name: 'n1', ip: '10.0.0.1' }, { name: 'n2', ip: '10.0.0.2' }];
const entry = (name: string, state = 'running') => ({ name, state, memory: 64, vcpus: 1, hypervisor: 'fake', console_json: '' });

test('unchanged answers keep the held object; a change, a failure or another address asks afresh', async (t) => {
  const rpc = new FakeNodeRpc();
  // Each node's current list and its tag (a digest on the real node; a counter here).
  const current: Record<string, { tag: string; instances: ReturnType<typeof entry>[] }> = {
    n1: { tag: 'a1', instances: [entry('i1')] }, n2: { tag: 'b1', instances: [entry('i2')] },
  };
  rpc.answer('InstanceListTagged', (req, node) => {
    const c = current[node]!;
    return req.known_tag === c.tag ? { instances: [], tag: c.tag, unchanged: true, delta: false, gone: [] } : { instances: c.instances, tag: c.tag, unchanged: false, delta: false, gone: [] };
  });
  const lists = new TaggedInstanceLists(rpc);
  const sentTags = () => rpc.calls.splice(0).map((c) => `${c.node}:${(c.req as { known_tag: string }).known_tag}`);

  const first = await lists.get(nodes, ['fake']);
  t.deepEqual(first.get('n1')!.payload, { instances: [entry('i1')] });
  t.deepEqual(sentTags(), ['n1:', 'n2:']);
  const second = await lists.get(nodes, ['fake']);
  t.deepEqual(sentTags(), ['n1:a1', 'n2:b1']);
  t.is(second.get('n1'), first.get('n1'), 'the held answer object itself');
  t.is(second.get('n2'), first.get('n2'));

  current.n1 = { tag: 'a2', instances: [entry('i1', 'user_down')] };
  const third = await lists.get(nodes, ['fake']);
  t.deepEqual(third.get('n1')!.payload, { instances: [entry('i1', 'user_down')] });
  t.is(third.get('n2'), first.get('n2'));

  // Another hypervisor set, or the node at another address: nothing held applies.
  await lists.get(nodes, ['fake', 'kvm']);
  t.deepEqual(sentTags(), ['n1:a1', 'n2:b1', 'n1:', 'n2:']);
  await lists.get([{ name: 'n1', ip: '10.0.0.9' }, nodes[1]!], ['fake', 'kvm']);
  t.deepEqual(sentTags(), ['n1:', 'n2:b1']);

  // A failed node loses what was held; an 'unchanged' for a tag not sent is refused.
  rpc.fail('InstanceListTagged', 'node down', { node: 'n2', times: 1 });
  const failed = await lists.get(nodes, ['fake']);
  t.true(failed.get('n2')!.failed);
  sentTags();
  await lists.get(nodes, ['fake']);
  t.deepEqual(sentTags(), ['n1:a2', 'n2:']);
  rpc.answer('InstanceListTagged', { instances: [], tag: 'zz', unchanged: true, delta: false, gone: [] }, { node: 'n1', times: 1 });
  const bogus = await lists.get(nodes, ['fake']);
  t.true(bogus.get('n1')!.failed);
  t.regex(bogus.get('n1')!.failMsg, /answered 'unchanged' \(tag 'zz'\) for a list the master does not hold/);
});

test('calls at the same time each answer from what was held when they asked', async (t) => {
  // node n1: its answer to the first call waits until a second call has fetched a newer list.
  let current = { tag: 'a1', instances: [entry('i1')] };
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  const rpc = new FakeNodeRpc();
  rpc.answer('InstanceListTagged', (req) => (req.known_tag === current.tag
    ? { instances: [], tag: current.tag, unchanged: true, delta: false, gone: [] } : { instances: current.instances, tag: current.tag, unchanged: false, delta: false, gone: [] }));
  const slow = new Proxy(rpc, {
    get: (target, key) => (key === 'callMany'
      ? async (...args: Parameters<FakeNodeRpc['callMany']>) => {
        const res = await target.callMany(...args);
        if ((args[3] as { signal?: unknown } | undefined)?.signal === 'slow') await gate;
        return res;
      }
      : Reflect.get(target, key)),
  });
  const lists = new TaggedInstanceLists(slow);
  const held = (await lists.get(nodes.slice(0, 1), ['fake'])).get('n1')!;
  const first = lists.get(nodes.slice(0, 1), ['fake'], { signal: 'slow' as unknown as AbortSignal });   // the node says: unchanged, a1
  await new Promise((r) => setImmediate(r));
  current = { tag: 'a2', instances: [entry('i1', 'user_down')] };
  const newer = (await lists.get(nodes.slice(0, 1), ['fake'])).get('n1')!;
  t.deepEqual(newer.payload, { instances: [entry('i1', 'user_down')] });
  release();
  t.is((await first).get('n1'), held, 'unchanged from a1: the a1 answer, not the a2 one put there meanwhile');
  t.is((await lists.get(nodes.slice(0, 1), ['fake'])).get('n1'), newer);
});

test('only a call naming all nodes drops what is held for others', async (t) => {
  const rpc = new FakeNodeRpc();
  rpc.answer('InstanceListTagged', (req, node) => (req.known_tag === `${node}-t`
    ? { instances: [], tag: `${node}-t`, unchanged: true, delta: false, gone: [] } : { instances: [entry(`i-${node}`)], tag: `${node}-t`, unchanged: false, delta: false, gone: [] }));
  const lists = new TaggedInstanceLists(rpc);
  await lists.get(nodes, ['fake'], {}, true);
  await lists.get(nodes.slice(0, 1), ['fake']);   // an opcode asks one node
  rpc.calls.splice(0);
  await lists.get(nodes, ['fake'], {}, true);
  t.deepEqual(rpc.calls.map((c) => (c.req as { known_tag: string }).known_tag), ['n1-t', 'n2-t']);
  await lists.get(nodes.slice(1), ['fake'], {}, true);   // n1 was removed from the cluster
  rpc.calls.splice(0);
  await lists.get(nodes, ['fake'], {}, true);
  t.deepEqual(rpc.calls.map((c) => (c.req as { known_tag: string }).known_tag), ['', 'n2-t']);
});

test('a delta is put into the list held: changed entries by name, new ones, gone ones left out', async (t) => {
  const rpc = new FakeNodeRpc();
  const one = [{ name: 'n1', ip: '10.0.0.1' }];
  rpc.answer('InstanceListTagged', { instances: [entry('i1'), entry('i2'), entry('i3')], tag: 't1', unchanged: false, delta: false, gone: [] }, { times: 1 });
  const lists = new TaggedInstanceLists(rpc);
  const first = (await lists.get(one, ['fake'])).get('n1')!;
  const i3 = first.payload!.instances[2];
  rpc.answer('InstanceListTagged', (req) => (req.known_tag === 't1'
    ? { instances: [entry('i1', 'user_down'), entry('i4')], tag: 't2', unchanged: false, delta: true, gone: ['i2'] }
    : { instances: [], tag: '', unchanged: false, delta: false, gone: [] }));
  const second = (await lists.get(one, ['fake'])).get('n1')!;
  t.false(second.failed);
  t.deepEqual(second.payload!.instances, [entry('i1', 'user_down'), entry('i3'), entry('i4')]);
  t.is(second.payload!.instances[1], i3, 'an unchanged entry is the held object');
  t.deepEqual(first.payload!.instances.map((e) => e.name), ['i1', 'i2', 'i3'], 'the held answer is not changed');
  // The next delta builds on the list made from the last one.
  rpc.answer('InstanceListTagged', { instances: [], tag: 't3', unchanged: false, delta: true, gone: ['i1'] });
  t.deepEqual((await lists.get(one, ['fake'])).get('n1')!.payload!.instances, [entry('i3'), entry('i4')]);
  t.deepEqual(rpc.calls.map((c) => (c.req as { known_tag: string }).known_tag), ['', 't1', 't2']);
  // A delta to a list the master does not hold (it asked without a tag) is refused.
  const fresh = new TaggedInstanceLists(rpc);
  const bogus = (await fresh.get(one, ['fake'])).get('n1')!;
  t.true(bogus.failed);
  t.regex(bogus.failMsg, /answered with changes \(tag 't3'\) to a list the master does not hold/);
});
