import test from 'ava';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpExecError } from '../../../daemons/common/errors.js';
import { nullLogger } from '../../../daemons/common/log.js';
import type { Paths } from '../../../daemons/common/paths.js';
import { buildOsEnv, diagnoseOses, instanceOsAdd, instanceOsRename, loadOs, splitOsName, validateOs } from '../../../daemons/noded/backend/os.js';
import { findProjectRoot, installShippedOses, shippedOsDir } from '../../../daemons/common/shipped-files.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import { makeTempNode, type TempNode } from './helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(): TempNode { const n = makeTempNode(); nodes.push(n); return n; }
test.after.always(() => { for (const n of nodes) n.cleanup(); });

function instance(over: Partial<Instance__Output> = {}): Instance__Output {
  return {
    name: 'inst1', uuid: 'u-1', hypervisor: 'fake', os: 'dummy', primary_node: 'node1',
    hvparams_json: '{"migration_mode":"live"}', memory: 128, vcpus: 1,
    nics: [{ uuid: 'n-1', name: 'eth0', mac: 'aa:00:00:11:22:33', ip: '192.0.2.5', mode: 'bridged', link: 'br0', vlan: '', network: '' }],
    disks: [{ uuid: 'd-1', name: 'root', dev_type: 'file', size: 100, logical_id: ['loop', '/srv/ganeti/file-storage/inst1/d-1.file'], iv_name: 'disk/0', mode: 'rw', params_json: '' }],
    osparams_json: '{"dhcp":"yes"}', network_port: 0, admin_state: 'up',
    ...over,
  };
}

