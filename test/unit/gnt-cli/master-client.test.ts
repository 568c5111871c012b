// The CLI's own gRPC client (HTTP/2 + descriptor-driven protobuf) against a real grpc-js
// server on a Unix socket: every Master method the CLI uses, streaming, errors, no master.
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpPrereqError } from '../../../daemons/common/errors.js';
import { loadServices, toServiceError } from '../../../daemons/common/rpc.js';
import { connectMaster } from '../../../daemons/common/client/master-client.js';
import { decodeMessage, encodeMessage } from '../../../daemons/common/client/proto-codec.js';

const received: Record<string, unknown[]> = {};

function record(name: string, req: unknown): void {
  (received[name] ??= []).push(req);
}

const dirs: string[] = [];
test.after.always(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function startServer(): Promise<{ socket: string; server: grpc.Server }> {
  const dir = mkdtempSync(join(tmpdir(), 'gnt-master-'));
  dirs.push(dir);
  const socket = join(dir, 'ganeti-master');
  const server = new grpc.Server();
  const svc = loadServices();
  server.addService(svc.ganeti.Master.service, {
    QueryClusterInfo: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { json: JSON.stringify({ name: 'cluster', software_version: '3.0' }) }),
    SubmitJobs: (call: grpc.ServerUnaryCall<{ jobs: { ops_json: string }[] }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      record('SubmitJobs', call.request);
      cb(null, { results: [{ ok: true, job_id: 41, error: null }, { ok: false, job_id: 0, error: { class: 'ParameterError', message: 'bad op', ecode: 'wrong_input' } }] });
    },
    WatchJob: (call: grpc.ServerWritableStream<{ job_id: number; since_log_serial: number }, unknown>) => {
      record('WatchJob', call.request);
      call.write({ job_id: call.request.job_id, status: 'running', log: [{ serial: 1, timestamp: 1700000000.25, type: 'message', message: 'héllo' }] });
      setTimeout(() => {
        call.write({ job_id: call.request.job_id, status: 'success', log: [], opresult_json: '[["done"]]', opstatus_json: '["success"]' });
        call.end();
      }, 20);
    },
    Query: (call: grpc.ServerUnaryCall<{ what: string; names: string[] }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      record('Query', call.request);
      if (call.request.names.includes('nosuch')) {
        cb(toServiceError(new OpPrereqError('Node name nosuch not found', { ecode: 'unknown_entity', cause: new Error('lookup') })));
        return;
      }
      const fields = [{ name: 'name', title: 'Node', kind: 'text', doc: 'd' }];
      // A master that formats (names node1) or one that does not (table_status left empty).
      if ((call.request as { table?: boolean }).table) {
        cb(null, call.request.names.includes('node1') ? { fields, rows: [], table_text: 'Node\nnode1', table_lines: 2, table_status: 'normal' } : { fields, rows: [] });
        return;
      }
      // The master's columnar answer (what the CLI asks for) for names, the old cell rows otherwise.
      if (call.request.names.includes('node1')) cb(null, { fields, rows: [], columns_json: JSON.stringify([[[0, 4], ['node1', null]]]) });
      else cb(null, { fields, rows: [{ cells: [{ status: 0, value_json: '"node1"' }] }, { cells: [{ status: 4, value_json: 'null' }] }] });
    },
    QueryFields: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { fields: [{ name: 'x', title: 'X', kind: 'bool', doc: '' }], rows: [] }),
    CancelJob: (call: grpc.ServerUnaryCall<{ job_id: number; kill: boolean }, unknown>, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, { ok: true, message: `Job ${call.request.job_id} will be canceled (kill=${call.request.kill})` }),
    ArchiveJob: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { ok: false, message: 'not finished' }),
    ChangeJobPriority: (call: grpc.ServerUnaryCall<{ job_id: number; priority: number }, unknown>, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, { ok: true, message: `priority ${call.request.priority}` }),
    SetQueueDrained: (call: grpc.ServerUnaryCall<{ drained: boolean }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      record('SetQueueDrained', call.request);
      cb(null, {});
    },
  });
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(),
    (err) => (err ? reject(err) : resolve())));
  return { socket, server };
}

