// gnt-cluster verbs against a scripted master: version, info, verify, init, queue, errors.
process.env.TZ = 'UTC';
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../gnt-cli/framework/runner.js';
import { NoMasterError } from '../../../daemons/common/client/exit-codes.js';
import { spec } from '../../../gnt-cli/gnt-cluster/command.js';
import { FakeMaster, fields, makeIo, row } from './helpers/fake-master.js';

const INFO = {
  software_version: '3.0.2', protocol_version: 3000002, config_version: 3000000, os_api_version: 20,
  export_version: 0, vcs_version: '(ganeti-ts) version v3.0.2',
  name: 'cluster', uuid: 'u-1', ctime: 1700000000, mtime: 1700000300, master: 'node1', architecture: ['64bit', 'x86_64'],
  tags: [], default_hypervisor: 'fake', enabled_hypervisors: ['fake'], hvparams: { fake: { migration_mode: 'live' }, kvm: { acpi: true } },
  os_hvp: {}, osparams: {}, hidden_os: [], blacklisted_os: [], candidate_pool_size: 10, max_running_jobs: 20,
  max_tracked_jobs: 25, mac_prefix: 'aa:00:00', master_netdev: 'lo', master_netmask: 32, use_external_mip_script: false,
  volume_group_name: null, reserved_lvs: [], drbd_usermode_helper: null, file_storage_dir: '/srv/ganeti/file-storage',
  shared_file_storage_dir: '', gluster_storage_dir: '', maintain_node_health: false, uid_pool: [], default_iallocator: 'hail',
  default_iallocator_params: {}, primary_ip_version: 4, prealloc_wipe_disks: false, enabled_disk_templates: ['diskless', 'file'],
  install_image: '', instance_communication_network: '', zeroing_image: '', compression_tools: ['gzip'],
  enabled_user_shutdown: false, modify_ssh_setup: false, ssh_key_type: 'ed25519', ssh_key_bits: 256,
  ndparams: { oob_program: '' }, beparams: { default: { maxmem: 128, vcpus: 1 } }, nicparams: { default: { mode: 'bridged', link: 'br0' } },
  diskparams: { file: {} }, ipolicy: {
    minmax: [{ min: { 'cpu-count': 1, 'memory-size': 4 }, max: { 'cpu-count': 8, 'memory-size': 32768 } }],
    std: { 'cpu-count': 1 }, 'disk-templates': ['diskless', 'file'], 'vcpu-ratio': 4, 'spindle-ratio': 32,
  },
  enabled_data_collectors: { cpu: true }, data_collector_interval: { cpu: 5000000 },
};

test('version prints the six version lines', async (t) => {
  const m = new FakeMaster();
  m.info = INFO;
  const io = makeIo(m);
  t.is(await run(spec, ['version'], io.io), 0);
  t.deepEqual(io.out, ['Software version: 3.0.2', 'Internode protocol: 3000002', 'Configuration format: 3000000',
    'OS api version: 20', 'Export interface: 0', 'VCS version: (ganeti-ts) version v3.0.2']);
  t.true(m.closed);
});

test('info follows Ganeti\'s layout and key order', async (t) => {
  const m = new FakeMaster();
  m.info = INFO;
  const io = makeIo(m);
  t.is(await run(spec, ['show'], io.io), 0);
  const text = io.stdout();
  t.true(text.startsWith('Cluster name: cluster\nCluster UUID: u-1\nCreation time: 2023-11-14 22:13:20\n' +
    'Modification time: 2023-11-14 22:18:20\nMaster node: node1\nArchitecture (this node): 64bit (x86_64)\nTags: (none)\n' +
    'Default hypervisor: fake\nEnabled hypervisors: fake\nHypervisor parameters: \n  fake: \n    migration_mode: live\n' +
    'OS-specific hypervisor parameters: \n'));
  t.false(text.includes('kvm'), 'only enabled hypervisors are shown');
  t.true(text.includes('Cluster parameters: \n  candidate pool size: 10\n  maximal number of jobs running simultaneously: 20\n'));
  t.true(text.includes('  lvm volume group: None\n  lvm reserved volumes: (none)\n'));
  t.true(text.includes('  compression tools: \n    - gzip\n'));
  t.true(text.includes('Default instance parameters: \n  default: \n    maxmem: 128\n    vcpus: 1\n'));
  t.true(text.includes('Instance policy - limits for instances: \n  bounds specs: \n    - max/0: \n        cpu-count: 8\n'));
  t.true(text.includes('  allowed disk templates: diskless, file\n  vcpu-ratio: 4\n  spindle-ratio: 32\n'));
  t.true(text.endsWith('Data collectors: \n  cpu: \n    active: True\n    interval: 5.000s'));
});

