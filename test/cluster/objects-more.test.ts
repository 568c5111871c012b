// More of Ganeti's object model as an admin drives it. Moving instances between node groups:
// gnt-instance change-group and gnt-group evacuate ask the allocator for a plan; the master
// submits the moves as jobs (migration for running instances, failover for stopped ones)
// and the command follows them. gnt-os modify, gnt-cluster modify's helper-VM settings,
// gnt-network rename.
import test from 'ava';
import { truncateSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const ADD = ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check'];
const lines = (s: string) => s.trim().split('\n').filter(Boolean);
const where = async (t: Parameters<Vcluster['ok']>[0], ...names: string[]) =>
  lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode.group,status', ...names])).map((l) => l.split(/\s+/).join(' '));

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.155',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance',
      'gnt-job', 'gnt-group', 'gnt-os', 'gnt-network'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('gnt-instance change-group moves a running instance to the other group by migration', async (t) => {
  await vc.ok(t, ['gnt-group', 'add', 'g2']);
  await vc.ok(t, ['gnt-group', 'assign-nodes', 'g2', 'node3']);
  await vc.ok(t, [...ADD, '-n', 'node3', 'web1']);
  await vc.ok(t, [...ADD, '-n', 'node3', '--no-start', 'db1']);
  t.deepEqual(await where(t, 'web1', 'db1'), ['web1 g2 running', 'db1 g2 ADMIN_down']);
  const own = await vc.gnt(['gnt-instance', 'change-group', '--to', 'g2', 'web1']);
  t.not(own.code, 0);
  t.regex(own.stderr, /Can't use group\(s\) 'g2' as targets, they are used by the instance 'web1'/);
  const out = await vc.ok(t, ['gnt-instance', 'change-group', '--to', 'default', 'web1']);
  t.regex(out, /Submitted jobs \d+/);
  t.regex(out, /Instance 'web1' changed group successfully\./);
  t.deepEqual(await where(t, 'web1'), ['web1 default running']);
  const job = lines(await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'summary']));
  t.true(job.includes('INSTANCE_MIGRATE(web1)'), job.join('; '));
});

test.serial('gnt-group evacuate moves every instance out of the group, stopped ones by failover', async (t) => {
  const out = await vc.ok(t, ['gnt-group', 'evacuate', 'g2']);
  t.regex(out, /All instances evacuated successfully\./);
  t.deepEqual(await where(t, 'db1'), ['db1 default ADMIN_down']);
  t.regex(await vc.ok(t, ['gnt-group', 'list', '--no-headers', '-o', 'name,pinst_cnt', 'g2']), /^g2 +0$/m);
  const jobs = lines(await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'summary']));
  t.true(jobs.includes('INSTANCE_FAILOVER(db1)'), jobs.join('; '));
  // An empty group evacuates with nothing to do; a group cannot be its own target.
  t.regex(await vc.ok(t, ['gnt-group', 'evacuate', 'g2']), /All instances evacuated successfully\./);
  const self = await vc.gnt(['gnt-group', 'evacuate', '--to', 'default', 'default']);
  t.not(self.code, 0);
  t.regex(self.stderr, /can not be used as a target group/);
  const unknown = await vc.gnt(['gnt-group', 'evacuate', '--to', 'nosuch', 'default']);
  t.not(unknown.code, 0);
  t.regex(unknown.stderr, /Node group 'nosuch' not found/);
  t.deepEqual(await where(t, 'web1', 'db1'), ['web1 default running', 'db1 default ADMIN_down']);
});

