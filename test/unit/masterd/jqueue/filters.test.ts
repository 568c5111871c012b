// Job filter rules (man gnt-filter): predicates, actions, priority order, watermarks, rate
// limits; and the queue honouring them (REJECT cancels, PAUSE holds until the rules change).
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../../../daemons/common/log.js';
import type { FilterRule } from '../../../../daemons/common/objects.js';
import { OpFilterDelete, OpTestDelay, OpTestJqueue } from '../../../../daemons/common/opcodes/index.js';
import { checkFilterRule, decideJob } from '../../../../daemons/masterd/jqueue/filters.js';
import { JobQueue, jobStatus, type JobData } from '../../../../daemons/masterd/jqueue/job-queue.js';
import { newJob } from '../../../../daemons/masterd/jqueue/job.js';

let n = 0;
const rule = (extra: Partial<FilterRule>): FilterRule => ({
  uuid: `00000000-0000-0000-0000-00000000000${n++ % 10}`, watermark: 0, priority: 0, predicates: [], action: 'CONTINUE', reason_trail: [], serial_no: 1, ...extra,
});
const delayJob = (id: number, reason: unknown[] = []): JobData => newJob(id, [OpTestDelay.validate({ duration: 0, reason })], [0, 0]);
const jqueueJob = (id: number): JobData => newJob(id, [OpTestJqueue.validate({})], [0, 0]);
const byOpcode = (opId: string) => [['opcode', ['=', 'OP_ID', opId]]];

test('REJECT applies to jobs whose opcode matches, not to others', (t) => {
  const rules = [rule({ predicates: byOpcode('OP_TEST_DELAY'), action: 'REJECT' })];
  t.is(decideJob(rules, delayJob(5), []).kind, 'reject');
  t.is(decideJob(rules, jqueueJob(6), []).kind, 'run');
});

test('rules are taken by priority; CONTINUE passes on; the first deciding rule wins', (t) => {
  const accept = rule({ priority: 0, predicates: [['reason', ['=~', 'reason', 'maintenance']]], action: 'ACCEPT' });
  const cont = rule({ priority: 1, action: 'CONTINUE' });
  const pause = rule({ priority: 2, predicates: [['jobid', ['>', 'id', 'watermark']]], action: 'PAUSE', watermark: 10 });
  const rules = [pause, cont, accept];
  t.is(decideJob(rules, delayJob(11, [['gnt:user', 'maintenance pink bunny', 0]]), []).kind, 'run');
  t.is(decideJob(rules, delayJob(11), []).kind, 'pause');
  t.is(decideJob(rules, delayJob(9), []).kind, 'run', 'jobs up to the watermark are not caught by id > watermark');
});

test('RATE_LIMIT holds a job while n jobs it applies to are running', (t) => {
  const rules = [rule({ predicates: byOpcode('OP_TEST_DELAY'), action: ['RATE_LIMIT', 2] })];
  t.is(decideJob(rules, delayJob(3), [delayJob(1)]).kind, 'run');
  t.is(decideJob(rules, delayJob(3), [delayJob(1), delayJob(2)]).kind, 'pause');
  t.is(decideJob(rules, delayJob(3), [delayJob(1), jqueueJob(2)]).kind, 'run');
});

test('jobs managing filters are never filtered', (t) => {
  const rules = [rule({ action: 'REJECT' })];
  t.is(decideJob(rules, delayJob(1), []).kind, 'reject');
  const manage = newJob(2, [OpFilterDelete.validate({ uuid: 'x' })], [0, 0]);
  t.is(decideJob(rules, manage, []).kind, 'run');
});

test('bad actions and predicates are refused with what is allowed', (t) => {
  t.throws(() => checkFilterRule('DROP', []), { message: /Invalid filter action "DROP" \(allowed: ACCEPT, PAUSE, REJECT, CONTINUE, RATE_LIMIT n/ });
  t.throws(() => checkFilterRule(['RATE_LIMIT', 0], []), { message: /Invalid filter action/ });
  t.throws(() => checkFilterRule('REJECT', [['colour', ['=', 'x', 1]]]), { message: /Invalid filter predicate .*jobid, opcode, reason/ });
  t.throws(() => checkFilterRule('REJECT', [['jobid', ['=', 'nosuch', 1]]]), { message: /Unknown field 'nosuch'/ });
  t.notThrows(() => checkFilterRule(['RATE_LIMIT', 3], byOpcode('OP_TEST_DELAY')));
});

test('the queue cancels rejected jobs and holds paused ones until the rules change', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jqueue-filter-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  let rules: FilterRule[] = [rule({ predicates: byOpcode('OP_TEST_DELAY'), action: 'REJECT' }), rule({ predicates: byOpcode('OP_TEST_JQUEUE'), action: 'PAUSE' })];
  const ran: number[] = [];
  const q = new JobQueue({
    queueDir: join(dir, 'queue'), archiveDir: join(dir, 'queue', 'archive'), log: nullLogger,
    executor: async (_op, ctx) => { ran.push(ctx.jobId); return true; },
    filter: (job, running) => decideJob(rules, job, running),
  });
  await q.open();
  t.teardown(() => q.close());
  const [rejected, paused] = await q.submit([[OpTestDelay.validate({ duration: 0 })], [OpTestJqueue.validate({})]]);
  const idR = (rejected as { id: number }).id;
  const idP = (paused as { id: number }).id;
  for await (const _ of q.watch(idR, 0)) { /* until final */ }
  t.is(jobStatus(q.get(idR)!), 'canceled');
  t.regex(String(q.get(idR)!.ops[0]!.result), /rejected by filter rule/);
  await new Promise((r) => setTimeout(r, 50));
  t.is(jobStatus(q.get(idP)!), 'queued');
  t.deepEqual(ran, []);
  rules = [];
  q.refilter();
  for await (const _ of q.watch(idP, 0)) { /* until final */ }
  t.is(jobStatus(q.get(idP)!), 'success');
  t.deepEqual(ran, [idP]);
});
