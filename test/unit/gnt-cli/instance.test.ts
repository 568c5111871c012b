// gnt-instance verbs: opcode building from argv, refusals before submission, job output,
// batch-create formats, multi-instance operations, info and modify output.
process.env.TZ = 'UTC';
import test from 'ava';
import { run } from '../../../gnt-cli/framework/runner.js';
import { spec } from '../../../gnt-cli/gnt-instance/command.js';
import { parseBatchFile } from '../../../gnt-cli/gnt-instance/batch-create.js';
import { FakeMaster, fields, makeIo, row } from './helpers/fake-master.js';
import type { TableRequest, TableResult } from '../../../daemons/common/client/master-api.js';

test('add: the acceptance command line becomes one validated OP_INSTANCE_CREATE', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = () => ({ status: 'success', opresult: [['inst1']], opstatus: ['success'],
    log: [[1777629600, '* disk 0, size 1.0G'], [1777629601, '* creating instance disks...']] });
  const io = makeIo(m);
  const code = await run(spec, ['add', '-t', 'file', '--disk', '0:size=1G', '-o', 'dummy', '-B', 'memory=128,vcpus=1',
    '--no-name-check', '--no-ip-check', '-n', 'node2', 'inst1'], io.io);
  t.is(code, 0, io.stderr());
  t.is(m.submitted.length, 1);
  const op = m.submitted[0]![0]!;
  t.is(op.OP_ID, 'OP_INSTANCE_CREATE');
  t.like(op, {
    instance_name: 'inst1', disk_template: 'file', os_type: 'dummy', pnode: 'node2', snode: null, iallocator: null,
    name_check: false, ip_check: false, start: true, no_install: false, mode: 'create', priority: 0, dry_run: false,
  });
  t.deepEqual(op.disks, [{ size: 1024 }]);
  t.deepEqual(op.nics, [{}]);
  t.deepEqual(op.beparams, { memory: 128, vcpus: 1 });
  t.deepEqual((op.reason as unknown[][])[0]!.slice(0, 2), ['gnt:client:gnt-instance', 'add']);
  t.deepEqual(io.out, ['Fri May  1 10:00:00 2026 * disk 0, size 1.0G', 'Fri May  1 10:00:01 2026 * creating instance disks...']);
});

test('add: allocator, NICs, hypervisor, tags, --no-start, --priority, --submit', async (t) => {
  const m = new FakeMaster();
  const io = makeIo(m);
  const code = await run(spec, ['add', '-t', 'diskless', '-o', 'dummy', '-I', 'hail', '--net', '0:mac=aa:00:00:11:22:33,link=br0',
    '--net', '2:mode=routed', '-H', 'kvm:kernel_args=console=ttyS0,acpi=false', '--tags', 'a,b', '--no-start', '--priority', 'high',
    '--submit', 'inst2'], io.io);
  t.is(code, 0, io.stderr());
  const op = m.submitted[0]![0]!;
  t.like(op, { iallocator: 'hail', hypervisor: 'kvm', start: false, priority: -10 });
  t.deepEqual(op.nics, [{ mac: 'aa:00:00:11:22:33', link: 'br0' }, {}, { mode: 'routed' }]);
  t.deepEqual(op.hvparams, { kernel_args: 'console=ttyS0', acpi: 'false' });
  t.deepEqual(op.tags, ['a', 'b']);
  t.deepEqual(op.disks, []);
  t.deepEqual(io.err, ['JobID: 1']);
  t.deepEqual(io.out, []);
});

