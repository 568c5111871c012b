import test from 'ava';
import { decodeJobError, encodeJobError, HypervisorError, OpExecError, OpPrereqError } from '../../../../daemons/common/errors.js';
import { OpInstanceStartup, OpTestDelay } from '../../../../daemons/common/opcodes/index.js';
import { jobDependencies, jobPriority, jobSummary, newJob, timestamp } from '../../../../daemons/masterd/jqueue/job.js';
import { checkDependencies, resolveRelativeDeps } from '../../../../daemons/masterd/jqueue/dependencies.js';

test('priority, summary, dependencies and error encoding', (t) => {
  const job = newJob(7, [
    OpInstanceStartup.validate({ instance_name: 'inst1', priority: 5, depends: [[3, ['success']], [4, []]] }),
    OpTestDelay.validate({ duration: 1, priority: -3, depends: [[3, ['error']]] }),
  ], timestamp());
  t.is(jobPriority(job), -3);
  job.ops[1]!.status = 'success';
  t.is(jobPriority(job), 5);
  t.deepEqual(jobSummary(job), ['INSTANCE_STARTUP(inst1)', 'TEST_DELAY']);
  t.deepEqual(jobDependencies(job), [[3, ['success']], [4, []]]);
  t.deepEqual(encodeJobError(new OpPrereqError('Instance x not known', { ecode: 'unknown_entity' })),
    ['OpPrereqError', ['Instance x not known', 'unknown_entity']]);
  t.deepEqual(encodeJobError(new Error('boom')), ['OpExecError', ['boom', '']]);
  // A cause travels as the third argument (Ganeti's clients see [class, args] as always).
  const wrapped = new OpExecError('Could not start instance: no memory', { cause: new HypervisorError('no memory', { ecode: 'insufficient_resources' }) });
  const enc = encodeJobError(wrapped);
  t.deepEqual(enc, ['OpExecError', ['Could not start instance: no memory', '', { class: 'HypervisorError', message: 'no memory', ecode: 'insufficient_resources' }]]);
  const back = decodeJobError(JSON.parse(JSON.stringify(enc)))!;
  t.is(back.name, 'OpExecError');
  t.like(back.cause, { name: 'HypervisorError', message: 'no memory', ecode: 'insufficient_resources' });
  t.is(decodeJobError(['OpPrereqError', 'not a list of arguments']), null);
  const [sec, usec] = timestamp(1700000000123.456);
  t.is(sec, 1700000000);
  t.is(usec, 123456);
});

test('dependency verdicts', (t) => {
  const final = (status: string) => ({ kind: 'final' as const, status });
  const states: Record<number, ReturnType<typeof final> | { kind: 'pending' } | { kind: 'missing' }> = {
    1: final('success'), 2: final('error'), 3: final('canceled'), 4: { kind: 'pending' }, 5: { kind: 'missing' },
  };
  const check = (deps: [number, string[]][]) => checkDependencies(10, deps, (id) => states[id] ?? { kind: 'unknown' });
  t.deepEqual(check([[1, ['success']]]), { kind: 'ready' });
  t.deepEqual(check([[2, []]]), { kind: 'ready' }, 'empty list accepts any final status but canceled');
  t.is(check([[3, []]]).kind, 'cancel');
  t.deepEqual(check([[3, ['canceled']]]), { kind: 'ready' });
  t.deepEqual(check([[4, []], [2, ['success']]]), { kind: 'wait', on: 4 });
  t.regex((check([[2, ['success']]]) as { message: string }).message, /Dependency job 2 finished with status 'error'/);
  t.deepEqual(check([[5, []]]), { kind: 'error', message: 'Dependency job 5 not found' });
  t.deepEqual(check([[99, []]]), { kind: 'lookup', ids: [99] });
  t.is(check([[10, []]]).kind, 'error');
});

test('relative dependencies resolve within a submission', (t) => {
  const op = OpTestDelay.validate({ duration: 0, depends: [[-1, ['success']], [12, []]] });
  const ids = [100, 101, 102];
  const [resolved] = resolveRelativeDeps([op], 2, (i) => ids[i]);
  t.deepEqual(resolved!.depends, [[101, ['success']], [12, []]]);
  t.throws(() => resolveRelativeDeps([op], 0, (i) => ids[i]), { instanceOf: OpPrereqError, message: /relative job ID -1/ });
});
