// Out-of-band management on a 3-node virtual cluster whose nodes use vcluster-setup's OOB
// program (a node's power is DIR/nodeK/power; off stops its daemons): gnt-node power and
// health, the offline/powered rules, gnt-cluster epo off and on, gnt-node
// restricted-command with each node's own directory, gnt-debug locks --interval and
// gnt-cluster upgrade.
import test from 'ava';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const PREFIX = '127.0.210';

test.before(async () => {
  vc = await startVcluster({
    nodes: 3, prefix: PREFIX, templates: 'diskless',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-debug'],
  });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const power = (node: string) => (existsSync(join(vc.dir, node, 'power')) ? readFileSync(join(vc.dir, node, 'power'), 'utf8').trim() : 'on');
const nodedAnswers = (k: number) => new Promise<boolean>((resolve) => {
  const s = connect({ host: `${PREFIX}.${9 + k}`, port: 1811, timeout: 1000 });
  const done = (ok: boolean) => { s.destroy(); resolve(ok); };
  s.once('connect', () => done(true)); s.once('error', () => done(false)); s.once('timeout', () => done(false));
});
const rows = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));

test.serial('without an OOB program: power status is unavailable and --node-powered is refused', async (t) => {
  const r = await vc.gnt(['gnt-node', 'power', 'status', 'node2']);
  t.is(r.code, 1, r.stdout + r.stderr);
  t.deepEqual(rows(r.stdout), ['Node Status', 'node2 (unavail)']);
  const m = await vc.gnt(['gnt-node', 'modify', '--node-powered=no', 'node2']);
  t.not(m.code, 0);
  t.regex(m.stderr + m.stdout, /does not support out-of-band handling/);
});

test.serial('power status and health through the OOB program', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'modify', '--node-parameters', `oob_program=${join(vc.dir, 'oob-program')}`]);
  t.deepEqual(rows(await vc.ok(t, ['gnt-node', 'power', 'status'])), ['Node Status', 'node1 powered', 'node2 powered', 'node3 powered']);
  writeFileSync(join(vc.dir, 'node3', 'oob-health'), '[["disk", "OK"], ["fan2", "CRITICAL"]]\n');
  const h = await vc.gnt(['gnt-node', 'health', 'node2', 'node3']);
  t.is(h.code, 0, h.stdout + h.stderr);
  t.regex(h.stdout, /WARNING: Item 'fan2' on node 'node3' has status 'CRITICAL'/);
  t.deepEqual(rows(h.stdout).filter((l) => !/WARNING/.test(l)).slice(-5), ['Node Status', 'node2 power-supply=OK', 'fans=OK', 'node3 disk=OK', 'fan2=CRITICAL']);
  writeFileSync(join(vc.dir, 'node3', 'oob-health'), '{"not": "a list"}\n');
  const bad = await vc.gnt(['gnt-node', 'health', 'node3']);
  t.is(bad.code, 1);
  t.regex(bad.stdout, /node3 \(nodata\)/);
  t.regex(bad.stdout, /is expected to return a list/);
});