test('add: bad input exits 1 and submits nothing', async (t) => {
  const cases: [string[], RegExp][] = [
    [['add', '-t', 'file', '--disk', '0:size=lots', '-o', 'd', 'x'], /Invalid disk size for disk 0: Invalid size 'lots'/],
    [['add', '-t', 'file', '-o', 'd', 'x'], /No disk information specified/],
    [['add', '-t', 'diskless', '--disk', '0:size=1G', '-o', 'd', 'x'], /Diskless instance but disk information passed/],
    [['add', '-t', 'floppy', '-o', 'd', 'x'], /Invalid disk template 'floppy' \(allowed: diskless, file/],
    [['add', '-o', 'd', 'x'], /No disk template specified/],
    [['add', '-t', 'file', '--disk', '1:size=1G', '-o', 'd', 'x'], /Missing size or adoption source for disk 0/],
    [['add', '-t', 'file', '--disk', 'a:size=1G', '-o', 'd', 'x'], /Invalid disk index passed: 'a'/],
    [['add', '-t', 'file', '--disk', '0:size=1G', '-s', '1G', '-o', 'd', 'x'], /Please use either the '--disk' or '-s' option/],
    [['add', '-t', 'diskless', '-B', 'memory=big', '-o', 'd', 'x'], /Invalid value for backend parameter 'memory'/],
    [['add', '-t', 'diskless', '--net', '0:colour=red', '-o', 'd', 'x'], /Unknown parameter 'colour' for nic\/0/],
    [['add', '-t', 'diskless', '--priority', 'urgent', '-o', 'd', 'x'], /Invalid priority 'urgent' \(allowed: low, normal, high\)/],
    [['add', '-t', 'diskless', '--bogus', 'x'], /unknown option '--bogus'/],
    [['add', '-t', 'diskless', '-o', 'd'], /Error: Command add expects 1 argument\(s\)/],
    [['add', '-t', 'diskless', '-o', 'd', 'a', 'b'], /Error: Command add expects 1 argument\(s\)/],
  ];
  for (const [argv, message] of cases) {
    const m = new FakeMaster();
    const io = makeIo(m);
    t.is(await run(spec, argv, io.io), 1, argv.join(' '));
    t.regex(io.stderr(), message, argv.join(' '));
    t.is(m.submitCalls, 0, argv.join(' '));
  }
});

test('add: a failed job prints Ganeti\'s failure text and exits 1', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = () => ({ status: 'error', opstatus: ['error'],
    opresult: [['OpPrereqError', ["Instance 'inst1' is already in the cluster", 'already_exists']]] });
  const io = makeIo(m);
  t.is(await run(spec, ['add', '-t', 'diskless', '-o', 'dummy', 'inst1'], io.io), 1);
  t.is(io.stderr(), "Failure: prerequisites not met for this operation:\nerror type: already_exists, error details:\n" +
    "Instance 'inst1' is already in the cluster");
});

test('add: the master refusing the job (queue drained) is reported', async (t) => {
  const m = new FakeMaster();
  m.refuse = () => ({ class: 'JobQueueDrainError', message: 'Job queue is drained', ecode: '' });
  const io = makeIo(m);
  t.is(await run(spec, ['add', '-t', 'diskless', '-o', 'dummy', 'inst1'], io.io), 1);
  t.is(io.stderr(), "Failure: the job queue is marked for drain and doesn't accept new requests");
});

