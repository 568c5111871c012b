// daemons/masterd/bootstrap/ssh.ts against a real sshd of our own on a loopback address.
import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeUnreachableError, OpExecError } from '../../../daemons/common/errors.js';
import { resolvePaths } from '../../../daemons/common/paths.js';
import {
  remoteCommand, shellQuote, sshExec, sshSettings, sshUpload, openSsh, type SshSettings,
} from '../../../daemons/masterd/bootstrap/ssh.js';

const IP = '127.0.233.10';
const dir = mkdtempSync(join(tmpdir(), 'ssh-test-'));
let port = 0;
let sshdPid = 0;
let settings: SshSettings;
const target = () => ({ host: 'testnode', ip: IP });

function freePort(ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, ip, () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-q', '-f', file]);
}

test.before(async () => {
  keygen(join(dir, 'id'));
  keygen(join(dir, 'other'));
  keygen(join(dir, 'host'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id.pub')));
  port = await freePort(IP);
  // This file's tests connect at once, and sshd drops at random past MaxStartups' default
  // of 10 connections still in key exchange: on a loaded machine that lost a handshake.
  writeFileSync(join(dir, 'sshd_config'), [
    'MaxStartups 100', `ListenAddress ${IP}`, `Port ${port}`, `HostKey ${join(dir, 'host')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
    'StrictModes no', 'UsePAM no', 'UseDNS no', 'Subsystem sftp internal-sftp', 'LogLevel ERROR', '',
  ].join('\n'));
  mkdirSync('/run/sshd', { recursive: true });
  // In the foreground (-D), as our child: its pid is known at once, so it is ended even
  // when the suite is cut short (a daemonizing sshd whose pid file came late leaked).
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
  sshdPid = child.pid ?? 0;
  process.once('exit', () => { try { process.kill(sshdPid, 'SIGTERM'); } catch { /* gone */ } });
  const listening = () => new Promise<boolean>((resolve) => {
    const sock = connect(port, IP, () => { sock.destroy(); resolve(true); });
    sock.on('error', () => resolve(false));
  });
  for (let i = 0; i < 500 && child.exitCode === null && !(await listening()); i++) await new Promise((r) => setTimeout(r, 20));
  if (child.exitCode !== null || !(await listening())) throw new Error(`sshd did not start: ${readFileSync(join(dir, 'sshd.log'), 'utf8')}`);
  // The node's host key, known to the master (as gnt-node add --no-ssh-key-check records it).
  const hostPub = readFileSync(join(dir, 'host.pub'), 'utf8').split(' ');
  writeFileSync(join(dir, 'known_hosts'), `testnode,${IP} ${hostPub[0]} ${hostPub[1]}\n`);
  settings = { port, user: 'root', privateKey: readFileSync(join(dir, 'id')), keyFile: join(dir, 'id'), knownHostsFile: join(dir, 'known_hosts') };
});

test.after.always(() => {
  if (sshdPid) { try { process.kill(sshdPid, 'SIGTERM'); } catch { /* gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

test('exec returns stdout, stderr and the exit code', async (t) => {
  const r = await sshExec(target(), 'echo out; echo err >&2; exit 3', { settings });
  t.deepEqual(r, { code: 3, stdout: 'out\n', stderr: 'err\n' });
});

test('exec feeds input to the command', async (t) => {
  const r = await sshExec(target(), 'cat', { settings, input: 'hello\nworld' });
  t.is(r.stdout, 'hello\nworld');
  t.is(r.code, 0);
});

test('remoteCommand on a real node keeps every argument one word', async (t) => {
  const paths = resolvePaths({});
  const cmd = remoteCommand(paths, 'testnode', ['printf', '%s|', 'a b', "it's", '$HOME', '']);
  const r = await sshExec(target(), cmd, { settings });
  t.is(r.stdout, "a b|it's|$HOME||");
});

test('shellQuote leaves plain words alone and quotes the rest', (t) => {
  t.is(shellQuote('gnt-node'), 'gnt-node');
  t.is(shellQuote('/a/b.c'), '/a/b.c');
  t.is(shellQuote(''), "''");
  t.is(shellQuote("a'b"), `'a'\\''b'`);
});

test('upload creates parents, sets modes and replaces files atomically', async (t) => {
  const base = join(dir, 'up', 'deep', 'er');
  const files = [
    { path: join(base, 'secret.pem'), content: 'KEY\n', mode: 0o600 },
    { path: join(base, 'ssconf_master_node'), content: Buffer.from('node1\n'), mode: 0o444 },
  ];
  await sshUpload(target(), files, { settings });
  t.is(readFileSync(files[0]!.path, 'utf8'), 'KEY\n');
  t.is(statSync(files[0]!.path).mode & 0o777, 0o600);
  t.is(statSync(files[1]!.path).mode & 0o777, 0o444);
  // Again, with new content over the existing (even read-only) files.
  await sshUpload(target(), [{ ...files[1]!, content: 'node2\n' }], { settings });
  t.is(readFileSync(files[1]!.path, 'utf8'), 'node2\n');
  t.deepEqual(readdirSync(base).sort(), ['secret.pem', 'ssconf_master_node'], 'no temp files left');
});

test('one session runs several commands and uploads', async (t) => {
  const s = await openSsh(target(), { settings });
  try {
    await s.upload([{ path: join(dir, 'session', 'f'), content: 'x', mode: 0o644 }]);
    const r = await s.exec(`cat ${join(dir, 'session', 'f')}`);
    t.is(r.stdout, 'x');
    t.is((await s.exec('exit 7')).code, 7);
  } finally {
    s.close();
  }
});

test('a closed port is NodeUnreachableError naming host, ip and port', async (t) => {
  const closed = await freePort(IP);
  const err = await t.throwsAsync(sshExec(target(), 'true', { settings: { ...settings, port: closed } }));
  t.true(err instanceof NodeUnreachableError);
  t.regex(err!.message, new RegExp(`testnode \\(${IP.replace(/\./g, '\\.')}:${closed}\\)`));
});

test('a key the node does not know is an authentication OpExecError', async (t) => {
  const other = { ...settings, privateKey: readFileSync(join(dir, 'other')), keyFile: join(dir, 'other') };
  const err = await t.throwsAsync(sshExec(target(), 'true', { settings: other }));
  t.true(err instanceof OpExecError);
  t.regex(err!.message, /authentication as root to testnode .* failed with key .*other/);
});

test('a command running past its deadline is cut off', async (t) => {
  // A deadline long enough for the handshake on a loaded machine; the command would run 30 s.
  const err = await t.throwsAsync(sshExec(target(), 'sleep 30', { settings, timeoutMs: 3000 }));
  t.true(err instanceof OpExecError, err?.message);
  t.regex(err!.message, /Timed out after 3 s running 'sleep 30' on testnode/);
});

test('an abort signal cancels a running command', async (t) => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error('job cancelled')), 300);
  const err = await t.throwsAsync(sshExec(target(), 'sleep 5', { settings, signal: ac.signal }));
  t.is(err!.message, 'job cancelled');
});

test.serial('a burst of refused, cut-off and dropped connections: each call fails on its own, nothing is thrown past it', async (t) => {
  // ssh2 can report a connection's end twice (the refusal, then the socket's reset or loss);
  // a second error with no listener would end the calling daemon (it ended this suite on CI).
  let stray: Error | null = null;
  const onStray = (e: Error) => { stray = e; };
  process.prependListener('uncaughtException', onStray);
  try {
    const other = { ...settings, privateKey: readFileSync(join(dir, 'other')), keyFile: join(dir, 'other') };
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      calls.push(sshExec(target(), 'true', { settings: other }).then(() => 'ran', (e: Error) => e));
      calls.push(sshExec(target(), 'sleep 5', { settings, timeoutMs: 300 }).then(() => 'ran', (e: Error) => e));
    }
    for (const r of await Promise.all(calls)) t.true(r instanceof Error && r.message.includes('testnode'), `each call fails naming the node: ${String(r)}`);
    await new Promise((r) => setTimeout(r, 1000));
    t.is(stray, null, `an error escaped: ${String(stray)}`);
  } finally {
    process.removeListener('uncaughtException', onStray);
  }
});

