// Networks: the address pool (network, broadcast and gateway reserved), connection to a
// group, ip=pool and explicit addresses on instance creation, release on removal.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { NODE2 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const createOp = (name: string, nic: Record<string, unknown>) => ({
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', disks: [], nics: [nic],
  os_type: 'debootstrap+default', pnode: NODE2, name_check: false, ip_check: false, beparams: { memory: 128 },
});

async function withNetwork() {
  const h = await LuHarness.create();
  const add = await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'n1', network: '192.0.2.0/29', gateway: '192.0.2.1' });
  if (add.error) throw add.error;
  return h;
}

test('a new network reserves its network, broadcast and gateway addresses', async (t) => {
  const h = await withNetwork();
  const net = Object.values(h.cfg.get().networks)[0]!;
  t.is(net.ext_reservations, '11000001');
  t.is(net.reservations, '00000000');
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'n1', network: '198.51.100.0/24' }), OpPrereqError, /already defined/, 'already_exists');
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'n2', network: '192.0.2.1/29' }), OpPrereqError, /host bits are set/, 'wrong_input');
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'n2', network: '192.0.2.0/29', gateway: '10.0.0.1' }), OpPrereqError,
    /Gateway 10.0.0.1 does not belong to network/, 'wrong_input');
});

test('an instance on a network not connected to its group is refused', async (t) => {
  const h = await withNetwork();
  assertFailed(t, await h.run(createOp('i1', { network: 'n1', ip: 'pool' })), OpPrereqError,
    /network 'n1' is not connected to node group 'default'/, 'wrong_state');
  t.is(h.instance('i1'), undefined);
});

test('ip=pool takes free addresses, an explicit one is checked and reserved, removal releases it', async (t) => {
  const h = await withNetwork();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_CONNECT', network_name: 'n1', group_name: 'default', network_mode: 'routed', network_link: '100' }));
  assertSucceeded(t, await h.run(createOp('i1', { network: 'n1', ip: 'pool' })));
  const nic = h.instance('i1')!.nics[0]!;
  t.is(nic.ip, '192.0.2.2');
  t.deepEqual(nic.nicparams, { mode: 'routed', link: '100' });
  t.is(nic.network, Object.values(h.cfg.get().networks)[0]!.uuid);
  assertFailed(t, await h.run(createOp('i2', { network: 'n1', ip: '192.0.2.2' })), OpPrereqError,
    /IP address 192.0.2.2 already in use/, 'resource_not_unique');
  assertFailed(t, await h.run(createOp('i2', { network: 'n1', ip: '192.0.2.9' })), OpPrereqError,
    /does not belong to network n1/, 'wrong_input');
  assertFailed(t, await h.run(createOp('i2', { network: 'n1', ip: 'pool', mode: 'bridged' })), OpPrereqError,
    /no mode or link may be passed/, 'wrong_input');
  assertFailed(t, await h.run(createOp('i2', { ip: 'pool' })), OpPrereqError, /ip=pool needs a network/, 'wrong_input');
  assertSucceeded(t, await h.run(createOp('i2', { network: 'n1', ip: '192.0.2.5' })));
  t.is(Object.values(h.cfg.get().networks)[0]!.reservations, '00100100');
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_DISCONNECT', network_name: 'n1', group_name: 'default' }), OpPrereqError,
    /in use by instance\(s\) i1, i2/, 'wrong_state');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: 'i1' }));
  t.is(Object.values(h.cfg.get().networks)[0]!.reservations, '00000100');
  assertSucceeded(t, await h.run(createOp('i3', { network: 'n1', ip: 'pool' })));
  t.is(h.instance('i3')!.nics[0]!.ip, '192.0.2.2');
});

test('the pool runs out with a clear error', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'tiny', network: '192.0.2.0/30', add_reserved_ips: ['192.0.2.2'] }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_CONNECT', network_name: 'tiny', group_name: 'default', network_mode: 'bridged', network_link: 'br0' }));
  assertSucceeded(t, await h.run(createOp('i1', { network: 'tiny', ip: 'pool' })));
  t.is(h.instance('i1')!.nics[0]!.ip, '192.0.2.1');
  assertFailed(t, await h.run(createOp('i2', { network: 'tiny', ip: 'pool' })), OpPrereqError, /no free address left/, 'insufficient_resources');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_SET_PARAMS', network_name: 'tiny', remove_reserved_ips: ['192.0.2.2'] }));
  assertSucceeded(t, await h.run(createOp('i2', { network: 'tiny', ip: 'pool' })));
  t.is(h.instance('i2')!.nics[0]!.ip, '192.0.2.2');
});

test('a network in use or connected cannot be removed', async (t) => {
  const h = await withNetwork();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_CONNECT', network_name: 'n1', group_name: 'default', network_mode: 'routed', network_link: '100' }));
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_REMOVE', network_name: 'n1' }), OpPrereqError, /connected to node group\(s\) default/, 'wrong_state');
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_DISCONNECT', network_name: 'n1', group_name: 'default' }));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_REMOVE', network_name: 'n1' }));
  t.deepEqual(h.cfg.get().networks, {});
});

test('rename keeps the instances on the network and refuses a taken or bad name', async (t) => {
  const h = await withNetwork();
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_CONNECT', network_name: 'n1', group_name: 'default', network_mode: 'routed', network_link: '100' }));
  assertSucceeded(t, await h.run(createOp('web1', { network: 'n1', ip: 'pool' })));
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_ADD', network_name: 'n2', network: '198.51.100.0/24' }));
  const serial = h.cfg.serial();
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_RENAME', network_name: 'n1', new_name: 'n2' }), OpPrereqError, /'n2' already defined/, 'already_exists');
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_RENAME', network_name: 'n1', new_name: 'bad name' }), OpPrereqError, /bad name/);
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_RENAME', network_name: 'n9', new_name: 'n3' }), OpPrereqError, /Network 'n9' not found/, 'unknown_entity');
  t.is(h.cfg.serial(), serial);
  const uuid = Object.values(h.cfg.get().networks).find((n) => n.name === 'n1')!.uuid;
  assertSucceeded(t, await h.run({ OP_ID: 'OP_NETWORK_RENAME', network_name: 'n1', new_name: 'front' }));
  t.is(h.cfg.get().networks[uuid]!.name, 'front');
  t.is(h.instance('web1')!.nics[0]!.network, uuid);
  assertFailed(t, await h.run({ OP_ID: 'OP_NETWORK_REMOVE', network_name: 'front' }), OpPrereqError, /connected to node group/);
});
