// Fuzz figures (issue 8): N seeded inputs to each daemon (default 10,000; vcluster/fuzz.ts,
// the engine the fuzz test uses), then forged node RPCs. For each daemon: inputs sent, rate,
// deaths (daemon processes that changed or died), uncaught exceptions (crash lines in the
// daemon logs) and state changes (config serial/checksum, file checksums, process list).
// Forged RPCs: every NodeDaemon method, empty and random payloads, from a plain node's
// certificate and from a foreign CA's: refused / tried (the goal: all refused).
// Run: npm run build && npx tsx bench/fuzz-bench.ts [--inputs 10000] [--seed S] [--forged 10]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { createCa, createNodeCert } from '../daemons/common/tls.js';
import { startVcluster } from '../vcluster/harness.js';
import {
  alive, clusterState, crashLines, int, logMarks, masterCalls, masterClients, NODED_METHODS, nodedCalls, nodedClients,
  nodedClientsWith, pick, pidOf, randomBytes, rng, runAll, stateChanges, type Raw,
} from '../vcluster/fuzz.js';

const { values } = parseArgs({ options: {
  inputs: { type: 'string', default: '10000' }, seed: { type: 'string' }, forged: { type: 'string', default: '10' },
} });
const N = Number(values.inputs);
const SEED = Number(values.seed ?? Date.now() % 1_000_000);
const PREFIX = '127.0.140';
const ip = (node: string) => `${PREFIX}.${9 + Number(node.slice(4))}`;

async function main(): Promise<void> {
  console.log(`fuzz-bench: seed ${SEED} (replay with --seed ${SEED}), ${N} inputs per daemon`);
  const vc = await startVcluster({ nodes: 3, prefix: PREFIX, nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  try {
    await vc.init();
    await vc.addNodes();
    for (const args of [['gnt-cluster', 'modify', '--candidate-pool-size=2'], ['gnt-node', 'modify', '-C', 'no', 'node3'],
      ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'keep']]) {
      const r = await vc.gnt(args);
      if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
    }
    const r = rng(SEED);
    const daemons = [['masterd', 'node1', 'ganeti-masterd'], ['noded', 'node2', 'ganeti-noded']] as const;
    for (const [name, node, daemon] of daemons) {
      await quiesce(vc);
      const before = clusterState(vc.dir);
      const marks = logMarks(vc.dir);
      const pid = pidOf(vc.dir, node, daemon);
      let calls;
      let close: () => void;
      if (name === 'masterd') {
        const m = masterClients(vc.dir);
        calls = masterCalls(r, N, m, () => pick(r, [-1, 0, 1_000_000 + int(r, 1000), 2 ** 53])).calls;
        close = m.close;
      } else {
        const c = nodedClients(vc.dir, 'node1', 'node2', ip('node2'));
        calls = nodedCalls(r, N, c);
        close = c.close;
      }
      const t0 = performance.now();
      const sent = await runAll(calls);
      const s = (performance.now() - t0) / 1000;
      close();
      await quiesce(vc);
      const deaths = (pidOf(vc.dir, node, daemon) !== pid || !alive(pid)) ? 1 : 0;
      const crashes = crashLines(vc.dir, marks);
      const changes = stateChanges(before, clusterState(vc.dir));
      console.log(`${name}: ${sent} inputs in ${s.toFixed(1)} s (${Math.round(sent / s)}/s); deaths ${deaths}, ` +
        `uncaught exceptions ${crashes.length}, state changes ${changes.length}`);
      for (const l of [...crashes, ...changes].slice(0, 10)) console.log(`  ${l}`);
    }

    // Forged node RPCs to node1 (the master's noded, where they would hurt most).
    const foreignCa = await createCa('intruder');
    const foreign = await createNodeCert(foreignCa, 'node3', [ip('node3')]);
    const ca = readFileSync(join(vc.dir, 'node1/var/lib/ganeti/cluster-ca.pem'));
    const senders: [string, { raw: Raw; close(): void }][] = [
      ["a plain node's certificate (node3)", nodedClients(vc.dir, 'node3', 'node1', ip('node1'))],
      ['a foreign CA', nodedClientsWith({ ca, key: Buffer.from(foreign.key), cert: Buffer.from(foreign.cert) }, 'node1', ip('node1'))],
    ];
    const per = Number(values.forged);
    for (const [who, c] of senders) {
      const before = clusterState(vc.dir);
      let tried = 0;
      let accepted = 0;
      const acceptedBy = new Set<string>();
      await runAll(NODED_METHODS.flatMap((m) => Array.from({ length: per }, (_, i) => async () => {
        tried++;
        const code = await c.raw(m, i === 0 ? Buffer.alloc(0) : randomBytes(r, 200));
        if (code === 0) { accepted++; acceptedBy.add(m); }
      })), 16);
      c.close();
      const changes = stateChanges(before, clusterState(vc.dir));
      console.log(`forged RPCs from ${who}: refused ${tried - accepted} / tried ${tried} (${NODED_METHODS.length} methods); ` +
        `state changes ${changes.length}${acceptedBy.size ? `; ACCEPTED: ${[...acceptedBy].join(', ')}` : ''}`);
    }
  } finally {
    await vc.stop();
  }
}

/** Waits until no job is pending; returns how many jobs exist. */
async function quiesce(vc: Awaited<ReturnType<typeof startVcluster>>): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 60_000 });
    const lines = r.stdout.trim().split('\n').filter(Boolean);
    if (lines.every((l) => /\b(success|error|canceled)$/.test(l.trim()))) return lines.length;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('jobs did not settle');
}

await main();
