// burnin as a user runs it on a 3-node virtual cluster with the fake hypervisor: serial and
// --parallel runs that create, exercise and remove instances (checked through the output,
// the job queue and the nodes' state files), -K, and failures (a name already in use, an
// unknown OS, bad options, an interrupt) that exit non-zero and leave nothing behind.

import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type RunResult, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.80',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'burnin'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

// No --no-name-check: burnin's throwaway names are not checked by default.
const COMMON = ['-o', 'dummy'];

const burnin = (args: string[]) => vc.gnt(['burnin', ...args], { timeoutMs: 180_000 });

function explain(r: RunResult): string {
  return `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}\n${vc.logs()}`;
}

async function instances(): Promise<string[]> {
  const r = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name']);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Every fake-hypervisor state file on every node: what runs. */
function running(): string[] {
  return vc.nodes.flatMap((n) => {
    const dir = join(vc.dir, n, 'var/run/ganeti/fake-hypervisor');
    return existsSync(dir) ? readdirSync(dir) : [];
  });
}

/** Job summaries with their status, oldest first ("success INSTANCE_REBOOT(x),…"). */
async function jobs(): Promise<string[]> {
  const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '--separator=|', '-o', 'id,status,summary']);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => { const [, status, summary] = l.split('|'); return `${status} ${summary}`; });
}

/** Asserts that the given lines appear in this order (not necessarily adjacent). */
function inOrder(t: ExecutionContext, text: string, lines: string[]): void {
  const all = text.split('\n');
  let at = 0;
  for (const want of lines) {
    const i = all.indexOf(want, at);
    if (i < 0) return t.fail(`missing (in order) line ${JSON.stringify(want)} in:\n${text}`);
    at = i + 1;
  }
}