test('sshSettings reads a virtual cluster description; remoteCommand goes through cmd', (t) => {
  const cdir = join(dir, 'vc');
  mkdirSync(join(cdir, 'node1'), { recursive: true });
  writeFileSync(join(cdir, 'vcluster.json'), JSON.stringify({
    prefix: '127.0.233', nodes: [], ssh_port: 10099, ssh_user: 'root', ssh_key: join(dir, 'id'),
  }));
  const paths = resolvePaths({ GANETI_ROOTDIR: join(cdir, 'node1'), GANETI_HOSTNAME: 'node1' });
  const s = sshSettings(paths);
  t.is(s.port, 10099);
  t.is(s.user, 'root');
  t.deepEqual(s.privateKey, readFileSync(join(dir, 'id')));
  t.is(remoteCommand(paths, 'node2', ['gnt-node', 'add', 'a b']), `${join(cdir, 'node2', 'cmd')} gnt-node add 'a b'`);
  // cmd runs a single argument through bash -c, so it is quoted twice to stay one word.
  t.is(remoteCommand(paths, 'node2', ['ensure-dirs']), `${join(cdir, 'node2', 'cmd')} ensure-dirs`);
  t.is(remoteCommand(paths, 'node2', ['my prog']), `${join(cdir, 'node2', 'cmd')} ''\\''my prog'\\'''`);
});