function verifyMaster(groups: string[]): FakeMaster {
  const m = new FakeMaster();
  m.queryHandler = (q) => (q.what === 'group' ? { fields: fields([['name', 'Group', 'text']]), rows: groups.map((g) => row(g)) }
    : { fields: [], rows: [] });
  return m;
}

test('verify: one submission of config + per-group jobs, exit 0 when all pass', async (t) => {
  const m = verifyMaster(['default', 'g2']);
  m.scriptJob = (ops) => ({ status: 'success', opresult: [true], opstatus: ['success'],
    log: ops[0]!.OP_ID === 'OP_CLUSTER_VERIFY_CONFIG' ? [[1777629600, '* Verifying cluster config']] : [[1777629601, "* Verifying group 'x'"]] });
  const io = makeIo(m);
  t.is(await run(spec, ['verify'], io.io), 0);
  t.is(m.submitCalls, 1);
  t.deepEqual(m.submitted.map((ops) => ops[0]!.OP_ID), ['OP_CLUSTER_VERIFY_CONFIG', 'OP_CLUSTER_VERIFY_GROUP', 'OP_CLUSTER_VERIFY_GROUP']);
  t.deepEqual(m.submitted.slice(1).map((ops) => [ops[0]!.group_name, ops[0]!.depends]), [['default', [[-1, []]]], ['g2', [[-2, []]]]]);
  t.deepEqual(io.out, ['Submitted jobs 1, 2, 3', 'Waiting for job 1 ...', 'Fri May  1 10:00:00 2026 * Verifying cluster config',
    'Waiting for job 2 ...', "Fri May  1 10:00:01 2026 * Verifying group 'x'", 'Waiting for job 3 ...',
    "Fri May  1 10:00:01 2026 * Verifying group 'x'"]);
});

test('verify: a false result or a failed job gives exit 1 and the count', async (t) => {
  const m = verifyMaster(['default']);
  m.scriptJob = (ops) => (ops[0]!.OP_ID === 'OP_CLUSTER_VERIFY_CONFIG'
    ? { status: 'success', opresult: [false], opstatus: ['success'] }
    : { status: 'error', opresult: [['OpExecError', ['boom', '']]], opstatus: ['error'] });
  const io = makeIo(m);
  t.is(await run(spec, ['verify', '--error-codes', '-I', 'ENODEN1', '--no-nplus1-mem'], io.io), 1);
  t.is(io.out[io.out.length - 1], '2 job(s) failed while verifying the cluster.');
  t.true(io.stderr().includes('Job 2 has failed: Failure: command execution error:\nboom'));
  const group = m.submitted[1]![0]!;
  t.deepEqual([group.error_codes, group.ignore_errors, group.skip_checks], [true, ['ENODEN1'], ['nplusone_mem']]);
});