test.serial('serial burnin creates instances round-robin, exercises each and removes them', async (t) => {
  const before = (await jobs()).length;
  const r = await burnin([...COMMON, '-t', 'diskless', '--rename', 'bs-tmp', 'bs1', 'bs2', 'bs3', 'bs4']);
  t.is(r.code, 0, explain(r));
  inOrder(t, r.stdout, [
    '- Testing global parameters',
    '- Creating instances', '  * instance bs1', '    on node1', '  * instance bs2', '    on node2',
    '  * instance bs3', '    on node3', '  * instance bs4', '    on node1',
    '- Stopping and starting instances', '  * instance bs1',
    '- Rebooting instances', '  * instance bs1', "    reboot with type 'soft'", "    reboot with type 'hard'", "    reboot with type 'full'",
    '- Renaming instances', '  * instance bs1', '  * instance bs4',
    '- Removing instances', '  * instance bs1', '  * instance bs2', '  * instance bs3', '  * instance bs4',
  ]);
  // Diskless counts as mirrored (Ganeti's DTS_EXT_MIRROR): failover and migration are
  // tried, and skipped with the master's reason where it does not implement them.
  inOrder(t, r.stdout, ['- Failing over instances', '- Migrating instances']);
  t.notRegex(r.stdout, /^- Skipping (failover|migration) \(disk template/m);
  t.notRegex(r.stdout, /Submitted jobs/, 'serial mode sends one job at a time');
  t.deepEqual(await instances(), []);
  t.deepEqual(running(), []);
  // The job queue shows what really ran, in order, for every instance.
  const ran = (await jobs()).slice(before);
  for (const name of ['bs1', 'bs2', 'bs3', 'bs4']) {
    const mine = ran.filter((j) => j.includes(`(${name})`));
    t.is(mine[0], `success INSTANCE_CREATE(${name})`);
    t.true(mine.includes(`success INSTANCE_SHUTDOWN(${name}),INSTANCE_STARTUP(${name})`), mine.join('\n'));
    t.true(mine.includes(`success INSTANCE_REBOOT(${name}),INSTANCE_REBOOT(${name}),INSTANCE_REBOOT(${name})`), mine.join('\n'));
    t.true(mine.includes(`success INSTANCE_SHUTDOWN(${name}),INSTANCE_RENAME(${name}),INSTANCE_STARTUP(bs-tmp)`), mine.join('\n'));
    t.true(mine.includes(`success INSTANCE_SHUTDOWN(bs-tmp),INSTANCE_RENAME(bs-tmp),INSTANCE_STARTUP(${name})`), mine.join('\n'));
    t.is(mine.at(-1), `success INSTANCE_REMOVE(${name})`);
  }
});

test.serial('parallel burnin submits each step as one set of jobs and removes everything', async (t) => {
  const names = ['bp1', 'bp2', 'bp3', 'bp4', 'bp5'];
  const r = await burnin([...COMMON, '-t', 'file', '--disk-size', '32M', '--disk-growth', '16M', '-p', ...names]);
  t.is(r.code, 0, explain(r));
  inOrder(t, r.stdout, ['- Creating instances', '  * instance bp5', '    on node2']);
  // All five creations went out in one request, then were waited for.
  const created = /- Creating instances\n(?:.*\n)*?Submitted jobs (\d+), (\d+), (\d+), (\d+), (\d+)\n/.exec(r.stdout);
  t.truthy(created, r.stdout);
  inOrder(t, r.stdout, [...names.map((n, i) => `Waiting for job ${created![i + 1]} for ${n} ...`),
    '- Stopping and starting instances', '- Rebooting instances', '- Removing instances']);
  t.regex(r.stdout, /^- Skipping (failover|migration) \(disk template file does not support it\)$/m);
  // Growing is either done (grow-disk exists) or skipped with the master's reason.
  t.regex(r.stdout, /^- Growing disks\n(?:.*\n)*?(?:Submitted jobs|- Skipping disk growth \(not supported by this cluster: )/m);
  t.deepEqual(await instances(), []);
  t.deepEqual(running(), []);
  for (const node of vc.nodes) {
    for (const n of names) t.false(existsSync(join(vc.dir, node, 'srv/ganeti/file-storage', n)), `${node}: ${n} disk left`);
  }
});

test.serial('-K keeps the instances, running, after a successful burnin', async (t) => {
  const r = await burnin([...COMMON, '-t', 'diskless', '-K', '-p', '--no-reboot', 'bk1', 'bk2']);
  t.is(r.code, 0, explain(r));
  t.notRegex(r.stdout, /Removing instances/);
  t.deepEqual((await instances()).sort(), ['bk1', 'bk2']);
  t.deepEqual(running().sort(), ['bk1', 'bk2']);
  for (const n of ['bk1', 'bk2']) t.is((await vc.gnt(['gnt-instance', 'remove', '-f', n])).code, 0);
});

test.serial('an instance name already in use fails the burnin; what it created is removed, the other instance kept', async (t) => {
  const add = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'bd-dup']);
  t.is(add.code, 0, explain(add));
  for (const mode of [[], ['-p']]) {
    const r = await burnin([...COMMON, '-t', 'diskless', ...mode, 'bd1', 'bd-dup', 'bd3']);
    t.is(r.code, 1, explain(r));
    t.regex(r.stderr, /^Job \d+ for bd-dup has failed: Failure: prerequisites not met for this operation:\nerror type: already_exists, error details:\nInstance 'bd-dup' is already in the cluster$/m);
    t.regex(r.stderr, /^Burnin failed: .*Instance 'bd-dup' is already in the cluster/m);
    inOrder(t, r.stdout, ['- Creating instances', '- Error detected: opcode buffer follows:', '- Removing instances', '  * instance bd1']);
    // Serial stops at the failure (bd3 never created); parallel created bd3 too and removes it.
    if (mode.length) t.regex(r.stdout, /- Removing instances\n  \* instance bd1\n  \* instance bd3\n/);
    else t.notRegex(r.stdout, /instance bd3\n(.*\n)*- Removing/);
    t.notRegex(r.stdout, /- Removing instances\n(.*\n)*  \* instance bd-dup/, 'the existing instance is not ours to remove');
    t.deepEqual(await instances(), ['bd-dup']);
    t.deepEqual(running(), ['bd-dup']);
  }
  // With -K the instances created before the failure stay, and burnin says so.
  const kept = await burnin([...COMMON, '-t', 'diskless', '-K', 'bd1', 'bd-dup']);
  t.is(kept.code, 1, explain(kept));
  t.regex(kept.stdout, /^- Keeping instances \(-K\): bd1$/m);
  t.deepEqual((await instances()).sort(), ['bd-dup', 'bd1']);
  for (const n of ['bd1', 'bd-dup']) t.is((await vc.gnt(['gnt-instance', 'remove', '-f', n])).code, 0);
});

