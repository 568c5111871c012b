// The VM life cycle on shared and external storage (fake hypervisor, 2 nodes): snapshots and
// revert of sharedfile and ext (filedisk provider) disks, a suspended sharedfile instance
// failed over and resumed on the other node (its state is on the shared storage), and
// snapshots with the running guest's state (--memory) that a revert resumes from.
import test from 'ava';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { addArgs as add, clusterPerFile, diskHolds as holds, markDisk as mark, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 2, prefix: '127.0.165', templates: 'diskless,file,sharedfile,ext',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'],
});
const ok = vc.ok;
const sharedStates = () => join(vc.dir, 'shared-file-storage', '.suspended');
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
/** The disk's file as the primary sees it (`on primary: PATH` of gnt-instance info). */
async function diskFile(t: T, node: string, inst: string): Promise<string> {
  const m = /on primary: (\S+)/.exec(await ok(t, ['gnt-instance', 'info', inst]));
  if (!m) { t.fail(`no 'on primary' in info of ${inst}`); return ''; }
  // ext: the provider's volume, a file in its dir on the node
  return m[1]!.includes('.ext.disk') ? join(vc.dir, node, 'srv/ganeti/filedisk', basename(m[1]!)) : join(vc.dir, node, m[1]!);
}
const status = async (t: T, inst: string, fields = 'status') =>
  (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', fields, inst])).trim().split(/\s+/).join(' ');

test.serial('sharedfile and ext disks: snapshot, revert to the content at the snapshot, delete', async (t) => {
  for (const [name, args] of [
    ['sf1', ['-t', 'sharedfile', '--disk', '0:size=16M']],
    ['ex1', ['-t', 'ext', '--disk', '0:size=16M,provider=filedisk']],
  ] as const) {
    await ok(t, add(name, ...args, '-n', 'node1', '--no-start'));
    await ok(t, ['gnt-instance', 'activate-disks', name]);
    const disk = await diskFile(t, 'node1', name);
    await ok(t, ['gnt-instance', 'deactivate-disks', name]);
    mark(disk, '0x41');
    await ok(t, ['gnt-instance', 'snapshot', '--name', 's1', name]);
    mark(disk, '0x42');
    t.regex(await ok(t, ['gnt-instance', 'snapshot-list', name]), /\ns1\s+16M\s+.*\sno\n/);
    await ok(t, ['gnt-instance', 'snapshot-revert', '-f', name, 's1']);
    t.true(holds(disk, '0x41'), `${name}: after revert the disk holds what it held at the snapshot`);
    await ok(t, ['gnt-instance', 'snapshot-delete', name, 's1']);
    t.notRegex(await ok(t, ['gnt-instance', 'snapshot-list', name]), /s1/);
  }
  t.deepEqual(files(join(vc.dir, 'node1/srv/ganeti/filedisk')).filter((f) => f.includes('.s1')), [], 'the ext snapshot volume is removed');
  t.deepEqual(files(join(vc.dir, 'shared-file-storage/sf1')).filter((f) => f.includes('.snap-')), [], 'the sharedfile snapshot is removed');
  for (const n of ['sf1', 'ex1']) await ok(t, ['gnt-instance', 'remove', '-f', n]);
});

test.serial('a suspended sharedfile instance fails over and resumes on the other node; an ext one must be resumed first', async (t) => {
  await ok(t, add('mv1', '-t', 'sharedfile', '--disk', '0:size=16M', '-B', 'memory=256', '-n', 'node1'));
  await ok(t, ['gnt-instance', 'suspend', 'mv1']);
  t.deepEqual(files(sharedStates()), ['mv1.state.gz'], 'the state is kept on the shared storage');
  t.false(existsSync(join(vc.dir, 'node1/var/lib/ganeti/suspended/mv1.state.gz')));
  await ok(t, ['gnt-instance', 'failover', '-f', 'mv1']);
  t.is(await status(t, 'mv1', 'pnode,status'), 'node2 suspended');
  await ok(t, ['gnt-instance', 'resume', 'mv1']);
  t.is(await status(t, 'mv1', 'pnode,status,admin_state'), 'node2 running up');
  t.deepEqual(files(sharedStates()), [], 'the state file is gone once the guest runs');

  await ok(t, add('mv2', '-t', 'ext', '--disk', '0:size=16M,provider=filedisk', '-n', 'node1'));
  await ok(t, ['gnt-instance', 'suspend', 'mv2']);
  const moved = await vc.gnt(['gnt-instance', 'failover', '-f', 'mv2']);
  t.is(moved.code, 1);
  t.regex(out(moved), /Instance 'mv2' is suspended and its saved state is kept on node1 .*resume it before moving it/);
  t.is(await status(t, 'mv2', 'pnode,status'), 'node1 suspended');
  // Removing a suspended instance removes its saved state.
  t.true(existsSync(join(vc.dir, 'node1/var/lib/ganeti/suspended/mv2.state.gz')));
  await ok(t, ['gnt-instance', 'remove', '-f', 'mv2']);
  t.false(existsSync(join(vc.dir, 'node1/var/lib/ganeti/suspended/mv2.state.gz')));
  await ok(t, ['gnt-instance', 'remove', '-f', 'mv1']);
});

test.serial('snapshot --memory: the state is saved with the snapshot, a revert resumes the instance from it', async (t) => {
  await ok(t, add('mem1', '-t', 'sharedfile', '--disk', '0:size=16M', '-B', 'memory=128', '-n', 'node1'));
  const stopped = await vc.gnt(['gnt-instance', 'snapshot', '--memory', '--name', 'x', 'mem1']);
  t.is(stopped.code, 0, out(stopped));
  await ok(t, ['gnt-instance', 'snapshot-delete', 'mem1', 'x']);
  await ok(t, ['gnt-instance', 'snapshot', '--memory', '--name', 'm1', 'mem1']);
  t.regex(await ok(t, ['gnt-instance', 'snapshot-list', 'mem1']), /\nm1\s+16M\s+.*\syes\n/);
  t.deepEqual(files(sharedStates()), ['mem1.snap-m1.state.gz']);
  t.is(await status(t, 'mem1'), 'running', 'the instance runs on after the snapshot');
  await ok(t, ['gnt-instance', 'shutdown', 'mem1']);
  await ok(t, ['gnt-instance', 'snapshot-revert', '-f', 'mem1', 'm1']);
  t.is(await status(t, 'mem1', 'status,admin_state'), 'running up', 'reverting to a snapshot with memory resumes the instance');
  t.deepEqual(files(sharedStates()), ['mem1.snap-m1.state.gz'], 'the snapshot keeps its state for the next revert');
  await ok(t, ['gnt-instance', 'snapshot-revert', '-f', 'mem1', 'm1']);   // running: stopped, reverted, resumed
  t.is(await status(t, 'mem1'), 'running');
  await ok(t, ['gnt-instance', 'shutdown', 'mem1']);
  const noRun = await vc.gnt(['gnt-instance', 'snapshot', '--memory', '--name', 'm2', 'mem1']);
  t.is(noRun.code, 1);
  t.regex(out(noRun), /Instance 'mem1' is not running: --memory saves a running instance's state/);
  await ok(t, ['gnt-instance', 'snapshot-delete', 'mem1', 'm1']);
  t.deepEqual(files(sharedStates()), [], 'deleting the snapshot removes its state');
  await ok(t, ['gnt-instance', 'startup', 'mem1']);
  await ok(t, ['gnt-instance', 'snapshot', '--memory', '--name', 'm3', 'mem1']);
  await ok(t, ['gnt-instance', 'remove', '-f', 'mem1']);
  t.deepEqual(files(sharedStates()), [], 'removing the instance removes its snapshots\' states');
});
