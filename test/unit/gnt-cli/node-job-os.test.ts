// gnt-node, gnt-job, gnt-os and gnt-debug verbs against a scripted master.
process.env.TZ = 'UTC';
import test from 'ava';
import { run } from '../../../gnt-cli/framework/runner.js';
import { spec as nodeSpec } from '../../../gnt-cli/gnt-node/command.js';
import { spec as jobSpec } from '../../../gnt-cli/gnt-job/command.js';
import { spec as osSpec } from '../../../gnt-cli/gnt-os/command.js';
import { spec as debugSpec } from '../../../gnt-cli/gnt-debug/command.js';
import { jobFailure, decodeOpError } from '../../../daemons/common/client/job-poller.js';
import { FakeMaster, fields, makeIo, row } from './helpers/fake-master.js';

test('node list: default fields, units, unknown field warning and exit 14', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = (q) => ({
    fields: q.fields.map((f) => (f === 'bogus' ? { name: 'bogus', title: 'bogus', kind: 'unknown', doc: '' }
      : { name: f, title: f === 'name' ? 'Node' : f, kind: f === 'name' ? 'text' : 'unit', doc: '' })),
    rows: [q.fields.map((f) => (f === 'bogus' ? { status: 1, value: null } : { status: 0, value: f === 'name' ? 'node1' : 2048 }))],
  });
  const io = makeIo(m);
  t.is(await run(nodeSpec, ['list'], io.io), 0);
  t.deepEqual(m.queries[0]!.fields, ['name', 'dtotal', 'dfree', 'mtotal', 'mnode', 'mfree', 'pinst_cnt', 'sinst_cnt']);
  t.is(io.out[1], 'node1   2.0G  2.0G   2.0G  2.0G  2.0G      2.0G      2.0G');
  const io2 = makeIo(m);
  t.is(await run(nodeSpec, ['list', '-o', 'name,bogus'], io2.io), 14);
  t.is(io2.stderr(), 'Warning: Queried for unknown fields bogus');
  t.deepEqual(io2.out, ['Node  bogus', 'node1 ??']);
});

test('node list: a filter argument goes to the master as a qfilter', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = () => ({ fields: fields([['name', 'Node', 'text']]), rows: [] });
  const io = makeIo(m);
  t.is(await run(nodeSpec, ['list', '-o', 'name', 'pinst_cnt != 0'], io.io), 0);
  t.deepEqual(m.queries[0]!.names, []);
  t.deepEqual(m.queries[0]!.filter, ['!=', 'pinst_cnt', 0]);
  t.deepEqual(io.out, ['Node']);
});

test('node add: refuses a known node without --readd, submits OP_NODE_ADD otherwise', async (t) => {
  const m = new FakeMaster();
  let known = true;
  m.queryHandler = () => {
    if (!known) throw Object.assign(new Error("Node name node2 not found"), { name: 'OpPrereqError', ecode: 'unknown_entity' });
    return { fields: fields([['name', 'Node', 'text'], ['sip', 'SecondaryIP', 'text'], ['master', 'IsMaster', 'bool']]), rows: [row('node2', '10.0.0.2', false)] };
  };
  const io = makeIo(m);
  t.is(await run(nodeSpec, ['add', '--no-ssh-key-check', 'node2'], io.io), 1);
  t.is(io.stderr(), "Node node2 already in the cluster (as node2) - please retry with '--readd'");
  known = false;
  const io2 = makeIo(m);
  t.is(await run(nodeSpec, ['add', '--no-ssh-key-check', '--master-capable', 'no', 'node2'], io2.io), 0, io2.stderr());
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_NODE_ADD', node_name: 'node2', readd: false, master_capable: false, node_setup: true });
  const io3 = makeIo(m);
  t.is(await run(nodeSpec, ['add', '--vm-capable', 'perhaps', 'node3'], io3.io), 1);
  t.regex(io3.stderr(), /Invalid boolean value 'perhaps' for option --vm-capable/);
});

