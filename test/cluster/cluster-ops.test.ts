// gnt-cluster command, copyfile, rename, destroy, modify --use-external-mip-script and the
// master IP raised by masterd at its start, on a 3-node virtual cluster, driven as a user would.
import test from 'ava';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 3, prefix: '127.0.203', templates: 'diskless',
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-cluster-command', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-job'],
  });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const mip = (node: string) => JSON.parse(readFileSync(join(vc.dir, node, 'var/run/ganeti/master-ip'), 'utf8')) as { active: boolean; MASTER_IP: string };
const ssconf = (node: string, key: string) => readFileSync(join(vc.dir, node, `var/lib/ganeti/ssconf_${key}`), 'utf8').trim();

test.serial('command runs an argv on every node, the master last, in Ganeti\'s output format', async (t) => {
  const out = await vc.ok(t, ['gnt-cluster', 'command', 'printenv', 'GANETI_HOSTNAME']);
  const sep = '------------------------------------------------';
  t.is(out, ['node2', 'node3', 'node1'].map((n) => `${sep}\nnode: ${n}\n${n}\n\nreturn code = 0\n`).join(''));
  // Options end at the command; -M prefixes lines; the exit code is reported, not fatal.
  const m = await vc.ok(t, ['gnt-cluster', 'command', '-n', 'node3', '-M', 'sh', '-c', 'echo a; echo b >&2; exit 4']);
  t.is(m, `${sep}\nnode3: a\nnode3: b\nreturn code = 4\n`);
  const fo = await vc.ok(t, ['gnt-cluster', 'command', '--failure-only', 'sh', '-c', '[ "$GANETI_HOSTNAME" != node2 ]']);
  t.is(fo, `${sep}\nnode: node2\n\nreturn code = 1\n`);
  // No shell on the node: a shell string is one (missing) program.
  const marker = join(vc.dir, 'node2', 'pwned');
  const s = await vc.ok(t, ['gnt-cluster', 'command', '-n', 'node2', `touch ${marker}`]);
  t.regex(s, /command not found\n\nreturn code = 127/);
  t.false(existsSync(marker));
  const unknown = await vc.gnt(['gnt-cluster', 'command', '-n', 'nodeX', 'true']);
  t.not(unknown.code, 0);
  t.regex(unknown.stderr, /Node\(s\) nodeX not known/);
  // Only the master's certificate is obeyed: run elsewhere, the command is refused up front.
  const elsewhere = await vc.cmd('node2', ['gnt-cluster', 'command', 'true']);
  t.not(elsewhere.code, 0);
  t.regex(elsewhere.stderr, /must be run on the master node \(node1\)/);
});

test.serial('copyfile copies content and mode to the other nodes and refuses their own state', async (t) => {
  const rel = 'etc/ganeti/hooks/site.conf';
  mkdirSync(join(vc.dir, 'node1', 'etc/ganeti/hooks'), { recursive: true });
  writeFileSync(join(vc.dir, 'node1', rel), 'site=1\n', { mode: 0o600 });
  for (const n of ['node2', 'node3']) mkdirSync(join(vc.dir, n, 'etc/ganeti/hooks'), { recursive: true });
  await vc.ok(t, ['gnt-cluster', 'copyfile', join(vc.dir, 'node1', rel)]);
  for (const n of ['node2', 'node3']) t.is(readFileSync(join(vc.dir, n, rel), 'utf8'), 'site=1\n');
  writeFileSync(join(vc.dir, 'node1', rel), 'site=2\n');
  await vc.ok(t, ['gnt-cluster', 'copyfile', '-n', 'node3', join(vc.dir, 'node1', rel)]);
  t.is(readFileSync(join(vc.dir, 'node2', rel), 'utf8'), 'site=1\n');
  t.is(readFileSync(join(vc.dir, 'node3', rel), 'utf8'), 'site=2\n');
  const before = readFileSync(join(vc.dir, 'node2', 'var/lib/ganeti/ssconf_master_node'), 'utf8');
  writeFileSync(join(vc.dir, 'node1', 'var/lib/ganeti/ssconf_extra'), 'x\n');
  const bad = await vc.gnt(['gnt-cluster', 'copyfile', join(vc.dir, 'node1', 'var/lib/ganeti/ssconf_extra')]);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /Copy of file .* to node node2 failed: .*inside its data directory/);
  t.false(existsSync(join(vc.dir, 'node2', 'var/lib/ganeti/ssconf_extra')));
  t.is(readFileSync(join(vc.dir, 'node2', 'var/lib/ganeti/ssconf_master_node'), 'utf8'), before);
  const missing = await vc.gnt(['gnt-cluster', 'copyfile', join(vc.dir, 'node1', 'nope')]);
  t.not(missing.code, 0);
  t.regex(missing.stderr, /No such filename/);
});

