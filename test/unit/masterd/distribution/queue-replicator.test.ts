// The job queue replicated to the master candidates: the master's job queue (real JobQueue,
// JobStore) sends its journal entries through QueueReplicator to candidates whose node
// daemon backend (noded/backend/queue-replica.ts) keeps them in their own queue directory.
// A candidate's masterd opening that directory (a master failover with the old master's
// disks gone) has every acknowledged job: running ones end unclean, queued ones run.
import test, { type ExecutionContext } from 'ava';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deferred } from '../../../../daemons/common/async.js';
import { parseJournal } from '../../../../daemons/common/journal.js';
import { nullLogger } from '../../../../daemons/common/log.js';
import { OpTestDelay } from '../../../../daemons/common/opcodes/index.js';
import { QueueReplicator } from '../../../../daemons/masterd/distribution/queue-replicator.js';
import { JobQueue, jobStatus, type OpExecutor } from '../../../../daemons/masterd/jqueue/job-queue.js';
import { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
import type { NodeRpc, NodeTarget } from '../../../../daemons/masterd/rpc/node-rpc.js';
import { jobQueueUpdate } from '../../../../daemons/noded/backend/queue-replica.js';
import { makeTempNode, type TempNode } from '../../noded/helpers/temp-node.js';

const op = () => OpTestDelay.validate({ duration: 0 });

/** Candidates as node daemons would answer JobQueueUpdate; `down` ones fail the call. */
function candidates(t: ExecutionContext, names: string[]) {
  const nodes = new Map<string, TempNode>(names.map((n) => [n, makeTempNode(n)]));
  for (const n of nodes.values()) t.teardown(() => n.cleanup());
  const down = new Set<string>();
  const calls: { node: string; full: boolean; entries: number }[] = [];
  const rpc = {
    async call(node: NodeTarget, method: string, req: any) {
      if (method !== 'JobQueueUpdate') throw new Error(`unexpected ${method}`);
      calls.push({ node: node.name, full: req.full, entries: req.entries.length });
      if (down.has(node.name)) return RpcResult.fail(node.name, `node ${node.name} is down`);
      return RpcResult.ok(node.name, await jobQueueUpdate({ paths: nodes.get(node.name)!.paths, logger: nullLogger },
        { ...req, seq: String(req.seq), epoch: String(req.epoch), after: String(req.after) }));
    },
  } as unknown as NodeRpc;
  const targets = () => names.map((name) => ({ name, ip: '127.0.0.1' }));
  return { nodes, down, calls, replica: new QueueReplicator(rpc, nullLogger, 'master', targets) };
}

function gated() {
  const gates = new Map<number, ReturnType<typeof deferred<unknown>>>();
  const exec: OpExecutor = async (_op, ctx) => {
    const g = deferred<unknown>();
    ctx.notifyRunning();
    gates.set(ctx.jobId, g);
    ctx.signal.addEventListener('abort', () => g.reject(ctx.signal.reason));
    return g.promise;
  };
  return { exec, gates };
}

async function masterQueue(t: ExecutionContext, exec: OpExecutor, replica: QueueReplicator, maxRunning = 1) {
  const m = makeTempNode('master');
  t.teardown(() => m.cleanup());
  const q = new JobQueue({ queueDir: m.paths.queueDir, archiveDir: m.paths.queueArchiveDir, executor: exec, log: nullLogger, maxRunning, replica });
  await q.open();
  return q;
}

const until = async (cond: () => boolean) => { for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 2)); };

test('a candidate taking over has every acknowledged job: the running one ends unclean, the queued ones run', async (t) => {
  const c = candidates(t, ['node2', 'node3']);
  const g = gated();
  const q = await masterQueue(t, g.exec, c.replica);
  const ids = (await q.submit([[op()], [op()], [op()]])).map((r) => (r.ok ? r.id : 0));
  // The master's disks are gone now: only node2's copy is opened (as its masterd would),
  // once the change to running is acknowledged (the copy holds it then).
  const n2 = c.nodes.get('node2')!.paths;
  await until(() => g.gates.has(ids[0]!) && readFileSync(`${n2.queueDir}/journal`, 'utf8').includes('"status":"running"'));
  t.true(existsSync(`${n2.queueDir}/journal`));
  const ran: number[] = [];
  const q2 = new JobQueue({ queueDir: n2.queueDir, archiveDir: n2.queueArchiveDir, log: nullLogger,
    executor: async (_op, ctx) => { ran.push(ctx.jobId); return true; } });
  const opened = await q2.open();
  t.deepEqual(opened.recovered, [ids[0]]);
  await until(() => ran.length === 2);
  t.deepEqual(ran.sort(), [ids[1], ids[2]]);
  const first = q2.get(ids[0]!)!;
  t.is(jobStatus(first), 'error');
  t.regex(JSON.stringify(first.ops[0]!.result), /Unclean master daemon shutdown/);
  await q2.close();
  g.gates.get(ids[0]!)!.resolve(true);
  await q.close();
});

