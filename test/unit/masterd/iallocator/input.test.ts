// The in-process hail's allocate requests reuse each instance's parse while its config entry
// stays the same (buildHailInput): the answer must be the one the full document gives, also
// after changes the config makes in place, and a changed instance must be parsed again.
import test from 'ava';
import { buildHailInput, buildInput } from '../../../../daemons/masterd/iallocator/input.js';
import { hailAnswer } from '../../../../daemons/common/htools/iallocator.js';
import type { NodeInfoResponse__Output } from '../../../../proto/generated/ganeti/NodeInfoResponse.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../helpers/cluster-config.js';
import { CapacityTracker, InstanceUsage } from '../../../../daemons/masterd/capacity.js';
import { memoryConfigStore } from '../helpers/memory-config.js';

const info = (mem: number): NodeInfoResponse__Output => ({
  bootid: 'b', memory_total: mem, memory_free: mem, memory_dom0: 0, cpu_total: 8, cpu_nodes: 1, cpu_sockets: 1, cpu_used: 0,
  storage: [{ type: 'file', name: '/srv', total: 100_000, free: 100_000, reported: true }], software_version: '3.0',
});

function setup() {
  const cfg = clusterConfig({
    nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)],
    instances: [
      instance('i1', 'a', 'n1', { admin_state: 'up', beparams: { maxmem: 1024 } }),
      instance('i2', 'b', 'n2', { admin_state: 'up', beparams: { maxmem: 1024 } }),
      instance('i3', 'c', 'n3', { admin_state: 'up', beparams: { maxmem: 512 } }),
    ],
  });
  const infos = new Map(['n1', 'n2', 'n3'].map((u) => [u, info(4096)]));
  const request = { type: 'allocate', name: 'new', disk_template: 'file', tags: [], os: '', vcpus: 1, memory: 1024, spindle_use: 1,
    disks: [{ size: 1024, mode: 'rw' }], disk_space_total: 1024, nics: [], required_nodes: 1, hypervisor: 'fake' };
  const both = () => {
    const full = hailAnswer(buildInput(cfg, infos, new Map(), request));
    const h = buildHailInput(cfg, infos, new Map(), request);
    return { full, fast: hailAnswer(h.doc, h.instances), parsed: new Map(h.instances.map((x) => [x.name, x])) };
  };
  return { cfg, both };
}

test('parsed instances give the answer of the whole document, and are reused while unchanged', (t) => {
  const { both } = setup();
  const first = both();
  t.true(first.full.success);
  t.deepEqual(first.fast, first.full);
  t.regex(String((first.full.result as string[])[0]), /node3/);   // the emptiest node
  const second = both();
  t.deepEqual(second.fast, second.full);
  t.is(second.parsed.get('a'), first.parsed.get('a'));
});

test('a change the config makes in place gets the instance parsed again, with the answer of the whole document', (t) => {
  const { cfg, both } = setup();
  const before = both();
  cfg.instances.i3!.beparams.maxmem = 3584;   // set-params
  cfg.instances.i2!.tags.push('x');
  const after = both();
  t.not(after.parsed.get('c'), before.parsed.get('c'));
  t.not(after.parsed.get('b'), before.parsed.get('b'));
  t.deepEqual(after.parsed.get('b')!.inst.tags, ['x']);
  t.is(after.parsed.get('c')!.inst.mem, 3584);
  t.is(after.parsed.get('a'), before.parsed.get('a'));
  t.deepEqual(after.fast, after.full);
  // Renaming a node changes every record that names it; renaming an instance, its parse.
  cfg.nodes.n1!.name = 'renamed.example.com';
  cfg.instances.i2!.name = 'b2';
  const renamed = both();
  t.deepEqual(renamed.parsed.get('a')!.nodes, ['renamed.example.com']);
  t.is(renamed.parsed.get('b2')!.inst.name, 'b2');
  t.deepEqual(renamed.fast, renamed.full);
});

test('parsed instances are refused for requests that move instances', (t) => {
  const { cfg, both } = setup();
  both();
  const h = buildHailInput(cfg, new Map(), new Map(), { type: 'relocate', name: 'a', required_nodes: 1, relocate_from: [MASTER] });
  const a = hailAnswer(h.doc, h.instances);
  t.false(a.success);
  t.regex(a.info, /only for allocate and multi-allocate requests, not relocate/);
});

// What an add reads from the store (ConfigStore.derived): the capacity sums per node and hail's
// parsed instances, kept up to date instance by instance. After every kind of change they must
// equal what a full pass over the config gives, and the answer must be the whole document's.
test('sums and parsed instances kept by the store follow every change, with the answer of the whole document', async (t) => {
  const { cfg: initial } = setup();
  const { store } = await memoryConfigStore(initial);
  const infos = new Map(['n1', 'n2', 'n3'].map((u) => [u, info(4096)]));
  const request = { type: 'allocate', name: 'new', disk_template: 'file', tags: [], os: '', vcpus: 1, memory: 1024, spindle_use: 1,
    disks: [{ size: 1024, mode: 'rw' }], disk_space_total: 1024, nics: [], required_nodes: 1, hypervisor: 'fake' };
  const check = (what: string) => {
    const cfg = store.get();
    const kept = InstanceUsage.of(store);
    const zero = { memory: 0, vcpus: 0, disk: 0 };
    const full = InstanceUsage.sum(cfg);
    for (const n of Object.keys(cfg.nodes)) t.deepEqual(kept.totals(cfg).get(n) ?? zero, full.get(n) ?? zero, `${what}: sums of ${n}`);
    const usage = new CapacityTracker().usage(cfg, kept);
    const fast = buildHailInput(cfg, infos, usage, request, store);
    const slow = buildHailInput(cfg, infos, usage, request);
    t.deepEqual(fast.instances.map((i) => i.inst), slow.instances.map((i) => i.inst), `${what}: parsed instances`);
    t.deepEqual(fast.doc, slow.doc, `${what}: document`);
    // As masterd asks: with hail's model of the instances kept from the last request.
    t.truthy(fast.kept, `${what}: the store's model is kept`);
    t.deepEqual(hailAnswer(fast.doc, fast.instances, fast.kept), hailAnswer(buildInput(cfg, infos, usage, request)), `${what}: answer`);
    return fast;
  };
  const first = check('at first');
  t.is(check('unchanged').instances, first.instances);   // nothing changed: the same list, no pass over the instances
  await store.update((c) => { c.instances.i4 = instance('i4', 'd', 'n1', { admin_state: 'up', beparams: { maxmem: 2048, vcpus: 2 } }); });
  const added = check('after an add');
  t.is(added.instances.length, 4);
  await store.update((c) => { c.instances.i3!.beparams.maxmem = 3584; c.instances.i2!.admin_state = 'down'; });
  check('after in-place changes');
  await store.update((c) => { c.instances.i1!.primary_node = 'n2'; delete c.instances.i4!.beparams.maxmem; });
  check('after a failover and a parameter back at its default');
  await store.update((c) => { c.cluster.beparams.default.maxmem = 777; c.cluster.beparams.default.vcpus = 3; });
  check('after the cluster defaults changed');
  await store.update((c) => { c.nodes.n1!.name = 'renamed.example.com'; });
  check('after a node rename');
  await store.update((c) => { delete c.instances.i2; });
  t.is(check('after a removal').instances.length, 3);
  await t.throwsAsync(store.update((c) => { c.instances.i3!.admin_state = 'down'; throw new Error('refused'); }));
  check('after a change that was rolled back');
});
