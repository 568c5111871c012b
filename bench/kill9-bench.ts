// kill -9 of masterd at random points of a mixed workload (issue 8's figures): creates,
// removes of created instances, tag changes and delays, submitted concurrently in waves; at
// a random moment of each wave masterd is SIGKILLed and restarted (with --noded, a random
// node's noded too, at the same moment); once the kills are done, waves without a kill
// bring the acknowledged jobs up to --jobs. At the end: acknowledged
// jobs lost (not listed, or not final), jobs run twice (an instance whose OS create script
// ran more than once: one marker per run, vcluster/job-load.ts), successful creates missing
// from the config or not running, and config divergence (the master's config.data against each
// candidate's, after the queue settled). Goal: 0, 0, 0.
// Run: npm run build && npx tsx bench/kill9-bench.ts [--kills 100] [--jobs 1000] [--seed S] [--noded]
import { existsSync } from 'node:fs';
import { readConfigCopySync } from '../daemons/common/config-journal.js';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { alive, int, pidOf, rng } from '../vcluster/fuzz.js';
import { COUNTED_OS, FINAL_JOB_STATUSES as FINAL, installCountingOs, osCreateRuns, submitConcurrently } from '../vcluster/job-load.js';

const { values } = parseArgs({ options: {
  kills: { type: 'string', default: '100' }, jobs: { type: 'string', default: '1000' }, seed: { type: 'string' },
  noded: { type: 'boolean', default: false },
} });
const KILLS = Number(values.kills);
const JOBS = Number(values.jobs);
const SEED = Number(values.seed ?? Date.now() % 1_000_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function statuses(vc: Vcluster): Promise<Map<number, string>> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 120_000 });
  return new Map(r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [id, st] = l.trim().split(/\s+/);
    return [Number(id), st!];
  }));
}

