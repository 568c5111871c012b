import test from 'ava';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../../../daemons/common/log.js';
import { OpTestDelay } from '../../../../daemons/common/opcodes/index.js';
import { newJob, timestamp } from '../../../../daemons/masterd/jqueue/job.js';
import { JobStore } from '../../../../daemons/masterd/jqueue/job-store.js';

test('job store: ids in batches, serial durable, writes coalesced, archive layout', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jstore-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const queueDir = join(dir, 'queue');
  const store = new JobStore(queueDir, join(queueDir, 'archive'), nullLogger);
  await store.init();
  t.deepEqual(await store.allocateIds(3), [1, 2, 3]);
  t.deepEqual(await store.allocateIds(1), [4]);
  t.is(readFileSync(join(queueDir, 'serial'), 'utf8'), '4\n');
  const job = newJob(12345, [OpTestDelay.validate({ duration: 0 })], timestamp());
  const writes = Array.from({ length: 50 }, (_, i) => { job.ops[0]!.log.push([i + 1, timestamp(), 'message', `m${i}`]); return store.write(job, i === 49); });
  await Promise.all(writes);
  t.is(store.journalStats()!.entries, 1, 'the 50 writes of one turn are one journal entry');
  await store.flush();
  t.is(JSON.parse(readFileSync(join(queueDir, 'job-12345'), 'utf8')).ops[0].log.length, 50);
  await store.archive(job);
  t.is((await store.loadArchived(12345))?.id, 12345);
  t.truthy(readFileSync(join(queueDir, 'archive', '1', 'job-12345'), 'utf8'));
  t.is(await store.loadArchived(999), undefined);
});

test('job store: a corrupt serial file is recovered from the archive', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jstore-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const queueDir = join(dir, 'queue');
  mkdirSync(join(queueDir, 'archive', '2'), { recursive: true });
  writeFileSync(join(queueDir, 'archive', '2', 'job-20007'), '{}');
  writeFileSync(join(queueDir, 'serial'), 'garbage');
  const store = new JobStore(queueDir, join(queueDir, 'archive'), nullLogger);
  await store.init();
  t.deepEqual(await store.allocateIds(1), [20008]);
});

async function freshStore(t: { teardown(f: () => Promise<void>): void }, compactBytes?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'jstore-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const queueDir = join(dir, 'queue');
  const make = () => new JobStore(queueDir, join(queueDir, 'archive'), nullLogger, compactBytes);
  const store = make();
  await store.init();
  return { queueDir, store, make };
}

test('job store: changes of many jobs in one turn share one journal append (one fdatasync)', async (t) => {
  const { queueDir, store } = await freshStore(t);
  const jobs = Array.from({ length: 200 }, (_, i) => newJob(i + 1, [OpTestDelay.validate({ duration: 0 })], timestamp()));
  const before = store.journalStats()!.flushes;
  await Promise.all(jobs.map((j, i) => store.write(j, i % 2 === 1)));
  t.is(store.journalStats()!.flushes - before, 1);
  t.is(store.journalStats()!.entries, 200);
  await store.flush();
  t.is(JSON.parse(readFileSync(join(queueDir, 'job-200'), 'utf8')).id, 200, 'a final state is in its file');
  t.false(existsSync(join(queueDir, 'job-199')), 'a state on the way lives in the journal only');
  await store.close();
});

test('job store: after a crash, replay rewrites job files from the journal, archive moves included', async (t) => {
  const { queueDir, store, make } = await freshStore(t);
  const a = newJob(7, [OpTestDelay.validate({ duration: 0 })], timestamp());
  const b = newJob(8, [OpTestDelay.validate({ duration: 0 })], timestamp());
  await Promise.all([store.write(a), store.write(b, true)]);
  a.ops[0]!.status = 'success';
  await store.write(a, true);
  await store.archive(b);
  // job-7's file is written in the background: wait for it, so that removing it below is
  // the crash's doing and not a race with that write.
  await store.flush();
  // The "crash": no close(), the files lost what was not yet on disk (here: all of it).
  rmSync(join(queueDir, 'job-7'));
  writeFileSync(join(queueDir, 'archive', '0', 'job-8'), '');
  // A torn last entry (a crash in the middle of an append) is cut off, not an error.
  appendFileSync(join(queueDir, 'journal'), '0badf00d {"id":9');
  const again = make();
  await again.init();
  t.is(JSON.parse(readFileSync(join(queueDir, 'job-7'), 'utf8')).ops[0].status, 'success');
  t.is((await again.loadArchived(8))?.id, 8, 'the archived job was rewritten from the journal');
  t.false(existsSync(join(queueDir, 'job-8')));
  t.is(readFileSync(join(queueDir, 'journal'), 'utf8'), '', 'replayed, made durable and emptied');
  const { jobs } = await again.loadAll();
  t.deepEqual(jobs.map((j) => j.id), [7]);
  await again.close();
});

test('job store: the journal is compacted once past its size, the files staying complete', async (t) => {
  const { queueDir, store } = await freshStore(t, 4096);
  for (let i = 1; i <= 40; i++) await store.write(newJob(i, [OpTestDelay.validate({ duration: 0 })], timestamp()));
  t.true(statSync(join(queueDir, 'journal')).size < 4096 + 2048, 'emptied on the way');
  t.is(JSON.parse(readFileSync(join(queueDir, 'job-1'), 'utf8')).id, 1, 'compaction wrote the states it held to the files');
  await store.close();
  t.is(statSync(join(queueDir, 'journal')).size, 0, 'a clean close leaves an empty journal');
  for (let i = 1; i <= 40; i++) t.is(JSON.parse(readFileSync(join(queueDir, `job-${i}`), 'utf8')).id, i, 'and every job in its file');
});

test('secret OS parameters are never written to the job file; the job in memory keeps them', async (t) => {
  const { OpTestOsParams } = await import('../../../../daemons/common/opcodes/test.js');
  const { executeQuery } = await import('../../../../daemons/masterd/query/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'jstore-secret-'));
  try {
    mkdirSync(join(dir, 'archive'));
    const store = new JobStore(dir, join(dir, 'archive'), nullLogger);
    await store.init();
    const job = newJob(7, [OpTestOsParams.validate({ osparams_secret: { password: 'hunter2-s3cr3t' } })], timestamp());
    await store.write(job);
    t.false(readFileSync(join(dir, 'journal'), 'utf8').includes('hunter2-s3cr3t'), 'not in the journal');
    await store.write(job, true);
    await store.close();
    const text = readFileSync(store.jobFile(7), 'utf8');
    t.false(text.includes('hunter2-s3cr3t'));
    t.true(text.includes('"osparams_secret":{"password":"<redacted>"}'));
    t.is((job.ops[0]!.input as unknown as { osparams_secret: Record<string, string> }).osparams_secret.password, 'hunter2-s3cr3t');
    // gnt-job info / RAPI show the opcodes through the job query: redacted there too.
    const cfg = (await import('../query/helpers/fixture.js')).makeConfig();
    const res = executeQuery({ what: 'job', fields: ['ops'], names: ['7'], filter: null },
      { cfg, live: (await import('../query/helpers/fixture.js')).makeLive(), jobs: [{ ...job, archived: false } as never] });
    t.false(JSON.stringify(res.rows).includes('hunter2-s3cr3t'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
