// The query path's InstanceList answers (rpc/runtime-cache.ts): reused only within the TTL
// and only while the master has sent the node nothing that may change what runs there.
import test from 'ava';
import { RuntimeCache } from '../../../../daemons/masterd/rpc/runtime-cache.js';
import { FakeNodeRpc } from '../helpers/fake-node-rpc.js';

const N1 = { name: 'node1', ip: '10.0.0.1' };
const N2 = { name: 'node2', ip: '10.0.0.2' };
const REQ = { hypervisors: ['fake'] };

function setup() {
  let clock = 1_000_000;
  let running = ['i1'];
  const fake = new FakeNodeRpc().healthy()
    .answer('InstanceList', () => ({ instances: running.map((name) => ({ name, state: 'running', memory: 64, vcpus: 1, hypervisor: 'fake', console_json: '' })) }));
  const cache = new RuntimeCache(fake, 2000, () => clock);
  const names = async (node = N1) => (await cache.instanceList([node], REQ)).get(node.name)!.payload!.instances.map((i) => i.name);
  return { fake, cache, names, tick: (ms: number) => { clock += ms; }, set: (r: string[]) => { running = r; } };
}

test('an answer is reused within the TTL, asked again after it', async (t) => {
  const { fake, names, tick, set } = setup();
  t.deepEqual(await names(), ['i1']);
  set([]);                                        // i1 killed outside the cluster
  tick(1999);
  t.deepEqual(await names(), ['i1'], 'within the TTL');
  t.is(fake.callsTo('InstanceList').length, 1);
  tick(1);
  t.deepEqual(await names(), [], 'the kill shows once the TTL has passed');
  t.is(fake.callsTo('InstanceList').length, 2);
});

test('a call that may change the node drops its answer at once; read-only calls and other nodes do not', async (t) => {
  const { fake, cache, names, set } = setup();
  await names(); await names(N2);
  await cache.call(N1, 'NodeInfo', { hypervisors: [], storage_units: [] });
  await cache.call(N2, 'InstanceShutdown', { instance: null, timeout_ms: 0 } as never);
  t.deepEqual(await names(), ['i1']);
  t.is(fake.callsTo('InstanceList').length, 2, 'NodeInfo left node1\'s answer alone');
  set([]);
  t.deepEqual(await names(N2), [], 'the shutdown on node2 made its next list ask');
  await cache.callMany([N1], 'InstanceStart', { instance: null } as never);
  set(['i1']);
  t.deepEqual(await names(), ['i1']);
  t.is(fake.callsTo('InstanceList').length, 4);
  t.is(fake.callsTo('InstanceStart').length, 1, 'calls are passed on');
});

test('an answer that arrives while a changing call runs is not kept; failures are not kept', async (t) => {
  const { fake, cache, names } = setup();
  let release!: () => void;
  const slow = new Promise<void>((r) => { release = r; });
  const inner = fake.call.bind(fake);
  fake.call = (async (node, method, req, opts) => {
    if (method === 'InstanceList') await slow;
    return inner(node, method, req, opts);
  }) as typeof fake.call;
  const listing = names();
  await cache.call(N1, 'InstanceReboot', { instance: null } as never);
  release();
  await listing;
  await names();
  t.is(fake.callsTo('InstanceList').length, 2, 'the answer given during the reboot was dropped');
  fake.fail('InstanceList', 'down', { node: 'node2', times: 1 });
  t.true((await cache.instanceList([N2], REQ)).get('node2')!.failed);
  t.deepEqual(await names(N2), ['i1'], 'a failure is asked again');
});

test('concurrent queries share one call', async (t) => {
  const { fake, names } = setup();
  await Promise.all([names(), names(), names()]);
  t.is(fake.callsTo('InstanceList').length, 1);
});