async function main(): Promise<void> {
  const r = rng(SEED);
  console.log(`kill9-bench: seed ${SEED}; ${KILLS} kills over ${JOBS} jobs`);
  const vc = await startVcluster({ nodes: 3, prefix: '127.0.200', nodeMemory: '262144', setupArgs: ['--node-cpus', '64'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  const acked: number[] = [];
  let made = 0;
  const created: string[] = [];
  const createJobs = new Map<number, string>();
  try {
    await vc.init();
    await vc.addNodes();
    installCountingOs(vc);
    const t0 = performance.now();
    let submitted = 0;
    let nodedKills = 0;
    for (let k = 0; k < KILLS || acked.length < JOBS; k++) {
      // Calls still open at a kill are never acknowledged: later waves make up for them, and
      // after the last kill one wave without a kill brings the total to JOBS.
      const kill = k < KILLS;
      const perWave = kill ? Math.max(1, Math.ceil((JOBS - acked.length) / (KILLS - k))) : JOBS - acked.length;
      const ops: string[] = [];
      for (let j = 0; j < perWave; j++) {
        const kind = int(r, 10);
        if (kind < 5) {
          const name = `k${made++}`;
          ops.push(JSON.stringify([{ OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', os_type: COUNTED_OS,
            iallocator: 'hail', beparams: { memory: 64 }, name_check: false, ip_check: false }]));
        } else if (kind < 7 && created.length) {
          const name = created.splice(int(r, created.length), 1)[0]!;
          ops.push(JSON.stringify([{ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: name, ignore_failures: true }]));
        } else if (kind < 9) {
          ops.push(JSON.stringify([{ OP_ID: 'OP_TAGS_SET', kind: 'cluster', tags: [`t${k}x${j}`] }]));
        } else {
          ops.push(JSON.stringify([{ OP_ID: 'OP_TEST_DELAY', duration: 0.2, on_master: false, on_nodes: ['node2'] }]));
        }
      }
      const pid = pidOf(vc.dir, 'node1', 'ganeti-masterd');
      const node = vc.nodes[int(r, vc.nodes.length)]!;
      const nodedPid = pidOf(vc.dir, node, 'ganeti-noded');
      const killAfter = int(r, 1500);   // ms into the wave: while submitting, queued, running or finishing
      const killer = kill ? sleep(killAfter).then(() => {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
        if (values.noded) { try { process.kill(nodedPid, 'SIGKILL'); nodedKills++; } catch { /* gone */ } }
      }) : Promise.resolve();
      submitted += ops.length;
      await submitConcurrently(vc, ops, (id, opsJson) => {
        acked.push(id);
        const op = (JSON.parse(opsJson) as { OP_ID: string; instance_name?: string }[])[0]!;
        if (op.OP_ID === 'OP_INSTANCE_CREATE') { created.push(op.instance_name!); createJobs.set(id, op.instance_name!); }
      });
      await killer;
      if (!kill) continue;
      for (let i = 0; i < 200 && (alive(pid) || (values.noded && alive(nodedPid))); i++) await sleep(50);
      if (values.noded) {
        const n = await vc.cmd(node, ['daemon-util', 'start', 'ganeti-noded']);
        if (n.code !== 0) throw new Error(`restart of ${node}'s noded ${k}: ${n.stdout}${n.stderr}`);
      }
      const s = await vc.cmd('node1', ['daemon-util', 'start', 'ganeti-masterd']);
      if (s.code !== 0) throw new Error(`restart ${k}: ${s.stdout}${s.stderr}`);
      if ((k + 1) % 10 === 0) console.log(`  ${k + 1} kills, ${acked.length} jobs acknowledged`);
    }
    // Let the queue settle.
    let st = await statuses(vc);
    for (let i = 0; i < 600 && ![...st.values()].every((x) => FINAL.has(x)); i++) { await sleep(1000); st = await statuses(vc); }
    const lost = acked.filter((id) => !FINAL.has(st.get(id) ?? ''));
    const runs = osCreateRuns(vc);
    const twice = [...runs].filter(([, n]) => n > 1);
    const list = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode'], { timeoutMs: 120_000 });
    const pnodes = new Map(list.stdout.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/) as [string, string]));
    const okCreates = [...createJobs].filter(([id]) => st.get(id) === 'success').map(([, name]) => name);
    // A successful create whose instance was not removed later must be in the config and run.
    const removedLater = new Set(okCreates.filter((n) => !created.includes(n)));
    const missing = okCreates.filter((n) => !removedLater.has(n) &&
      !(pnodes.has(n) && existsSync(join(vc.dir, pnodes.get(n)!, 'var/run/ganeti/fake-hypervisor', n))));
    const effects = [...runs.values()].reduce((a, b) => a + b, 0);
    await sleep(3000);   // the last replication round
    const cfg = (n: string) => JSON.stringify(readConfigCopySync(join(vc.dir, n, 'var/lib/ganeti/config.data')).doc);
    const diverged = ['node2', 'node3'].filter((n) => cfg(n) !== cfg('node1'));
    const ok = acked.filter((id) => st.get(id) === 'success').length;
    const verify = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
    console.log(`${KILLS} kills of masterd${values.noded ? ` and ${nodedKills} of a noded` : ''}, ${submitted} jobs submitted, ${acked.length} acknowledged (${ok} succeeded) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`acknowledged jobs lost: ${lost.length}${lost.length ? ` (${lost.slice(0, 10).join(', ')})` : ''}`);
    console.log(`OS create runs counted: ${effects} (${okCreates.length} successful creates); successful creates missing from config or node: ${missing.length}${missing.length ? ` (${missing.slice(0, 10).join(', ')})` : ''}`);
    console.log(`jobs run twice: ${twice.length}${twice.length ? ` (${twice.slice(0, 10).map(([n, c]) => `${n}x${c}`).join(', ')})` : ''}`);
    console.log(`config divergence master vs candidates: ${diverged.length}${diverged.length ? ` (${diverged.join(', ')})` : ''}`);
    const errors = verify.stdout.split('\n').filter((l) => /ERROR/.test(l));
    console.log(`gnt-cluster verify exit ${verify.code}; errors: ${errors.length}`);
    const kinds = new Map<string, number>();
    for (const e of errors) { const k = e.replace(/^.*?ERROR: /, '').replace(/\bk\d+\b/g, 'kN'); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    for (const [k, n] of kinds) console.log(`  ${n} x ${k}`);
  } finally {
    await vc.stop();
  }
}

await main();