test('batch-create: the three file formats', (t) => {
  const list = parseBatchFile(JSON.stringify([{ instance_name: 'a', disk_template: 'diskless', os_type: 'dummy' }]));
  t.deepEqual(list, [{ instance_name: 'a', disk_template: 'diskless', os_type: 'dummy' }]);
  const v1 = parseBatchFile(JSON.stringify({ version: 1, instances: [{ OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'b', disk_template: 'file' }] }));
  t.deepEqual(v1, [{ instance_name: 'b', disk_template: 'file' }]);
  const legacy = parseBatchFile(JSON.stringify({
    web2: { template: 'file', os: 'dummy', disk_size: ['1G'], backend: { memory: 512 }, primary_node: 'node1' },
    web10: { template: 'diskless', os: 'dummy', disk_size: [], iallocator: 'hail', ip: '10.0.0.1' },
  }));
  t.deepEqual(legacy.map((d) => d.instance_name), ['web2', 'web10']);
  t.like(legacy[0], { disk_template: 'file', os_type: 'dummy', pnode: 'node1', beparams: { memory: 512 }, disks: [{ size: 1024 }], nics: [{}] });
  t.deepEqual(legacy[1]!.nics, [{ ip: '10.0.0.1' }]);
  t.throws(() => parseBatchFile('[{"instance_name": "a", "colour": "red"}]'), { message: 'Unknown fields in definition 0: colour' });
  t.throws(() => parseBatchFile('{"x": {"os": "dummy"}}'), { message: /Required field "template" is missing/ });
  t.throws(() => parseBatchFile('{nope'), { message: /Can't parse the instance definition file/ });
});

test('batch-create: one submission, jobs followed, exit 1 when one fails', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = (ops) => (ops[0]!.instance_name === 'b'
    ? { status: 'error', opstatus: ['error'], opresult: [['OpPrereqError', ['Not enough memory', 'insufficient_resources']]] }
    : { status: 'success', opstatus: ['success'], opresult: [['a']] });
  const file = JSON.stringify([{ instance_name: 'a', disk_template: 'diskless', os_type: 'dummy' },
    { instance_name: 'b', disk_template: 'diskless', os_type: 'dummy' }]);
  const io = makeIo(m, { files: { 'b.json': file } });
  t.is(await run(spec, ['batch-create', '-I', 'hail', 'b.json'], io.io), 1);
  t.is(m.submitCalls, 1);
  t.deepEqual(m.submitted.map((o) => o[0]!.iallocator), ['hail', 'hail']);
  t.deepEqual(io.out, ['Submitted jobs 1, 2', 'Waiting for job 1 for a ...', 'Waiting for job 2 for b ...',
    'There were 1 errors during the creation.']);
  t.regex(io.stderr(), /Job 2 for b has failed: Failure: prerequisites not met/);
});

function instanceMaster(names: string[]): FakeMaster {
  const m = new FakeMaster();
  m.queryHandler = (q) => {
    if (q.what === 'instance') {
      const wanted = q.names.length ? q.names : names;
      return { fields: fields([['name', 'Instance', 'text']]), rows: wanted.map((n) => row(n)) };
    }
    return { fields: fields([['name', 'Node', 'text'], ['pinst_list', 'PriInstances', 'other'], ['sinst_list', 'SecInstances', 'other']]),
      rows: [row('node1', names, [])] };
  };
  return m;
}

test('shutdown of one instance: one job, timeout from --timeout', async (t) => {
  const m = instanceMaster(['vm1']);
  const io = makeIo(m);
  t.is(await run(spec, ['stop', '--timeout=60', 'vm1'], io.io), 0, io.stderr());
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: 'vm1', timeout: 60 });
  t.deepEqual(io.out, ['Waiting for job 1 for vm1 ...']);
  t.deepEqual(io.questions, []);
});

test('startup of several instances asks, and --force-multiple does not', async (t) => {
  const m = instanceMaster(['a', 'b']);
  const io = makeIo(m);
  t.is(await run(spec, ['start', 'a', 'b'], io.io), 1);
  t.is(m.submitCalls, 0);
  t.regex(io.questions[0]!, /The startup will operate on 2 instances\.\nDo you want to continue\?\nAffected instances:\n {2}a\n {2}b/);
  const io2 = makeIo(m);
  t.is(await run(spec, ['startup', '--all', '--force-multiple', '--no-remember'], io2.io), 0);
  t.is(m.submitCalls, 1);
  t.deepEqual(m.submitted.map((o) => [o[0]!.instance_name, o[0]!.no_remember]), [['a', true], ['b', true]]);
  t.is(io2.out[0], 'Submitted jobs 1, 2');
});