test('verify: a bad -I code is refused before submitting', async (t) => {
  const m = verifyMaster(['default']);
  const io = makeIo(m);
  t.is(await run(spec, ['verify', '-I', 'EBOGUS'], io.io), 1);
  t.regex(io.stderr(), /Invalid error code 'EBOGUS' for -I\/--ignore-errors \(allowed: ECLUSTERCFG/);
  t.is(m.submitCalls, 0);
});

const ISPECS = 'min:disk-size=0,cpu-count=1,disk-count=0,memory-size=4,nic-count=0,spindle-use=0/' +
  'max:disk-size=1048576,cpu-count=8,disk-count=16,memory-size=32768,nic-count=8,spindle-use=12';

test('init builds InitClusterOptions from the vcluster-setup command line', async (t) => {
  const io = makeIo(null);
  const code = await run(spec, ['init', '--no-etc-hosts', '--no-ssh-init', '--master-netdev=lo',
    '--enabled-disk-templates=diskless,file', '--enabled-hypervisors=fake', `--ipolicy-bounds-specs=${ISPECS}`,
    '-H', 'fake:migration_mode=non-live', '-B', 'memory=256,vcpus=2', '-C', '5', '--uid-pool', '1000-2000', 'cluster'], io.io);
  t.is(code, 0, io.stderr());
  const o = io.inits[0]!;
  t.is(o.cluster_name, 'cluster');
  t.is(o.master_netdev, 'lo');
  t.false(o.modify_etc_hosts);
  t.false(o.modify_ssh_setup);
  t.deepEqual(o.enabled_hypervisors, ['fake']);
  t.deepEqual(o.enabled_disk_templates, ['diskless', 'file']);
  t.deepEqual(o.hvparams, { fake: { migration_mode: 'non-live' } });
  t.deepEqual(o.beparams, { memory: '256', vcpus: '2' });
  t.is(o.candidate_pool_size, 5);
  t.is(o.uid_pool, '1000-2000');
  t.is((o.ipolicy.minmax as { max: Record<string, number> }[])[0]!.max['memory-size'], 32768);
  t.deepEqual(io.out, ['Cluster initialised (test)']);
});

test('init refuses bad values before bootstrapping', async (t) => {
  const io = makeIo(null);
  t.is(await run(spec, ['init', '--ipolicy-bounds-specs=min:cpu-count=1/max:cpu-count=2', 'c'], io.io), 1);
  t.regex(io.stderr(), /Missing parameters in ipolicy spec min/);
  t.is(await run(spec, ['init', '-D', 'floppy:x=1', 'c'], io.io), 1);
  t.regex(io.stderr(), /Disk templates unknown: floppy/);
  t.is(await run(spec, ['init'], io.io), 1);
  t.regex(io.stderr(), /Command init expects 1 argument\(s\)/);
  t.is(io.inits.length, 0);
});

test('modify needs a parameter and validates with the opcode definition', async (t) => {
  const m = new FakeMaster();
  const io = makeIo(m);
  t.is(await run(spec, ['modify'], io.io), 1);
  t.is(io.stderr(), 'Please give at least one of the parameters.');
  t.is(await run(spec, ['modify', '-C', '3', '--enabled-hypervisors', 'kvm,fake', '-H', 'kvm:kernel_path=/vmlinuz'], io.io), 0);
  const op = m.submitted[0]![0]!;
  t.is(op.OP_ID, 'OP_CLUSTER_SET_PARAMS');
  t.is(op.candidate_pool_size, 3);
  t.deepEqual(op.hvparams, { kvm: { kernel_path: '/vmlinuz' } });
  t.is(await run(spec, ['modify', '-C', 'many'], io.io), 1);
  t.is(m.submitCalls, 1);
});

test('queue drain/undrain/info', async (t) => {
  const m = new FakeMaster();
  m.info = { drain_flag: true };
  const io = makeIo(m);
  t.is(await run(spec, ['queue', 'drain'], io.io), 0);
  t.is(await run(spec, ['queue', 'undrain'], io.io), 0);
  t.is(await run(spec, ['queue', 'info'], io.io), 0);
  t.deepEqual(m.drained, [true, false]);
  t.deepEqual(io.out, ['The drain flag is set']);
  t.is(await run(spec, ['queue', 'flush'], io.io), 1);
});

test('no master: ssconf decides between not-a-cluster, not-the-master and daemon down', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gnt-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'node1');
  mkdirSync(join(root, 'var/lib/ganeti'), { recursive: true });
  const env = { GANETI_ROOTDIR: root, GANETI_HOSTNAME: 'node1' };
  const down = {
    async connectMaster() { throw new NoMasterError('/nowhere'); },
  };
  const io1 = makeIo(null, { env });
  Object.assign(io1.io, down);
  t.is(await run(spec, ['version'], io1.io), 5);
  t.is(io1.stderr(), 'Cluster not initialized or this machine is not part of a cluster');
  writeFileSync(join(root, 'var/lib/ganeti/ssconf_master_node'), 'node2\n');
  const io2 = makeIo(null, { env });
  Object.assign(io2.io, down);
  t.is(await run(spec, ['version'], io2.io), 11);
  t.is(io2.stderr(), 'This is not the master node, the master is node2');
  t.is(await run(spec, ['getmaster'], io2.io), 0);
  t.deepEqual(io2.out, ['node2']);
  writeFileSync(join(root, 'var/lib/ganeti/ssconf_master_node'), 'node1\n');
  const io3 = makeIo(null, { env });
  Object.assign(io3.io, down);
  t.is(await run(spec, ['version'], io3.io), 1);
  t.is(io3.stderr(), 'Cannot communicate with the master daemon.\nIs the process running and listening for connections?');
  t.is(await run(spec, ['master-ping'], io3.io), 1);
});

test('usage, version and unknown verbs', async (t) => {
  const io = makeIo(null);
  t.is(await run(spec, [], io.io), 1);
  t.is(io.out[0], 'Usage: gnt-cluster {command} [options...] [argument...]');
  // Names are padded to the longest verb (deactivate-master-ip), as cli._FormatUsage does.
  t.true(io.out.includes(` ${'verify'.padEnd('deactivate-master-ip'.length)} - Does a check on the cluster configuration`));
  const io2 = makeIo(null);
  t.is(await run(spec, ['--version'], io2.io), 0);
  t.regex(io2.out[0]!, /^gnt-cluster \(ganeti-ts\) /);
  const io3 = makeIo(null);
  t.is(await run(spec, ['version', '--bogus'], io3.io), 1);
  t.regex(io3.stderr(), /unknown option '--bogus'/);
});
