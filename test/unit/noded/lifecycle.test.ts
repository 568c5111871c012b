// The life-cycle backend on a throw-away node root, with real image files and the fake
// hypervisor: a snapshot of a running instance that fails half-way removes the copies made
// and lets the guest run on its own disks; revert and save-as on real files.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../daemons/common/log.js';
import { FakeHypervisor } from '../../../daemons/hypervisor/fake/fake.js';
import { blockdevRevert, blockdevSaveAs, instanceSnapshotDisks } from '../../../daemons/noded/backend/lifecycle.js';
import { blockdevCreate } from '../../../daemons/noded/backend/blockdev.js';
import { loadHypervisorDrivers } from '../../../daemons/hypervisor/registry.js';
import { loadStorageDrivers } from '../../../daemons/storage/registry.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { Disk__Output } from '../../../proto/generated/ganeti/Disk.js';
import { makeTempNode, writeCapacity, type TempNode } from './helpers/temp-node.js';

const nodes: TempNode[] = [];
test.after.always(() => { for (const n of nodes) n.cleanup(); });
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };
const signal = new AbortController().signal;

async function setup() {
  const node = makeTempNode('node1');
  nodes.push(node);
  writeCapacity(node.paths, { cpus: 4, memory: 8192, memory_dom0: 512 });
  const ctx = { paths: node.paths, logger: quiet };
  const disks: Disk__Output[] = [];
  for (const i of [0, 1]) {
    const d: Disk__Output = { uuid: `d${i}`, name: '', dev_type: 'file', size: 4, logical_id: [], iv_name: `disk/${i}`, mode: 'rw',
      params_json: JSON.stringify({ format: 'raw' }) } as Disk__Output;
    const made = await blockdevCreate(ctx, { disk: d, instance_name: 'vm1', file_storage_dir: '', shared_file_storage_dir: '' } as never, signal);
    disks.push({ ...d, logical_id: made.logical_id });
  }
  const inst = {
    name: 'vm1', uuid: 'u-1', hypervisor: 'fake', os: 'dummy', primary_node: 'node1', hvparams_json: '{}', memory: 128, vcpus: 1,
    nics: [], network_port: 0, admin_state: 'up', osparams_json: '{}', disks,
  } as unknown as Instance__Output;
  const local = (d: Disk__Output) => node.paths.local(d.logical_id[1]!);
  return { node, ctx, inst, disks, local };
}
const req = (inst: Instance__Output, snap: string) => ({ instance: inst, snap_name: snap, file_storage_dir: '', shared_file_storage_dir: '' });

// noded loads its drivers at start (startNoded); these tests call its backends directly.
test.before(() => Promise.all([loadHypervisorDrivers(), loadStorageDrivers()]));

test('a snapshot of a running instance failing half-way removes the copies made; the guest runs on, not paused', async (t) => {
  const { node, ctx, inst, disks, local } = await setup();
  const hv = new FakeHypervisor(node.paths);
  await hv.startInstance({ name: 'vm1', hypervisor: 'fake', memory: 128, vcpus: 1, hvparams: {} }, []);
  // The second disk's snapshot cannot be written: its name is taken.
  writeFileSync(local(disks[1]!).replace(/\.file$/, '.snap-s1.file'), 'in the way');
  await t.throwsAsync(instanceSnapshotDisks(ctx, req(inst, 's1') as never, signal), { message: /already exists/ });
  const dir = join(node.paths.local('/srv/ganeti/file-storage'), 'vm1');
  t.deepEqual(readdirSync(dir).filter((f) => f.includes('.snap-s1') && f.startsWith('d0')), [], 'the first disk\'s copy is gone');
  t.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.live.qcow2')), [], 'the writes redirected meanwhile were merged back');
  t.is((await hv.getInstanceInfo('vm1'))?.state, 'running');
  t.false(readFileSync(join(node.paths.fakeHvDir, 'vm1'), 'utf8').includes('paused'), 'the guest was continued');
  t.true(existsSync(local(disks[0]!)) && existsSync(local(disks[1]!)));
});

test('snapshot, revert and save-as on real files', async (t) => {
  const { node, ctx, inst, disks, local } = await setup();
  writeFileSync(local(disks[0]!), Buffer.alloc(4096, 0x41), { flag: 'r+' });
  const res = await instanceSnapshotDisks(ctx, req(inst, 's1') as never, signal);
  t.is(res.disks.length, 2);
  writeFileSync(local(disks[0]!), Buffer.alloc(4096, 0x42), { flag: 'r+' });
  await blockdevRevert(ctx, { disk: disks[0]!, snapshot_logical_id: res.disks[0]!.logical_id, file_storage_dir: '', shared_file_storage_dir: '' } as never, signal);
  t.is(readFileSync(local(disks[0]!))[0], 0x41);
  const saved = await blockdevSaveAs(ctx, { disk: disks[0]!, image_path: '/srv/images/vm1.qcow2', file_storage_dir: '', shared_file_storage_dir: '' } as never, signal);
  t.is(saved.path, '/srv/images/vm1.qcow2');
  const img = node.paths.local('/srv/images/vm1.qcow2');
  const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', img], { encoding: 'utf8' })) as { format: string };
  t.is(info.format, 'qcow2');
  await t.throwsAsync(blockdevSaveAs(ctx, { disk: disks[0]!, image_path: '/srv/images/vm1.img', file_storage_dir: '', shared_file_storage_dir: '' } as never, signal),
    { message: /must end in .qcow2/ });
  await t.throwsAsync(blockdevSaveAs(ctx, { disk: disks[0]!, image_path: '/srv/images/vm1.qcow2', file_storage_dir: '', shared_file_storage_dir: '' } as never, signal),
    { message: /already exists/ });
});
