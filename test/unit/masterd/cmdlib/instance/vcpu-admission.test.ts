// vcpu admission on an explicit node is the instance policy's vcpu-ratio against the node's
// cpus: the error says so, and --ignore-ipolicy (ignore_ipolicy) lifts it; memory still counts.
import test from 'ava';
import { assertFailed, assertSucceeded } from '../../helpers/assertions.js';
import { NODE2 } from '../../helpers/cluster-config.js';
import { FakeNodeRpc, nodeInfo } from '../../helpers/fake-node-rpc.js';
import { LuHarness } from '../../helpers/lu-harness.js';
import { OpPrereqError } from '../../helpers/masterd.js';

const op = (name: string, extra: Record<string, unknown> = {}) => ({
  OP_ID: 'OP_INSTANCE_CREATE', instance_name: name, disk_template: 'diskless', disks: [], nics: [{}], os_type: 'debootstrap+default',
  pnode: NODE2, name_check: false, ip_check: false, beparams: { memory: 128, vcpus: 4 }, ...extra,
});

test('past vcpu-ratio x cpus a node refuses, naming the ratio; --ignore-ipolicy lifts only that', async (t) => {
  const rpc = new FakeNodeRpc().healthy().answer('NodeInfo', nodeInfo({ cpu_total: 1, memory_total: 1024, memory_dom0: 512 }), { node: NODE2 });
  const h = await LuHarness.create({ rpc });
  assertSucceeded(t, await h.run(op('v1')));
  assertFailed(t, await h.run(op('v2')), OpPrereqError,
    /not enough vcpus \(free 0, needed 4\) \(instance policy vcpu-ratio 4 x 1 cpus; --ignore-ipolicy overrides it\)/, 'insufficient_resources');
  assertSucceeded(t, await h.run(op('v2', { ignore_ipolicy: true })));
  assertFailed(t, await h.run(op('v3', { ignore_ipolicy: true, beparams: { memory: 1024, vcpus: 1 } })), OpPrereqError,
    /not enough memory/, 'insufficient_resources');
});
