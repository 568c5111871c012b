// The master socket is the CLI's access control: 0660, in a 0750 directory, both owned by
// the admin group gnt-admin. A user outside the group gets a clear permission error and a
// non-zero exit; a member of the group can run commands. Users are created for the test
// (the machine runs tests as root) and removed afterwards.
import test from 'ava';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, startVcluster, type Vcluster } from '../../../vcluster/harness.js';

const OUTSIDER = 'gtsfout';
const MEMBER = 'gtsfadm';
let vc: Vcluster;
const isRoot = process.getuid?.() === 0;

function adminGid(): number | null {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith('gnt-admin:'));
  return line ? Number(line.split(':')[2]) : null;
}

test.before(async () => {
  if (isRoot && adminGid() === null) await run('groupadd', ['--system', 'gnt-admin']);
  vc = await startVcluster({ nodes: 1, prefix: '127.0.72',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-job'] });
  await vc.init();
  if (isRoot) {
    for (const u of [OUTSIDER, MEMBER]) await run('userdel', [u]);
    const a = await run('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', OUTSIDER]);
    const b = await run('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', '-G', 'gnt-admin', MEMBER]);
    if (a.code !== 0 || b.code !== 0) throw new Error(`useradd failed: ${a.stderr}${b.stderr}`);
    chmodSync(vc.dir, 0o755);   // mkdtemp made it 0700: let the test users reach the node's files
  }
});
test.after.always(async () => {
  if (isRoot) for (const u of [OUTSIDER, MEMBER]) await run('userdel', [u]);
  await vc?.stop();
});

const socket = () => join(vc.dir, 'node1/var/run/ganeti/socket/ganeti-master');

test.serial('the master socket is 0660 and belongs to group gnt-admin', (t) => {
  const st = statSync(socket());
  t.is(st.mode & 0o777, 0o660);
  const gid = adminGid();
  t.not(gid, null, 'install-deps.sh creates the gnt-admin group');
  t.is(st.gid, gid ?? -1);
  const dir = statSync(join(vc.dir, 'node1/var/run/ganeti/socket'));
  t.is(dir.mode & 0o777, 0o750);
  t.is(dir.gid, gid ?? -1);
});

test.serial('a user outside gnt-admin is refused with a clear message; a member is not', async (t) => {
  if (!isRoot) {
    // Without root no second user can be made; the mode checks above still hold.
    t.is(statSync(socket()).mode & 0o007, 0, 'others have no access to the socket');
    return;
  }
  const cmd = join(vc.dir, 'node1/cmd');
  const denied = await run('runuser', ['-u', OUTSIDER, '--', cmd, 'gnt-job', 'list']);
  t.is(denied.code, 1, denied.stdout + denied.stderr);
  t.regex(denied.stderr, /Permission denied: cannot use the master socket .*ganeti-master; only root and members of group gnt-admin/);
  const allowed = await run('runuser', ['-u', MEMBER, '--', cmd, 'gnt-cluster', 'master-ping']);
  t.is(allowed.code, 0, allowed.stdout + allowed.stderr);
  const list = await run('runuser', ['-u', MEMBER, '--', cmd, 'gnt-job', 'list', '--no-headers']);
  t.is(list.code, 0, list.stdout + list.stderr);
});
