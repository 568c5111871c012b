// The cluster core as a user drives it: a real 3-node virtual cluster (real daemons, gRPC
// over TLS, files), every step through the gnt-* commands and the node's cmd script.
import test from 'ava';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigCopySync } from '../../daemons/common/config-journal.js';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { rawMaster, submitRaw } from './master-client.js';

let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.20', nodeMemory: '8192,16384,8192',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-os', 'gnt-debug'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const ok = (t: { fail(m: string): void }, args: string[]) => vc.ok(t, args);
const fakeState = (node: string, inst: string) => join(vc.dir, node, 'var/run/ganeti/fake-hypervisor', inst);

test.serial('gnt-node list shows every node with its own capacity', async (t) => {
  const out = await ok(t, ['gnt-node', 'list']);
  const lines = out.trim().split('\n');
  t.regex(lines[0]!, /^Node\s+DTotal\s+DFree\s+MTotal\s+MNode\s+MFree\s+Pinst\s+Sinst$/);
  t.is(lines.length, 4);
  const sep = await ok(t, ['gnt-node', 'list', '--no-headers', '--separator=|', '-o', 'name,mtotal,master_candidate,role']);
  t.deepEqual(sep.trim().split('\n'), ['node1|8192|Y|M', 'node2|16384|Y|C', 'node3|8192|Y|C']);
});

test.serial('instances are created, placed and shown like Ganeti', async (t) => {
  const before = await ok(t, ['gnt-node', 'list', '--no-headers', '--separator=|', '-o', 'name,mfree']);
  const add = await ok(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=128,vcpus=1', '--no-name-check', '--no-ip-check', '-I', 'hail', 'instance1']);
  t.regex(add, /\* starting instance\.\.\./);
  // hail picks the node with the most free memory: node2 has 16 GiB.
  t.true(existsSync(fakeState('node2', 'instance1')));
  t.deepEqual(readFileSync(fakeState('node2', 'instance1'), 'utf8').trim().split('\n'), ['0', '128', '1']);
  await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=1G', '-o', 'dummy', '-n', 'node3', '--no-name-check', '--no-ip-check', 'instance2']);
  const files = readdirSync(join(vc.dir, 'node3/srv/ganeti/file-storage/instance2'));
  t.is(files.length, 1);
  const list = await ok(t, ['gnt-instance', 'list']);
  t.regex(list, /^Instance\s+Hypervisor\s+OS\s+Primary_node\s+Status\s+Memory\n/);
  t.regex(list, /instance1 +fake +dummy +node2 +running +128M/);
  t.regex(list, /instance2 +fake +dummy +node3 +running +128M/);
  const after = await ok(t, ['gnt-node', 'list', '--no-headers', '--separator=|', '-o', 'name,mfree,pinst_cnt']);
  const free = (s: string, n: string) => Number(s.split('\n').find((l) => l.startsWith(n + '|'))!.split('|')[1]);
  t.is(free(before, 'node2') - free(after, 'node2'), 128);
  t.regex(after, /node2\|\d+\|1/);
});

test.serial('instance info, shutdown, startup, reboot, modify, rename, remove', async (t) => {
  const info = await ok(t, ['gnt-instance', 'info', 'instance2']);
  t.regex(info, /Instance name: instance2/);
  t.regex(info, /State: configured to be up, actual state is up/);
  t.regex(info, /disk\/0: file, size 1\.0G/);
  await ok(t, ['gnt-instance', 'shutdown', 'instance1']);
  t.false(existsSync(fakeState('node2', 'instance1')));
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status', 'instance1']), /instance1 +ADMIN_down/);
  await ok(t, ['gnt-instance', 'startup', 'instance1']);
  t.true(existsSync(fakeState('node2', 'instance1')));
  await ok(t, ['gnt-instance', 'reboot', 'instance1']);
  const mod = await ok(t, ['gnt-instance', 'modify', '-B', 'memory=256', 'instance1']);
  t.regex(mod, /Modified instance instance1/);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '--separator=|', '-o', 'name,be/maxmem', 'instance1']), /instance1\|256/);
  await ok(t, ['gnt-instance', 'shutdown', 'instance2']);
  await ok(t, ['gnt-instance', 'rename', '--no-name-check', 'instance2', 'instance2b']);
  t.true(existsSync(join(vc.dir, 'node3/srv/ganeti/file-storage/instance2b')));
  await ok(t, ['gnt-instance', 'remove', '-f', 'instance2b']);
  t.false(existsSync(join(vc.dir, 'node3/srv/ganeti/file-storage/instance2b')));
  t.notRegex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name']), /instance2/);
});