test('sshSettings without vcluster.json names the missing file', (t) => {
  const cdir = join(dir, 'novc');
  const paths = resolvePaths({ GANETI_ROOTDIR: join(cdir, 'node1'), GANETI_HOSTNAME: 'node1' });
  const err = t.throws(() => sshSettings(paths));
  t.true(err instanceof OpExecError);
  t.true(err!.message.includes(join(cdir, 'vcluster.json')));
});

test('an unknown host key is refused, naming its fingerprint; --no-ssh-key-check accepts and records it', async (t) => {
  const kh = join(dir, 'known_hosts.empty');
  const strict = { ...settings, knownHostsFile: kh };
  const err = await t.throwsAsync(sshExec(target(), 'true', { settings: strict }));
  t.true(err instanceof OpExecError);
  t.regex(err!.message, /The SSH host key of node testnode is not known: .*known_hosts\.empty has no ssh-ed25519 key for testnode or 127\.0\.233\.10\. The node offers SHA256:\S+; .*--no-ssh-key-check/);
  const fp = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'host.pub')], { encoding: 'utf8' }).split(' ')[1]!;
  t.true(err!.message.includes(fp), `the message names the key's fingerprint ${fp}`);
  t.is((await sshExec(target(), 'true', { settings: strict, acceptNewHostKey: true })).code, 0);
  t.regex(readFileSync(kh, 'utf8'), /^testnode,127\.0\.233\.10 ssh-ed25519 \S+\n$/);
  t.is((await sshExec(target(), 'true', { settings: strict })).code, 0, 'the recorded key is known from now on');
});

test('a changed host key refuses the connection, even with --no-ssh-key-check', async (t) => {
  const kh = join(dir, 'known_hosts.changed');
  const otherPub = readFileSync(join(dir, 'other.pub'), 'utf8').split(' ');
  writeFileSync(kh, `# old\ntestnode ${otherPub[0]} ${otherPub[1]}\n`);
  for (const acceptNewHostKey of [false, true]) {
    const err = await t.throwsAsync(sshExec(target(), 'touch ' + join(dir, 'reached'), { settings: { ...settings, knownHostsFile: kh }, acceptNewHostKey }));
    t.regex(err!.message, /The SSH host key of node testnode has changed: .*known_hosts\.changed line 2 has SHA256:\S+, the node offers ssh-ed25519 SHA256:/);
  }
  t.false(existsSync(join(dir, 'reached')), 'no command ran');
  t.is(readFileSync(kh, 'utf8').split('\n').length, 3, 'nothing recorded');
});
