// A real noded on 127.0.0.1:0 with mutual TLS, the fake hypervisor and a temp node root.
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { SOFTWARE_VERSION, PROTOCOL_VERSION } from '../../../daemons/common/constants.js';
import { decodeServiceError } from '../../../daemons/common/errors.js';
import { createCa, createNodeCert } from '../../../daemons/common/tls.js';
import { nullLogger } from '../../../daemons/common/log.js';
import { installShippedOses } from '../../../daemons/common/shipped-files.js';
import { startNoded, type NodedServer } from '../../../daemons/noded/server.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import type { Instance } from '../../../proto/generated/ganeti/Instance.js';
import { call, installClusterTls, makeTempNode, nodeClient, writeCapacity, type ClusterTls, type TempNode } from './helpers/temp-node.js';

let tmp: TempNode;
let tls: ClusterTls;
let server: NodedServer;
let client: NodeDaemonClient;
let left = 0;

test.before(async () => {
  tmp = makeTempNode();
  tls = await installClusterTls(tmp.paths);
  writeCapacity(tmp.paths, { cpus: 4, memory: 2048, memory_dom0: 512, disk: 20_000 });
  await installShippedOses(tmp.paths);
  server = await startNoded({ paths: tmp.paths, address: '127.0.0.1', port: 0, logger: nullLogger, onLeaveCluster: () => { left++; } });
  client = nodeClient(server.port, tls.ca.cert, tls.client);
});

test.after.always(async () => {
  client?.close();
  await server?.close(1000);
  tmp?.cleanup();
});

const inst = (name: string, memory = 256, over: Partial<Instance> = {}): Instance =>
  ({ name, hypervisor: 'fake', os: 'dummy', memory, vcpus: 1, hvparams_json: '{}', ...over });

function grpcError(err: unknown): grpc.ServiceError { return err as grpc.ServiceError; }

test.serial('Version answers over mutual TLS', async (t) => {
  t.true(server.port > 0);
  const v = await call(client, 'Version', {});
  t.deepEqual(v, { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION });
});

test.serial('InstanceStart / InstanceList / InstanceInfo / InstanceShutdown', async (t) => {
  await call(client, 'InstanceStart', { instance: inst('web1') });
  await call(client, 'InstanceStart', { instance: inst('web1') });   // already running: Ganeti succeeds quietly
  t.is(readFileSync(join(tmp.paths.fakeHvDir, 'web1'), 'utf8'), '0\n256\n1\n');
  const list = await call(client, 'InstanceList', { hypervisors: [] });
  t.deepEqual(list.instances.map((i) => [i.name, i.state, i.memory, i.hypervisor]), [['web1', 'running', 256, 'fake']]);
  const info = await call(client, 'InstanceInfo', { name: 'web1', hypervisor: '' });
  t.is(info.state, 'running');
  t.is(JSON.parse(info.console_json).message, 'Console not available for fake hypervisor');
  t.is((await call(client, 'InstanceInfo', { name: 'nope', hypervisor: 'fake' })).state, '');
  await call(client, 'InstanceReboot', { instance: inst('web1'), reboot_type: 'soft' });

  const node = await call(client, 'NodeInfo', { hypervisors: [], storage_units: [] });
  t.like(node, { memory_total: 2048, memory_dom0: 512, memory_free: 1280, cpu_total: 4, cpu_used: 1, software_version: SOFTWARE_VERSION });
  t.deepEqual(node.storage.map((s) => [s.type, s.name, s.total, s.free, s.reported]), [['file', '/srv/ganeti/file-storage', 20_000, 20_000, true]]);

  const err = grpcError(await t.throwsAsync(call(client, 'InstanceStart', { instance: inst('big', 2000) })));
  t.is(err.code, grpc.status.RESOURCE_EXHAUSTED);
  t.regex(err.details, /instance big: needed 2000 MiB, free 1280 MiB/);
  t.like(decodeServiceError(err), { name: 'HypervisorError', ecode: 'insufficient_resources' });

  await call(client, 'InstanceShutdown', { instance: inst('web1'), timeout_ms: 1000 });
  await call(client, 'InstanceShutdown', { instance: inst('web1') });   // not running: nothing to do
  t.deepEqual((await call(client, 'InstanceList', { hypervisors: ['fake'] })).instances, []);
  const reboot = grpcError(await t.throwsAsync(call(client, 'InstanceReboot', { instance: inst('web1') })));
  t.is(reboot.code, grpc.status.FAILED_PRECONDITION);
  t.is(reboot.details, 'Cannot reboot instance web1 that is not running');
});

