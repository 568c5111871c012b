// The balancer's front search (front-moves.ts) must give the exhaustive search's plan, move for
// move, score for score: random clusters with unequal node capacities, crowded, with offline
// nodes, exclusion tags and soft-error overrides.
import test from 'ava';
import { balance, defaultBalanceOptions, type Table } from '../../../daemons/common/htools/balance.js';
import { createInstance, createNode, finishCluster, type ClusterData } from '../../../daemons/common/htools/cluster.js';
import { compCV } from '../../../daemons/common/htools/score.js';
import { defaultIPolicy, type DiskTemplate } from '../../../daemons/common/htools/model.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function cluster(seed: number, o: { nodes: number; insts: number; crowd: number; offline?: number; tags?: boolean }): ClusterData {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const ipolicy = defaultIPolicy();
  const caps = Array.from({ length: o.nodes }, () => ({ mem: pick([32768, 65536, 131072]), cpu: pick([8, 16, 32]) }));
  const used = new Array<number>(o.nodes).fill(0);
  const templates: DiskTemplate[] = ['sharedfile', 'rbd', 'ext'];
  const instances = Array.from({ length: o.insts }, (_, k) => {
    const mem = pick([512, 1024, 2048, 4096]);
    const p = Math.floor(r() * o.crowd);
    used[p] = used[p]! + mem;
    return createInstance({ name: `i${k}`, mem, dsk: 1024, vcpus: pick([1, 2, 4]), status: pick(['running', 'running', 'ADMIN_down']),
      autoBalance: true, pNode: p, sNode: -1, template: pick(templates), tags: o.tags ? [pick(['svc:a', 'svc:b', 'other'])] : [] });
  });
  const nodes = caps.map((c, k) => createNode({ name: `n${k}`, tMem: c.mem, nMem: 0, fMem: Math.max(1, c.mem - used[k]!), tDsk: 1048576,
    fDsk: 1048576, tCpu: c.cpu, offline: k < (o.offline ?? 0), group: 0, ipolicy }));
  return finishCluster({ groups: [{ idx: 0, name: 'g', uuid: 'u', allocPolicy: 'preferred', tags: [], networks: [], ipolicy }],
    nodes, instances, tags: o.tags ? ['htools:iextags:svc'] : [], ipolicy });
}

function plan(cd: ClusterData, exhaustive: boolean, extra: Partial<ReturnType<typeof defaultBalanceOptions>> = {}): string[] {
  const nodes = cd.nodes.slice(); const instances = cd.instances.map((i) => ({ ...i }));
  const tbl: Table = { nodes, instances, score: compCV(nodes), plc: [] };
  balance(tbl, { nodes: nodes.map((n) => n.idx), movable: () => true }, { ...defaultBalanceOptions(), maxRounds: 60, exhaustive, ...extra });
  return tbl.plc.map((p) => `${instances[p.inst]!.name}->${p.pNode} ${p.score}`);
}

const cases: [string, Parameters<typeof cluster>[1], Partial<ReturnType<typeof defaultBalanceOptions>>][] = [
  ['crowded, unequal capacities', { nodes: 40, insts: 300, crowd: 8 }, {}],
  ['spread, unequal capacities', { nodes: 30, insts: 240, crowd: 30 }, {}],
  ['offline nodes are evacuated', { nodes: 25, insts: 150, crowd: 25, offline: 3 }, {}],
  ['exclusion tags', { nodes: 20, insts: 120, crowd: 6, tags: true }, {}],
  ['soft errors ignored', { nodes: 20, insts: 200, crowd: 5 }, { ignoreSoftErrors: true }],
  // the fronts are kept from round to round: a long plan changes most nodes many times
  ['a long plan on a wider cluster', { nodes: 40, insts: 300, crowd: 6 }, { maxRounds: 150 }],
  // evacuating: the victims (and so the search) change every round
  ['evacuation mode', { nodes: 25, insts: 150, crowd: 25, offline: 3 }, { evacMode: true }],
];
for (const [name, o, extra] of cases) {
  test(`front search = exhaustive search: ${name}`, (t) => {
    for (const seed of [1, 2, 3]) {
      const cd = cluster(seed, o);
      const fast = plan(cd, false, extra);
      t.true(fast.length > 0, `seed ${seed}: no move at all`);
      t.deepEqual(fast, plan(cd, true, extra), `seed ${seed}`);
    }
  });
}
