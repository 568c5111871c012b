import test, { type ExecutionContext } from 'ava';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deferred, type Deferred } from '../../../../daemons/common/async.js';
import { JobQueueDrainError, JobQueueFullError, OpPrereqError } from '../../../../daemons/common/errors.js';
import { parseJournal } from '../../../../daemons/common/journal.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import { OpTestDelay, type Opcode } from '../../../../daemons/common/opcodes/index.js';
import {
  JobQueue, jobStatus, type JobChange, type JobData, type OpExecutor,
} from '../../../../daemons/masterd/jqueue/job-queue.js';

const op = (extra: Record<string, unknown> = {}): Opcode => OpTestDelay.validate({ duration: 0, ...extra });

interface Ctx { dir: string; queueDir: string; archiveDir: string }

function tempQueueDir(t: ExecutionContext): Ctx {
  const dir = mkdtempSync(join(tmpdir(), 'jqueue-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return { dir, queueDir: join(dir, 'queue'), archiveDir: join(dir, 'queue', 'archive') };
}

async function openQueue(t: ExecutionContext, executor: OpExecutor, opts: Partial<Ctx> & { maxRunning?: number; hardLimit?: number } = {}) {
  const c = opts.queueDir ? (opts as Ctx) : tempQueueDir(t);
  const q = new JobQueue({ ...c, executor, log: nullLogger, maxRunning: opts.maxRunning, hardLimit: opts.hardLimit });
  const opened = await q.open();
  t.teardown(() => q.close());
  return { q, c, opened };
}

/** The job's durable state: its newest entry in the queue's journal, else its file. */
function readJob(c: Ctx, id: number): JobData {
  const journal = join(c.queueDir, 'journal');
  const entries = existsSync(journal) ? parseJournal(readFileSync(journal)).entries : [];
  const prefix = `J{"id":${id},`;
  const last = entries.filter((e) => e.startsWith(prefix)).at(-1);
  return JSON.parse(last ? last.slice(1) : readFileSync(join(c.queueDir, `job-${id}`), 'utf8'));
}

async function final(q: JobQueue, id: number): Promise<JobChange[]> {
  const changes: JobChange[] = [];
  for await (const ch of q.watch(id, 0)) changes.push(ch);
  return changes;
}

/** An executor whose opcodes block until released, recording what ran. */
function gatedExecutor() {
  const gates = new Map<number, Deferred<unknown>>();
  const started: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const exec: OpExecutor = async (_op, ctx) => {
    started.push(ctx.jobId);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const g = deferred<unknown>();
    gates.set(ctx.jobId, g);
    const onAbort = () => g.reject(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onAbort);
    try { return await g.promise; } finally { running--; ctx.signal.removeEventListener('abort', onAbort); }
  };
  const until = async (cond: () => boolean) => { while (!cond()) await new Promise((r) => setTimeout(r, 2)); };
  return { exec, gates, started, until, get maxRunning() { return maxRunning; } };
}

test('submit writes job files and the serial before returning ids', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, g.exec);
  const res = await q.submit([[op()], [op(), op({ priority: -10 })]]);
  t.deepEqual(res.map((r) => r.ok), [true, true]);
  const ids = res.map((r) => (r.ok ? r.id : 0));
  t.deepEqual(ids, [1, 2]);
  t.is(readFileSync(join(c.queueDir, 'serial'), 'utf8').trim(), '2');
  for (const id of ids) {
    const onDisk = readJob(c, id);
    t.is(onDisk.id, id);
    t.truthy(onDisk.received_timestamp);
    t.is(onDisk.ops[0]!.input.OP_ID, 'OP_TEST_DELAY');
  }
  t.deepEqual(readJob(c, 2).ops.map((o) => o.priority), [0, -10]);
  await g.until(() => g.gates.size === 2);
  g.gates.get(1)!.resolve('r1');
  g.gates.get(2)!.resolve('a');
  await g.until(() => g.gates.size === 2 && g.started.length === 3);
  g.gates.get(2)!.resolve('b');
  await final(q, 2);
  t.deepEqual(q.get(2)!.ops.map((o) => o.result), ['a', 'b']);
});