test.serial('an unknown OS, template or node is refused before anything is created', async (t) => {
  const before = (await jobs()).length;
  const os = await burnin(['-o', 'no-such-os', '-t', 'diskless', 'bx1']);
  t.is(os.code, 1);
  t.regex(os.stderr, /^OS 'no-such-os' not found \(available: .*dummy.*\)$/m);
  t.notRegex(os.stdout, /Creating instances/);
  const tpl = await burnin(['-o', 'dummy', '-t', 'plain', 'bx1']);
  t.is(tpl.code, 1);
  t.regex(tpl.stderr, /Disk template 'plain' is not enabled in the cluster \(enabled: diskless, file\)/);
  const node = await burnin(['-o', 'dummy', '-t', 'diskless', '-n', 'node9', 'bx1']);
  t.is(node.code, 1);
  t.regex(node.stderr, /node9/);
  t.is((await jobs()).length, before, 'no job was submitted');
  t.deepEqual(await instances(), []);
});

test.serial('bad options: usage (exit 2) or a message naming the bad value (exit 1)', async (t) => {
  const usage = await burnin(['-t', 'diskless', 'bx1']);
  t.is(usage.code, 2);
  t.regex(usage.stderr, /Usage:\n\tburnin -o OS_NAME \[options\.\.\.\] instance_name \.\.\./);
  const cases: [string[], RegExp][] = [
    [['-t', 'lvm'], /Unknown or unsupported disk template 'lvm' \(allowed: diskless, drbd, .*\)/],
    [['-t', 'diskless', '--reboot-types', 'soft,warm'], /Invalid reboot types specified: warm \(allowed: soft, hard, full\)/],
    [['-t', 'diskless', '-n', 'node1', '-I', 'hail'], /Give either the nodes option or the iallocator option, not both/],
    [['-t', 'file', '--disk-size', '1G,1G'], /Wrong disk sizes\/growth combination: 2 size\(s\) but 1 growth value\(s\)/],
    [['-t', 'diskless', '--minmem-size', '512', '--maxmem-size', '256'], /Maximum memory lower than minimum memory/],
    [['-t', 'diskless', '--mem-size', '12Q'], /Invalid value for --mem-size: Invalid size '12Q'/],
    [['-t', 'diskless', '--vcpu-count', 'two'], /Invalid value 'two' for --vcpu-count: expected a positive integer/],
    [['-t', 'diskless', '-C', '--no-name-check'], /Can't enable HTTP checks without name checks/],
  ];
  for (const [args, re] of cases) {
    const r = await burnin(['-o', 'dummy', ...args, 'bx1']);
    t.is(r.code, 1, `${args.join(' ')}: ${explain(r)}`);
    t.regex(r.stderr, re);
  }
  t.deepEqual(await instances(), []);
});

test.serial('an interrupt stops burnin after the current job and removes what it created', async (t) => {
  const names = ['bi1', 'bi2', 'bi3', 'bi4', 'bi5', 'bi6'];
  const child = spawn(join(vc.dir, 'node1', 'cmd'), ['burnin', ...COMMON, '-t', 'diskless', ...names], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    // The cmd script execs burnin, so this pid is burnin's own.
    if (!sent && stdout.includes('- Stopping and starting instances')) { sent = true; child.kill('SIGINT'); }
  });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  t.true(sent, stdout);
  t.is(code, 1, `${stdout}\n${stderr}`);
  t.regex(stdout, /^- SIGINT received: finishing the current job, then cleaning up/m);
  t.regex(stderr, /^Interrupted by SIGINT$/m);
  inOrder(t, stdout, ['- Removing instances', ...names.map((n) => `  * instance ${n}`)]);
  t.deepEqual(await instances(), []);
  t.deepEqual(running(), []);
});