test('reboot refuses a bad type; remove without -f asks', async (t) => {
  const m = instanceMaster(['a']);
  const io = makeIo(m);
  t.is(await run(spec, ['reboot', '-t', 'gentle', 'a'], io.io), 1);
  t.regex(io.stderr(), /Invalid reboot type 'gentle' \(allowed: soft, hard, full\)/);
  t.is(await run(spec, ['remove', 'a'], io.io), 1);
  t.regex(io.questions[0]!, /This will remove the volumes of the instance a/);
  t.is(m.submitCalls, 0);
  const io2 = makeIo(m, { answer: 'y' });
  t.is(await run(spec, ['remove', '--shutdown-timeout', '30', 'a'], io2.io), 0);
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_INSTANCE_REMOVE', instance_name: 'a', shutdown_timeout: 30 });
});

test('info: Ganeti\'s layout of the query data result', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = () => ({ status: 'success', opstatus: ['success'], opresult: [{ vm1: {
    name: 'vm1', uuid: 'i-1', serial_no: 3, ctime: 1700000000, mtime: 1700000000, config_state: 'up', run_state: 'up',
    pnode: 'node2', pnode_group_name: 'default', pnode_group_uuid: 'g-1', snodes: [], os: 'dummy', osparams: {},
    network_port: null, hypervisor: 'fake', hv_instance: {}, hv_actual: { migration_mode: 'live' },
    be_instance: { maxmem: 128 }, be_actual: { maxmem: 128, minmem: 128, vcpus: 1 }, disk_template: 'file',
    nics: [{ name: null, uuid: 'n-1', mac: 'aa:00:00:00:00:01', ip: null, mode: 'bridged', link: 'br0', vlan: '', network: null }],
    disks: [{ iv_name: 'disk/0', dev_type: 'file', size: 1024, mode: 'rw', logical_id: ['loop', '/srv/vm1/disk0'],
      path: '/srv/vm1/disk0', name: null, uuid: 'd-1' }],
    console: null,
  } }] });
  const io = makeIo(m);
  t.is(await run(spec, ['info', 'vm1'], io.io), 0, io.stderr());
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_INSTANCE_QUERY_DATA', instances: ['vm1'], static: false, use_locking: true });
  t.is(io.stdout(), [
    '- Instance name: vm1',
    '  UUID: i-1',
    '  Serial number: 3',
    '  Creation time: 2023-11-14 22:13:20',
    '  Modification time: 2023-11-14 22:13:20',
    '  State: configured to be up, actual state is up',
    '  Nodes: ',
    '    - primary: node2',
    '      group: default (UUID g-1)',
    '    - secondaries: ',
    '  Operating system: dummy',
    '  Operating system parameters: ',
    '  Allocated network port: None',
    '  Hypervisor: fake',
    '  Hypervisor parameters: ',
    '    migration_mode: default (live)',
    '  Back-end parameters: ',
    '    maxmem: 128',
    '    memory: default (128)',
    '    minmem: default (128)',
    '    vcpus: default (1)',
    '  NICs: ',
    '    - nic/0: ',
    '      MAC: aa:00:00:00:00:01',
    '      IP: None',
    '      mode: bridged',
    '      link: br0',
    '      vlan: ',
    '      network: None',
    '      UUID: n-1',
    '      name: None',
    '  Disk template: file',
    '  Disks: ',
    '    - disk/0: file, size 1.0G',
    '      access mode: rw',
    "      logical_id: ['loop', '/srv/vm1/disk0']",
    '      on primary: /srv/vm1/disk0 (N/A:N/A)',
    '      name: None',
    '      UUID: d-1',
  ].join('\n'));
  const io2 = makeIo(m);
  t.is(await run(spec, ['info'], io2.io), 1);
  t.regex(io2.stderr(), /No instance selected/);
});

