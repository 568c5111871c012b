import test from 'ava';
import { ProgrammerError } from '../../../../daemons/common/errors.js';
import {
  canTransition, isFinalized, jobStatus, markUnfinishedOps, OP_TRANSITIONS, setOpStatus, type OpState, type OpStatus,
} from '../../../../daemons/masterd/jqueue/job-state.js';

const TS: [number, number] = [1700000000, 5];

function ops(...statuses: OpStatus[]) {
  return { ops: statuses.map((status): OpState => ({ status, result: null, end_timestamp: null })) };
}

test('job status derivation follows Ganeti', (t) => {
  t.is(jobStatus(ops('queued', 'queued')), 'queued');
  t.is(jobStatus(ops('success', 'success')), 'success');
  t.is(jobStatus(ops('success', 'queued')), 'queued');
  t.is(jobStatus(ops('success', 'waiting', 'queued')), 'waiting');
  t.is(jobStatus(ops('running', 'queued')), 'running');
  t.is(jobStatus(ops('success', 'running')), 'running');
  // The first error/canceling/canceled opcode decides, whatever follows.
  t.is(jobStatus(ops('success', 'error', 'error')), 'error');
  t.is(jobStatus(ops('canceling', 'canceling')), 'canceling');
  t.is(jobStatus(ops('success', 'canceled')), 'canceled');
  t.is(jobStatus(ops('canceled', 'error')), 'canceled');
  t.is(jobStatus(ops('running', 'error')), 'error');
  t.is(jobStatus({ ops: [] }), 'queued', 'a job without opcodes is not a success');
});

test('the life of an opcode: queued, waiting, running, then one final status', (t) => {
  const op: OpState = { status: 'queued', result: null, end_timestamp: null };
  setOpStatus(op, 'waiting', TS);
  setOpStatus(op, 'running', TS);
  t.is(op.end_timestamp, null, 'no end time before a final status');
  setOpStatus(op, 'success', TS, { ok: 1 });
  t.deepEqual(op, { status: 'success', result: { ok: 1 }, end_timestamp: TS });
});

test('final statuses are final, and an opcode cannot go back', (t) => {
  for (const from of ['success', 'error', 'canceled'] as const) {
    t.true(isFinalized(from));
    t.deepEqual(OP_TRANSITIONS[from], []);
    const op: OpState = { status: from, result: 'r', end_timestamp: TS };
    t.throws(() => setOpStatus(op, 'running', TS), { instanceOf: ProgrammerError, message: new RegExp(`from ${from} to running`) });
    t.is(op.status, from);
  }
  t.false(canTransition('running', 'waiting'));
  t.false(canTransition('running', 'queued'));
  t.false(canTransition('running', 'canceling'), 'a running opcode holds its locks: it is not canceled half-way');
  t.false(canTransition('queued', 'running'), 'locks are taken in waiting');
  t.true(canTransition('waiting', 'canceling'));
  t.true(canTransition('canceling', 'canceled'));
});

test('markUnfinishedOps leaves finished opcodes alone', (t) => {
  const job = ops('success', 'running', 'queued');
  job.ops[0]!.result = 'kept';
  markUnfinishedOps(job, 'error', ['OpExecError', ['boom', '']], TS);
  t.deepEqual(job.ops.map((o) => o.status), ['success', 'error', 'error']);
  t.is(job.ops[0]!.result, 'kept');
  t.deepEqual(job.ops[2]!.end_timestamp, TS);
  // canceling is not final: no end time yet.
  const waiting = ops('waiting', 'queued');
  markUnfinishedOps(waiting, 'canceling', null, TS);
  t.deepEqual(waiting.ops.map((o) => [o.status, o.end_timestamp]), [['canceling', null], ['canceling', null]]);
});