test('a job runs through waiting and running to success; final state is on disk before watchers see it', async (t) => {
  const { q, c } = await openQueue(t, async (_op, ctx) => {
    ctx.feedback('message', 'starting');
    await new Promise((r) => setTimeout(r, 5));
    ctx.notifyRunning();
    await new Promise((r) => setTimeout(r, 5));
    ctx.feedback('message', 'done');
    return { answer: 42 };
  });
  const [r] = await q.submit([[op(), op()]]);
  const id = r!.ok ? r!.id : 0;
  const changes = await final(q, id);
  const last = changes[changes.length - 1]!;
  t.true(last.final);
  t.is(last.status, 'success');
  t.true(changes.some((ch) => ch.status === 'running'));
  t.deepEqual(changes.flatMap((ch) => ch.log.map((e) => e[3])), ['starting', 'done', 'starting', 'done']);
  t.deepEqual(changes.flatMap((ch) => ch.log.map((e) => e[0])), [1, 2, 3, 4]);
  const disk = readJob(c, id);
  t.is(jobStatus(disk), 'success');
  t.deepEqual(disk.ops[0]!.result, { answer: 42 });
  for (const o of disk.ops) {
    t.truthy(o.start_timestamp && o.exec_timestamp && o.end_timestamp);
    t.is(o.log[0]![2], 'message');
  }
  t.truthy(disk.start_timestamp && disk.end_timestamp);
  // A later watcher asking from serial 3 gets only the last entry, then the end.
  const again: JobChange[] = [];
  for await (const ch of q.watch(id, 3)) again.push(ch);
  t.deepEqual(again.map((ch) => [ch.status, ch.log.map((e) => e[0]), ch.final]), [['success', [4], true]]);
});

test('log lines of a running job reach its file within the write delay, without a write per line', async (t) => {
  const g = gatedExecutor();
  const fed = deferred<void>();
  let ctxC: Ctx;
  const { q, c } = await openQueue(t, async (o, ctx) => {
    ctx.notifyRunning();
    // The status change is written on its own first (that write would carry the lines).
    while (jobStatus(readJob(ctxC, ctx.jobId)) !== 'running') await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 20; i++) ctx.feedback('message', `line ${i}`);
    fed.resolve();
    return g.exec(o, ctx);
  });
  ctxC = c;
  const [r] = await q.submit([[op()]]);
  const id = r!.ok ? r!.id : 0;
  await fed.promise;
  const disk = () => readJob(c, id).ops[0]!.log.length;
  // Watchers see every line at once (memory); the file gets them in one delayed write.
  await new Promise((r) => setTimeout(r, 50));
  t.is(disk(), 0, 'log lines were written one by one instead of waiting to share a write');
  const deadline = Date.now() + 5000;
  while (disk() < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.is(disk(), 20);
  g.gates.get(id)!.resolve(null);
  await final(q, id);
});

test('a failing opcode fails the job and the opcodes after it', async (t) => {
  const { q } = await openQueue(t, async (o) => {
    if ((o as Opcode & { duration: number }).duration === 1) {
      throw new OpPrereqError("Instance 'x' not known", { ecode: 'unknown_entity' });
    }
    return 'ok';
  });
  const [r] = await q.submit([[op(), op({ duration: 1 }), op()]]);
  const id = r!.ok ? r!.id : 0;
  await final(q, id);
  const job = q.get(id)!;
  t.is(jobStatus(job), 'error');
  t.deepEqual(job.ops.map((o) => o.status), ['success', 'error', 'error']);
  t.deepEqual(job.ops[1]!.result, ['OpPrereqError', ["Instance 'x' not known", 'unknown_entity']]);
  t.deepEqual(job.ops[2]!.result, ['OpExecError', ['Preceding opcode failed', '']]);
});