test.serial('InstanceListTagged: the same list answers with its tag alone; a change, even outside noded, answers in full', async (t) => {
  await call(client, 'InstanceStart', { instance: inst('tag1', 64) });
  const first = await call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: '' });
  t.deepEqual(first.instances.map((i) => [i.name, i.state, i.memory]), [['tag1', 'running', 64]]);
  t.false(first.unchanged);
  t.regex(first.tag, /^[\w-]{24}$/);
  t.deepEqual(await call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: first.tag }),
    { instances: [], tag: first.tag, unchanged: true, delta: false, gone: [] });
  t.deepEqual((await call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: 'other' })).instances, first.instances);
  writeFileSync(join(tmp.paths.fakeHvDir, 'tag1'), '0\n64\n1\nuser_down\n');   // the guest powered off
  const changed = await call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: first.tag });
  t.false(changed.unchanged);
  t.not(changed.tag, first.tag);
  t.deepEqual(changed.instances.map((i) => [i.name, i.state]), [['tag1', 'user_down']]);
  rmSync(join(tmp.paths.fakeHvDir, 'tag1'));
  t.deepEqual(await call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: changed.tag }).then((r) => [r.instances, r.unchanged]), [[], false]);
});

test.serial('InstanceListTagged: a caller holding the list before the last gets only what changed since', async (t) => {
  const names = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];
  for (const name of names) await call(client, 'InstanceStart', { instance: inst(name, 64) });
  const full = (tag = '') => call(client, 'InstanceListTagged', { hypervisors: ['fake'], known_tag: tag });
  const entries = (list: { instances: { name?: string; state?: string }[] }) => list.instances.map((i) => `${i.name}:${i.state}`).sort();
  const a = await full();
  await call(client, 'InstanceShutdown', { instance: inst('d1', 64), timeout_ms: 1000 });
  writeFileSync(join(tmp.paths.fakeHvDir, 'd2'), '0\n64\n1\nuser_down\n');   // d2's guest powered off
  await call(client, 'InstanceStart', { instance: inst('d9', 64) });
  const b = await full(a.tag);
  t.true(b.delta);
  t.false(b.unchanged);
  t.deepEqual(entries(b), ['d2:user_down', 'd9:running']);
  t.deepEqual(b.gone, ['d1']);
  // The delta put into the list held is the list in full, under the same tag.
  const whole = await full();
  t.is(whole.tag, b.tag);
  t.false(whole.delta);
  const put = new Map(a.instances.map((i) => [i.name, i]));
  for (const g of b.gone) put.delete(g);
  for (const i of b.instances) put.set(i.name, i);
  t.deepEqual(entries({ instances: [...put.values()] }), entries(whole));
  // Only the answer just before the last is held: an older one gets the list in full.
  await call(client, 'InstanceShutdown', { instance: inst('d3', 64), timeout_ms: 1000 });
  const c = await full(a.tag);
  t.false(c.delta);
  t.deepEqual(entries(c), entries(whole).filter((e) => !e.startsWith('d3:')));
  t.deepEqual((await full(b.tag)).gone, ['d3']);
  // Most of the list changed: in full.
  for (const name of names.slice(3)) await call(client, 'InstanceShutdown', { instance: inst(name, 64), timeout_ms: 1000 });
  const d = await full(c.tag);
  t.false(d.delta);
  t.deepEqual(entries(d), ['d2:user_down', 'd9:running']);
  for (const name of ['d2', 'd9']) rmSync(join(tmp.paths.fakeHvDir, name));
});

