// start-all / status-all / stop-all of a virtual cluster that has no Ganeti cluster yet:
// only the nodes' sshds run (daemon-util start-all does nothing on an unjoined node), and
// the master's SSH client reaches a node through them exactly as gnt-node add will.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { remoteCommand, sshExec, sshSettings } from '../../../daemons/masterd/bootstrap/ssh.js';
import { requirePrograms, run, VCLUSTER_SETUP } from '../../../vcluster/harness.js';
import { isAlive as alive } from '../../../daemons/common/process-alive.js';

const PREFIX = '127.0.232';
const dir = mkdtempSync(join(tmpdir(), 'vcluster-ss-test-'));
const sshdPidFile = (k: number) => join(dir, `node${k}`, 'var/run/sshd.pid');
const seen = new Set<number>();

function sshdPid(k: number): number | null {
  try {
    const pid = Number(readFileSync(sshdPidFile(k), 'utf8'));
    seen.add(pid);
    return pid;
  } catch { return null; }
}
function banner(ip: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, ip);
    s.once('data', (d) => { s.destroy(); resolve(d.toString()); });
    s.once('error', reject);
  });
}

test.before(async () => {
  requirePrograms(['ensure-dirs', 'daemon-util']);
  const r = await run(VCLUSTER_SETUP, ['-c', '2', '-p', PREFIX, '--ssh-port', '10222', dir]);
  if (r.code !== 0) throw new Error(`vcluster-setup failed: ${r.stderr}`);
});

test.after.always(async () => {
  await run(join(dir, 'stop-all'), []).catch(() => undefined);
  // Anything stop-all missed: only pids we read from the cluster's own pid files.
  for (const pid of seen) if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

test.serial('start-all starts one sshd per node and is idempotent', async (t) => {
  const r = await run(join(dir, 'start-all'), []);
  t.is(r.code, 0, r.stdout + r.stderr);
  const pids = [sshdPid(1), sshdPid(2)];
  for (const pid of pids) t.true(pid !== null && alive(pid), `sshd pid ${pid} alive`);
  t.regex(await banner(`${PREFIX}.10`, 10222), /^SSH-2\.0-OpenSSH/);
  t.regex(await banner(`${PREFIX}.11`, 10222), /^SSH-2\.0-OpenSSH/);
  t.false(existsSync(join(dir, 'node1/var/run/ganeti/ganeti-noded.pid')), 'no Ganeti daemon on an unjoined node');

  const again = await run(join(dir, 'start-all'), []);
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, /node1: sshd already running/);
  t.deepEqual([sshdPid(1), sshdPid(2)], pids);

  const status = await run(join(dir, 'status-all'), []);
  t.is(status.code, 0, status.stdout);
  t.regex(status.stdout, /node2: sshd: running/);
});

test.serial('the bootstrap SSH client runs commands on a node through its cmd', async (t) => {
  const master = resolvePaths({ GANETI_ROOTDIR: join(dir, 'node1'), GANETI_HOSTNAME: 'node1' });
  const settings = sshSettings(master);
  const command = remoteCommand(master, 'node2', ['sh', '-c', 'echo $GANETI_HOSTNAME $GANETI_ROOTDIR; command -v ensure-dirs']);
  const r = await sshExec({ host: 'node2', ip: `${PREFIX}.11` }, command, { settings, acceptNewHostKey: true });
  t.is(r.code, 0, r.stderr);
  const [line1, line2] = r.stdout.trim().split('\n');
  t.is(line1, `node2 ${join(dir, 'node2')}`);
  t.regex(line2 ?? '', /build\/bin\/ensure-dirs$/);
});

test.serial('stop-all stops every sshd and removes its pid file', async (t) => {
  const pids = [sshdPid(1), sshdPid(2)].filter((p): p is number => p !== null);
  t.is(pids.length, 2);
  const r = await run(join(dir, 'stop-all'), []);
  t.is(r.code, 0, r.stdout + r.stderr);
  for (const pid of pids) t.false(alive(pid), `sshd ${pid} stopped`);
  t.false(existsSync(sshdPidFile(1)));
  t.false(existsSync(sshdPidFile(2)));
  const status = await run(join(dir, 'status-all'), []);
  t.is(status.code, 1, 'a stopped sshd makes status-all fail');
  // Stopping a stopped cluster is fine.
  t.is((await run(join(dir, 'stop-all'), [])).code, 0);
});