test('node modify prints the changes', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = () => ({ status: 'success', opstatus: ['success'], opresult: [[['offline', true], ['master_candidate', false]]] });
  const io = makeIo(m);
  t.is(await run(nodeSpec, ['modify', '-O', 'yes', 'node2'], io.io), 0);
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_NODE_SET_PARAMS', node_name: 'node2', offline: true, master_candidate: null });
  t.deepEqual(io.out, ['Modified node node2', ' - offline -> True', ' - master_candidate -> False']);
});

test('node info layout', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = (q) => ({ fields: fields(q.fields.map((f) => [f, f, 'other'])),
    rows: [[...row('node1', '127.0.1.10', '127.0.1.10', ['i2', 'i10'], [], true, false, false, true, true),
      { status: 3, value: null }, ...row({ oob_program: '', spindle_count: 1 }, { spindle_count: 1 })]] });
  const io = makeIo(m);
  t.is(await run(nodeSpec, ['info', 'node1'], io.io), 0);
  t.is(io.stdout(), ['- Node name: node1', '  primary ip: 127.0.1.10', '  secondary ip: 127.0.1.10', '  master candidate: True',
    '  drained: False', '  offline: False', '  master_capable: True', '  vm_capable: True', '  primary for instances: ',
    '    - i2', '    - i10', '  secondary for instances: ', '  node parameters: ', '    oob_program: default ()',
    '    spindle_count: 1'].join('\n'));
});

test('job list with a status filter; info layout; watch and wait exit codes', async (t) => {
  const m = new FakeMaster();
  const ts = (s: number) => [1700000000 + s, 500000];
  m.queryHandler = (q) => {
    if (q.fields.includes('oplog')) {
      return { fields: fields(q.fields.map((f) => [f, f, 'other'])), rows: [row(7, 'success',
        [{ OP_ID: 'OP_TEST_DELAY', duration: 1, reason: [['gnt:client:gnt-debug', 'delay', 1]] }], [true], ['success'],
        [[[1, ts(1), 'message', 'sleeping']]], [ts(0)], [ts(1)], [ts(2)], ts(0), ts(0), ts(2))] };
    }
    return { fields: fields([['id', 'ID', 'number'], ['status', 'Status', 'text'], ['summary', 'Summary', 'other']]),
      rows: [row(4, 'running', ['TEST_DELAY']), row(12, 'queued', ['INSTANCE_STARTUP(vm1)', 'CLUSTER_VERIFY'])] };
  };
  const io = makeIo(m);
  t.is(await run(jobSpec, ['list', '--pending'], io.io), 0);
  t.deepEqual(m.queries[0]!.filter, ['|', ['=', 'status', 'queued'], ['=', 'status', 'waiting'], ['=', 'status', 'canceling']]);
  t.deepEqual(io.out, ['ID Status  Summary', ' 4 running TEST_DELAY', '12 queued  INSTANCE_STARTUP(vm1),CLUSTER_VERIFY']);
  const io2 = makeIo(m);
  t.is(await run(jobSpec, ['info', '7'], io2.io), 0);
  t.is(io2.stdout(), ['- Job ID: 7', '  Status: success', '  Received:         2023-11-14 22:13:20.500000',
    '  Processing start: 2023-11-14 22:13:20.500000 (delta 0.000000s)',
    '  Processing end:   2023-11-14 22:13:22.500000 (delta 2.000000s)', '  Total processing time: 2.000000 seconds',
    '  Opcodes: ', '    - Opcode: OP_TEST_DELAY', '      Status: success',
    '      Processing start: 2023-11-14 22:13:20.500000', '      Execution start:  2023-11-14 22:13:21.500000',
    '      Processing end:   2023-11-14 22:13:22.500000', '      Input fields: ', '        OP_ID: OP_TEST_DELAY',
    '        duration: 1', '        reason: ', '          - - gnt:client:gnt-debug', '            - delay', '            - 1',
    '      Result: True', '      Execution log: ', '        - Time: 2023-11-14 22:13:21.500000',
    '          Content: [1, message, sleeping]'].join('\n'));
  t.is(await run(jobSpec, ['info', 'seven'], io2.io), 1);
  t.regex(io2.stderr(), /Invalid job ID passed: 'seven'/);

  m.jobs.set(9, { status: 'success', log: [[1777629600, 'hello']], opresult: [true], opstatus: ['success'] });
  m.jobs.set(10, { status: 'error', opresult: [['OpExecError', ['it broke', '']]], opstatus: ['error'] });
  const io3 = makeIo(m);
  t.is(await run(jobSpec, ['watch', '9'], io3.io), 0);
  t.deepEqual(io3.out, ['Output from job 9 follows', '-------------------------', 'Fri May  1 10:00:00 2026 hello']);
  const io4 = makeIo(m);
  t.is(await run(jobSpec, ['wait', '10'], io4.io), 1);
  t.deepEqual(io4.out, []);
  t.is(io4.stderr(), 'Job 10 failed: Failure: command execution error:\nit broke');
});