test('modify: changes and the restart reminder; nothing to change is an error', async (t) => {
  const m = new FakeMaster();
  m.scriptJob = () => ({ status: 'success', opstatus: ['success'], opresult: [[['be/maxmem', 256], ['hv/acpi', false]]] });
  const io = makeIo(m);
  t.is(await run(spec, ['modify', '-B', 'maxmem=256', '-H', 'acpi=false', 'vm1'], io.io), 0, io.stderr());
  t.like(m.submitted[0]![0]!, { OP_ID: 'OP_INSTANCE_SET_PARAMS', beparams: { maxmem: 256 }, hvparams: { acpi: 'false' } });
  t.deepEqual(io.out.slice(0, 3), ['Modified instance vm1', ' - be/maxmem -> 256', ' - hv/acpi -> False']);
  t.regex(io.out[3]!, /^Please don't forget that most parameters take effect only at the next \(re\)start/);
  t.regex(io.out[4]!, /^Note that changing hypervisor parameters/);
  const io2 = makeIo(m);
  t.is(await run(spec, ['modify', 'vm1'], io2.io), 1);
  t.is(io2.stderr(), 'Please give at least one of the parameters.');
  const io3 = makeIo(m);
  t.is(await run(spec, ['modify', '--disk', 'add:size=2G', '--net', '0:remove', 'vm1'], io3.io), 0);
  t.deepEqual(m.submitted[1]![0]!.disks, [['add', -1, { size: 2048 }]]);
  t.deepEqual(m.submitted[1]![0]!.nics, [['remove', 0, {}]]);
});

test('list: a master that formats the table gets the options and its text is printed as it is', async (t) => {
  const m = new FakeMaster();
  const asked: unknown[] = [];
  const master = Object.assign(m, {
    async queryTable(what: string, fields: string[], names: string[], filter: unknown[] | null, table: TableRequest): Promise<TableResult | null> {
      asked.push({ what, fields, names, filter, table });
      return { fields: [], text: 'vm1|2.0\nvm2|0.5', lines: 2, status: 'normal' };
    },
  });
  const io = makeIo(master);
  t.is(await run(spec, ['list', '--no-headers', '--separator', '|', '--units', 'g', '-o', 'name,oper_ram', 'vm1', 'vm2'], io.io), 0);
  t.deepEqual(io.out, ['vm1|2.0', 'vm2|0.5']);
  t.is(m.queries.length, 0, 'no second query for the columns');
  const call = asked[0] as { what: string; fields: string[]; names: string[]; table: TableRequest };
  t.like(call, { what: 'instance', fields: ['name', 'oper_ram'], names: ['vm1', 'vm2'] });
  t.like(call.table, { header: false, separator: '|', units: 'g', verbose: false });
  t.true(call.table.joined.includes('snodes') && call.table.joined.includes('tags'));
  // A master that does not format (null): the client formats the columns itself.
  const old = Object.assign(new FakeMaster(), { queryTable: async () => null });
  old.queryHandler = () => ({ fields: fields([['name', 'Instance', 'text']]), rows: [[{ status: 0, value: 'vm1' }]] });
  const io2 = makeIo(old);
  t.is(await run(spec, ['list', '-o', 'name'], io2.io), 0);
  t.deepEqual(io2.out, ['Instance', 'vm1']);
});

test('list: default fields, names passed, comma-joined lists', async (t) => {
  const m = new FakeMaster();
  m.queryHandler = (q) => ({
    fields: fields([['name', 'Instance', 'text'], ['status', 'Status', 'text'], ['snodes', 'Secondary_Nodes', 'other']]),
    rows: [row('vm1', 'running', ['n2', 'n3'])],
  });
  const io = makeIo(m);
  t.is(await run(spec, ['list', '-o', 'name,status,snodes', 'vm1'], io.io), 0);
  t.deepEqual(m.queries[0], { what: 'instance', fields: ['name', 'status', 'snodes'], names: ['vm1'], filter: null });
  t.deepEqual(io.out, ['Instance Status  Secondary_Nodes', 'vm1      running n2,n3']);
  const io2 = makeIo(m);
  await run(spec, ['list', '--no-headers', '-o', '+tags'], io2.io);
  t.deepEqual(m.queries[1]!.fields, ['name', 'hypervisor', 'os', 'pnode', 'status', 'oper_ram', 'tags']);
});
