// Job queue throughput: N one-opcode jobs (executor answers at once) submitted in one
// submit() call, with real fsyncs, until every job is final on disk; then how long
// open() takes to load a queue directory of many job files.
// Run: npx tsx bench/jqueue-throughput.ts [jobs=1000] [files=10000]
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../daemons/common/log.js';
import { OpTestDelay } from '../daemons/common/opcodes/index.js';
import { JobQueue } from '../daemons/masterd/jqueue/job-queue.js';

const jobsN = Number(process.argv[2] ?? 1000);
const filesN = Number(process.argv[3] ?? 10000);
const dir = mkdtempSync(join(tmpdir(), 'jqueue-bench-'));
const queueDir = join(dir, 'queue');
const archiveDir = join(queueDir, 'archive');

async function waitAll(q: JobQueue, ids: number[]): Promise<void> {
  await Promise.all(ids.map(async (id) => { for await (const _ of q.watch(id, 0)) { /* until final */ } }));
}

try {
  const q = new JobQueue({ queueDir, archiveDir, executor: async () => null, log: nullLogger, hardLimit: filesN + jobsN });
  await q.open();
  const ops = Array.from({ length: jobsN }, () => [OpTestDelay.validate({ duration: 0 })]);
  const t0 = performance.now();
  const res = await q.submit(ops);
  const tSubmit = performance.now() - t0;
  const ids = res.map((r) => { if (!r.ok) throw r.error; return r.id; });
  await waitAll(q, ids);
  const total = performance.now() - t0;
  console.log(`submit ${jobsN} jobs (durable): ${tSubmit.toFixed(0)} ms`);
  console.log(`all ${jobsN} jobs final on disk: ${total.toFixed(0)} ms = ${Math.round(jobsN / (total / 1000))} jobs/s`);

  // Fill the directory up to filesN job files, then time a fresh open().
  const rest = filesN - jobsN;
  for (let done = 0; done < rest; done += 1000) {
    const n = Math.min(1000, rest - done);
    const more = await q.submit(Array.from({ length: n }, () => [OpTestDelay.validate({ duration: 0 })]));
    await waitAll(q, more.map((r) => (r.ok ? r.id : 0)));
  }
  await q.close();
  const q2 = new JobQueue({ queueDir, archiveDir, executor: async () => null, log: nullLogger });
  const t1 = performance.now();
  const opened = await q2.open();
  console.log(`open() of ${opened.loaded} job files: ${(performance.now() - t1).toFixed(0)} ms`);
  await q2.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
