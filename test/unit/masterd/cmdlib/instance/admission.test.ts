// Admission checks before start, migrate and failover (admission.ts): the instance must not
// run on any node but its primary, and no running instance may share its MAC or disk file.
// Each refusal names the reason and leaves everything as it was.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { clusterConfig, instance, NODE2, NODE3 } from '../../helpers/cluster-config.js';
import { runtime } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError, type Instance } from '../../helpers/masterd.js';
import { admissionProblem } from '../../../../../daemons/masterd/cmdlib/instance/admission.js';

const NAME = 'web1.example.com';
const OTHER = 'db1.example.com';

async function harness(inst: Partial<Instance>, other: Partial<Instance> = {}) {
  const h = await LuHarness.create({
    config: clusterConfig({ instances: [instance('i1', NAME, 'n2', inst), instance('i2', OTHER, 'n3', { disk_template: 'diskless', ...other })] }),
  });
  return h;
}
const listing = (...names: string[]) => ({ instances: names.map((n) => runtime(n, 'running')) });
const start = { OP_ID: 'OP_INSTANCE_STARTUP', instance_name: NAME };
const migrate = { OP_ID: 'OP_INSTANCE_MIGRATE', instance_name: NAME, target_node: NODE3 };
const failover = { OP_ID: 'OP_INSTANCE_FAILOVER', instance_name: NAME, target_node: NODE3 };

test('start: an instance already running on another node is refused, naming the node', async (t) => {
  const h = await harness({ disk_template: 'diskless' });
  h.rpc.answer('InstanceList', listing(NAME), { node: NODE3 });
  assertFailed(t, await h.run(start), OpPrereqError, /Instance web1.example.com is already running on node node3.example.com; refusing/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  t.is(h.instance(NAME)!.admin_state, 'down');
});

test('start: a running instance with the same MAC is refused, naming it; stopped it is fine', async (t) => {
  const h = await harness({ disk_template: 'diskless' });
  const mac = h.instance(NAME)!.nics[0]!.mac;
  await h.cfg.update((c) => { c.instances.i2!.nics[0]!.mac = mac; });
  h.rpc.answer('InstanceList', listing(OTHER), { node: NODE3 });
  assertFailed(t, await h.run(start), OpPrereqError, new RegExp(`MAC address ${mac} of instance web1.example.com is in use by running instance db1.example.com`));
  t.deepEqual(h.rpc.callsTo('InstanceStart'), []);
  h.rpc.answer('InstanceList', listing(), { node: NODE3 });
  assertSucceeded(t, await h.run(start));
  t.is(h.rpc.callsTo('InstanceStart').length, 1);
});

test('migrate and failover: a running instance sharing the disk file is refused', async (t) => {
  const h = await harness({ disk_template: 'sharedfile', admin_state: 'up' }, { disk_template: 'sharedfile', admin_state: 'up' });
  const file = h.instance(NAME)!.disks[0]!.logical_id[1]!;
  await h.cfg.update((c) => { c.instances.i2!.disks[0]!.logical_id = [...c.instances.i2!.disks[0]!.logical_id.slice(0, 1), file]; });
  h.rpc.answer('InstanceInfo', runtime(NAME, 'running'), { node: NODE2 });
  h.rpc.answer('InstanceList', listing(NAME), { node: NODE2 });
  h.rpc.answer('InstanceList', listing(OTHER), { node: NODE3 });
  assertFailed(t, await h.run(migrate), OpPrereqError, new RegExp(`Disk file ${file} of instance web1.example.com is in use by running instance db1.example.com`));
  assertFailed(t, await h.run(failover), OpPrereqError, /Disk file .* is in use by running instance db1.example.com/);
  t.deepEqual(h.rpc.callsTo('MigrationInfo'), []);
  t.deepEqual(h.rpc.callsTo('InstanceShutdown'), []);
  t.is(h.nodeName(h.instance(NAME)!.primary_node), NODE2);
});

test('admissionProblem: the primary being moved from is allowed; a node that did not answer makes admin-up count as running', (t) => {
  const inst = instance('i1', NAME, 'n2', { disk_template: 'diskless' });
  const other = instance('i2', OTHER, 'n3', { disk_template: 'diskless', admin_state: 'up' });
  other.nics[0]!.mac = inst.nics[0]!.mac;
  const cfg = clusterConfig({ instances: [inst, other] });
  t.is(admissionProblem(cfg, inst, { running: new Map([[NAME, [NODE2]]]), unknown: [] }, [NODE2]), null);
  t.regex(admissionProblem(cfg, inst, { running: new Map([[NAME, [NODE2]]]), unknown: [NODE3] }, [NODE2]) ?? '', /in use by running instance db1/);
});

test('start asks the nodes by tag: a node whose instances did not change sends its tag, and its held list still refuses', async (t) => {
  const h = await harness({ disk_template: 'diskless' });
  // node3 runs a second copy; its list carries a tag, and it answers 'unchanged' to that tag.
  h.rpc.answer('InstanceListTagged', (req) => (req.known_tag === 'n3-1'
    ? { instances: [], tag: 'n3-1', unchanged: true, delta: false, gone: [] } : { ...listing(NAME), tag: 'n3-1', unchanged: false, delta: false, gone: [] }), { node: NODE3 });
  assertFailed(t, await h.run(start), OpPrereqError, /already running on node node3.example.com/);
  assertFailed(t, await h.run(start), OpPrereqError, /already running on node node3.example.com/, 'wrong_state');
  t.deepEqual(h.rpc.callsTo('InstanceListTagged', NODE3).map((c) => c.req.known_tag), ['', 'n3-1']);
  t.deepEqual(h.rpc.callsTo('InstanceList'), [], 'no whole list asked');
});