test.serial('verify: ENODEOOBPATH for a node whose oob_program is missing or not executable, on master-capable nodes', async (t) => {
  const clean = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(clean.code, 0, clean.stdout + clean.stderr);
  t.notRegex(clean.stdout, /out of band/);
  const prog = join(vc.dir, 'oob-not-executable');
  writeFileSync(prog, '#!/bin/sh\n');
  chmodSync(prog, 0o644);
  await vc.ok(t, ['gnt-node', 'modify', '--node-parameters', `oob_program=${prog}`, 'node2']);
  await vc.ok(t, ['gnt-node', 'modify', '--node-parameters', `oob_program=${join(vc.dir, 'no-such-oob')}`, 'node3']);
  await vc.ok(t, ['gnt-node', 'modify', '--master-capable=no', 'node3']);
  const v = await vc.gnt(['gnt-cluster', 'verify', '--error-codes']);
  t.not(v.code, 0, v.stdout);
  // Every node checks every program; node3 may not become master, so its findings do not count.
  for (const n of ['node1', 'node2']) {
    t.regex(v.stdout, new RegExp(`ERROR:ENODEOOBPATH:node:${n}:out of band helper ${prog} is not executable`));
    t.regex(v.stdout, new RegExp(`ERROR:ENODEOOBPATH:node:${n}:error stating out of band helper: \\[Errno 2\\] No such file or directory: '${join(vc.dir, 'no-such-oob')}'`));
  }
  t.notRegex(v.stdout, /ENODEOOBPATH:node:node3/);
  // Back as it was: master-capable=no demoted node3, and the next test needs it a candidate.
  await vc.ok(t, ['gnt-node', 'modify', '--master-capable=yes', 'node3']);
  await vc.ok(t, ['gnt-node', 'modify', '--master-candidate=yes', 'node3']);
  for (const n of ['node2', 'node3']) await vc.ok(t, ['gnt-node', 'modify', '--node-parameters', `oob_program=${join(vc.dir, 'oob-program')}`, n]);
  const again = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(again.code, 0, again.stdout + again.stderr);
});

