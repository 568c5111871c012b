// kill -9 of masterd at random points of a mixed workload (issue 8's figures): creates,
// removes of created instances, tag changes and delays, submitted concurrently in waves; at
// a random moment of each wave masterd is SIGKILLed and restarted. At the end: acknowledged
// jobs lost (not listed, or not final), jobs run twice (an instance whose OS create script
// ran more than once), and config divergence (the master's config.data against each
// candidate's, after the queue settled). Goal: 0, 0, 0.
// Run: npm run build && npx tsx bench/kill9-bench.ts [--kills 100] [--jobs 1000] [--seed S]
import { readConfigCopySync } from '../daemons/common/config-journal.js';
import * as grpc from '@grpc/grpc-js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServices, unixAddress } from '../daemons/common/rpc.js';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { alive, int, pidOf, rng } from '../vcluster/fuzz.js';

const { values } = parseArgs({ options: {
  kills: { type: 'string', default: '100' }, jobs: { type: 'string', default: '1000' }, seed: { type: 'string' },
} });
const KILLS = Number(values.kills);
const JOBS = Number(values.jobs);
const SEED = Number(values.seed ?? Date.now() % 1_000_000);
const FINAL = new Set(['success', 'error', 'canceled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function master(vc: Vcluster) {
  return new (loadServices().ganeti.Master)(unixAddress(join(vc.dir, 'node1/var/run/ganeti/socket/ganeti-master')),
    grpc.credentials.createInsecure());
}

async function statuses(vc: Vcluster): Promise<Map<number, string>> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'id,status'], { timeoutMs: 120_000 });
  return new Map(r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [id, st] = l.trim().split(/\s+/);
    return [Number(id), st!];
  }));
}

function osCreateRuns(vc: Vcluster): Map<string, number> {
  const runs = new Map<string, number>();
  for (const n of vc.nodes) {
    const dir = join(vc.dir, n, 'var/log/ganeti/os');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const m = /^add-dummy-(.+)-\d{4}-\d\d-\d\d_.*\.log$/.exec(f);
      if (m) runs.set(m[1]!, (runs.get(m[1]!) ?? 0) + 1);
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const r = rng(SEED);
  console.log(`kill9-bench: seed ${SEED}; ${KILLS} kills over ${JOBS} jobs`);
  const vc = await startVcluster({ nodes: 3, prefix: '127.0.142', nodeMemory: '262144', setupArgs: ['--node-cpus', '64'],
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  const acked: number[] = [];
  let made = 0;
  const created: string[] = [];
  try {
    await vc.init();
    await vc.addNodes();
    const t0 = performance.now();
    const perWave = Math.max(1, Math.ceil(JOBS / KILLS));
    for (let k = 0; k < KILLS; k++) {
      const ops: string[] = [];
      for (let j = 0; j < perWave && acked.length + ops.length < JOBS; j++) {
        const kind = int(r, 10);
        if (kind < 5) {
          const name = `k${made++}`;
          ops.push(JSON.stringify([{ OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', os_type: 'dummy',
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
      const c = master(vc);
      const pid = pidOf(vc.dir, 'node1', 'ganeti-masterd');
      const killAfter = int(r, 1500);   // ms into the wave: while submitting, queued, running or finishing
      const killer = sleep(killAfter).then(() => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } });
      await Promise.all(ops.map((ops_json) => new Promise<void>((resolve) => {
        c.SubmitJobs({ jobs: [{ ops_json }] }, (err, res) => {
          const x = res?.results[0];
          if (!err && x?.ok) {
            acked.push(Number(x.job_id));
            const op = (JSON.parse(ops_json) as { OP_ID: string; instance_name?: string }[])[0]!;
            if (op.OP_ID === 'OP_INSTANCE_CREATE') created.push(op.instance_name!);
          }
          resolve();
        });
      })));
      await killer;
      c.close();
      for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
      const s = await vc.cmd('node1', ['daemon-util', 'start', 'ganeti-masterd']);
      if (s.code !== 0) throw new Error(`restart ${k}: ${s.stdout}${s.stderr}`);
      if ((k + 1) % 10 === 0) console.log(`  ${k + 1} kills, ${acked.length} jobs acknowledged`);
    }
    // Let the queue settle.
    let st = await statuses(vc);
    for (let i = 0; i < 600 && ![...st.values()].every((x) => FINAL.has(x)); i++) { await sleep(1000); st = await statuses(vc); }
    const lost = acked.filter((id) => !FINAL.has(st.get(id) ?? ''));
    const twice = [...osCreateRuns(vc)].filter(([, n]) => n > 1);
    await sleep(3000);   // the last replication round
    const cfg = (n: string) => JSON.stringify(readConfigCopySync(join(vc.dir, n, 'var/lib/ganeti/config.data')).doc);
    const diverged = ['node2', 'node3'].filter((n) => cfg(n) !== cfg('node1'));
    const ok = acked.filter((id) => st.get(id) === 'success').length;
    const verify = await vc.gnt(['gnt-cluster', 'verify'], { timeoutMs: 120_000 });
    console.log(`${KILLS} kills, ${acked.length} acknowledged jobs (${ok} succeeded) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`acknowledged jobs lost: ${lost.length}${lost.length ? ` (${lost.slice(0, 10).join(', ')})` : ''}`);
    console.log(`jobs run twice: ${twice.length}${twice.length ? ` (${twice.slice(0, 10).map(([n, c]) => `${n}x${c}`).join(', ')})` : ''}`);
    console.log(`config divergence master vs candidates: ${diverged.length}${diverged.length ? ` (${diverged.join(', ')})` : ''}`);
    console.log(`gnt-cluster verify exit ${verify.code}; errors: ${verify.stdout.split('\n').filter((l) => /ERROR/.test(l)).length}`);
  } finally {
    await vc.stop();
  }
}

await main();