test('job cancel, archive, change-priority, autoarchive', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = () => ({ fields: fields([['id', 'ID', 'number'], ['end_ts', 'End', 'other']]),
    rows: [row(1, [1700000000, 0]), row(2, [1700000000 - 86400 * 2, 0])] });
  const io = makeIo(m);
  t.is(await run(jobSpec, ['cancel', '5', '6'], io.io), 0);
  t.deepEqual(m.cancelled, [5, 6]);
  t.deepEqual(io.out, ['Job 5 will be canceled', 'Job 6 will be canceled']);
  t.is(await run(jobSpec, ['cancel', '--pending'], io.io), 13);
  t.is(await run(jobSpec, ['cancel', '--pending', '5'], io.io), 1);
  t.is(await run(jobSpec, ['change-priority', '--priority', 'low', '3'], io.io), 0);
  t.deepEqual(m.priorities, [[3, 10]]);
  t.is(await run(jobSpec, ['change-priority', '3'], io.io), 1);
  t.is(await run(jobSpec, ['archive', '1', '2'], io.io), 0);
  const io2 = makeIo(m);
  t.is(await run(jobSpec, ['autoarchive', '1d'], io2.io), 0);
  t.deepEqual(m.archived, [1, 2, 2]);
  t.deepEqual(io2.out, ['Archived 1 jobs, 0 unchecked left']);
  t.is(await run(jobSpec, ['autoarchive', 'soon'], io2.io), 1);
});

test('os list shows valid, visible OSes with their variants', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = () => ({ fields: fields([['name', 'Name', 'text'], ['valid', 'Valid', 'bool'], ['hidden', 'Hidden', 'bool'],
    ['blacklisted', 'Blacklisted', 'bool'], ['variants', 'Variants', 'other']]),
  rows: [row('debootstrap', true, false, false, ['default', 'minimal']), row('dummy', true, false, false, []),
    row('broken', false, false, false, []), row('secret', true, true, false, [])] });
  const io = makeIo(m);
  t.is(await run(osSpec, ['list'], io.io), 0);
  t.deepEqual(io.out, ['Name', 'debootstrap+default', 'debootstrap+minimal', 'dummy']);
  const io2 = makeIo(m);
  t.is(await run(osSpec, ['list', '--no-headers'], io2.io), 0);
  t.is(io2.out[0], 'debootstrap+default');
});

test('os diagnose: per-node status and exit 1 for invalid OSes', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = () => ({ fields: fields([['name', 'n', 'text'], ['valid', 'v', 'bool'], ['variants', 'x', 'other'],
    ['node_status', 's', 'other'], ['hidden', 'h', 'bool'], ['blacklisted', 'b', 'bool']]),
  rows: [row('dummy', true, [], { node1: [['/srv/ganeti/os/dummy', true, '', [], [], [20]]] }, false, false),
    row('bad', false, [], { node1: [['/srv/ganeti/os/bad', false, 'missing create script', [], [], []]], node2: [] }, false, false)] });
  const io = makeIo(m);
  t.is(await run(osSpec, ['diagnose'], io.io), 1);
  t.deepEqual(io.out, [
    'OS: dummy [global status: valid]',
    '  Node: node1, status: valid (path: /srv/ganeti/os/dummy) [API versions: 20] [no variants] [no parameters]',
    '',
    'OS: bad [global status: invalid]',
    '  Node: node1, status: invalid - missing create script (path: /srv/ganeti/os/bad) [no API versions declared]',
    '  Node: node2, status: OS not found',
    '',
  ]);
});