test.serial('power off refuses the master, marks the node offline and stops its daemons; on brings it back', async (t) => {
  // As in Ganeti, the job first marks the node offline, which the master refuses for itself…
  const m = await vc.gnt(['gnt-node', 'power', '-f', 'off', 'node1']);
  t.not(m.code, 0);
  t.regex(m.stdout + m.stderr, /cannot demote, drain or offline the master node node1/);
  // …and the OOB command itself never powers off the master.
  const mi = await vc.gnt(['gnt-node', 'power', '-f', '--ignore-status', 'off', 'node1']);
  t.not(mi.code, 0);
  t.regex(mi.stdout + mi.stderr, /Operating on the master node node1 is not allowed for power-off; run '.*oob-program power-off node1'/);
  t.is(power('node1'), 'on');
  const off = await vc.gnt(['gnt-node', 'power', '-f', 'off', 'node2']);
  t.is(off.code, 0, off.stdout + off.stderr);
  t.regex(off.stdout, /node2 +invoked/);
  t.is(power('node2'), 'off');
  t.false(await nodedAnswers(2), 'the powered-off node\'s noded is stopped');
  t.deepEqual(rows(await vc.ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name,offline,powered', 'node2'])), ['node2 Y N']);
  t.regex(await vc.ok(t, ['gnt-node', 'power', 'status', 'node2']), /node2 +unpowered/);
  const online = await vc.gnt(['gnt-node', 'modify', '-O', 'no', 'node2']);
  t.not(online.code, 0);
  t.regex(online.stdout + online.stderr, /needs to be turned on before its offline status can be reset/);
  t.regex(await vc.ok(t, ['gnt-node', 'power', 'on', 'node2']), /node2 +invoked/);
  t.is(power('node2'), 'on');
  t.true(await nodedAnswers(2));
  await vc.ok(t, ['gnt-node', 'modify', '-O', 'no', 'node2']);
  t.deepEqual(rows(await vc.ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name,offline,powered', 'node2'])), ['node2 N Y']);
  // A node that is not offline is powered off only with --ignore-status.
  const st = await vc.gnt(['gnt-node', 'power', '-f', '--ignore-status', 'cycle', 'node3']);
  t.is(st.code, 0, st.stdout + st.stderr);
  t.true(await nodedAnswers(3));
});

test.serial('epo shuts down the instances of a node and powers it off; epo --on brings both back', async (t) => {
  await vc.ok(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', 'node3', 'epo1']);
  const master = await vc.gnt(['gnt-cluster', 'epo', '-f', 'node1', 'node3']);
  t.is(master.code, 1);
  t.regex(master.stderr, /node1 is the master node, please do a master-failover/);
  const off = await vc.gnt(['gnt-cluster', 'epo', '-f', 'node3'], { timeoutMs: 120_000 });
  t.is(off.code, 0, off.stdout + off.stderr);
  t.regex(off.stdout, /Submit shutdown of instance epo1/);
  t.is(power('node3'), 'off');
  t.false(await nodedAnswers(3));
  t.deepEqual(rows(await vc.ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name,powered', 'node3'])), ['node3 N']);
  const on = await vc.gnt(['gnt-cluster', 'epo', '-f', '--on', 'node3'], { timeoutMs: 120_000 });
  t.is(on.code, 0, on.stdout + on.stderr);
  t.regex(on.stdout, /Node node3 became available/);
  t.regex(on.stdout, /Submit startup of instance epo1/);
  t.is(power('node3'), 'on');
  t.regex(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'status,admin_state', 'epo1']), /running\s+up/);
});

test.serial('restricted-command runs only commands from the node\'s own directory', async (t) => {
  const dir = join(vc.dir, 'node2', 'etc/ganeti/restricted-commands');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'hello'), '#!/bin/sh\necho "hello from $(pwd) LC_ALL=$LC_ALL"\n', { mode: 0o755 });
  const r = await vc.gnt(['gnt-node', 'restricted-command', 'hello', 'node2']);
  t.is(r.code, 0, r.stdout + r.stderr);
  // The output is printed as it is, followed by a newline (as Ganeti's ToStdout).
  t.deepEqual(r.stdout.split('\n').slice(-5), ['------------------------------------------------', 'Node: node2', 'hello from / LC_ALL=C', '', '']);
  t.regex(await vc.ok(t, ['gnt-node', 'restricted-command', '-M', 'hello', 'node2']), /^node2: hello from \/ LC_ALL=C$/m);
  // node3 has no directory: restricted commands are disabled there.
  const disabled = await vc.gnt(['gnt-node', 'restricted-command', 'hello', 'node3']);
  t.is(disabled.code, 1);
  t.regex(disabled.stdout, /Command 'hello' on node 'node3' failed: .*disabled/);
  // A name outside the directory is refused, after Ganeti's delay and without saying why.
  const escape = await vc.gnt(['gnt-node', 'restricted-command', '../../../bin/true', 'node2'], { timeoutMs: 60_000 });
  t.is(escape.code, 1);
  t.regex(escape.stdout, /Executing command '..\/..\/..\/bin\/true' failed/);
  t.regex(readFileSync(join(vc.dir, 'node2', 'var/log/ganeti/node-daemon.log'), 'utf8'), /restricted command '..\/..\/..\/bin\/true' refused: .*slash/);
  const none = await vc.gnt(['gnt-node', 'restricted-command', 'hello']);
  t.not(none.code, 0);
  t.regex(none.stderr, /Node group or node names must be given/);
});

test.serial('gnt-debug locks --interval repeats the list', async (t) => {
  const r = await vc.gnt(['gnt-debug', 'locks', '--interval', '1'], { timeoutMs: 2_600 });
  t.true(r.stdout.split('\n').filter((l) => /^Name +Mode +Owner +Pending/.test(l)).length >= 2, r.stdout + r.stderr);
  const bad = await vc.gnt(['gnt-debug', 'locks', '--interval', 'x']);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /--interval/);
});

test.serial('gnt-cluster upgrade: the running version is a no-op, another version is refused', async (t) => {
  const version = /Software version: (\S+)/.exec(await vc.ok(t, ['gnt-cluster', 'version']))![1]!;
  t.regex(await vc.ok(t, ['gnt-cluster', 'upgrade', '--to', version]), /already runs version/);
  const other = await vc.gnt(['gnt-cluster', 'upgrade', '--to', '9.9.0']);
  t.is(other.code, 1);
  t.regex(other.stderr, /Cannot upgrade to 9\.9\.0: ganeti-ts installs one version at a time/);
  t.is((await vc.gnt(['gnt-cluster', 'upgrade', '--resume'])).code, 0);
  const both = await vc.gnt(['gnt-cluster', 'upgrade', '--resume', '--to', version]);
  t.is(both.code, 1);
  t.regex(both.stderr, /Precisely one of the options --to and --resume/);
});