test.serial('--submit returns a job id at once; gnt-job list/info/watch show it', async (t) => {
  const r = await vc.gnt(['gnt-instance', 'add', '--submit', '-t', 'diskless', '-o', 'dummy', '--no-name-check', '--no-ip-check', 'sub1']);
  t.is(r.code, 0, r.stderr);
  // Ganeti prints the job id of a submitted job on stderr.
  const out = r.stderr;
  const id = /JobID: (\d+)/.exec(out)?.[1];
  t.truthy(id, out);
  const watch = await ok(t, ['gnt-job', 'watch', id!]);
  t.regex(watch, /adding instance sub1 to cluster config/);
  const list = await ok(t, ['gnt-job', 'list', '--no-headers']);
  t.regex(list, new RegExp(`^ *${id} +success +INSTANCE_CREATE\\(sub1\\)$`, 'm'));
  const info = await ok(t, ['gnt-job', 'info', id!]);
  t.regex(info, new RegExp(`Job ID: ${id}`));
  t.regex(info, /Opcode: OP_INSTANCE_CREATE/);
  await ok(t, ['gnt-job', 'archive', id!]);
  t.notRegex(await ok(t, ['gnt-job', 'list', '--no-headers']), new RegExp(`^ *${id} `, 'm'));
});

test.serial('batch-create makes many instances as parallel jobs', async (t) => {
  const spec = { version: 1, instances: Array.from({ length: 6 }, (_, i) => ({
    instance_name: `batch${i}`, disk_template: 'diskless', os_type: 'dummy', iallocator: 'hail',
    beparams: { maxmem: 64, minmem: 64 }, name_check: false, ip_check: false,
  })) };
  const file = join(vc.dir, 'batch.json');
  (await import('node:fs')).writeFileSync(file, JSON.stringify(spec));
  const out = await ok(t, ['gnt-instance', 'batch-create', file]);
  // Read at once: ssconf's instance list, held back while the jobs ran side by side, is on
  // every node by the time the last job has ended.
  const lists = vc.nodes.map((n) => readFileSync(join(vc.dir, n, 'var/lib/ganeti/ssconf_instance_list'), 'utf8'));
  t.regex(out, /Submitted jobs \d+(, \d+){5}/);
  const names = (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name'])).trim().split('\n').sort().join('\n');
  for (const [i, l] of lists.entries()) t.is(l.trim(), names, `ssconf_instance_list on ${vc.nodes[i]}`);
  const list = await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']);
  for (let i = 0; i < 6; i++) t.regex(list, new RegExp(`batch${i} +running`));

  // masterd keeps the table of a list asked again with nothing changed; a change on a node
  // (an instance gone outside the cluster) or in the config shows in the very next list.
  t.is(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']), list);
  const pnode = (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'pnode', 'batch0'])).trim();
  (await import('node:fs')).rmSync(fakeState(pnode, 'batch0'));
  const crashed = await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']);
  t.regex(crashed, /batch0 +ERROR_down/);
  t.regex(crashed, /batch1 +running/);
  await ok(t, ['gnt-instance', 'shutdown', 'batch1']);
  t.regex(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']), /batch1 +ADMIN_down/);
  await ok(t, ['gnt-instance', 'startup', 'batch0']);
  await ok(t, ['gnt-instance', 'startup', 'batch1']);
  t.is(await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status']), list);
});

test.serial('gnt-os list, gnt-cluster info/version/getmaster/verify/modify', async (t) => {
  t.deepEqual((await ok(t, ['gnt-os', 'list'])).trim().split('\n'), ['Name', 'dummy', 'image+default']);
  const info = await ok(t, ['gnt-cluster', 'info']);
  t.regex(info, /^Cluster name: cluster$/m);
  t.regex(info, /^Master node: node1$/m);
  t.regex(await ok(t, ['gnt-cluster', 'version']), /^Software version: /m);
  t.is((await ok(t, ['gnt-cluster', 'getmaster'])).trim(), 'node1');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout + verify.stderr);
  t.regex(verify.stdout, /Verifying node status/);
  await ok(t, ['gnt-cluster', 'modify', '-B', 'memory=96,vcpus=1', '--candidate-pool-size', '2']);
  const info2 = await ok(t, ['gnt-cluster', 'info']);
  t.regex(info2, /candidate pool size: 2/);
  t.regex(info2, /maxmem: 96/);
});

test.serial('node roles: drained, offline, back online; remove and re-add', async (t) => {
  await ok(t, ['gnt-cluster', 'modify', '--candidate-pool-size', '10']);
  await ok(t, ['gnt-node', 'modify', '-D', 'yes', 'node3']);
  t.regex(await ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name,role', 'node3']), /node3 +D/);
  await ok(t, ['gnt-node', 'modify', '-D', 'no', 'node3']);
  const rm = await vc.gnt(['gnt-node', 'remove', 'node2']);
  t.not(rm.code, 0, 'node2 still holds instances');
  t.regex(rm.stderr + rm.stdout, /still running on the node/);
  // node3 now holds no instance once its instances are moved away: remove those first.
  const on3 = (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,pnode'])).trim().split('\n')
    .filter((l) => / node3$/.test(l)).map((l) => l.split(/ +/)[0]!);
  for (const i of on3) await ok(t, ['gnt-instance', 'remove', '-f', i]);
  await ok(t, ['gnt-node', 'remove', 'node3']);
  t.notRegex(await ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name']), /node3/);
  t.false(readFileSync(join(vc.dir, 'node1/var/lib/ganeti/ssconf_node_list'), 'utf8').includes('node3'));
  await ok(t, ['gnt-node', 'add', '--no-ssh-key-check', 'node3']);
  t.regex(await ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name']), /node3/);
});

test.serial('config is replicated to every master candidate and ssconf to every node', async (t) => {
  const copy = (n: string) => readConfigCopySync<{ serial_no: number }>(join(vc.dir, n, 'var/lib/ganeti/config.data')).doc;
  for (const n of ['node2', 'node3']) {
    t.deepEqual(copy(n), copy('node1'));
    t.is(readFileSync(join(vc.dir, n, 'var/lib/ganeti/ssconf_master_node'), 'utf8').trim(), 'node1');
  }
});

test.serial('a job waiting for a lock can be canceled; a running one cannot', async (t) => {
  const submit = async (secs: string) => {
    const r = await vc.gnt(['gnt-debug', 'delay', '--submit', '-n', 'node1', '--no-master', secs]);
    t.is(r.code, 0, r.stderr);
    return /JobID: (\d+)/.exec(r.stdout + r.stderr)![1]!;
  };
  const holder = await submit('3');
  const waiter = await submit('3');
  const status = async (id: string) => (await ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status', id])).trim();
  for (let i = 0; i < 50 && (await status(holder)) !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
  t.is(await status(holder), 'running');
  t.is(await status(waiter), 'waiting');
  t.regex(await ok(t, ['gnt-job', 'cancel', waiter]), new RegExp(`Job ${waiter} will be canceled`));
  const r = await vc.gnt(['gnt-job', 'cancel', holder]);
  t.regex(r.stdout + r.stderr, new RegExp(`Job ${holder} is no longer waiting in the queue`));
  await ok(t, ['gnt-job', 'wait', holder]);
  t.is(await status(waiter), 'canceled');
  t.is(await status(holder), 'success');
});

test.serial('long output reaches a slow reader whole (no output lost at exit)', async (t) => {
  // 400 quick jobs give a listing of well over a pipe buffer (64 KiB).
  const client = rawMaster(vc.dir);
  const res = await submitRaw(client, Array.from({ length: 400 }, () => JSON.stringify([{ OP_ID: 'OP_TEST_DELAY', duration: 0 }])));
  client.close();
  t.true(res.every((r) => r.ok));
  for (let i = 0; i < 100 && /queued|waiting|running/.test(await ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status'])); i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const full = await ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'id,status,ops']);
  t.true(full.length > 65536, `needs more than a pipe buffer of output, got ${full.length} bytes`);
  // One argument: the node's cmd runs it through bash, so the reader sleeps before reading.
  const slow = await vc.cmd('node1', ['gnt-job list --no-headers -o id,status,ops | (sleep 0.5; wc -c)']);
  t.is(slow.stdout.trim(), String(Buffer.byteLength(full)));
});
