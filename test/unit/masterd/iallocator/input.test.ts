// The allocator input document reuses an unchanged instance's record between allocations
// (an add asks about every instance); a record must never outlive a change to its instance,
// which the config makes in place, and hail must answer the same on it as on fresh text.
import test from 'ava';
import { buildInput } from '../../../../daemons/masterd/iallocator/input.js';
import { hailAnswer } from '../../../../daemons/common/htools/iallocator.js';
import type { NodeInfoResponse__Output } from '../../../../proto/generated/ganeti/NodeInfoResponse.js';
import { clusterConfig, instance, MASTER, node, NODE2, NODE3 } from '../helpers/cluster-config.js';

const info = (mem: number): NodeInfoResponse__Output => ({
  bootid: 'b', memory_total: mem, memory_free: mem, memory_dom0: 0, cpu_total: 8, cpu_nodes: 1, cpu_sockets: 1, cpu_used: 0,
  storage: [{ type: 'file', name: '/srv', total: 100_000, free: 100_000, reported: true }], software_version: '3.0',
});

function setup() {
  const cfg = clusterConfig({
    nodes: [node('n1', MASTER), node('n2', NODE2), node('n3', NODE3)],
    instances: [instance('i1', 'a', 'n1', { admin_state: 'up', beparams: { maxmem: 512 } }), instance('i2', 'b', 'n2'), instance('i3', 'c', 'n3')],
  });
  const infos = new Map(['n1', 'n2', 'n3'].map((u) => [u, info(4096)]));
  const request = { type: 'allocate', name: 'new', disk_template: 'file', tags: [], os: '', vcpus: 1, memory: 1024, spindle_use: 1,
    disks: [{ size: 1024, mode: 'rw' }], disk_space_total: 1024, nics: [], required_nodes: 1, hypervisor: 'fake' };
  const build = () => buildInput(cfg, infos, new Map(), request) as { instances: Record<string, Record<string, unknown>> };
  return { cfg, build };
}

test('an unchanged instance keeps its record; hail answers on the shared records as on the text', (t) => {
  const { build } = setup();
  const d1 = build();
  const d2 = build();
  t.is(d2.instances.a, d1.instances.a);
  t.true(Object.isFrozen(d2.instances.a));
  t.deepEqual(hailAnswer(d2), hailAnswer(JSON.stringify(d2)));
  t.deepEqual(hailAnswer(d2), hailAnswer(d1));
});

test('a change made in place to an instance gives it a new record, and hail sees the change', (t) => {
  const { cfg, build } = setup();
  const before = build();
  const answerBefore = hailAnswer(before);
  const a = cfg.instances.i1!;
  a.beparams.maxmem = 3500;            // what set-params does to the live document
  a.disks[0]!.size = 2048;             // grow-disk
  a.tags.push('x');
  a.nics[0]!.ip = '192.0.2.7';
  a.primary_node = 'n2';               // failover
  cfg.nodes.n3!.name = 'node3-renamed.example.com';   // gnt-node rename: c's record names the node
  const after = build();
  t.not(after.instances.a, before.instances.a);
  t.like(after.instances.a, { memory: 3500, disk_space_total: 2048, nodes: [NODE2] });
  t.deepEqual(after.instances.a!.tags, ['x']);
  t.deepEqual((after.instances.a!.nics as { ip: string }[])[0]!.ip, '192.0.2.7');
  t.deepEqual(after.instances.c!.nodes, ['node3-renamed.example.com']);
  t.is(after.instances.b, before.instances.b);
  // The same answer as on the document's text: nothing parsed from the old record survived.
  t.deepEqual(hailAnswer(after), hailAnswer(JSON.stringify(after)));
  t.notDeepEqual(hailAnswer(after), answerBefore);
});

test('a renamed instance is parsed under its new name', (t) => {
  const { build } = setup();
  hailAnswer(build());
  const doc = build();
  // Same record object under another name (the record does not hold the name).
  const moved = { ...doc, instances: { renamed: doc.instances.b!, a: doc.instances.a!, c: doc.instances.c! } };
  const reloc = { ...moved, request: { type: 'relocate', name: 'renamed', required_nodes: 1, relocate_from: [NODE2] } };
  t.deepEqual(hailAnswer(reloc), hailAnswer(JSON.stringify(reloc)));
});