test.serial('masterd raises the master IP when it starts; modify --use-external-mip-script switches the script', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'deactivate-master-ip', '--yes-do-it']);
  t.false(mip('node1').active);
  for (const verb of ['stop-master', 'start-master']) {
    const r = await vc.cmd('node1', ['daemon-util', verb]);
    t.is(r.code, 0, r.stdout + r.stderr);
  }
  t.true(mip('node1').active, 'masterd brought the master IP up at its start');
  await vc.ok(t, ['gnt-cluster', 'modify', '--use-external-mip-script', 'yes']);
  t.regex(await vc.ok(t, ['gnt-cluster', 'info']), /use external master IP address setup script: True/i);
  const r = await vc.gnt(['gnt-cluster', 'activate-master-ip']);
  t.not(r.code, 0);
  t.regex(r.stderr, /master-ip-setup does not exist on this node/);
  await vc.ok(t, ['gnt-cluster', 'modify', '--use-external-mip-script', 'no']);
  await vc.ok(t, ['gnt-cluster', 'activate-master-ip']);
  const bad = await vc.gnt(['gnt-cluster', 'modify', '--use-external-mip-script', 'maybe']);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /maybe/);
});

test.serial('rename moves the cluster name and the master IP everywhere', async (t) => {
  appendFileSync(join(vc.dir, 'hosts'), '127.0.203.2 cluster2\n');
  const out = await vc.ok(t, ['gnt-cluster', 'rename', '-f', 'cluster2']);
  t.regex(out, /Cluster renamed from 'cluster' to 'cluster2'/);
  t.like(mip('node1'), { active: true, MASTER_IP: '127.0.203.2' });
  t.regex(await vc.ok(t, ['gnt-cluster', 'info']), /Cluster name: cluster2/);
  for (let i = 0; i < 50 && ssconf('node3', 'cluster_name') !== 'cluster2'; i++) await new Promise((r) => setTimeout(r, 100));
  t.is(ssconf('node3', 'cluster_name'), 'cluster2');
  t.is(ssconf('node3', 'master_ip'), '127.0.203.2');
  const same = await vc.gnt(['gnt-cluster', 'rename', '-f', 'cluster2']);
  t.regex(same.stderr, /Neither the name nor the IP address of the cluster has changed/);
});

test.serial('destroy needs --yes-do-it and an empty cluster, then the master leaves and its daemons stop', async (t) => {
  const no = await vc.gnt(['gnt-cluster', 'destroy']);
  t.is(no.code, 1);
  t.regex(no.stderr, /supply the --yes-do-it option/);
  const busy = await vc.gnt(['gnt-cluster', 'destroy', '--yes-do-it']);
  t.not(busy.code, 0);
  t.regex(busy.stderr, /There are still 2 node\(s\) in this cluster\./);
  for (const n of ['node2', 'node3']) await vc.ok(t, ['gnt-node', 'remove', n]);
  await vc.ok(t, ['gnt-cluster', 'destroy', '--yes-do-it']);
  const root = join(vc.dir, 'node1');
  for (const f of ['var/lib/ganeti/config.data', 'var/lib/ganeti/server.pem', 'var/lib/ganeti/ssconf_master_node', 'var/lib/ganeti/queue']) {
    t.false(existsSync(join(root, f)), `${f} removed`);
  }
  t.false(mip('node1').active);
  for (let i = 0; i < 50 && (existsSync(join(root, 'var/run/ganeti/ganeti-noded.pid')) || existsSync(join(root, 'var/run/ganeti/ganeti-masterd.pid'))); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  t.false(existsSync(join(root, 'var/run/ganeti/ganeti-masterd.pid')), 'masterd stopped');
  t.false(existsSync(join(root, 'var/run/ganeti/ganeti-noded.pid')), 'noded stopped');
});