test.serial('gnt-os modify: hidden and blacklisted OSes, per-OS hypervisor parameters', async (t) => {
  t.true(lines(await vc.ok(t, ['gnt-os', 'list', '--no-headers'])).includes('dummy'));
  await vc.ok(t, ['gnt-os', 'modify', '--hidden=yes', 'dummy']);
  t.false(lines(await vc.ok(t, ['gnt-os', 'list', '--no-headers'])).includes('dummy'));
  await vc.ok(t, [...ADD, '-n', 'node2', '--no-start', 'hid1']);   // hidden: still installable
  await vc.ok(t, ['gnt-os', 'modify', '--hidden=no', '--blacklisted=yes', 'dummy']);
  const bl = await vc.gnt([...ADD, '-n', 'node2', '--no-start', 'bl1']);
  t.not(bl.code, 0);
  t.regex(bl.stderr, /OS 'dummy' is blacklisted/);
  await vc.ok(t, ['gnt-os', 'modify', '--blacklisted=no', '-H', 'fake:migration_mode=non-live', 'dummy']);
  t.regex(await vc.ok(t, ['gnt-cluster', 'info']), /OS-specific hypervisor parameters: *\n +dummy: *\n +fake: *\n +migration_mode: non-live\n/);
  const none = await vc.gnt(['gnt-os', 'modify', 'dummy']);
  t.is(none.code, 1);
  t.regex(none.stderr, /At least one of OS parameters or hypervisor parameters must be passed/);
  const badHv = await vc.gnt(['gnt-os', 'modify', '-H', 'fake:no_such=1', 'dummy']);
  t.not(badHv.code, 0);
  t.regex(badHv.stderr, /no_such/);
});

test.serial('gnt-cluster modify: images, compression tools, instance communication network; gnt-network rename', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'modify', '--install-image=/srv/images/helper.img', '--compression-tools=gzip,lzop']);
  const info = await vc.ok(t, ['gnt-cluster', 'info']);
  t.regex(info, /install image: \/srv\/images\/helper\.img/);
  t.regex(info, /compression tools: *\n +- gzip\n +- lzop\n/);
  const rel = await vc.gnt(['gnt-cluster', 'modify', '--zeroing-image=zero.img']);
  t.not(rel.code, 0);
  t.regex(rel.stderr, /Zeroing image must be an absolute path or a URL/);
  const noGzip = await vc.gnt(['gnt-cluster', 'modify', '--compression-tools=lzop']);
  t.not(noGzip.code, 0);
  t.regex(noGzip.stderr, /gzip utility must be present/);
  await vc.ok(t, ['gnt-cluster', 'modify', '--instance-communication-network=comm']);
  t.regex(await vc.ok(t, ['gnt-cluster', 'info']), /instance communication network: comm/);
  t.regex(await vc.ok(t, ['gnt-network', 'list', '--no-headers', '-o', 'name,network,group_list', 'comm']),
    /^comm +169\.254\.0\.0\/16 +.*default.*communication_rt.*g2/m);
  await vc.ok(t, ['gnt-network', 'rename', 'comm', 'comm2']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-network', 'list', '--no-headers', '-o', 'name'])), ['comm2']);
  const missing = await vc.gnt(['gnt-network', 'rename', 'comm', 'x']);
  t.not(missing.code, 0);
  t.regex(missing.stderr, /Network 'comm' not found/);
});

