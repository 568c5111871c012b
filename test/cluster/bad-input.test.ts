// Bad input never changes state: every refusal names the bad value, exits non-zero, and
// leaves the config serial and the job queue as they were.
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { rawMaster, submitRaw } from './master-client.js';

let vc: Vcluster;
const serial = () => readConfigCopySync<{ serial_no: number }>(join(vc.dir, 'node1/var/lib/ganeti/config.data')).doc.serial_no;
const jobCount = async () => (await vc.gnt(['gnt-job', 'list', '--no-headers'])).stdout.trim().split('\n').filter(Boolean).length;

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.21', nodeMemory: '4096',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  await vc.init();
  await vc.addNodes();
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node2', 'taken']);
  if (r.code !== 0) throw new Error(r.stdout + r.stderr + vc.logs());
});
test.after.always(async () => { await vc?.stop(); });

const ADD = ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check'];
const cases: [string, string[], RegExp][] = [
  ['unknown option', [...ADD, '--bogus-option', 'x1'], /bogus-option/],
  ['bad size', ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=12Q', '-o', 'dummy', '--no-name-check', '--no-ip-check', '-n', 'node1', 'x2'], /12Q/],
  ['unknown node', [...ADD, '-n', 'nosuchnode', 'x3'], /nosuchnode/],
  ['duplicate name', [...ADD, '-n', 'node1', 'taken'], /taken.*already|already.*taken/],
  ['does not fit any node', [...ADD, '-B', 'memory=30000', '-I', 'hail', 'x4'], /No valid allocation solutions, failure reasons: FailMem/],
  ['violates the policy', [...ADD, '-B', 'memory=9999999', '-I', 'hail', 'x5'], /memory-size/],
  ['unknown backend parameter', [...ADD, '-B', 'memroy=128', '-n', 'node1', 'x6'], /memroy/],
  ['unknown instance', ['gnt-instance', 'startup', 'nosuchinstance'], /nosuchinstance/],
  ['unknown hypervisor parameter', [...ADD, '-H', 'fake:bogus=1', '-n', 'node1', 'x7'], /bogus/],
  ['unknown list field', ['gnt-instance', 'list', '-o', 'name,nosuchfield'], /nosuchfield/],
];

for (const [name, args, re] of cases) {
  test.serial(`refused: ${name}`, async (t) => {
    const s = serial();
    const jobs = await jobCount();
    const r = await vc.gnt(args);
    t.not(r.code, 0, r.stdout);
    t.regex(r.stderr + r.stdout, re);
    t.is(serial(), s, 'config unchanged');
    t.false((await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.includes(args[args.length - 1]!) && args[args.length - 1] !== 'taken');
    if (name !== 'unknown list field') t.true((await jobCount()) <= jobs + 1, 'at most the failed job was added');
  });
}

test.serial('malformed opcodes sent straight to the master socket are refused with a reason', async (t) => {
  const client = rawMaster(vc.dir);
  const s = serial();
  const jobs = await jobCount();
  const res = await submitRaw(client, [
    'not json', '[]', '[{"no_op_id": 1}]', '[{"OP_ID": "OP_NO_SUCH_THING"}]',
    '[{"OP_ID": "OP_INSTANCE_STARTUP"}]', '[{"OP_ID": "OP_INSTANCE_STARTUP", "instance_name": 42}]',
    '[{"OP_ID": "OP_TEST_DELAY", "duration": 1, "surprise": true}]',
  ]);
  client.close();
  t.true(res.every((r) => !r.ok));
  t.regex(res[0]!.error!.message, /JSON/);
  t.regex(res[3]!.error!.message, /OP_NO_SUCH_THING/);
  t.regex(res[4]!.error!.message, /instance_name/);
  t.regex(res[5]!.error!.message, /instance_name.*42|42/);
  t.regex(res[6]!.error!.message, /surprise/);
  t.is(serial(), s);
  t.is(await jobCount(), jobs);
  t.is((await vc.gnt(['gnt-cluster', 'getmaster'])).code, 0, 'master still alive');
});

test.serial('a corrupt job file is named and set aside; every other job is kept', async (t) => {
  const before = await jobCount();
  writeFileSync(join(vc.dir, 'node1/var/lib/ganeti/queue/job-99999'), '{"id": 99999, "ops": [');
  t.is((await vc.cmd('node1', ['daemon-util', 'restart', 'ganeti-masterd'])).code, 0);
  t.is(await jobCount(), before);
  const log = readFileSync(join(vc.dir, 'node1/var/log/ganeti/master-daemon.log'), 'utf8');
  t.regex(log, /job-99999/);
});

test.serial('a corrupt config with no valid copy on any candidate stops the master daemon, naming the file', async (t) => {
  // (With a valid copy on a master candidate, masterd recovers from it: test/cluster/faults.)
  const path = join(vc.dir, 'node1/var/lib/ganeti/config.data');
  const copy = join(vc.dir, 'node2/var/lib/ganeti/config.data');
  const good = readFileSync(path, 'utf8');
  await vc.cmd('node1', ['daemon-util', 'stop', 'ganeti-masterd']);
  writeFileSync(path, good.slice(0, good.length / 2));
  writeFileSync(copy, good.slice(0, good.length / 3));
  const r = await vc.cmd('node1', ['daemon-util', 'start', 'ganeti-masterd']);
  t.not(r.code, 0);
  t.regex(r.stdout + r.stderr, /config\.data/);
  writeFileSync(path, good);
  writeFileSync(copy, good);
  t.is((await vc.cmd('node1', ['daemon-util', 'start', 'ganeti-masterd'])).code, 0);
  t.is((await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'name'])).stdout.trim(), 'taken');
});
