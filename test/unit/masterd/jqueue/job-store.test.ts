import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../../../daemons/common/log.js';
import { OpTestDelay } from '../../../../daemons/common/opcodes/index.js';
import { Coalescer } from '../../../../daemons/masterd/jqueue/coalescer.js';
import { newJob, timestamp } from '../../../../daemons/masterd/jqueue/job.js';
import { JobStore } from '../../../../daemons/masterd/jqueue/job-store.js';

test('coalescer: requests during a run share one follow-up run that starts after them', async (t) => {
  let runs = 0;
  let state = 0;
  const seen: number[] = [];
  const c = new Coalescer(async () => {
    runs++;
    const snapshot = state;
    await new Promise((r) => setTimeout(r, 10));
    seen.push(snapshot);
  });
  state = 1;
  const first = c.run();
  const later = Array.from({ length: 100 }, (_, i) => { state = 2 + i; return c.run(); });
  await Promise.all([first, ...later]);
  t.is(runs, 2);
  t.deepEqual(seen, [1, 101], 'the follow-up run saw the newest state');
  t.false(c.busy);
});

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
  const writes = Array.from({ length: 50 }, (_, i) => { job.ops[0]!.log.push([i + 1, timestamp(), 'message', `m${i}`]); return store.write(job); });
  await Promise.all(writes);
  t.is(JSON.parse(readFileSync(join(queueDir, 'job-12345'), 'utf8')).ops[0].log.length, 50);
  await store.archive(12345);
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

test('secret OS parameters are never written to the job file; the job in memory keeps them', async (t) => {
  const { OpTestOsParams } = await import('../../../../daemons/common/opcodes/test.js');
  const { executeQuery } = await import('../../../../daemons/masterd/query/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'jstore-secret-'));
  try {
    mkdirSync(join(dir, 'archive'));
    const store = new JobStore(dir, join(dir, 'archive'), nullLogger);
    const job = newJob(7, [OpTestOsParams.validate({ osparams_secret: { password: 'hunter2-s3cr3t' } })], timestamp());
    await store.write(job);
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
