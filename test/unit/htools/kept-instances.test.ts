// The master keeps hail's model of the instances from one allocation to the next
// (kept-instances.ts): after any sequence of changes it must be the model made anew.
import test from 'ava';
import { hailAnswer, parseDocument, parseInstance, type ParsedInstance } from '../../../daemons/common/htools/iallocator.js';
import { KeptInstances } from '../../../daemons/common/htools/kept-instances.js';
import { primaryNeed, type Node } from '../../../daemons/common/htools/model.js';

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = ['diskless', 'plain', 'drbd', 'sharedfile'] as const;
const STATES = ['up', 'down', 'offline'] as const;

function nodeDoc(names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n, i) => [n, {
    group: i % 3 === 2 ? 'g2' : 'g1', offline: false, drained: false, vm_capable: true, tags: [],
    ndparams: { spindle_count: 2, exclusive_storage: i === 1 },
    total_memory: 65536, reserved_memory: 1024, free_memory: 30000 + i * 1000, total_disk: 1 << 20, free_disk: 1 << 19,
    total_cpus: 16, reserved_cpus: 1, free_spindles: 4,
  }]));
}

function instance(r: () => number, name: string, nodes: string[]): ParsedInstance {
  const template = TEMPLATES[Math.floor(r() * TEMPLATES.length)]!;
  const p = nodes[Math.floor(r() * nodes.length)]!;
  const others = nodes.filter((n) => n !== p);
  const size = 1024 * (1 + Math.floor(r() * 4));
  return parseInstance(name, {
    memory: 128 * (1 + Math.floor(r() * 8)), vcpus: 1 + Math.floor(r() * 3), disk_space_total: template === 'diskless' ? 0 : size,
    disks: template === 'diskless' ? [] : [{ size }], disk_template: template, spindle_use: 1 + Math.floor(r() * 2),
    admin_state: STATES[Math.floor(r() * STATES.length)], tags: r() < 0.3 ? ['web:a', `x:${Math.floor(r() * 3)}`] : [],
    nodes: template === 'drbd' ? [p, others[Math.floor(r() * others.length)]!] : [p],
  });
}

const request = { type: 'allocate', name: 'new', disk_template: 'plain', memory: 512, vcpus: 1, disk_space_total: 1024,
  disks: [{ size: 1024 }], spindle_use: 1, tags: ['web:b'], required_nodes: 1 };

function doc(nodes: string[], clusterTags: string[]): Record<string, unknown> {
  return {
    cluster_tags: clusterTags, ipolicy: {},
    nodegroups: { g1: { name: 'one', alloc_policy: 'preferred', ipolicy: {} }, g2: { name: 'two', alloc_policy: 'preferred', ipolicy: { 'vcpu-ratio': 2 } } },
    nodes: nodeDoc(nodes), instances: {}, request,
  };
}

/** A node as plain data, with what the N+1 check reads from the loader's sums. */
const plain = (n: Node, il: Parameters<typeof primaryNeed>[1]) => ({ ...n, need: primaryNeed(n, il) });

test('the kept model is the model made anew after appends, changes in place, removals, new nodes and new exclusion tags', (t) => {
  const r = rng(14);
  const kept = new KeptInstances();
  let nodes = ['n1', 'n2', 'n3', 'n4'];
  let tags: string[] = [];
  let list: ParsedInstance[] = Array.from({ length: 40 }, (_, i) => instance(r, `i${i}`, nodes));
  let serial = 40;
  const check = (what: string) => {
    const fresh = parseDocument(doc(nodes, tags), list).cd;
    const freshNodes = fresh.nodes.map((n) => plain(n, fresh.instances));
    const freshInstances = fresh.instances.map((i) => ({ ...i }));
    const freshAnswer = hailAnswer(doc(nodes, tags), list);
    const k = parseDocument(doc(nodes, tags), list, kept).cd;
    t.deepEqual(k.nodes.map((n) => plain(n, k.instances)), freshNodes, `${what}: nodes`);
    t.deepEqual(k.instances.map((i) => ({ ...i })), freshInstances, `${what}: instances`);
    t.deepEqual(hailAnswer(doc(nodes, tags), list, kept), freshAnswer, `${what}: answer`);
  };
  check('first');
  for (let step = 0; step < 60; step++) {
    const roll = r();
    list = list.slice();
    if (roll < 0.35) {
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) list.push(instance(r, `i${serial++}`, nodes));
      check(`step ${step}: appended`);
    } else if (roll < 0.7) {
      // A change in place keeps the position (the config's order), as a start or a migration does.
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
        const at = Math.floor(r() * list.length);
        list[at] = instance(r, list[at]!.name, nodes);
      }
      if (r() < 0.5) list.push(instance(r, `i${serial++}`, nodes));
      check(`step ${step}: changed in place`);
    } else if (roll < 0.8) {
      list.splice(Math.floor(r() * list.length), 1);
      check(`step ${step}: removed`);
    } else if (roll < 0.87) {
      nodes = [...nodes, `n${nodes.length + 1}`];
      check(`step ${step}: a node added`);
    } else if (roll < 0.94) {
      tags = tags.length ? [] : ['htools:iextags:web'];
      check(`step ${step}: exclusion tags ${tags.length ? 'set' : 'cleared'}`);
    } else {
      for (let at = 0; at < list.length; at++) list[at] = instance(r, list[at]!.name, nodes);
      check(`step ${step}: everything changed`);
    }
  }
});

test('a request that fails half-way leaves nothing half-made for the next one', (t) => {
  const r = rng(7);
  const kept = new KeptInstances();
  const nodes = ['n1', 'n2', 'n3'];
  const list = Array.from({ length: 10 }, (_, i) => instance(r, `i${i}`, nodes));
  hailAnswer(doc(nodes, []), list, kept);
  // i3 moves from n1 to n2 (placed), then an unknown node stops the request.
  const moved = parseInstance('i3', { memory: 4096, vcpus: 2, disk_space_total: 0, disk_template: 'diskless', nodes: ['n2'] });
  list[3] = parseInstance('i3', { memory: 4096, vcpus: 2, disk_space_total: 0, disk_template: 'diskless', nodes: ['n1'] });
  hailAnswer(doc(nodes, []), list, kept);
  const broken = [...list, parseInstance('lost', { memory: 128, vcpus: 1, disk_space_total: 0, disk_template: 'diskless', nodes: ['nowhere'] })];
  broken[3] = moved;
  t.regex(hailAnswer(doc(nodes, []), broken, kept).info, /Unknown node 'nowhere' for instance lost/);
  const next = [...list, instance(r, 'i10', nodes)];
  next[3] = moved;
  const fresh = parseDocument(doc(nodes, []), next).cd;
  const freshNodes = fresh.nodes.map((n) => plain(n, fresh.instances));
  const k = parseDocument(doc(nodes, []), next, kept).cd;
  t.deepEqual(k.nodes.map((n) => plain(n, k.instances)), freshNodes);
});
