// tools/daemon-util.ts, run from source (tsx) against fake daemons in GANETI_PROGRAM_DIR, so
// the test needs neither a build nor the real daemons.
import test from 'ava';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, run, type RunResult } from '../../../vcluster/harness.js';
import { isAlive as alive } from '../../../daemons/common/process-alive.js';

const base = mkdtempSync(join(tmpdir(), 'daemon-util-test-'));
const started = new Set<number>(); // every pid a test saw, to clean up whatever is left

// A stand-in daemon: logs its arguments, writes its pid file a moment after start (like a
// daemon that binds first), removes it on SIGTERM. FAKE_FAIL makes it exit at once.
const FAKE_DAEMON = `#!/bin/bash
name=$(basename "$0")
echo "$name args: $*"
[ -n "\${FAKE_FAIL:-}" ] && { echo "$name: cannot bind: address in use"; exit 3; }
pidf=$GANETI_ROOTDIR/var/run/ganeti/$name.pid
trap 'rm -f "$pidf"; exit 0' TERM
sleep 0.2
echo $$ > "$pidf"
while :; do sleep 0.05; done
`;

interface Node { root: string; env: NodeJS.ProcessEnv; pidFile(d: string): string; out(short: string): string }

function makeNode(name: string, opts: { joined?: boolean; master?: boolean } = {}): Node {
  const cluster = mkdtempSync(join(base, 'c-'));
  const root = join(cluster, name);
  const bin = join(cluster, 'bin');
  for (const d of ['etc/default', 'var/run/ganeti', 'var/log/ganeti', 'var/lib/ganeti']) mkdirSync(join(root, d), { recursive: true });
  mkdirSync(bin);
  for (const d of ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi']) {
    writeFileSync(join(bin, d), FAKE_DAEMON);
    chmodSync(join(bin, d), 0o755);
  }
  writeFileSync(join(root, 'etc/default/ganeti'),
    `NODED_ARGS='-b 127.0.0.1 --extra "two words"'\nMASTERD_ARGS=''\nexport GANETI_ROOTDIR='${root}' GANETI_HOSTNAME='${name}'\n`);
  if (opts.joined) writeFileSync(join(root, 'var/lib/ganeti/server.pem'), 'cert');
  if (opts.master) writeFileSync(join(root, 'var/lib/ganeti/ssconf_master_node'), `${name}\n`);
  return {
    root,
    env: { ...process.env, GANETI_ROOTDIR: root, GANETI_HOSTNAME: name, GANETI_PROGRAM_DIR: bin },
    pidFile: (d) => join(root, 'var/run/ganeti', `${d}.pid`),
    out: (short) => join(root, 'var/log/ganeti', `${short}.log.out`),
  };
}

function du(node: Node, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, ['--import', 'tsx', join(REPO, 'tools/daemon-util.ts'), ...args],
    { env: { ...node.env, ...extraEnv }, cwd: REPO, timeoutMs: 30_000 });
}

function pidOf(node: Node, daemon: string): number | null {
  try {
    const pid = Number(readFileSync(node.pidFile(daemon), 'utf8'));
    started.add(pid);
    return pid;
  } catch { return null; }
}


test.after.always(() => {
  for (const pid of started) if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(base, { recursive: true, force: true });
});

test('start-all on a node outside any cluster does nothing and succeeds', async (t) => {
  const node = makeNode('node1');
  const r = await du(node, ['start-all']);
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(node.pidFile('ganeti-noded')));
  const s = await du(node, ['status-all']);
  t.is(s.code, 0);
  t.regex(s.stdout, /ganeti-noded: stopped/);
});

test('start, start again, check, stop: idempotent, with arguments from etc/default/ganeti', async (t) => {
  const node = makeNode('node2', { joined: true });
  const r1 = await du(node, ['start-all']);
  t.is(r1.code, 0, r1.stderr);
  const pid = pidOf(node, 'ganeti-noded');
  t.truthy(pid);
  t.regex(r1.stdout, new RegExp(`ganeti-noded started \\(pid ${pid}\\)`));
  t.false(existsSync(node.pidFile('ganeti-masterd')), 'masterd only runs on the master');
  t.regex(readFileSync(node.out('noded'), 'utf8'), /ganeti-noded args: -f -b 127\.0\.0\.1 --extra two words/);

  const r2 = await du(node, ['start', 'ganeti-noded']);
  t.is(r2.code, 0);
  t.regex(r2.stdout, new RegExp(`ganeti-noded already running \\(pid ${pid}\\)`));
  t.is(pidOf(node, 'ganeti-noded'), pid);
  t.is((await du(node, ['check', 'ganeti-noded'])).code, 0);
  t.is((await du(node, ['status-all'])).code, 0);

  const r3 = await du(node, ['stop-all']);
  t.is(r3.code, 0, r3.stderr);
  t.false(alive(pid!));
  t.false(existsSync(node.pidFile('ganeti-noded')));
  const c = await du(node, ['check', 'ganeti-noded']);
  t.is(c.code, 1);
  t.regex(c.stdout, /ganeti-noded: stopped/);
  t.is((await du(node, ['status-all'])).code, 1, 'a joined node without noded is unhealthy');
});