test('scheduler keeps maxRunning and starts by priority, then id', async (t) => {
  const g = gatedExecutor();
  const { q } = await openQueue(t, g.exec, { maxRunning: 1 });
  const res = await q.submit([[op()], [op({ priority: 10 })], [op()], [op({ priority: -10 })]]);
  const ids = res.map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.length === 1);
  t.is(g.started[0], ids[3], 'the high-priority job goes first');
  t.deepEqual(q.changePriority(ids[2]!, -20),
    { ok: true, message: `Priorities of pending opcodes for job ${ids[2]} have been changed to -20` });
  t.true(q.changePriority(ids[3]!, 5).ok, 'a waiting opcode may still change priority');
  t.false(q.changePriority(ids[3]!, 99).ok);
  for (let n = 1; n <= 4; n++) {
    await g.until(() => g.started.length === n);
    g.gates.get(g.started[n - 1]!)!.resolve(null);
  }
  await final(q, ids[1]!);
  t.deepEqual(g.started, [ids[3], ids[2], ids[0], ids[1]]);
  t.is(g.maxRunning, 1);

  q.setMaxRunning(3);
  const many = await q.submit(Array.from({ length: 8 }, () => [op()]));
  await g.until(() => g.started.length === 7);
  t.is(g.maxRunning, 3);
  for (const r of many) {
    const id = r.ok ? r.id : 0;
    await g.until(() => g.gates.has(id));
    g.gates.get(id)!.resolve(null);
  }
  for (const r of many) await final(q, r.ok ? r.id : 0);
  t.is(g.maxRunning, 3);
});

test('dependencies: wait for success, fail or cancel with the dependency', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, g.exec);
  const res = await q.submit([
    [op()],
    [op({ depends: [[-1, ['success']]] })],
    [op({ depends: [[-2, ['error']]] })],
    [op({ depends: [[999, []]] })],
  ]);
  const [a, b, e, u] = res.map((r) => (r.ok ? r.id : 0));
  t.deepEqual(readJob(c, b!).ops[0]!.input.depends, [[a, ['success']]], 'relative ids stored as absolute');
  await final(q, u!);
  t.deepEqual(q.get(u!)!.ops[0]!.result, ['OpExecError', ['Dependency job 999 not found', '']]);
  await g.until(() => g.started.length === 1);
  t.is(jobStatus(q.get(b!)!), 'queued');
  g.gates.get(a!)!.resolve('done');
  await g.until(() => g.started.includes(b!));
  g.gates.get(b!)!.resolve('done');
  await final(q, e!);
  t.is(jobStatus(q.get(e!)!), 'error');
  t.regex(JSON.stringify(q.get(e!)!.ops[0]!.result), new RegExp(`Dependency job ${a} finished with status 'success'`));

  // A canceled dependency cancels the dependent unless it accepts 'canceled'.
  const more = await q.submit([[op({ depends: [[999999, []]] })]]);
  t.true(more[0]!.ok);
  const blocker = await q.submit([[op()], [op()]]);
  const [x] = blocker.map((r) => (r.ok ? r.id : 0));
  const deps = await q.submit([[op({ depends: [[x, []]] })], [op({ depends: [[x, ['canceled']]] })]]);
  const [d1, d2] = deps.map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.includes(x!));
  t.deepEqual(q.cancel(x!), { ok: true, message: `Job ${x} will be canceled` });
  await final(q, d1!);
  t.is(jobStatus(q.get(d1!)!), 'canceled');
  await g.until(() => g.started.includes(d2!));
  g.gates.get(d2!)!.resolve(null);
  t.is((await final(q, d2!)).pop()!.status, 'success');
  for (const r of blocker.slice(1)) { const id = r.ok ? r.id : 0; await g.until(() => g.gates.has(id)); g.gates.get(id)!.resolve(null); }
});

test('a dependency found in the archive counts', async (t) => {
  const { q } = await openQueue(t, async () => 'ok');
  const [r] = await q.submit([[op()]]);
  const id = r!.ok ? r!.id : 0;
  await final(q, id);
  t.true(q.archive(id).ok);
  const [d] = await q.submit([[op({ depends: [[id, ['success']]] })]]);
  const changes = await final(q, d!.ok ? d!.id : 0);
  t.is(changes.pop()!.status, 'success');
});

