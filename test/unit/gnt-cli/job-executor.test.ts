// JobExecutor reads the jobs that have already finished in one FinishedJobs call and follows
// only the others by their streams, printing exactly what following each by its stream prints.
import test from 'ava';
import { JobExecutor } from '../../../daemons/common/client/job-executor.js';
import type { JobChange } from '../../../daemons/common/client/master-api.js';
import type { ClientContext } from '../../../daemons/common/client/context.js';
import { FakeMaster, makeIo, type ScriptedJob } from './helpers/fake-master.js';

/** FakeMaster with FinishedJobs: jobs named in `running` are not finished yet. */
class BatchMaster extends FakeMaster {
  running = new Set<number>();
  finishedCalls: number[][] = [];
  watched: number[] = [];
  failFinished = false;
  override async *watchJob(jobId: number, sinceSerial: number): AsyncIterable<JobChange> {
    this.watched.push(jobId);
    yield* super.watchJob(jobId, sinceSerial);
  }
  async finishedJobs(ids: number[], _waitMs: number): Promise<JobChange[]> {
    this.finishedCalls.push(ids);
    if (this.failFinished) throw Object.assign(new Error('Method not found: FinishedJobs'), { name: 'GanetiError' });
    return ids.filter((id) => this.jobs.has(id) && !this.running.has(id)).map((id) => {
      const j = this.jobs.get(id)!;
      const log = (j.log ?? []).map(([timestamp, message], i) => ({ serial: i + 1, timestamp, type: 'message', message }));
      return { jobId: id, status: j.status, log, opresult: j.opresult ?? [], opstatus: j.opstatus ?? [] };
    });
  }
}

const script = (ops: { instance_name?: unknown }[]): ScriptedJob => {
  const name = String(ops[0]!.instance_name);
  if (name === 'i3') return { status: 'error', opstatus: ['error'], opresult: [['OpPrereqError', ['Not enough memory on node1', 'insufficient_resources']]] };
  return { status: 'success', log: [[1_700_000_000 + name.length, `* creating ${name}`]], opstatus: ['success'], opresult: [[name]] };
};

function context(m: FakeMaster, io: ReturnType<typeof makeIo>): ClientContext {
  return { prog: 'gnt-instance', verb: 'batch-create', master: async () => m, out: io.io.out, err: io.io.err };
}

async function runBatch(m: FakeMaster) {
  m.scriptJob = script as FakeMaster['scriptJob'];
  const io = makeIo(m);
  const ex = new JobExecutor(context(m, io));
  for (const n of ['i1', 'i2', 'i3', 'i4', 'i5']) ex.queueJob(n, { OP_ID: 'OP_INSTANCE_CREATE', instance_name: n });
  const results = await ex.getResults();
  return { results, out: io.out, err: io.err };
}

test('finished jobs come from one call, the others from their streams, with the same output', async (t) => {
  const plain = await runBatch(new FakeMaster());
  const m = new BatchMaster();
  m.running = new Set([2, 4]);
  const batched = await runBatch(m);
  t.deepEqual(batched, plain, 'the same lines, errors and results as one stream per job');
  t.true(plain.out.includes('Waiting for job 1 for i1 ...'));
  t.true(plain.out.some((l) => l.endsWith('* creating i1')), 'log lines are printed');
  t.regex(plain.err.join('\n'), /Job 3 for i3 has failed: Failure: prerequisites not met/);
  t.deepEqual(m.watched, [2, 4], 'only the jobs not yet finished are followed by their streams');
  t.deepEqual(m.finishedCalls[0], [1, 2, 3, 4, 5]);
  t.true(m.finishedCalls.every((ids) => !ids.includes(1) || ids[0] === 1), 'a reported job is not asked about again');
});

test('a master without FinishedJobs: every job by its stream, same output', async (t) => {
  const plain = await runBatch(new FakeMaster());
  const m = new BatchMaster();
  m.failFinished = true;
  t.deepEqual(await runBatch(m), plain);
  t.deepEqual(m.watched, [1, 2, 3, 4, 5]);
  t.is(m.finishedCalls.length, 1, 'not asked again once refused');
});

test('one job: followed by its stream alone', async (t) => {
  const m = new BatchMaster();
  m.scriptJob = script as FakeMaster['scriptJob'];
  const io = makeIo(m);
  const ex = new JobExecutor(context(m, io));
  ex.queueJob('i1', { OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'i1' });
  await ex.getResults();
  t.deepEqual([m.watched, m.finishedCalls], [[1], []]);
});
