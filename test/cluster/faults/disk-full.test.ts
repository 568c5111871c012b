// The master's disk fills up while the config is written: a small tmpfs is mounted over
// node1's var/lib/ganeti and filled until a config change no longer fits (job files still
// do): a change to an instance with 2,500 tags is a ~100 KB journal entry. The job fails
// with the reason, the config (config.data + journal) stays the previous, readable one, no
// temporary file is left, and once there is room again the same change works (written as
// a whole config.data, not appended after the torn entry the failed append left).
import test from 'ava';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import { rawMaster, submitRaw } from '../master-client.js';
import { daemonPid, isAlive, waitFor } from './util.js';
import { readConfigCopySync } from '../../../daemons/common/config-journal.js';

let vc: Vcluster;
let mounted = '';
const dataDir = () => join(vc.dir, 'node1/var/lib/ganeti');
const config = () => JSON.stringify(readConfigCopySync(join(dataDir(), 'config.data')).doc);

// The daemons keep writing (job journal, pid files) while we fill, so statfs's free count
// can be stale by the time the filler is written: write until the disk says no, then give
// back what the job files need.
function fillLeaving(file: string, room: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let size = 0;
  try {
    for (;;) size += writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  ftruncateSync(fd, Math.max(0, size - room));
  closeSync(fd);
}

async function must(file: string, args: string[]): Promise<void> {
  const r = await run(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.77', nodeMemory: '8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  // Move node1's data dir onto a 4 MiB tmpfs, daemons stopped meanwhile.
  await must(join(vc.dir, 'node1/cmd'), ['daemon-util', 'stop-all']);
  const stage = mkdtempSync(join(tmpdir(), 'gtsf-stage-'));
  await must('cp', ['-a', `${dataDir()}/.`, stage]);
  await must('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0750', 'gtsf-full', dataDir()]);
  mounted = dataDir();
  await must('cp', ['-a', `${stage}/.`, dataDir()]);
  rmSync(stage, { recursive: true, force: true });
  await must(join(vc.dir, 'node1/cmd'), ['daemon-util', 'start-all']);
});
test.after.always(async () => {
  if (mounted) {
    await run(join(vc.dir, 'node1/cmd'), ['daemon-util', 'stop-all']);
    const r = await run('umount', [mounted]);
    if (r.code !== 0) await run('umount', ['-l', mounted]);
  }
  await vc?.stop();
});

test.serial('a full disk fails the config write cleanly and keeps the previous config', async (t) => {
  t.timeout(180_000);
  // A config of ~100 KB (one instance with many tags): far more than a job file.
  const tags = Array.from({ length: 2500 }, (_, i) => `tag${String(i).padStart(5, '0')}-padding-to-make-the-config-big`);
  const client = rawMaster(vc.dir);
  const [res] = await submitRaw(client, [JSON.stringify([{ OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'big', disk_template: 'diskless',
    os_type: 'dummy', pnode: 'node2', name_check: false, ip_check: false, beparams: { memory: 64 }, tags }])]);
  client.close();
  t.true(res!.ok);
  await waitFor('the big instance', async () => (await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.includes('big'), 60_000, 500);
  // Its job's last writes (final state, log lines) come after the instance is listed: they
  // must not take the room left below (CI once saw the next job's id allocation fail).
  await waitFor('every job to end', async () => {
    const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status']);
    return r.code === 0 && r.stdout.trim() !== '' && !/queued|waiting|running|canceling/.test(r.stdout);
  }, 60_000, 250);
  const before = config();
  t.true(before.length > 90_000, `config is ${before.length} bytes`);

  // Leave 32 KiB: room for job files, not for a new copy of the config.
  fillLeaving(join(dataDir(), 'filler'), 32 * 1024);
  const masterd = daemonPid(vc, 'node1', 'ganeti-masterd');
  const add = ['gnt-instance', 'add-tags', 'big', 'one-more'];
  const r = await vc.gnt(add);
  t.not(r.code, 0, 'the job failed');
  t.regex(r.stdout + r.stderr, /ENOSPC|no space left/i, 'the reason is given');
  t.log((r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | '));
  t.is(config(), before, 'the config is the previous one');
  t.notThrows(() => JSON.parse(readFileSync(join(dataDir(), 'config.data'), 'utf8')));
  t.deepEqual(readdirSync(dataDir()).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  t.true(isAlive(masterd), 'masterd survived');
  const list = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name']);
  t.is(list.code, 0);
  t.notRegex((await vc.gnt(['gnt-instance', 'list-tags', 'big'])).stdout, /one-more/, 'the failed change is not in the config');
  const jobs = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status,summary']);
  t.regex(jobs.stdout, /error +TAGS_SET\(/, 'the failed job is listed as failed');

  rmSync(join(dataDir(), 'filler'));
  const again = await vc.gnt(add);
  t.is(again.code, 0, again.stdout + again.stderr);
  t.is(JSON.parse(config()).serial_no, JSON.parse(before).serial_no + 1);
  t.is(JSON.parse(readFileSync(join(dataDir(), 'config.data'), 'utf8')).serial_no, JSON.parse(before).serial_no + 1, 'a whole file');
  const candidate = () => JSON.stringify(readConfigCopySync(join(vc.dir, 'node2/var/lib/ganeti/config.data')).doc);
  await waitFor('the candidate to get the config', () => candidate() === config(), 30_000, 200);
  t.is(candidate(), config());
});
