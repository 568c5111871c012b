import test from 'ava';
import { executeQuery, jobStatus, RS, type JobLike } from '../../../../daemons/masterd/query/index.js';
import { makeConfig } from './helpers/fixture.js';

type Op = JobLike['ops'][number];

function op(status: string, input: Record<string, unknown> = { OP_ID: 'OP_CLUSTER_VERIFY' }, priority = 0): Op {
  return {
    input: input as Op['input'], status, result: status === 'success' ? true : null,
    log: status === 'success' ? [[1, [100, 5], 'message', 'done']] : [], priority,
    start_timestamp: [100, 0], exec_timestamp: [101, 0], end_timestamp: status === 'success' ? [102, 500000] : null,
  };
}

function job(id: number, ops: Op[], extra: Partial<JobLike> = {}): JobLike {
  return { id, ops, received_timestamp: [99, 250000], start_timestamp: [100, 0], end_timestamp: null, ...extra };
}

const jobs: JobLike[] = [
  job(10, [op('success', { OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'inst1' })], { end_timestamp: [102, 500000] }),
  job(2, [op('success'), op('running', { OP_ID: 'OP_CLUSTER_VERIFY' }, -10), op('queued', { OP_ID: 'OP_TEST_DELAY' }, 5)]),
  job(3, [op('queued')]),
  job(1, [op('success')], { archived: true }),
];

const q = (fields: string[], names: string[] = [], filter: unknown[] | null = null) =>
  executeQuery({ what: 'job', fields, names, filter }, { cfg: makeConfig(), live: {}, jobs });

test('job status derivation', (t) => {
  const s = (...st: string[]) => jobStatus(job(1, st.map((x) => op(x))));
  t.is(s('success', 'success'), 'success');
  t.is(s('success', 'queued'), 'queued');
  t.is(s('success', 'waiting', 'queued'), 'waiting');
  t.is(s('success', 'running', 'queued'), 'running');
  t.is(s('error', 'canceled'), 'error');
  t.is(s('success', 'canceling', 'error'), 'canceling');
  t.is(s('canceled', 'success'), 'canceled');
});

test('default fields, sorted by id, archived hidden', (t) => {
  const r = q(['id', 'status', 'summary']);
  t.deepEqual(r.fields.map((f) => f.title), ['ID', 'Status', 'Summary']);
  t.deepEqual(r.rows.map((row) => row.map((c) => c.value)), [
    [2, 'running', ['CLUSTER_VERIFY', 'CLUSTER_VERIFY', 'TEST_DELAY']],
    [3, 'queued', ['CLUSTER_VERIFY']],
    [10, 'success', ['INSTANCE_STARTUP(inst1)']],
  ]);
  t.deepEqual(q(['id', 'archived']).rows.map((row) => row[0]!.value), [1, 2, 3, 10]);
});

test('per-opcode fields, priority and timestamps', (t) => {
  const fields = ['priority', 'opstatus', 'oppriority', 'opresult', 'oplog', 'opstart', 'opend', 'received_ts', 'end_ts', 'ops'];
  const [j2, , j10] = q(fields).rows;
  t.is(j2![0]!.value, -10);
  t.deepEqual(j2![1]!.value, ['success', 'running', 'queued']);
  t.deepEqual(j2![2]!.value, [0, -10, 5]);
  t.deepEqual(j2![8], { status: RS.Unavail, value: null });
  t.is(j10![0]!.value, 0);
  t.deepEqual(j10![3]!.value, [true]);
  t.deepEqual(j10![4]!.value, [[[1, [100, 5], 'message', 'done']]]);
  t.deepEqual(j10![6]!.value, [[102, 500000]]);
  t.deepEqual(j10![7]!.value, [99, 250000]);
  t.deepEqual(j10![9]!.value, [{ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'inst1' }]);
});

test('requested ids: missing jobs get unavail rows; bad ids are rejected', (t) => {
  const r = q(['id', 'status'], ['10', '99', '3']);
  t.deepEqual(r.rows, [
    [{ status: 0, value: 3 }, { status: 0, value: 'queued' }],
    [{ status: 0, value: 10 }, { status: 0, value: 'success' }],
    [{ status: 0, value: 99 }, { status: RS.Unavail, value: null }],
  ]);
  t.throws(() => q(['id'], ['abc']), { name: 'OpPrereqError', message: "Invalid job ID 'abc'" });
});

test('job filters: id as number or string, split timestamps, status', (t) => {
  const ids = (f: unknown[]) => q(['id'], [], f).rows.map((r) => r[0]!.value);
  t.deepEqual(ids(['=', 'id', '3']), [3]);
  t.deepEqual(ids(['>=', 'id', 3]), [3, 10]);
  t.deepEqual(ids(['=', 'status', 'running']), [2]);
  t.deepEqual(ids(['>', 'end_ts', 102]), [2, 3, 10], 'jobs without an end pass (no data)');
  t.deepEqual(ids(['<', 'end_ts', [102, 600000]]), [2, 3, 10]);
  t.deepEqual(ids(['>', 'end_ts', [102, 600000]]), [2, 3]);
  t.deepEqual(ids(['=[]', 'summary', 'INSTANCE_STARTUP(inst1)']), [10]);
});
