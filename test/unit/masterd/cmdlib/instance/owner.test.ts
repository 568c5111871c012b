// Per-VM owners in the config: set at creation, changed and cleared by SET_PARAMS, a bad
// owner name refused with nothing changed.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2 } from '../../helpers/cluster-config.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const NAME = 'web1.example.com';
const modify = (extra: Record<string, unknown>) => ({ OP_ID: 'OP_INSTANCE_SET_PARAMS', instance_name: NAME, ...extra });

test('create keeps the owner in the config', async (t) => {
  const h = await LuHarness.create();
  assertSucceeded(t, await h.run({
    OP_ID: 'OP_INSTANCE_CREATE', instance_name: NAME, disk_template: 'diskless', disks: [], nics: [{}], os_type: 'debootstrap+default',
    pnode: NODE2, name_check: false, ip_check: false, beparams: { memory: 128 }, owner: 'alice',
  }));
  t.is(h.instance(NAME)?.owner, 'alice');
});

test('set-params gives the instance to another owner, and to nobody with an empty owner', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', NAME, 'n2')] }) });
  assertSucceeded(t, await h.run(modify({ owner: 'bob' })));
  t.is(h.instance(NAME)?.owner, 'bob');
  assertSucceeded(t, await h.run(modify({ owner: '' })));
  t.is(h.instance(NAME)?.owner, undefined);
});

test('an owner name that cannot be a RAPI user is refused and nothing changes', async (t) => {
  const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', NAME, 'n2')] }) });
  const serial = h.cfg.serial();
  assertFailed(t, await h.run(modify({ owner: 'al ice' })), OpPrereqError, /Invalid owner 'al ice'/, 'wrong_input');
  t.is(h.cfg.serial(), serial);
});