test('debug delay and submit-job', async (t) => {
  const m = new FakeMaster();
  const io = makeIo(m, { files: { 'ops.json': JSON.stringify([{ OP_ID: 'OP_TEST_DELAY', duration: 0.5 }]), 'bad.json': '[{"OP_ID": "OP_NOPE"}]' } });
  t.is(await run(debugSpec, ['delay', '--no-master', '-n', 'node1', '-n', 'node2', '2.5'], io.io), 0);
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_TEST_DELAY', duration: 2.5, on_master: false, on_nodes: ['node1', 'node2'], no_locks: false });
  t.is(await run(debugSpec, ['delay', 'soon'], io.io), 1);
  t.is(await run(debugSpec, ['submit-job', '--job-repeat', '2', 'ops.json'], io.io), 0);
  t.is(m.submitted.length, 3);
  t.is(await run(debugSpec, ['submit-job', 'bad.json'], io.io), 1);
  t.regex(io.stderr(), /Unknown opcode 'OP_NOPE'/);
  t.is(m.submitted.length, 3);
});

test('job results: encoded errors, partial failures, cancellation', (t) => {
  t.is(decodeOpError(['OpPrereqError', ['no', 'wrong_state']])!.ecode, 'wrong_state');
  const withCause = decodeOpError(['OpExecError', ['x', '', { class: 'HypervisorError', message: 'qemu died', ecode: '' }]])!;
  t.is((withCause.cause as Error).name, 'HypervisorError');
  t.is(decodeOpError(['just', 'data']), null);
  t.is(jobFailure('canceled', ['canceled'], [null]).message, 'Job was canceled');
  t.is(jobFailure('error', ['success', 'error'], [true, 'disk full']).message, 'partial failure (opcode 1): disk full');
  t.is(jobFailure('error', ['error'], ['disk full']).message, 'disk full');
});

test('GNT_NODE_LIST supplies default list arguments; --print-jobid prints the id first', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = () => ({ fields: fields([['name', 'Node', 'text']]), rows: [row('node3')] });
  const io = makeIo(m, { env: { GNT_NODE_LIST: '-o name --no-headers' } });
  t.is(await run(nodeSpec, ['list', 'node3'], io.io), 0);
  t.deepEqual(m.queries[0], { what: 'node', fields: ['name'], names: ['node3'], filter: null });
  t.deepEqual(io.out, ['node3']);
  const io2 = makeIo(m);
  t.is(await run(nodeSpec, ['modify', '--print-jobid', '-O', 'no', 'node3'], io2.io), 0);
  t.deepEqual(io2.out, ['1']);
  t.is(await run(nodeSpec, ['remove', '--print-jobid', 'node3'], io2.io), 1, 'remove has no submit options, as in Ganeti');
});

test('a job the master refuses is reported, the others still followed', async (t) => {
  const m = new FakeMaster();
  m.refuse = (ops) => (ops[0]!.instance_name === 'b' ? { class: 'OpPrereqError', message: "Instance 'b' is locked", ecode: 'wrong_state' } : null);
  m.queryHandler = (q) => ({ fields: fields([['name', 'Instance', 'text']]), rows: (q.names.length ? q.names : ['a', 'b']).map((n) => row(n)) });
  const { spec: instSpec } = await import('../../../gnt-cli/gnt-instance/command.js');
  const io = makeIo(m);
  t.is(await run(instSpec, ['shutdown', '--force-multiple', 'a', 'b'], io.io), 1);
  t.deepEqual(io.out, ['Submitted jobs 1', 'Waiting for job 1 for a ...']);
  t.deepEqual(io.err, ["Failed to submit job for b: Instance 'b' is locked"]);
});