test.serial('every Master method over the wire', async (t) => {
  const { socket, server } = await startServer();
  const m = connectMaster(socket);
  try {
    t.deepEqual(await m.clusterInfo(), { name: 'cluster', software_version: '3.0' });
    const sub = await m.submitJobs([[{ OP_ID: 'OP_TEST_DELAY', duration: 1 }], [{ OP_ID: 'OP_X' }]]);
    t.deepEqual(sub, [{ ok: true, jobId: 41, error: null }, { ok: false, jobId: 0, error: { class: 'ParameterError', message: 'bad op', ecode: 'wrong_input' } }]);
    t.deepEqual(JSON.parse((received.SubmitJobs![0] as { jobs: { ops_json: string }[] }).jobs[0]!.ops_json), [{ OP_ID: 'OP_TEST_DELAY', duration: 1 }]);

    const changes = [];
    for await (const c of m.watchJob(41, 0)) changes.push(c);
    t.deepEqual(changes, [
      { jobId: 41, status: 'running', log: [{ serial: 1, timestamp: 1700000000.25, type: 'message', message: 'héllo' }], opresult: null, opstatus: null },
      { jobId: 41, status: 'success', log: [], opresult: [['done']], opstatus: ['success'] },
    ]);

    const q = await m.query('node', ['name'], ['node1'], ['=', 'name', 'node1']);
    const rows = [[{ status: 0, value: 'node1' }], [{ status: 4, value: null }]];
    t.deepEqual(q.fields, [{ name: 'name', title: 'Node', kind: 'text', doc: 'd' }]);
    t.deepEqual(q.columns, [{ statuses: [0, 4], values: ['node1', null] }]);
    t.deepEqual(q.rows, rows, 'rows are built from the columns for callers that want rows');
    const tableDefaults = { table: false, table_header: false, table_has_separator: false, table_separator: '', table_units: '', table_verbose: false, table_joined: [] };
    t.deepEqual(received.Query![0], { what: 'node', fields: ['name'], names: ['node1'], filter_json: '["=","name","node1"]', use_locking: false,
      as_objects: false, known_tag: '', columnar: true, ...tableDefaults });
    const table = { header: true, separator: '', units: 'g', verbose: true, joined: ['tags'] };
    t.deepEqual(await m.queryTable!('node', ['name'], ['node1'], null, table),
      { fields: [{ name: 'name', title: 'Node', kind: 'text', doc: 'd' }], text: 'Node\nnode1', lines: 2, status: 'normal' });
    t.like(received.Query![1], { table: true, table_header: true, table_has_separator: true, table_separator: '', table_units: 'g', table_verbose: true, table_joined: ['tags'] });
    t.is(await m.queryTable!('node', ['name'], ['node2'], null, { ...table, separator: null, units: null }), null, 'a master that does not format');
    t.like(received.Query![2], { table_has_separator: false, table_units: '' });
    received.Query!.splice(1, 2);
    const old = await m.query('node', ['name'], ['node2']);
    t.deepEqual([old.rows, old.columns], [rows, undefined], 'cell rows from a master that answers with rows');
    const err = await t.throwsAsync(m.query('node', ['name'], ['nosuch']));
    t.is(err!.name, 'OpPrereqError');
    t.is((err as unknown as { ecode: string }).ecode, 'unknown_entity');
    t.is((err!.cause as Error).message, 'lookup', 'the cause survives the CLI\'s own gRPC client');
    t.is(err!.message, 'Node name nosuch not found');

    t.is((await m.queryFields('node', ['x'])).fields[0]!.kind, 'bool');
    t.deepEqual(await m.cancelJob(7, true), { ok: true, message: 'Job 7 will be canceled (kill=true)' });
    t.deepEqual(await m.archiveJob(7), { ok: false, message: 'not finished' });
    t.deepEqual(await m.changePriority(7, -10), { ok: true, message: 'priority -10' });
    await m.setQueueDrained(true);
    t.deepEqual(received.SetQueueDrained, [{ drained: true }]);
  } finally {
    m.close();
    server.forceShutdown();
  }
});

test.serial('a socket nobody listens on is NoMasterError', async (t) => {
  const { socket, server } = await startServer();
  server.forceShutdown();
  await t.throwsAsync(async () => connectMaster(join(socket, '..', 'missing')).clusterInfo(), { name: 'NoMasterError' });
  // A stale socket file (daemon gone) is refused at connect time.
  const { writeFileSync } = await import('node:fs');
  const stale = join(socket, '..', 'stale');
  writeFileSync(stale, '');
  const m = connectMaster(stale);
  await t.throwsAsync(m.clusterInfo(), { name: 'NoMasterError' });
  m.close();
});

test('protobuf codec round trip: nested, repeated, negative and 64-bit values', (t) => {
  const msg = { job_id: 2 ** 40 + 3, status: 'ok', log: [{ serial: 1, timestamp: -1.5, type: 't', message: 'm' }], opresult_json: '', opstatus_json: 'x' };
  t.deepEqual(decodeMessage('JobChange', encodeMessage('JobChange', msg)), msg);
  t.deepEqual(decodeMessage('ChangePriorityRequest', encodeMessage('ChangePriorityRequest', { job_id: 1, priority: -20 })), { job_id: 1, priority: -20 });
  t.deepEqual(decodeMessage('SubmitResult', Buffer.alloc(0)), { ok: false, job_id: 0, error: null });
});
