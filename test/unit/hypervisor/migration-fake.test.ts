// The fake hypervisor's migration steps (Ganeti's hv_fake): accept refuses an instance that
// already runs on the target and counts its memory there; finalize moves the state file.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HypervisorError } from '../../../daemons/common/errors.js';
import { FakeHypervisor } from '../../../daemons/hypervisor/fake/fake.js';
import type { HvInstance } from '../../../daemons/hypervisor/hypervisor.js';
import { asMigrating, isMigrating } from '../../../daemons/hypervisor/migrating.js';
import { makeTempNode, writeCapacity, type TempNode } from '../noded/helpers/temp-node.js';

const nodes: TempNode[] = [];
function node(memory: number): FakeHypervisor {
  const n = makeTempNode(); nodes.push(n);
  writeCapacity(n.paths, { cpus: 4, memory });
  return new FakeHypervisor(n.paths);
}
test.after.always(() => { for (const n of nodes) n.cleanup(); });

const inst: HvInstance = { name: 'vm1', hypervisor: 'fake', memory: 512, vcpus: 1, hvparams: {} };

test('a successful migration moves the state file from source to target', async (t) => {
  const src = node(4096);
  const dst = node(4096);
  t.true(isMigrating(src));
  await src.startInstance(inst, []);
  const info = await src.migrationInfo();
  await dst.acceptInstance(inst, info, '127.0.0.1', []);
  t.is((await dst.getNodeInfo()).memory_free, 4096 - 512 - (await dst.getNodeInfo()).memory_dom0, 'memory counted on the target');
  await src.migrateInstance('cluster', inst);
  t.is((await src.getMigrationStatus()).status, 'completed');
  await src.finalizeMigrationSource(inst, true);
  await dst.finalizeMigrationDst(inst, info, true);
  t.false(existsSync(join(src.dir, 'vm1')));
  t.is(readFileSync(join(dst.dir, 'vm1'), 'utf8'), '0\n512\n1\n');
});

test('accept refuses an instance already running on the target, or one that does not fit', async (t) => {
  const dst = node(4096);
  await dst.startInstance(inst, []);
  const e = await t.throwsAsync(dst.acceptInstance(inst, '', '127.0.0.1', []), { instanceOf: HypervisorError });
  t.regex(e.message, /already running/);
  const small = node(256);
  await t.throwsAsync(small.acceptInstance(inst, '', '127.0.0.1', []), { message: /Not enough memory/ });
});

test('a failed migration removes the target copy and keeps the source', async (t) => {
  const src = node(4096);
  const dst = node(4096);
  await src.startInstance(inst, []);
  await dst.acceptInstance(inst, '', '127.0.0.1', []);
  await dst.finalizeMigrationDst(inst, '', false);
  await src.finalizeMigrationSource(inst, false);
  t.false(existsSync(join(dst.dir, 'vm1')));
  t.true(existsSync(join(src.dir, 'vm1')));
  t.throws(() => asMigrating({ ...src, kind: 'x', capabilities: { ...src.capabilities, migrate: false } } as never),
    { message: "Hypervisor 'x' does not support migration" });
});