test('cancel: queued at once, waiting through the signal, running refused', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, async (o, ctx) => {
    if ((o as Opcode & { duration: number }).duration === 2) { ctx.notifyRunning(); await new Promise((r) => setTimeout(r, 30)); return 'ran'; }
    return g.exec(o, ctx);
  }, { maxRunning: 2 });
  const res = await q.submit([[op()], [op({ duration: 2 })], [op()]]);
  const [waiting, running, queued] = res.map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.length === 1 && q.get(running!)!.ops[0]!.status === 'running');
  t.deepEqual(q.cancel(queued!), { ok: true, message: `Job ${queued} canceled` });
  t.is(jobStatus(q.get(queued!)!), 'canceled');
  t.deepEqual(q.cancel(running!), { ok: false, message: `Job ${running} is no longer waiting in the queue` });
  t.deepEqual(q.cancel(waiting!), { ok: true, message: `Job ${waiting} will be canceled` });
  const changes = await final(q, waiting!);
  t.is(changes.pop()!.status, 'canceled');
  t.is(jobStatus(readJob(c, waiting!)), 'canceled');
  t.is(readJob(c, queued!).ops[0]!.result, 'Job canceled by request');
  t.is((await final(q, running!)).pop()!.status, 'success');
  t.deepEqual(q.cancel(12345), { ok: false, message: 'Job 12345 not found' });
});

test('crash recovery: unfinished jobs become errors, queued ones run, corrupt files are set aside', async (t) => {
  const c = tempQueueDir(t);
  // First master: leaves job files behind in every state.
  const g = gatedExecutor();
  const first = new JobQueue({ ...c, executor: g.exec, log: nullLogger, maxRunning: 1 });
  await first.open();
  const res = await first.submit([[op()], [op()], [op()]]);
  const [runningId, queuedId, doneId] = res.map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.length === 1);
  await first.close();
  const writeState = (id: number, mutate: (j: JobData) => void) => {
    const j = readJob(c, id);
    mutate(j);
    return import('node:fs').then((fs) => fs.writeFileSync(join(c.queueDir, `job-${id}`), JSON.stringify(j)));
  };
  await writeState(runningId!, (j) => { j.ops[0]!.status = 'running'; });
  await writeState(doneId!, (j) => { j.ops[0]!.status = 'success'; });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(c.queueDir, 'job-77'), '{"id": 77, "ops": [');

  const { q, opened } = await openQueue(t, async () => 'second master', c);
  t.is(opened.loaded, 3);
  t.deepEqual(opened.recovered, [runningId]);
  t.deepEqual(opened.corrupt, [join(c.queueDir, 'job-77')]);
  t.false(existsSync(join(c.queueDir, 'job-77')));
  t.true(readdirSync(c.queueDir).some((n) => /^job-77\.corrupt-\d+$/.test(n)));
  const dead = readJob(c, runningId!);
  t.is(jobStatus(dead), 'error');
  t.deepEqual(dead.ops[0]!.result, ['OpExecError', ['Unclean master daemon shutdown', '']]);
  t.is((await final(q, queuedId!)).pop()!.status, 'success');
  t.is(q.get(queuedId!)!.ops[0]!.result, 'second master');
  // Ids continue after the serial file.
  const [next] = await q.submit([[op()]]);
  t.is(next!.ok && next!.id, 4);
});

test('archive, loadArchived and autoArchive', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, g.exec);
  const res = await q.submit([[op()], [op()], [op()]]);
  const [a, b, pending] = res.map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.length === 3);
  g.gates.get(a!)!.resolve(1);
  g.gates.get(b!)!.resolve(2);
  await final(q, a!);
  await final(q, b!);
  t.deepEqual(q.archive(pending!), { ok: false, message: `Job ${pending} is not yet finished` });
  t.true(q.archive(a!).ok);
  t.is(q.get(a!), undefined);
  const archived = await q.loadArchived(a!);
  t.is(archived?.ops[0]!.result, 1);
  t.true(existsSync(join(c.archiveDir, '0', `job-${a}`)));
  t.false(existsSync(join(c.queueDir, `job-${a}`)));
  const watched: JobChange[] = [];
  for await (const ch of q.watch(a!, 0)) watched.push(ch);
  t.deepEqual(watched.map((w) => [w.status, w.final]), [['success', true]]);
  t.is(q.autoArchive(3600), 0, 'nothing old enough');
  t.is(q.autoArchive(0), 1);
  t.deepEqual(q.list().map((j) => j.id), [pending]);
  g.gates.get(pending!)!.resolve(3);
  await final(q, pending!);
});

