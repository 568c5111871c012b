// Moving instances between node groups as a Ganeti admin does: gnt-instance change-group
// and gnt-group evacuate ask the allocator for a plan; the master submits the moves as
// jobs (migration for running instances, failover for stopped ones) and the command
// follows them.
import test from 'ava';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const ADD = ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check'];
const lines = (s: string) => s.trim().split('\n').filter(Boolean);
const where = async (t: Parameters<Vcluster['ok']>[0], ...names: string[]) =>
  lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode.group,status', ...names])).map((l) => l.split(/\s+/).join(' '));

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.155',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance',
      'gnt-job', 'gnt-group'] });
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
