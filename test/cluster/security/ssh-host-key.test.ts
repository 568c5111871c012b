// gnt-node add checks the node's SSH host key against the master's known_hosts before it
// sends the node any credential: an unknown key is refused unless --no-ssh-key-check,
// which records it; a changed key is refused with a clear message, even with the option.
import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';

const PREFIX = '127.0.101';
let vc: Vcluster;
let knownHosts: string;

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  knownHosts = join(vc.dir, 'node1/var/lib/ganeti/known_hosts');
});
test.after.always(async () => { await vc?.stop(); });

const nodes = async () => (await vc.gnt(['gnt-node', 'list', '--no-headers', '-o', 'name'])).stdout.split('\n').filter(Boolean);

test.serial('an unknown host key refuses the join and names the option that accepts it', async (t) => {
  const r = await vc.gnt(['gnt-node', 'add', 'node2'], { timeoutMs: 120_000 });
  t.is(r.code, 1, r.stdout + r.stderr);
  t.regex(r.stdout + r.stderr, /The SSH host key of node node2 is not known: .*known_hosts has no ssh-ed25519 key for node2 or 127\.0\.101\.11\. The node offers SHA256:\S+; .*--no-ssh-key-check/);
  t.deepEqual(await nodes(), ['node1']);
  t.false(existsSync(join(vc.dir, 'node2/var/lib/ganeti/server.pem')), 'node2 got no certificate');
});

test.serial('--no-ssh-key-check accepts the key and records it in the master\'s known_hosts', async (t) => {
  const r = await vc.gnt(['gnt-node', 'add', '--no-ssh-key-check', 'node2'], { timeoutMs: 120_000 });
  t.is(r.code, 0, r.stdout + r.stderr);
  t.deepEqual(await nodes(), ['node1', 'node2']);
  t.regex(readFileSync(knownHosts, 'utf8'), /^node2,127\.0\.101\.11 ssh-ed25519 \S+$/m);
});

test.serial('a changed host key refuses a readd with a clear message, even with --no-ssh-key-check', async (t) => {
  const other = join(vc.dir, 'other-key');
  execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-q', '-f', other]);
  const [type, key] = readFileSync(`${other}.pub`, 'utf8').split(' ');
  writeFileSync(knownHosts, `node2,127.0.101.11 ${type} ${key}\n`);
  for (const args of [['--readd'], ['--readd', '--no-ssh-key-check']]) {
    const r = await vc.gnt(['gnt-node', 'add', ...args, 'node2'], { timeoutMs: 120_000 });
    t.is(r.code, 1, r.stdout + r.stderr);
    t.regex(r.stdout + r.stderr, /The SSH host key of node node2 has changed: .*known_hosts line 1 has SHA256:\S+, the node offers ssh-ed25519 SHA256:/);
  }
  t.is(readFileSync(knownHosts, 'utf8').split('\n').length, 2, 'the recorded key stays');
});