test('drain flag and hard limit refuse submissions', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, g.exec, { hardLimit: 3 });
  const res = await q.submit(Array.from({ length: 5 }, () => [op()]));
  t.deepEqual(res.map((r) => r.ok), [true, true, true, false, false]);
  t.true(!res[3]!.ok && res[3]!.error instanceof JobQueueFullError);
  await q.setDrained(true);
  t.true(q.isDrained());
  t.true(existsSync(join(c.queueDir, 'drain')));
  await g.until(() => g.gates.size === 3);
  for (const gate of g.gates.values()) gate.resolve(null);
  for (const r of res.slice(0, 3)) await final(q, r.ok ? r.id : 0);
  const [refused] = await q.submit([[op()]]);
  t.true(!refused!.ok && refused!.error instanceof JobQueueDrainError);
  await q.close();
  const again = new JobQueue({ ...c, executor: g.exec, log: nullLogger });
  await again.open();
  t.true(again.isDrained());
  await again.setDrained(false);
  t.false(existsSync(join(c.queueDir, 'drain')));
  t.true((await again.submit([[op()]]))[0]!.ok);
  await again.close();
});

test('relative dependency to a refused job fails that job only', async (t) => {
  const { q } = await openQueue(t, async () => null);
  const res = await q.submit([[op({ depends: [[-1, []]] })], [op()]]);
  t.false(res[0]!.ok);
  t.true(!res[0]!.ok && res[0]!.error instanceof OpPrereqError);
  t.true(res[1]!.ok);
});

test('cancel: a running opcode that declared itself interruptible (a test delay) is cancelled', async (t) => {
  const { q, c } = await openQueue(t, async (_o, ctx) => {
    ctx.notifyRunning();
    ctx.setCancellable?.(true);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, 5000);
      ctx.signal.addEventListener('abort', () => { clearTimeout(timer); reject(ctx.signal.reason); });
    });
    return 'ran';
  });
  const [r] = await q.submit([[op()]]);
  const id = r!.ok ? r!.id : 0;
  while (q.get(id)!.ops[0]!.status !== 'running') await new Promise((res) => setTimeout(res, 5));
  t.deepEqual(q.cancel(id), { ok: true, message: `Job ${id} will be canceled` });
  t.is((await final(q, id)).pop()!.status, 'canceled');
  t.is(jobStatus(readJob(c, id)), 'canceled');
});

test('finished: the named jobs whose final state is on disk, after waiting for the first', async (t) => {
  const g = gatedExecutor();
  const { q, c } = await openQueue(t, g.exec);
  const ids = (await q.submit([[op()], [op()], [op()]])).map((r) => (r.ok ? r.id : 0));
  await g.until(() => g.started.length === 3);
  t.deepEqual(await q.finished(ids, 0), [], 'nothing finished yet');
  g.gates.get(ids[1]!)!.resolve('two');
  await final(q, ids[1]!);
  t.deepEqual((await q.finished(ids, 0)).map((j) => j.id), [ids[1]], 'only the finished one');
  t.is(readJob(c, ids[1]!).ops[0]!.status, 'success', 'and it is on disk');
  const waited = q.finished(ids, 5000);
  setTimeout(() => g.gates.get(ids[0]!)!.resolve('one'), 50);
  t.deepEqual((await waited).map((j) => j.id), [ids[0], ids[1]], 'returns once the first finished');
  t.deepEqual((await q.finished([ids[2]!, ids[0]!], 100)).map((j) => j.id), [ids[0]], 'the wait ends without the first');
  t.deepEqual(await q.finished([999, -1], 0), [], 'unknown ids are left out');
  g.gates.get(ids[2]!)!.resolve('three');
});
