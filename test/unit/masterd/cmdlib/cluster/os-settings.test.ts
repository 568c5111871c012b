// gnt-os modify and the helper-VM settings of gnt-cluster modify, through OP_CLUSTER_SET_PARAMS:
// per-OS hypervisor parameters, OS parameters, hidden/blacklisted lists (and what blacklisting
// forbids), install/zeroing images, compression tools, the instance communication network.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { NODE2 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const set = (params: Record<string, unknown>) => ({ OP_ID: 'OP_CLUSTER_SET_PARAMS', ...params });
const create = (name: string, os = 'debootstrap+default') => ({
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', disks: [], nics: [],
  os_type: os, pnode: NODE2, name_check: false, ip_check: false, beparams: { memory: 128 },
});

test('os_hvp: per-OS hypervisor parameters are checked, merged, and dropped with null', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run(set({ os_hvp: { debootstrap: { kvm: { kernel_path: '/boot/vmlinuz-os', acpi: false } } } })));
  assertSucceeded(t, await h.run(set({ os_hvp: { debootstrap: { kvm: { acpi: true } } } })));
  t.deepEqual(h.cfg.get().cluster.os_hvp.debootstrap, { kvm: { kernel_path: '/boot/vmlinuz-os', acpi: true } });
  const serial = h.cfg.serial();
  assertFailed(t, await h.run(set({ os_hvp: { debootstrap: { kvm: { no_such_param: 1 } } } })), OpPrereqError, /no_such_param/);
  assertFailed(t, await h.run(set({ os_hvp: { debootstrap: { xen: { a: 1 } } } })), OpPrereqError, /Unknown hypervisor 'xen'/);
  t.is(h.cfg.serial(), serial);
  assertSucceeded(t, await h.run(set({ os_hvp: { debootstrap: { kvm: null } } })));
  t.is(h.cfg.get().cluster.os_hvp.debootstrap, undefined);
});

test('osparams: set, change, drop with default; checked by the nodes', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run(set({ osparams: { debootstrap: { mirror: 'http://m', suite: 'bookworm' } } })));
  assertSucceeded(t, await h.run(set({ osparams: { debootstrap: { suite: 'default' } } })));
  t.deepEqual(h.cfg.get().cluster.osparams.debootstrap, { mirror: 'http://m' });
  t.true(h.rpc.callsTo('OsValidate').some((c) => c.req.os_name === 'debootstrap'));
  assertFailed(t, await h.run(set({ osparams: { debootstrap: { mirror: 5 } } })), OpPrereqError, /must be a string/);
});

test('hidden and blacklisted OS lists; a blacklisted OS takes no new instance', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run(set({ hidden_os: [['add', 'debootstrap']], blacklisted_os: [['add', 'debootstrap']] })));
  const again = await h.run(set({ hidden_os: [['add', 'debootstrap'], ['remove', 'lenny']] }));
  assertSucceeded(t, again);
  t.true(again.feedback.includes('OS debootstrap already in hidden OS list, ignoring'));
  t.true(again.feedback.includes('OS lenny not found in hidden OS list, ignoring'));
  t.deepEqual(h.cfg.get().cluster.hidden_os, ['debootstrap']);
  assertFailed(t, await h.run(create('web1')), OpPrereqError, /OS 'debootstrap\+default' is blacklisted/, 'wrong_state');
  t.is(h.instance('web1'), undefined);
  assertSucceeded(t, await h.run(set({ blacklisted_os: [['remove', 'debootstrap']] })));
  assertSucceeded(t, await h.run(create('web1')));
  assertFailed(t, await h.run(set({ hidden_os: [['toggle', 'x']] })), OpPrereqError, /Invalid hidden_os modification/);
});

test('install and zeroing images, compression tools: validated and stored', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run(set({ install_image: '/srv/images/helper.img', zeroing_image: 'http://images/zero.img', compression_tools: ['gzip', 'lzop'] })));
  const cl = h.cfg.get().cluster;
  t.like(cl, { install_image: '/srv/images/helper.img', zeroing_image: 'http://images/zero.img', compression_tools: ['gzip', 'lzop'] });
  assertFailed(t, await h.run(set({ install_image: 'relative.img' })), OpPrereqError, /Install image must be an absolute path or a URL/);
  assertFailed(t, await h.run(set({ compression_tools: ['lzop'] })), OpPrereqError, /gzip utility must be present/);
  assertFailed(t, await h.run(set({ compression_tools: ['gzip', 'rm -rf'] })), OpPrereqError, /The tools 'rm -rf' contain illegal characters/);
  assertFailed(t, await h.run(set({ compression_tools: ['gzip', 'none'] })), OpPrereqError, /none is a reserved value/);
  t.deepEqual(h.cfg.get().cluster.compression_tools, ['gzip', 'lzop']);
});

test('instance communication network: a missing one is created and connected by the jobs the change returns', async (t) => {
  const h = await LuHarness.create();
  const run = await h.run(set({ instance_communication_network: 'comm' }));
  assertSucceeded(t, run);
  t.is(h.cfg.get().cluster.instance_communication_network, 'comm');
  t.deepEqual(run.result, { jobs: [[true, 1000]] });
  const ops = h.submitted[0]!.ops;
  t.like(ops[0]!, { OP_ID: 'OP_NETWORK_ADD', network_name: 'comm', network: '169.254.0.0/16', mac_prefix: '52:54:00' });
  t.like(ops[1]!, { OP_ID: 'OP_NETWORK_CONNECT', network_name: 'comm', network_mode: 'routed', network_link: 'communication_rt' });
  const same = await h.run(set({ instance_communication_network: 'comm' }));
  t.true(same.feedback.includes("Instance communication network already is 'comm', nothing to do."));
  t.is(h.submitted.length, 1);
  assertFailed(t, await h.run(set({ instance_communication_network: 'bad name' })), OpPrereqError, /Invalid network name 'bad name'/);
});
