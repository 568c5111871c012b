// The fake hypervisor's migration models the protocol, so that a master running the steps in
// the wrong order fails: the target's copy only becomes real on finalize, the source's status
// goes active -> completed over polls, the source copy ends only after completion, and a
// `fail-migration` file in the node's run dir injects a failure.
import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorError } from '../../../daemons/common/errors.js';
import { FakeHypervisor } from '../../../daemons/hypervisor/fake/fake.js';
import type { HvInstance } from '../../../daemons/hypervisor/hypervisor.js';
import { asMigrating } from '../../../daemons/hypervisor/migrating.js';
import { makeTempNode, writeCapacity, type TempNode } from '../noded/helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(memory: number) {
  const n = makeTempNode(); nodes.push(n);
  writeCapacity(n.paths, { cpus: 4, memory });
  const hv = new FakeHypervisor(n.paths);
  return Object.assign(asMigrating(hv), { dir: hv.dir });
}
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const inst: HvInstance = { name: 'vm1', hypervisor: 'fake', memory: 512, vcpus: 1, hvparams: {} };

test('a successful migration: the target copy is real only after finalize, the status goes active then completed', async (t) => {
  const src = node(4096);
  const dst = node(4096);
  await src.startInstance(inst, []);
  const info = await src.migrationInfo(inst);
  await dst.acceptInstance(inst, info, '127.0.0.1', []);
  t.is((await dst.getNodeInfo()).memory_free, 4096 - 512 - (await dst.getNodeInfo()).memory_dom0, 'memory counted on the target');
  t.deepEqual(await dst.listInstances(), [], 'the incoming copy does not run yet');
  await src.migrateInstance('cluster', inst, '127.0.0.1', true);
  t.is((await src.getMigrationStatus(inst)).status, 'active');
  await t.throwsAsync(src.finalizeMigrationSource(inst, true, true), { message: /has not completed \(active\)/ });
  t.is((await src.getMigrationStatus(inst)).status, 'completed');
  await src.finalizeMigrationSource(inst, true, true);
  await dst.finalizeMigrationDst(inst, info, true);
  t.false(existsSync(join(src.dir, 'vm1')));
  t.is(readFileSync(join(dst.dir, 'vm1'), 'utf8'), '0\n512\n1\n');
  t.deepEqual(await dst.listInstances(), ['vm1']);
});

test('finalizing a target that accepted nothing fails (a wrong sequence is caught)', async (t) => {
  const dst = node(4096);
  await t.throwsAsync(dst.finalizeMigrationDst(inst, '', true), { message: /No incoming migration of instance vm1/ });
});

test('accept refuses an instance already running on the target, or one that does not fit', async (t) => {
  const dst = node(4096);
  await dst.startInstance(inst, []);
  const e = await t.throwsAsync(dst.acceptInstance(inst, '', '127.0.0.1', []), { instanceOf: HypervisorError });
  t.regex(e.message, /already running/);
  const small = node(256);
  await t.throwsAsync(small.acceptInstance(inst, '', '127.0.0.1', []), { message: /Not enough memory/ });
});

test('an injected failure: status failed, the target copy is removed, the source keeps running', async (t) => {
  const src = node(4096);
  const dst = node(4096);
  await src.startInstance(inst, []);
  await dst.acceptInstance(inst, '', '127.0.0.1', []);
  await src.migrateInstance('cluster', inst, '127.0.0.1', true);
  writeFileSync(join(src.dir, '..', 'fail-migration-vm1'), '');
  const st = await src.getMigrationStatus(inst);
  t.is(st.status, 'failed');
  t.is(st.info, 'injected migration failure');
  await dst.finalizeMigrationDst(inst, '', false);
  await src.finalizeMigrationSource(inst, false, true);
  t.false(existsSync(join(dst.dir, 'vm1')));
  t.false(existsSync(join(dst.dir, '.incoming-vm1')));
  t.true(existsSync(join(src.dir, 'vm1')));
  t.deepEqual(await src.listInstances(), ['vm1']);
  t.throws(() => asMigrating({ ...src, kind: 'x', capabilities: { ...src.capabilities, migrate: false } } as never),
    { message: "Hypervisor 'x' does not support migration" });
});