/** An OS whose scripts are the given shell bodies. */
function makeOs(paths: Paths, name: string, scripts: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = join(paths.osSearchPath[0]!, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ganeti_api_version'), '20\n');
  writeFileSync(join(dir, 'parameters.list'), '');
  for (const s of ['create', 'import', 'export', 'rename', 'verify']) {
    writeFileSync(join(dir, s), `#!/bin/sh\n${scripts[s] ?? 'exit 0'}\n`);
    chmodSync(join(dir, s), 0o755);
  }
  for (const [f, text] of Object.entries(extra)) writeFileSync(join(dir, f), text);
  return dir;
}

test('installShippedOses copies dummy and image (executable) into the OS dir, idempotently', async (t) => {
  const { paths } = node();
  t.true(existsSync(join(findProjectRoot(), 'package.json')));
  t.true(existsSync(join(shippedOsDir(), 'dummy', 'create')));
  t.deepEqual(await installShippedOses(paths), ['dummy', 'image']);
  t.deepEqual(await installShippedOses(paths), ['dummy', 'image']);
  for (const os of ['dummy', 'image']) {
    const dir = join(paths.osSearchPath[0]!, os);
    for (const s of ['create', 'import', 'export', 'rename', 'verify']) t.truthy(statSync(join(dir, s)).mode & 0o100, `${os}/${s}`);
    t.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  }
  const diag = diagnoseOses(paths);
  t.deepEqual(diag.map((o) => [o.name, o.valid, o.diagnose]), [['dummy', true, ''], ['image', true, '']]);
  t.deepEqual(diag[0]!.api_versions, [20]);
  t.deepEqual(diag[1]!.variants, ['default']);
  t.deepEqual(diag[1]!.parameters.map((p) => p.split(' ')[0]), ['image', 'image_type']);
});

test('a site\'s own variants.list survives a reinstall of the shipped OSes', async (t) => {
  const { paths } = node();
  await installShippedOses(paths);
  const list = join(paths.osSearchPath[0]!, 'image', 'variants.list');
  writeFileSync(list, 'default\ndebian\n');
  writeFileSync(join(paths.osSearchPath[0]!, 'image', 'create'), '#!/bin/sh\nexit 9\n');
  await installShippedOses(paths);
  t.is(readFileSync(list, 'utf8'), 'default\ndebian\n');
  t.regex(readFileSync(join(paths.osSearchPath[0]!, 'image', 'create'), 'utf8'), /qemu-img convert/, 'scripts are updated');
  t.deepEqual(loadOs(paths, 'image+debian').variants, ['default', 'debian']);
});

test('diagnose explains invalid OS definitions as Ganeti does', (t) => {
  const { paths } = node();
  const noApi = join(paths.osSearchPath[0]!, 'noapi');
  mkdirSync(noApi, { recursive: true });
  makeOs(paths, 'oldapi', {});
  writeFileSync(join(paths.osSearchPath[0]!, 'oldapi', 'ganeti_api_version'), '5\n');
  const noexec = makeOs(paths, 'noexec', {});
  chmodSync(join(noexec, 'create'), 0o644);
  const noparams = makeOs(paths, 'noparams', {});
  unlinkSync(join(noparams, 'parameters.list'));
  makeOs(paths, 'good', {}, { 'variants.list': '# comment\nbuster\nbookworm\n', 'parameters.list': 'dhcp  use DHCP\n' });
  const byName = Object.fromEntries(diagnoseOses(paths).map((o) => [o.name, o]));
  t.regex(byName.noapi!.diagnose, /Required file 'ganeti_api_version' not found under path/);
  t.regex(byName.oldapi!.diagnose, /API version mismatch for path '.*oldapi': found \[5\], want \[20, 15, 10\]/);
  t.regex(byName.noexec!.diagnose, /File 'create' under path '.*noexec' is not executable/);
  t.regex(byName.noparams!.diagnose, /File 'parameters.list' under path '.*noparams' is missing \(ENOENT\)/);
  t.true(byName.good!.valid);
  t.deepEqual(byName.good!.variants, ['buster', 'bookworm']);
  t.deepEqual(byName.good!.parameters, ['dhcp  use DHCP']);
  t.throws(() => loadOs(paths, 'missing+x'), { instanceOf: OpExecError, message: 'Directory for OS missing not found in search path' });
});

test('the create script gets Ganeti\'s environment and nothing else', async (t) => {
  const { paths, root } = node();
  makeOs(paths, 'envdump', { create: 'env | sort' }, { 'variants.list': 'buster\nbookworm\n' });
  const r = await instanceOsAdd(paths, { instance: instance({ os: 'envdump+bookworm' }), diskPaths: ['/x/disk0'], debug: 1, reinstall: true });
  const env = Object.fromEntries(r.log.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  t.like(env, {
    OS_API_VERSION: '20', OS_NAME: 'envdump', OS_VARIANT: 'bookworm', INSTANCE_NAME: 'inst1', INSTANCE_OS: 'envdump+bookworm',
    HYPERVISOR: 'fake', DISK_COUNT: '1', DISK_0_PATH: '/x/disk0', DISK_0_ACCESS: 'rw', DISK_0_UUID: 'd-1', DISK_0_NAME: 'root',
    DISK_0_BACKEND_TYPE: 'file:loop', NIC_COUNT: '1', NIC_0_MAC: 'aa:00:00:11:22:33', NIC_0_IP: '192.0.2.5', NIC_0_MODE: 'bridged',
    NIC_0_LINK: 'br0', NIC_0_BRIDGE: 'br0', NIC_0_NAME: 'eth0', NIC_0_UUID: 'n-1', OSP_DHCP: 'yes', DEBUG_LEVEL: '1',
    INSTANCE_REINSTALL: '1', PATH: '/usr/sbin:/usr/bin:/sbin:/bin', GANETI_ROOTDIR: root, GANETI_HOSTNAME: 'node1',
    INSTANCE_HV_migration_mode: 'live', INSTANCE_BE_maxmem: '128',
  });
  t.is(env.HOME, undefined, 'the daemon environment does not leak');
  t.regex(r.log_file, /\/var\/log\/ganeti\/os\/add-envdump\+bookworm-inst1-\d{4}-\d\d-\d\d_\d\d_\d\d_\d\d\.log$/);
  t.true(readFileSync(r.log_file, 'utf8').includes('INSTANCE_NAME=inst1'));
  t.true(r.log_file.startsWith(paths.logDir));
});

test('OS variant: default is the first listed; a forced unknown one reaches the script as given', (t) => {
  const { paths } = node();
  makeOs(paths, 'v', {}, { 'variants.list': 'a\nb\n' });
  const os = loadOs(paths, 'v');
  t.is(buildOsEnv(paths, os, { instance: instance({ os: 'v' }), diskPaths: [], debug: 0 }).OS_VARIANT, 'a');
  t.is(buildOsEnv(paths, os, { instance: instance({ os: 'v+b' }), diskPaths: [], debug: 0 }).OS_VARIANT, 'b');
  // The master refuses unknown variants unless --force-variant: then the node passes it on (Ganeti's OSCoreEnv).
  t.is(buildOsEnv(paths, os, { instance: instance({ os: 'v+zz' }), diskPaths: [], debug: 0 }).OS_VARIANT, 'zz');
  makeOs(paths, 'novariants', {});
  t.is(buildOsEnv(paths, loadOs(paths, 'novariants'), { instance: instance({ os: 'novariants' }), diskPaths: [], debug: 0 }).OS_VARIANT, '');
  t.deepEqual(splitOsName('debootstrap+default'), { name: 'debootstrap', variant: 'default' });
});

test('a file disk\'s format reaches the scripts as DISK_N_FORMAT', (t) => {
  const { paths } = node();
  makeOs(paths, 'f', {});
  const inst = instance();
  inst.disks = [{ ...inst.disks[0]!, params_json: '{"format":"qcow2"}' }, { ...inst.disks[0]!, uuid: 'd-2', params_json: '{}' }];
  const env = buildOsEnv(paths, loadOs(paths, 'f'), { instance: inst, diskPaths: ['/a', '/b'], debug: 0 });
  t.is(env.DISK_0_FORMAT, 'qcow2');
  t.is(env.DISK_1_FORMAT, undefined);
});

test('a failing create script gives Ganeti\'s message with the last lines of its log', async (t) => {
  const { paths } = node();
  makeOs(paths, 'broken', { create: 'for i in $(seq 1 30); do echo "line $i"; done\necho "mkfs: no space" >&2\nexit 3' });
  const err = await t.throwsAsync(instanceOsAdd(paths, { instance: instance({ os: 'broken' }), diskPaths: [], debug: 0, reinstall: false }),
    { instanceOf: OpExecError });
  t.true(err.message.startsWith('OS create script failed (exited with exit code 3), last lines in the log file:\n'), err.message);
  t.true(err.message.endsWith('line 30\nmkfs: no space'));
  t.false(err.message.includes('line 11\n'), 'only the last 20 lines');
  const logs = readdirSync(join(paths.logDir, 'os'));
  t.is(logs.length, 1);
  t.regex(logs[0]!, /^add-broken-inst1-/);
});

test('a create script that runs too long is killed', async (t) => {
  const { paths } = node();
  makeOs(paths, 'slow', { create: 'echo starting\nsleep 30' });
  const err = await t.throwsAsync(instanceOsAdd(paths, { instance: instance({ os: 'slow' }), diskPaths: [], debug: 0, reinstall: false },
    { timeoutMs: 300 }));
  t.regex(err.message, /OS create script failed \(terminated by signal SIGTERM, terminated after timeout of 0.30 seconds\)/);
  t.regex(err.message, /starting/);
});

test('rename runs with OLD_INSTANCE_NAME and the new INSTANCE_NAME', async (t) => {
  const { paths } = node();
  await installShippedOses(paths);
  const r = await instanceOsRename(paths, { instance: instance({ name: 'new1' }), diskPaths: [], debug: 0, oldName: 'old1' });
  t.is(r.log.trim(), 'dummy: renaming instance old1 to new1');
  t.regex(r.log_file, /rename-dummy-old1-new1-/);
  const add = await instanceOsAdd(paths, { instance: instance(), diskPaths: ['/tmp/d0'], debug: 0, reinstall: false });
  t.regex(add.log, /dummy: creating instance inst1 .*1 disk\(s\), 1 NIC\(s\)\)\ndummy: disk 0 at \/tmp\/d0\ndummy: done/);
});

test('OS validation: only parameters.list names, then verify with the checks and OSP_* (Ganeti ValidateOS)', async (t) => {
  const { paths } = node();
  makeOs(paths, 'p', { verify: 'echo "args=$* variant=$OS_VARIANT dhcp=$OSP_DHCP" > "$OSP_OUT"\n[ "$OSP_DHCP" != bad ] || { echo "dhcp must be yes or no" >&2; exit 2; }' },
    { 'parameters.list': 'dhcp Use DHCP (yes or no)\nout Where to write\n', 'variants.list': 'one\ntwo\n' });
  const out = join(paths.nodeRoot!, 'verify.out');
  t.deepEqual(await validateOs(paths, { osName: 'p+two', osparams: { dhcp: 'yes', out }, checks: ['parameters'], required: true }), { found: true });
  t.is(readFileSync(out, 'utf8').trim(), 'args=parameters variant=two dhcp=yes');
  const unknown = await t.throwsAsync(validateOs(paths, { osName: 'p', osparams: { dchp: 'yes', zz: '1' }, checks: ['parameters'], required: true }),
    { instanceOf: OpExecError });
  t.is(unknown.message, 'The following parameters are not supported by the OS p: dchp, zz (supported: dhcp, out)');
  t.is((unknown as OpExecError).ecode, 'wrong_input');
  const refused = await t.throwsAsync(validateOs(paths, { osName: 'p', osparams: { dhcp: 'bad', out }, checks: ['parameters'], required: true }));
  t.is(refused.message, 'OS validation script failed (exited with exit code 2), output: dhcp must be yes or no');
  await t.throwsAsync(validateOs(paths, { osName: 'p', osparams: {}, checks: ['everything'], required: true }),
    { message: 'Unknown checks required for OS p: everything (known: parameters)' });
});

test('OS validation of a missing OS: an error when required, "not found" otherwise; no parameters at all', async (t) => {
  const { paths } = node();
  await t.throwsAsync(validateOs(paths, { osName: 'nope', osparams: {}, checks: ['parameters'], required: true }),
    { message: 'Directory for OS nope not found in search path' });
  t.deepEqual(await validateOs(paths, { osName: 'nope', osparams: {}, checks: ['parameters'], required: false }), { found: false });
  await installShippedOses(paths);
  await t.throwsAsync(validateOs(paths, { osName: 'dummy', osparams: { x: '1' }, checks: ['parameters'], required: true }),
    { message: 'The following parameters are not supported by the OS dummy: x (it has no parameters)' });
  t.deepEqual(await validateOs(paths, { osName: 'dummy', osparams: {}, checks: ['parameters'], required: true }), { found: true });
  t.false(existsSync(join(paths.logDir, 'os')), 'verify runs leave no log files');
});

test('loadOs, asked again, sees every change to the definition (it keeps a parse only while no file changed)', (t) => {
  const { paths } = node();
  const dir = makeOs(paths, 'changing', {}, { 'variants.list': 'a\nb\n' });
  const first = loadOs(paths, 'changing');
  t.deepEqual([first.variants, first.parameters], [['a', 'b'], []]);
  t.is(loadOs(paths, 'changing'), first, 'unchanged files: the same parse');
  writeFileSync(join(dir, 'parameters.list'), 'size  the size\n');   // in place, another size
  t.deepEqual(loadOs(paths, 'changing').parameters, ['size  the size']);
  writeFileSync(join(dir, 'variants.list.new'), 'c\n');
  renameSync(join(dir, 'variants.list.new'), join(dir, 'variants.list'));   // replaced by rename, same size
  t.deepEqual(loadOs(paths, 'changing').variants, ['c']);
  unlinkSync(join(dir, 'variants.list'));
  t.deepEqual(loadOs(paths, 'changing').variants, []);
  chmodSync(join(dir, 'verify'), 0o644);
  t.throws(() => loadOs(paths, 'changing'), { instanceOf: OpExecError, message: /File 'verify' under path '.*' is not executable/ });
  chmodSync(join(dir, 'verify'), 0o755);
  t.deepEqual(loadOs(paths, 'changing').apiVersions, [20]);
  writeFileSync(join(dir, 'ganeti_api_version'), '5\n');
  t.throws(() => loadOs(paths, 'changing'), { instanceOf: OpExecError, message: /API version mismatch/ });
  writeFileSync(join(dir, 'ganeti_api_version'), '15\n');
  t.deepEqual(loadOs(paths, 'changing').apiVersions, [15]);
  unlinkSync(join(dir, 'create'));
  t.throws(() => loadOs(paths, 'changing'), { instanceOf: OpExecError, message: /File 'create' under path '.*' is missing/ });
});
