import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2 } from '../../helpers/cluster-config.js';
import { FakeNodeRpc, nodeInfo } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { LockLevel, OpExecError, OpPrereqError } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';

function createOp(extra: Record<string, unknown> = {}) {
  return {
    OP_ID: 'OP_INSTANCE_CREATE', instance_name: NAME, disk_template: 'file', disks: [{ size: 1024 }], nics: [{}],
    os_type: 'debootstrap+default', pnode: NODE2, name_check: false, ip_check: false, beparams: { memory: 512 }, ...extra,
  };
}

test('a name already in the cluster is refused before any disk exists', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', NAME, 'n2')] }) });
  const run = await h.run(createOp());
  assertFailed(t, run, OpPrereqError, /Instance 'web1.example.com' is already in the cluster/, 'already_exists');
  t.deepEqual(h.rpc.callsTo('BlockdevCreate'), []);
  t.is(Object.keys(h.cfg.get().instances).length, 1);
});

test('a primary node without the memory refuses the instance', async (t) => {
  const rpc = new FakeNodeRpc().healthy().answer('NodeInfo', nodeInfo({ memory_total: 1024, memory_dom0: 512 }), { node: NODE2 });
  const h = await LuHarness.create({ rpc });
  const run = await h.run(createOp({ beparams: { memory: 1024 } }));
  assertFailed(t, run, OpPrereqError, /Node node2.example.com cannot host instance web1.example.com: not enough memory \(free 512 MiB, needed 1024 MiB\)/,
    'insufficient_resources');
  t.deepEqual(h.rpc.callsTo('BlockdevCreate'), []);
  t.is(h.instance(NAME), undefined);
});

test('an instance that is not started needs no memory on its node', async (t) => {
  const rpc = new FakeNodeRpc().healthy().answer('NodeInfo', nodeInfo({ memory_total: 1024, memory_dom0: 512 }), { node: NODE2 });
  const h = await LuHarness.create({ rpc });
  assertSucceeded(t, await h.run(createOp({ beparams: { memory: 1024 }, start: false })));
  t.is(h.instance(NAME)?.admin_state, 'down');
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
});

test('an unknown disk template is refused before any RPC', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run(createOp({ disk_template: 'drbd8' }));
  assertFailed(t, run, OpPrereqError, /Disk template 'drbd8' is not enabled in cluster \(enabled: file, sharedfile, diskless\)/, 'wrong_state');
  t.deepEqual(h.rpc.trace(), []);
});

test('a hypervisor that is not enabled is refused before any RPC', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run(createOp({ hypervisor: 'xen-pvm' }));
  assertFailed(t, run, OpPrereqError, /Hypervisor 'xen-pvm' is not enabled \(enabled: fake, kvm\)/, 'wrong_state');
  t.deepEqual(h.rpc.trace(), []);
});

test('a failed create of disk 2 removes disks 0 and 1 and leaves no instance', async (t) => {
  const rpc = new FakeNodeRpc().healthy().fail('BlockdevCreate', 'No space left on device', { when: (req) => req.disk?.iv_name === 'disk/2' });
  const h = await LuHarness.create({ rpc });
  const run = await h.run(createOp({ disks: [{ size: 1024 }, { size: 2048 }, { size: 512 }] }));
  assertFailed(t, run, OpExecError, /Can't create block device disk\/2 on node node2.example.com for instance web1.example.com: No space left on device/);
  const created = h.rpc.callsTo('BlockdevCreate', NODE2).map((c) => c.req.disk?.iv_name);
  t.deepEqual(created, ['disk/0', 'disk/1', 'disk/2']);
  // Each disk made is removed again, by the logical id the node gave it.
  const removed = h.rpc.callsTo('BlockdevRemove', NODE2);
  t.deepEqual(removed.map((c) => c.req.disk?.iv_name), ['disk/0', 'disk/1']);
  const made = h.rpc.callsTo('BlockdevCreate').slice(0, 2).map((c) => c.req.disk?.uuid);
  t.deepEqual(removed.map((c) => c.req.disk?.uuid), made);
  t.true(removed.every((c) => c.req.disk?.logical_id?.[1]?.startsWith('/srv/ganeti/file-storage/web1.example.com/')));
  t.is(h.instance(NAME), undefined);
  t.deepEqual(h.rpc.callsTo('InstanceOsAdd'), []);
  // The name is free again: a second attempt that works takes it.
  assertSucceeded(t, await h.run(createOp()));
});

test('a failed OS install removes the disks and the config entry', async (t) => {
  const rpc = new FakeNodeRpc().healthy().fail('InstanceOsAdd', 'debootstrap failed');
  const h = await LuHarness.create({ rpc });
  const run = await h.run(createOp({ disks: [{ size: 1024 }, { size: 1024 }] }));
  assertFailed(t, run, OpExecError, /Could not add os for instance web1.example.com on node node2.example.com: debootstrap failed/);
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.req.disk?.iv_name), ['disk/0', 'disk/1']);
  t.is(h.instance(NAME), undefined);
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
});