test('batches follow each other; a candidate out of step gets a full copy, a failed one holds nothing up', async (t) => {
  const c = candidates(t, ['node2', 'node3']);
  const g = gated();
  const q = await masterQueue(t, g.exec, c.replica, 5);
  await q.submit([[op()]]);
  // The first batch to each candidate is a full copy (it holds nothing of this master's yet).
  t.deepEqual(c.calls.filter((x) => x.full).map((x) => x.node).sort(), ['node2', 'node3']);
  c.calls.length = 0;
  await q.submit([[op()]]);
  t.true(c.calls.length >= 2 && c.calls.every((x) => !x.full), JSON.stringify(c.calls));
  // node3 loses its copy (say its disk was replaced).
  const n3 = c.nodes.get('node3')!.paths;
  writeFileSync(`${n3.queueDir}/journal`, '');
  c.calls.length = 0;
  await q.submit([[op()]]);
  t.true(c.calls.some((x) => x.node === 'node3' && x.full), 'node3 got everything again');
  // node2 goes down: submissions still succeed, without waiting for it.
  c.down.add('node2');
  const r = await q.submit([[op()]]);
  t.true(r[0]!.ok);
  c.calls.length = 0;
  await q.submit([[op()]]);
  t.false(c.calls.some((x) => x.node === 'node2'), 'node2 is left out until its retry');
  t.true(c.replica.stats.failures >= 1);
  for (const gate of g.gates.values()) gate.resolve(true);
  await q.close();
  t.true(readdirSync(c.nodes.get('node3')!.paths.queueDir).includes('journal'));
});

test('the node daemon keeps no copy while it is the master, and refuses entries that are not the journal\'s', async (t) => {
  const n = makeTempNode('node2');
  t.teardown(() => n.cleanup());
  mkdirSync(n.paths.dataDir, { recursive: true });
  const ctx = { paths: n.paths, logger: nullLogger };
  const req = { master: 'node1', epoch: '1', seq: '1', after: '0', full: true, entries: ['J{"id":1}'] };
  t.deepEqual(await jobQueueUpdate(ctx, req as any), { needs_full: false });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, full: false, seq: '3', after: '2' } as any), { needs_full: true });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, full: false, seq: '2', after: '1' } as any), { needs_full: false });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, full: false, epoch: '9', seq: '3', after: '2' } as any), { needs_full: true });
  await t.throwsAsync(jobQueueUpdate(ctx, { ...req, entries: ['rm -rf /'] } as any), { message: /Invalid job queue entry 'rm -rf \/' \(expected J\{job\}, A<id>, N<id> or R\{job\}\)/ });
  writeFileSync(n.paths.ssconfFile('master_node'), 'node2\n');
  await t.throwsAsync(jobQueueUpdate(ctx, req as any), { message: /This node \(node2\) is the master: its job queue is no copy of node1's/ });
});

test('the node daemon appends to the journal that is there: after its own full copy, and after the file was replaced behind it', async (t) => {
  const n = makeTempNode('node2');
  t.teardown(() => n.cleanup());
  mkdirSync(n.paths.dataDir, { recursive: true });
  const ctx = { paths: n.paths, logger: nullLogger };
  const file = join(n.paths.queueDir, 'journal');
  const onDisk = () => parseJournal(readFileSync(file)).entries.filter((e) => e.startsWith('J'));
  const req = { master: 'node1', epoch: '1', full: false, entries: [] as string[] };
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, full: true, seq: '1', after: '0', entries: ['J{"id":1}'] } as any), { needs_full: false });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, seq: '2', after: '1', entries: ['J{"id":2}'] } as any), { needs_full: false });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, full: true, seq: '3', after: '0', entries: ['J{"id":3}'] } as any), { needs_full: false });
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, seq: '4', after: '3', entries: ['J{"id":4}'] } as any), { needs_full: false });
  t.deepEqual(onDisk(), ['J{"id":3}', 'J{"id":4}'], 'the append after a full copy is in the new file');
  // Another process rewrites the journal (same entries, a new file): the next append goes there.
  writeFileSync(`${file}.new`, readFileSync(file));
  renameSync(`${file}.new`, file);
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, seq: '5', after: '4', entries: ['J{"id":5}'] } as any), { needs_full: false });
  t.deepEqual(onDisk(), ['J{"id":3}', 'J{"id":4}', 'J{"id":5}']);
});