test.serial('bad requests get INVALID_ARGUMENT naming the field, with the error class', async (t) => {
  const bad = grpcError(await t.throwsAsync(call(client, 'InstanceStart', { instance: inst('../../etc') })));
  t.is(bad.code, grpc.status.INVALID_ARGUMENT);
  t.regex(bad.details, /Invalid name '..\/..\/etc' in field 'instance.name'/);
  t.like(decodeServiceError(bad), { name: 'ParameterError', ecode: 'wrong_input' });

  const missing = grpcError(await t.throwsAsync(call(client, 'InstanceStart', {})));
  t.is(missing.code, grpc.status.INVALID_ARGUMENT);
  t.is(missing.details, "Missing required field 'instance'");

  const hv = grpcError(await t.throwsAsync(call(client, 'InstanceStart', { instance: inst('x', 128, { hypervisor: 'xen' }) })));
  t.regex(hv.details, /Unknown hypervisor 'xen' in field 'instance.hypervisor' \(available: fake/);

  const upload = grpcError(await t.throwsAsync(call(client, 'UploadFile', { file: '/etc/shadow', content: Buffer.from('x') })));
  t.is(upload.code, grpc.status.INVALID_ARGUMENT);
  // The list grows as files become uploadable: it must name what is allowed, starting with the config.
  t.regex(upload.details, /^Refusing to upload unknown file '\/etc\/shadow' \(allowed: config, ca_cert, ca_key, hosts, server_cert, watcher_pause(, \w+)*\)$/);
  t.is(decodeServiceError(upload).name, 'ParameterError');

  const ssconf = grpcError(await t.throwsAsync(call(client, 'WriteSsconfFiles', { values: { cluster_name: 'c', evil: 'x' } })));
  t.is(ssconf.code, grpc.status.INVALID_ARGUMENT);
  t.regex(ssconf.details, /Unknown ssconf key\(s\) 'evil' \(allowed: cluster_name, /);
  t.false(existsSync(tmp.paths.ssconfFile('cluster_name')), 'nothing written when one key is bad');

  const escape = grpcError(await t.throwsAsync(call(client, 'BlockdevRemove',
    { disk: { dev_type: 'file', uuid: 'u', logical_id: ['loop', '/etc/passwd'] }, instance_name: 'x' })));
  t.is(escape.code, grpc.status.INVALID_ARGUMENT);
  t.is(decodeServiceError(escape).name, 'BlockDeviceError');
  t.regex(escape.details, /'\/etc\/passwd'/);
});

test.serial('an error keeps its class, ecode and cause across the wire', async (t) => {
  // A "disk file" that is a directory: unlink fails, the driver wraps the system error.
  mkdirSync(join(tmp.root, 'srv/ganeti/file-storage/db9/disk-9.file'), { recursive: true });
  const err = grpcError(await t.throwsAsync(call(client, 'BlockdevRemove', {
    disk: { dev_type: 'file', uuid: 'disk-9', logical_id: ['loop', '/srv/ganeti/file-storage/db9/disk-9.file'] }, instance_name: 'db9',
  })));
  const decoded = decodeServiceError(err);
  t.is(decoded.name, 'BlockDeviceError');
  t.regex(decoded.message, /^Cannot remove file '\/srv\/ganeti\/file-storage\/db9\/disk-9.file': EISDIR/);
  const cause = decoded.cause as Error;
  t.true(cause instanceof Error, 'the cause survives');
  t.regex(cause.message, /^EISDIR: illegal operation on a directory/);
});

test.serial('a client whose certificate another CA signed is refused', async (t) => {
  const otherCa = await createCa('other');
  const intruder = await createNodeCert(otherCa, 'intruder', ['127.0.0.1']);
  // The intruder trusts our CA (it knows the server), but its own certificate is foreign.
  const c = nodeClient(server.port, tls.ca.cert, intruder);
  try {
    const err = grpcError(await t.throwsAsync(call(c, 'Version', {})));
    t.is(err.code, grpc.status.UNAVAILABLE);
  } finally {
    c.close();
  }
});

test.serial('uploads, ssconf, block devices, OS install and verify', async (t) => {
  const config = Buffer.from('{"serial_no": 1}');
  await call(client, 'UploadFile', { file: 'config', content: config, mode: 0o777 });
  t.is(readFileSync(tmp.paths.clusterConfFile, 'utf8'), config.toString());
  t.is(statSync(tmp.paths.clusterConfFile).mode & 0o777, 0o640);

  await call(client, 'WriteSsconfFiles', { values: { cluster_name: 'cluster', master_node: 'master' } });
  t.is(readFileSync(tmp.paths.ssconfFile('master_node'), 'utf8'), 'master');
  t.is(statSync(tmp.paths.ssconfFile('master_node')).mode & 0o777, 0o444);
  await call(client, 'WriteSsconfFiles', { values: { master_node: 'node2' } });   // rewriting a 0444 file works
  t.is(readFileSync(tmp.paths.ssconfFile('master_node'), 'utf8'), 'node2');
  // The authority moved with ssconf: the old master's certificate is a mere candidate's now.
  const moved = grpcError(await t.throwsAsync(call(client, 'WriteSsconfFiles', { values: { cluster_name: 'x' } })));
  t.is(moved.code, grpc.status.PERMISSION_DENIED);
  t.regex(moved.details, /accepted only from the master \(node2\); the caller is the master candidate master/);
  rmSync(tmp.paths.ssconfFile('master_node'));
  writeFileSync(tmp.paths.ssconfFile('master_node'), 'master');

  const disk = { uuid: 'disk-1', dev_type: 'file', size: 64, logical_id: [], mode: 'rw' };
  const created = await call(client, 'BlockdevCreate', { disk, instance_name: 'db1', file_storage_dir: '/srv/ganeti/file-storage' });
  t.deepEqual(created.logical_id, ['loop', '/srv/ganeti/file-storage/db1/disk-1.file']);
  t.is(created.path, join(tmp.root, 'srv/ganeti/file-storage/db1/disk-1.file'));
  const dup = grpcError(await t.throwsAsync(call(client, 'BlockdevCreate', { disk, instance_name: 'db1' })));
  t.is(dup.code, grpc.status.ALREADY_EXISTS);

  const withDisk = inst('db1', 128, { disks: [{ ...disk, logical_id: created.logical_id }] });
  const os = await call(client, 'InstanceOsAdd', { instance: withDisk, reinstall: false });
  t.regex(os.log, new RegExp(`dummy: disk 0 at ${created.path.replace(/[.+]/g, '\\$&')}`));
  t.true(existsSync(os.log_file));

  const oses = await call(client, 'OsDiagnose', {});
  t.deepEqual(oses.oses.map((o) => [o.name, o.valid]), [['dummy', true], ['image', true]]);

  const node = await call(client, 'NodeInfo', { hypervisors: ['fake'], storage_units: ['file:/srv/ganeti/file-storage', 'diskless'] });
  t.deepEqual(node.storage.map((s) => [s.type, s.total, s.free, s.reported]), [['file', 20_000, 20_000 - 64, true], ['diskless', 0, 0, false]]);

  const renamed = await call(client, 'BlockdevRename', { disk: { ...disk, logical_id: created.logical_id },
    new_logical_id: ['loop', '/srv/ganeti/file-storage/db2/disk-1.file'] });
  t.deepEqual(renamed.logical_id, ['loop', '/srv/ganeti/file-storage/db2/disk-1.file']);
  await call(client, 'BlockdevRemove', { disk: { ...disk, logical_id: renamed.logical_id }, instance_name: 'db2' });
  t.false(existsSync(renamed.path));

  const v = await call(client, 'NodeVerify', { hypervisors: [], file_checksums: {}, ssconf_keys: [] });
  t.is(v.software_version, SOFTWARE_VERSION);
  t.regex(v.file_checksums.config!, /^[0-9a-f]{64}$/);
  t.regex(v.file_checksums.ca_cert!, /^[0-9a-f]{64}$/);
  t.regex(v.file_checksums.ssconf_master_node!, /^[0-9a-f]{64}$/);
  t.deepEqual(v.hypervisor_errors, []);
  t.deepEqual(v.os_errors, []);
  t.true(Math.abs(Number(v.time_ms) - Date.now()) < 10_000);

  await call(client, 'TestDelay', { duration: 0.01 });
});

test.serial('NodeLeaveCluster removes the cluster files, answers, then asks the daemon to stop', async (t) => {
  await call(client, 'NodeLeaveCluster', {});
  for (const f of [tmp.paths.serverCertFile, tmp.paths.caCertFile, tmp.paths.clusterConfFile, tmp.paths.ssconfFile('master_node')]) {
    t.false(existsSync(f), f);
  }
  for (let i = 0; i < 500 && left === 0; i++) await new Promise((r) => setTimeout(r, 10));
  t.is(left, 1);
  const err = await t.throwsAsync(startNoded({ paths: tmp.paths, address: '127.0.0.1', port: 0, logger: nullLogger }));
  t.is(err.message, `This node is not part of a cluster: ${tmp.paths.serverCertFile} is missing`);
});