test('a config write that fails removes the disks made for the instance', async (t) => {
  const h = await LuHarness.create();
  h.adapter.failWrites = 1;
  const run = await h.run(createOp({ disks: [{ size: 1024 }, { size: 1024 }] }));
  assertFailed(t, run, OpExecError, /Cannot write the configuration file .*the change was not made/);
  t.deepEqual(h.rpc.callsTo('BlockdevRemove').map((c) => c.req.disk?.iv_name), ['disk/0', 'disk/1']);
  t.is(h.instance(NAME), undefined);
  t.deepEqual(h.rpc.callsTo('InstanceOsAdd'), []);
});

test('a successful create writes the instance to the config and starts it on its node', async (t) => {
  const h = await LuHarness.create();
  const before = h.cfg.serial();
  const run = await h.run(createOp({ disks: [{ size: 2048 }] }));
  t.deepEqual(assertSucceeded(t, run), [NODE2]);
  const inst = h.instance(NAME);
  t.truthy(inst);
  t.is(h.nodeName(inst!.primary_node), NODE2);
  t.is(inst!.admin_state, 'up');
  t.is(inst!.beparams.maxmem, 512);
  t.is(inst!.disks.length, 1);
  t.is(inst!.disks[0]!.size, 2048);
  t.regex(inst!.disks[0]!.logical_id[1]!, /^\/srv\/ganeti\/file-storage\/web1.example.com\//);
  t.regex(inst!.nics[0]!.mac, /^aa:00:00:/);
  t.true(h.cfg.serial() > before);
  t.true(h.adapter.lastText!.includes(NAME), 'the instance reached the written config');
  t.deepEqual(h.rpc.trace().filter((c) => !c.startsWith('NodeInfo') && !c.startsWith('Os')),
    ['BlockdevCreate@node2.example.com', 'InstanceOsAdd@node2.example.com', 'InstanceStart@node2.example.com']);
  t.true(run.feedback.includes('* creating instance disks...'));
  t.deepEqual(h.rpc.unscripted, []);
});

test('adds share the node locks, and free them once the instance is in the config (as Ganeti, before the OS scripts)', async (t) => {
  const rpc = new FakeNodeRpc().healthy();
  const h = await LuHarness.create({ rpc });
  const owner = 'job-1/0';
  const seen: Record<string, unknown> = {};
  const look = (phase: string) => () => {
    seen[phase] = {
      node: Object.fromEntries(h.locks.owned(owner, LockLevel.Node)),
      nodeRes: Object.fromEntries(h.locks.owned(owner, LockLevel.NodeRes)),
      reserved: h.capacity.usage(h.cfg.get()).get(h.cfg.nodeByName(NODE2)!.uuid)?.memory ?? 0,
      inConfig: h.cfg.instanceByName(NAME) !== undefined,
    };
    return false;   // only looking: the healthy answer replies
  };
  rpc.answer('OsValidate', { found: true }, { when: look('prereq') });
  rpc.answer('InstanceStart', {}, { when: look('start') });
  assertSucceeded(t, await h.run(createOp({ disk_template: 'diskless', disks: [] })));
  t.deepEqual(seen.prereq, { node: { [NODE2]: 'shared' }, nodeRes: { [NODE2]: 'shared' }, reserved: 512, inConfig: false });
  // Counted once, by the config: the job's reservation went with the locks.
  t.deepEqual(seen.start, { node: {}, nodeRes: {}, reserved: 512, inConfig: true });
});

test('--forthcoming and --commit are refused before any RPC, never ignored', async (t) => {
  for (const [field, re] of [['forthcoming', /Option --forthcoming \(forthcoming\) is not supported/], ['commit', /Option --commit \(commit\) is not supported/]] as const) {
    const h = await LuHarness.create();
    assertFailed(t, await h.run(createOp({ [field]: true })), OpPrereqError, re, 'wrong_input');
    t.deepEqual(h.rpc.trace(), []);
    t.is(h.instance(NAME), undefined);
  }
});

test('a --file-storage-dir that leads out of the storage dir is refused, naming it, before any RPC', async (t) => {
  for (const dir of ['../../../../etc', '/etc', 'a/../../b']) {
    const h = await LuHarness.create();
    assertFailed(t, await h.run(createOp({ file_storage_dir: dir })), OpPrereqError,
      new RegExp(`Invalid --file-storage-dir '${dir.replace(/\./g, '\\.')}': it must be a path relative to the cluster's file storage dir`), 'wrong_input');
    t.deepEqual(h.rpc.trace(), []);
  }
  const h = await LuHarness.create();
  assertFailed(t, await h.run(createOp({ file_storage_dir: 'sub' })), OpPrereqError, /Option --file-storage-dir 'sub' is not supported/, 'wrong_input');
  t.deepEqual(h.rpc.trace(), []);
});

test('NIC addresses are validated and may not be a node\'s, the master IP or another instance\'s', async (t) => {
  const cases: [unknown, RegExp, 'wrong_input' | 'resource_not_unique'][] = [
    ['10.0.0.300', /NIC 0: invalid IP address '10\.0\.0\.300' \(allowed: an IPv4 or IPv6 address, 'auto' or 'none'\)/, 'wrong_input'],
    ['127.0.9.12', /NIC 0: IP address 127\.0\.9\.12 belongs to node node2\.example\.com/, 'resource_not_unique'],
    ['127.0.9.254', /NIC 0: IP address 127\.0\.9\.254 is the cluster's master IP/, 'resource_not_unique'],
    ['pool', /NIC 0: ip=pool needs a network/, 'wrong_input'],
    ['auto', /NIC 0: ip=auto takes the instance name's address and needs the name check/, 'wrong_input'],
  ];
  for (const [ip, re, ecode] of cases) {
    const h = await LuHarness.create();
    assertFailed(t, await h.run(createOp({ nics: [{ ip }] })), OpPrereqError, re, ecode);
    t.deepEqual(h.rpc.callsTo('BlockdevCreate'), []);
  }
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'other', 'n2', { nics: [{ uuid: 'x', name: '', mac: 'aa:00:00:00:00:01', ip: '192.0.2.7', network: null, nicparams: {} }] })] }) });
  assertFailed(t, await h.run(createOp({ nics: [{ ip: '192.0.2.7' }] })), OpPrereqError, /IP address 192\.0\.2\.7 is already used by instance other/, 'resource_not_unique');
  const ok = await LuHarness.create();
  assertSucceeded(t, await ok.run(createOp({ nics: [{ ip: '192.0.2.8' }] })));
  t.is(ok.instance(NAME)?.nics[0]?.ip, '192.0.2.8');
});

test('an instance created without starting is placed by hail with its memory (as Ganeti), not refused for memory 0', async (t) => {
  const h = await LuHarness.create();
  const { pnode: _p, ...rest } = createOp({ disk_template: 'diskless', disks: [], start: false, iallocator: 'hail' }) as Record<string, unknown>;
  assertSucceeded(t, await h.run(rest));
  t.truthy(h.instance(NAME)?.primary_node);
});