test('a new master never hands out an id its predecessor used, archived ones included', async (t) => {
  const c = candidates(t, ['node2']);
  const q = await masterQueue(t, async () => true, c.replica, 5);
  const ids = (await q.submit([[op()], [op()], [op()]])).map((r) => (r.ok ? r.id : 0));
  await until(() => ids.slice(0, 2).every((id) => q.archive(id).ok || !q.get(id)));
  await until(() => jobStatus(q.get(ids[2]!)!) === 'success');
  // node2 loses its copy; the next change (the last job's archival) brings a full one, in
  // which no job is live any more: no job entry names an id.
  const n2 = c.nodes.get('node2')!.paths;
  writeFileSync(`${n2.queueDir}/journal`, '');
  t.true(q.archive(ids[2]!).ok);
  await until(() => readFileSync(`${n2.queueDir}/journal`, 'utf8').length > 0);
  await q.close();
  t.true(c.calls.some((x) => x.full && x.entries <= 2), JSON.stringify(c.calls));
  const q2 = new JobQueue({ queueDir: n2.queueDir, archiveDir: n2.queueArchiveDir, log: nullLogger, executor: async () => true });
  await q2.open();
  const [next] = await q2.submit([[op()]]);
  t.true(next!.ok && next!.id > Math.max(...ids), `the new master's first id ${next!.ok ? next!.id : '?'} follows ${Math.max(...ids)}`);
  await q2.close();
});

test('an archived job reaches the candidates\' archive: after a full copy the new master neither lists it nor loses it', async (t) => {
  const c = candidates(t, ['node2']);
  const q = await masterQueue(t, async () => true, c.replica, 5);
  const ids = (await q.submit([[op()], [op()]])).map((r) => (r.ok ? r.id : 0));
  await until(() => ids.every((id) => q.archive(id).ok));
  await q.loadArchived(ids[0]!);   // waits for the archival (and its replication) to finish
  const n2 = c.nodes.get('node2')!.paths;
  t.true(existsSync(`${n2.queueArchiveDir}/0/job-${ids[0]}`), 'the archival wrote the job into node2\'s archive');
  // node2's journal is replaced by a full copy (it lost its copy; a restarted master sends
  // one too): the archived jobs are in no live job entry of it any more.
  writeFileSync(`${n2.queueDir}/journal`, '');
  await q.submit([[op()]]);
  t.true(c.calls.some((x) => x.full && x.entries <= 3), JSON.stringify(c.calls));
  t.false(readFileSync(`${n2.queueDir}/journal`, 'utf8').includes(`"id":${ids[0]},`));
  await q.close();
  const q2 = new JobQueue({ queueDir: n2.queueDir, archiveDir: n2.queueArchiveDir, log: nullLogger, executor: async () => true });
  await q2.open();
  t.false(q2.list().some((j) => ids.includes(j.id)), 'archived jobs are not listed on the new master');
  for (const id of ids) {
    const job = await q2.loadArchived(id);
    t.is(job?.id, id, `archived job ${id} is still there on the new master`);
    t.is(jobStatus(job!), 'success');
  }
  // What gnt-job info ID / gnt-job list / gnt-job list --archived query (Ganeti's queryJobs).
  t.deepEqual((await q2.forQuery([ids[0]!], false)).filter((j) => j.archived).map((j) => j.id), [ids[0]]);
  t.false((await q2.forQuery([], false)).some((j) => ids.includes(j.id)));
  t.deepEqual((await q2.forQuery([], true)).filter((j) => j.archived).map((j) => j.id), ids);
  await q2.close();
});

test('the node daemon refuses an archived job entry without a job id, and writes nothing', async (t) => {
  const n = makeTempNode('node2');
  t.teardown(() => n.cleanup());
  mkdirSync(n.paths.dataDir, { recursive: true });
  const ctx = { paths: n.paths, logger: nullLogger };
  const req = { master: 'node1', epoch: '1', seq: '1', after: '0', full: true, entries: ['R{"id":5,"ops":[]}', 'R{"ops":[]}'] };
  await t.throwsAsync(jobQueueUpdate(ctx, req as any), { message: /Invalid archived job entry 'R\{"ops":\[\]\}': no job id/ });
  t.false(existsSync(`${n.paths.queueArchiveDir}/0/job-5`));
  t.deepEqual(await jobQueueUpdate(ctx, { ...req, entries: ['R{"id":5,"ops":[]}'] } as any), { needs_full: false });
  t.is(readFileSync(`${n.paths.queueArchiveDir}/0/job-5`, 'utf8'), '{"id":5,"ops":[]}');
  t.regex(readFileSync(`${n.paths.queueDir}/journal`, 'utf8'), /A5/);
});