test.serial('gnt-debug locks shows a running job\'s locks; gnt-job cancel of a just-submitted delay, then watch fails', async (t) => {
  // A delay out on a node has started like any job: it holds node2 until it ends (not cancellable).
  const held = (await vc.ok(t, ['gnt-debug', 'delay', '--submit', '--print-jobid', '-n', 'node2', '6'])).trim();
  let locks = '';
  for (let i = 0; i < 50 && !/node\/node2/.test(locks); i++) {
    locks = await vc.ok(t, ['gnt-debug', 'locks']);
    if (!/node\/node2/.test(locks)) await new Promise((r) => setTimeout(r, 100));
  }
  t.regex(locks, /^Name +Mode +Owner +Pending$/m);
  t.regex(locks, new RegExp(`^node/node2 +exclusive +job-${held}/0 +-$`, 'm'));
  t.true(lines(await vc.ok(t, ['gnt-debug', 'locks', '--no-headers', '-o', 'name'])).includes('node/node2'));
  t.is((await vc.gnt(['gnt-debug', 'locks', 'node/node2'])).code, 1);   // Ganeti's locks takes no arguments
  // gnt-debug wconfd: the master answers Ganeti's WConfD calls.
  t.is((await vc.ok(t, ['gnt-debug', 'wconfd', 'echo', 'hello'])).trim(), 'Answer: hello');
  t.regex(await vc.ok(t, ['gnt-debug', 'wconfd', 'listalllocks']), /^Answer: \[.*'node\/node2'.*\]$/m);
  t.regex(await vc.ok(t, ['gnt-debug', 'wconfd', 'listlocks', held]), /^Answer: \[.*\['node\/node2', 'OwnExclusive'\].*\]$/m);
  t.is((await vc.ok(t, ['gnt-debug', 'wconfd', 'flushconfig'])).trim(), 'Configuration flushed.');
  const badCmd = await vc.gnt(['gnt-debug', 'wconfd', 'frobnicate']);
  t.is(badCmd.code, 1);
  t.regex(badCmd.stderr, /Command 'frobnicate' not supported/);
  t.regex((await vc.gnt(['gnt-job', 'cancel', held])).stdout, new RegExp(`Job ${held} is no longer waiting in the queue`));
  const id = (await vc.ok(t, ['gnt-debug', 'delay', '--submit', '--print-jobid', '30'])).trim();
  const cancel = await vc.gnt(['gnt-job', 'cancel', id]);
  t.is(cancel.code, 0, cancel.stderr);
  const watch = await vc.gnt(['gnt-job', 'watch', id]);
  t.not(watch.code, 0);
  t.regex(watch.stderr, /cancel/i);
  await vc.ok(t, ['gnt-job', 'wait', held]);
  t.deepEqual(lines(await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status', id])), ['canceled']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status', held])), ['success']);
  t.false(/node\/node2/.test(await vc.ok(t, ['gnt-debug', 'locks'])));
});

test.serial('gnt-cluster repair-disk-sizes corrects a recorded size that differs from the disk', async (t) => {
  await vc.ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=64M', '-o', 'dummy', '-B', 'memory=64', '--no-name-check',
    '--no-ip-check', '--no-start', '-n', 'node2', 'f1']);
  const [node, , path] = (await vc.ok(t, ['gnt-instance', 'activate-disks', 'f1'])).trim().split(':');
  t.is(node, 'node2');
  await vc.ok(t, ['gnt-instance', 'deactivate-disks', 'f1']);
  truncateSync(path!, 96 * 1024 * 1024);
  const out = await vc.ok(t, ['gnt-cluster', 'repair-disk-sizes', 'f1']);
  t.regex(out, /Disk 0 of instance f1 has mismatched size, correcting: recorded 64, actual 96/);
  t.is((await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '--units=m', '-o', 'disk.size/0', 'f1'])).trim(), '96');
  t.notRegex(await vc.ok(t, ['gnt-cluster', 'repair-disk-sizes']), /mismatched/);
});

test.serial('gnt-debug test-osparams: secret parameters reach the master and are in no job file or log', async (t) => {
  const secret = 'Sup3rS3cretValue-9f2c';
  const out = await vc.ok(t, ['gnt-debug', 'test-osparams', `--os-parameters-secret=password=${secret},token=${secret}x`]);
  t.regex(out, /Secret OS parameters: password, token \(2 received; values are not logged\)/);
  const info = await vc.ok(t, ['gnt-job', 'info', (await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'id'])).trim().split('\n').pop()!]);
  t.regex(info, /<redacted>/);
  t.false(info.includes(secret));
  const grep = spawnSync('grep', ['-rl', secret, vc.dir], { encoding: 'utf8' });
  t.is(grep.status, 1, `found in: ${grep.stdout}`);   // 1: no file under the cluster holds it
  const none = await vc.gnt(['gnt-debug', 'test-osparams']);
  t.not(none.code, 0);
  t.regex(none.stderr, /Opcode needs secret parameters/);
});