test('the master runs masterd and rapi too; restart-all gives new pids', async (t) => {
  const node = makeNode('node1', { joined: true, master: true });
  t.is((await du(node, ['start-all'])).code, 0);
  const noded = pidOf(node, 'ganeti-noded');
  const masterd = pidOf(node, 'ganeti-masterd');
  t.truthy(noded);
  t.truthy(masterd);
  t.truthy(pidOf(node, 'ganeti-rapi'), 'ganeti-rapi is a master daemon');
  const r = await du(node, ['restart-all']);
  t.is(r.code, 0, r.stderr);
  t.false(alive(masterd!));
  t.not(pidOf(node, 'ganeti-masterd'), masterd);
  t.is((await du(node, ['stop-all'])).code, 0);
  t.false(existsSync(node.pidFile('ganeti-masterd')));
  t.false(existsSync(node.pidFile('ganeti-rapi')));
  t.false(existsSync(node.pidFile('ganeti-noded')));
});

test('a daemon that dies at start-up fails the start and shows its output', async (t) => {
  const node = makeNode('node3', { joined: true });
  const r = await du(node, ['start', 'ganeti-noded'], { FAKE_FAIL: '1' });
  t.is(r.code, 1);
  t.regex(r.stderr, /ganeti-noded failed to start \(exit code 3\)/);
  t.regex(r.stderr, /cannot bind: address in use/);
});

test('a stale pid file naming another process is removed, never signalled', async (t) => {
  const node = makeNode('node4', { joined: true });
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  started.add(other.pid!);
  writeFileSync(node.pidFile('ganeti-noded'), `${other.pid}\n`);
  const r = await du(node, ['stop', 'ganeti-noded']);
  t.is(r.code, 0);
  t.regex(r.stdout, /ganeti-noded not running/);
  t.true(alive(other.pid!), 'the unrelated process survives');
  t.false(existsSync(node.pidFile('ganeti-noded')));
  other.kill('SIGKILL');
});

test('bad usage is refused with a clear message', async (t) => {
  const node = makeNode('node5');
  const a = await du(node, ['frobnicate']);
  t.is(a.code, 1);
  t.regex(a.stderr, /unknown command 'frobnicate'/);
  const b = await du(node, ['start', 'ganeti-nosuchd']);
  t.is(b.code, 1);
  t.regex(b.stderr, /unknown daemon 'ganeti-nosuchd'; expected one of ganeti-noded, ganeti-masterd, ganeti-rapi/);
  const c = await du(node, ['start-all', 'extra']);
  t.is(c.code, 1);
  const d = await du(node, ['status-all'], { GANETI_HOSTNAME: 'wrong' });
  t.is(d.code, 1);
  t.regex(d.stderr, /must end in the host name 'wrong'/);
});

test('daemons start only from the program dir, never from PATH (another install there is ignored)', async (t) => {
  const node = makeNode('node1', { joined: true });
  // Another Ganeti's noded first on PATH, and none in the program dir.
  const other = mkdtempSync(join(base, 'other-'));
  const bin = node.env.GANETI_PROGRAM_DIR!;
  writeFileSync(join(other, 'ganeti-noded'), FAKE_DAEMON);
  chmodSync(join(other, 'ganeti-noded'), 0o755);
  rmSync(join(bin, 'ganeti-noded'));
  const r = await du(node, ['start', 'ganeti-noded'], { PATH: `${other}:${process.env.PATH}` });
  t.not(r.code, 0);
  t.true(r.stderr.includes(`ganeti-noded: program not found in ${bin} (run npm run build; daemons are never looked up on PATH)`), r.stderr);
  t.is(pidOf(node, 'ganeti-noded'), null);
  const rel = await du(node, ['start', 'ganeti-noded'], { GANETI_PROGRAM_DIR: 'bin' });
  t.not(rel.code, 0);
  t.regex(rel.stderr, /GANETI_PROGRAM_DIR must be an absolute path, not 'bin'/);
});
