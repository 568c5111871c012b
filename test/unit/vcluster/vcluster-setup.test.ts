// vcluster/vcluster-setup: the layout it creates, the cmd scripts, and refusal of bad
// options. Needs build/bin/ensure-dirs and daemon-util (npm run build), nothing else.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, requirePrograms, run, VCLUSTER_SETUP } from '../../../vcluster/harness.js';

const base = mkdtempSync(join(tmpdir(), 'vcluster-setup-test-'));
test.after.always(() => rmSync(base, { recursive: true, force: true }));

function setup(args: string[]) {
  return run(VCLUSTER_SETUP, args, { timeoutMs: 60_000 });
}

test.before(() => requirePrograms(['ensure-dirs', 'daemon-util']));

test('creates node roots, hosts, description, capacities and cluster scripts', async (t) => {
  const dir = join(base, 'layout');
  const r = await setup(['-c', '3', '-i', '2', '-p', '127.0.231', '-m', '1024,2048,4096', '--node-cpus', '4',
    '--ssh-port=10122', dir]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /start-all/);
  t.regex(r.stdout, /node1\/cmd gnt-cluster init --no-etc-hosts --no-ssh-init --master-netdev=lo .*\n.*--enabled-hypervisors=fake/);
  t.regex(r.stdout, /node1\/cmd gnt-node add --no-ssh-key-check node2/);

  t.is(readFileSync(join(dir, 'hosts'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join('\n'),
    ['127.0.231.1 cluster', '127.0.231.10 node1', '127.0.231.11 node2', '127.0.231.12 node3',
      '127.0.231.100 instance1', '127.0.231.101 instance2'].join('\n'));
  const desc = JSON.parse(readFileSync(join(dir, 'vcluster.json'), 'utf8'));
  t.like(desc, { prefix: '127.0.231', ssh_port: 10122, ssh_user: 'root', ssh_key: join(dir, 'ssh/id_ed25519') });
  t.deepEqual(desc.nodes, [1, 2, 3].map((k) => ({ name: `node${k}`, ip: `127.0.231.${9 + k}` })));
  for (const f of ['ssh/id_ed25519', 'ssh/id_ed25519.pub', 'ssh/ssh_host_ed25519_key', 'ssh/authorized_keys']) {
    t.true(existsSync(join(dir, f)), f);
  }
  for (const s of ['start-all', 'stop-all', 'restart-all', 'status-all', 'watcher-all']) {
    t.is(statSync(join(dir, s)).mode & 0o111, 0o111, `${s} is executable`);
  }

  const n2 = join(dir, 'node2');
  for (const d of ['etc/default', 'etc/ganeti', 'var/lock', 'var/lib/ganeti/queue/archive', 'var/run/ganeti/socket',
    'var/run/ganeti/fake-hypervisor', 'var/log/ganeti/os', 'srv/ganeti/os', 'srv/ganeti/file-storage',
    'srv/ganeti/shared-file-storage']) {
    t.true(statSync(join(n2, d)).isDirectory(), d);
  }
  t.is(statSync(join(n2, 'var/run/ganeti/socket')).mode & 0o777, 0o750);
  const defaults = readFileSync(join(n2, 'etc/default/ganeti'), 'utf8');
  t.regex(defaults, /^NODED_ARGS='-b 127\.0\.231\.11'$/m);
  t.regex(defaults, /^RAPI_ARGS='-b 127\.0\.231\.11'$/m);
  t.regex(defaults, /^MASTERD_ARGS=''$/m);
  t.regex(defaults, new RegExp(`^export GANETI_ROOTDIR='${n2}' GANETI_HOSTNAME='node2'$`, 'm'));
  t.deepEqual(JSON.parse(readFileSync(join(n2, 'etc/ganeti/fake-node.json'), 'utf8')),
    { cpus: 4, memory: 2048, disk: 1048576, memory_dom0: 512 });
  const sshd = readFileSync(join(n2, 'etc/ssh/sshd_config'), 'utf8');
  t.regex(sshd, /^ListenAddress 127\.0\.231\.11$/m);
  t.regex(sshd, /^Port 10122$/m);
  t.regex(sshd, new RegExp(`^PidFile ${n2}/var/run/sshd\\.pid$`, 'm'));

  // Running it again on the same directory keeps the keys and succeeds.
  const key = readFileSync(join(dir, 'ssh/id_ed25519'));
  t.is((await setup(['-c', '3', '-p', '127.0.231', dir])).code, 0);
  t.deepEqual(readFileSync(join(dir, 'ssh/id_ed25519')), key);
});

test('cmd sets the node variables and PATH; one argument goes through bash -c', async (t) => {
  const dir = join(base, 'cmd');
  t.is((await setup(['-c', '2', '-p', '127.0.231', dir])).code, 0);
  const cmd = join(dir, 'node2', 'cmd');
  const a = await run(cmd, ['echo $GANETI_HOSTNAME $GANETI_ROOTDIR | tr a-z A-Z']);
  t.is(a.stdout, `NODE2 ${join(dir, 'node2').toUpperCase()}\n`);
  const b = await run(cmd, ['printf', '%s|', 'a b', '$HOME']);
  t.is(b.stdout, 'a b|$HOME|', 'several arguments keep their quoting');
  const c = await run(cmd, ['sh', '-c', 'command -v daemon-util']);
  t.is(c.stdout.trim(), join(BIN, 'daemon-util'));
  const d = await run(cmd, ['exit 4']);
  t.is(d.code, 4, 'the exit code comes through');
  t.is((await run(cmd, [])).code, 1);
});

const bad: [string, string[], RegExp][] = [
  ['too many nodes', ['-c', '91'], /invalid number of nodes '91' \(-c\): must be an integer from 1 to 90/],
  ['zero nodes', ['-c', '0'], /invalid number of nodes '0'/],
  ['non-numeric nodes', ['-c', 'three'], /invalid number of nodes 'three'/],
  ['too many instances', ['-i', '156'], /invalid number of instances '156'/],
  ['a prefix outside loopback', ['-p', '192.0.2'], /invalid prefix '192\.0\.2' \(-p\): must be in 127\.0\.0\.0\/8/],
  ['a malformed prefix', ['-p', '127.0'], /invalid prefix '127\.0' \(-p\): expected three octets/],
  ['an octet over 255', ['-p', '127.0.256'], /octet 256 > 255/],
  ['a memory list of the wrong length', ['-c', '3', '-m', '1024,2048'], /give one value for all nodes or exactly 3 comma-separated values \(got 2\)/],
  ['a bad memory value', ['-m', '1G'], /invalid node memory '1G'/],
  ['a bad SSH port', ['--ssh-port', '70000'], /invalid SSH port '70000'/],
  ['an unknown option', ['--frobnicate'], /unknown option '--frobnicate'/],
  ['a missing option value', ['-c'], /option -c needs a value/],
];
for (const [what, args, msg] of bad) {
  test(`refuses ${what}`, async (t) => {
    const dir = join(base, 'bad');
    const r = await setup(args[0] === '-c' && args.length === 1 ? args : [...args, dir]);
    t.is(r.code, 1);
    t.regex(r.stderr, msg);
    t.false(existsSync(join(dir, 'node1')), 'nothing was created');
  });
}

test('refuses a missing DIR and two DIRs', async (t) => {
  const a = await setup(['-c', '1']);
  t.is(a.code, 1);
  t.regex(a.stderr, /missing DIR/);
  const b = await setup([join(base, 'x'), join(base, 'y')]);
  t.is(b.code, 1);
  t.regex(b.stderr, /only one DIR may be given/);
});

test('--help prints usage and succeeds', async (t) => {
  const r = await setup(['--help']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^Usage: vcluster-setup/);
});
