// The object model through the gnt-* programs as a Ganeti admin drives them: node groups and
// placement inside a group, tags everywhere, networks with address pools, job filter rules,
// list order and field names, one-bound ipolicy changes, verify-disks, test-jobqueue.
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const ADD = ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check'];
const lines = (s: string) => s.trim().split('\n').filter(Boolean);

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: '127.0.116',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance',
      'gnt-job', 'gnt-debug', 'gnt-group', 'gnt-network', 'gnt-filter', 'gnt-storage'] });
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

test.serial('the new programs answer --version', async (t) => {
  for (const p of ['gnt-group', 'gnt-network', 'gnt-filter', 'gnt-storage']) {
    const r = await vc.gnt([p, '--version']);
    t.is(r.code, 0, p);
    t.regex(r.stdout, new RegExp(`^${p} \\(ganeti-ts\\) `));
  }
});

test.serial('node groups: add, assign, list, placement with -g, removal of a non-empty group refused', async (t) => {
  await vc.ok(t, ['gnt-group', 'add', '--alloc-policy=preferred', 'g2']);
  await vc.ok(t, ['gnt-group', 'assign-nodes', 'g2', 'node3']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-group', 'list', '--no-headers', '-o', 'name,node_cnt,alloc_policy'])).map((l) => l.split(/\s+/)),
    [['default', '2', 'preferred'], ['g2', '1', 'preferred']]);
  await vc.ok(t, [...ADD, '-g', 'g2', '-I', 'hail', 'gi1']);
  await vc.ok(t, [...ADD, '-g', 'g2', '-I', 'hail', 'gi2']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'pnode,pnode.group', 'gi1', 'gi2'])),
    ['node3 g2', 'node3 g2']);
  const rm = await vc.gnt(['gnt-group', 'remove', 'g2']);
  t.not(rm.code, 0);
  t.regex(rm.stderr, /Group 'g2' not empty, has the following node\(s\): node3/);
  t.regex(await vc.ok(t, ['gnt-group', 'info', 'g2']), /Node group: g2/);
  await vc.ok(t, ['gnt-group', 'modify', '--ipolicy-bounds-specs',
    'min:cpu-count=1,disk-count=0,disk-size=0,memory-size=32,nic-count=0,spindle-use=0/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=512,nic-count=4,spindle-use=4', 'g2']);
  t.is((await vc.ok(t, ['gnt-group', 'show-ispecs-cmd', 'g2'])).trim(), 'gnt-group add --ipolicy-bounds-specs '
    + 'min:cpu-count=1,disk-count=0,disk-size=0,memory-size=32,nic-count=0,spindle-use=0/max:cpu-count=4,disk-count=4,disk-size=4096,memory-size=512,nic-count=4,spindle-use=4 g2');
  const tooBig = await vc.gnt([...ADD.slice(0, 6), '-B', 'memory=1024', '--no-name-check', '--no-ip-check', '-g', 'g2', '-I', 'hail', 'gi9']);
  t.not(tooBig.code, 0);
  t.regex(tooBig.stderr, /group g2 violates policy: memory-size value 1024 is not in range \[32, 512\]/);
  await vc.ok(t, ['gnt-group', 'rename', 'g2', 'rack2']);
  t.regex(await vc.ok(t, ['gnt-group', 'list', '--no-headers', '-o', 'name,pinst_list', 'rack2']), /^rack2 +gi1,gi2$/m);
});

test.serial('tags: add, list, remove, --from FILE, search; bad tags refused', async (t) => {
  await vc.ok(t, ['gnt-instance', 'add-tags', 'gi1', 'web', 'db']);
  const file = join(vc.dir, 'tags.txt');
  writeFileSync(file, 'rack:1\nrole/storage\n');
  await vc.ok(t, ['gnt-node', 'add-tags', '--from', file, 'node2']);
  await vc.ok(t, ['gnt-cluster', 'add-tags', 'qa-tag']);
  await vc.ok(t, ['gnt-group', 'add-tags', 'rack2', 'webgroup']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list-tags', 'gi1'])), ['db', 'web']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-node', 'list-tags', 'node2'])), ['rack:1', 'role/storage']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-cluster', 'search-tags', '^web'])), ['/instances/gi1 web', '/nodegroup/rack2 webgroup']);
  t.is((await vc.gnt(['gnt-cluster', 'search-tags', 'nomatch'])).code, 1);
  const bad = await vc.gnt(['gnt-instance', 'add-tags', 'gi1', 'bad tag']);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /Tag contains invalid characters: 'bad tag'/);
  // Multi-instance verbs select by instance and node tags.
  await vc.ok(t, ['gnt-instance', 'shutdown', '--tags', '--force-multiple', 'db']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,admin_state', 'gi1', 'gi2'])), ['gi1 down', 'gi2 up']);
  await vc.ok(t, ['gnt-node', 'add-tags', 'node3', 'rack:3']);
  await vc.ok(t, ['gnt-instance', 'shutdown', '--pri-node-tags', '--force-multiple', 'rack:3']);
  await vc.ok(t, ['gnt-instance', 'startup', '--node-tags', '--force-multiple', 'rack:3']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,admin_state', 'gi1', 'gi2'])), ['gi1 up', 'gi2 up']);
  await vc.ok(t, ['gnt-instance', 'remove-tags', 'gi1', 'web']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list-tags', 'gi1'])), ['db']);
  const missing = await vc.gnt(['gnt-instance', 'remove-tags', 'gi1', 'web']);
  t.not(missing.code, 0);
  t.regex(missing.stderr, /Tag\(s\) 'web' not found/);
});

test.serial('networks: pool addresses, explicit address reserved, released on removal', async (t) => {
  await vc.ok(t, ['gnt-network', 'add', '--network=192.0.2.0/29', '--gateway=192.0.2.1', 'n1']);
  await vc.ok(t, ['gnt-network', 'connect', '--nic-parameters=mode=routed,link=100', 'n1', 'default']);
  await vc.ok(t, [...ADD, '--net', '0:network=n1,ip=pool', '-n', 'node1', 'ni1']);
  t.is((await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'nic.ip/0,nic.network.name/0,nic.mode/0', 'ni1'])).trim(), '192.0.2.2 n1 routed');
  const dup = await vc.gnt([...ADD, '--net', '0:network=n1,ip=192.0.2.2', '-n', 'node1', 'ni2']);
  t.not(dup.code, 0);
  t.regex(dup.stderr, /IP address 192.0.2.2 already in use/);
  await vc.ok(t, [...ADD, '--net', '0:network=n1,ip=192.0.2.6', '-n', 'node1', 'ni3']);
  t.regex(await vc.ok(t, ['gnt-network', 'list', '--no-headers', '-o', 'name,free_count,inst_list']), /^n1 +3 +ni1,ni3$/m);
  await vc.ok(t, ['gnt-instance', 'remove', '-f', 'ni1']);
  t.regex(await vc.ok(t, ['gnt-network', 'list', '--no-headers', '-o', 'name,free_count,map']), /^n1 +4 +XX\.\.\.\.1X$/m);
  const rm = await vc.gnt(['gnt-network', 'remove', 'n1']);
  t.not(rm.code, 0);
  t.regex(rm.stderr, /connected to node group\(s\) default/);
});

test.serial('job filters: REJECT refuses a delay job, PAUSE holds one until the rule goes', async (t) => {
  const uuid = (await vc.ok(t, ['gnt-filter', 'add', '--predicates=[["opcode", ["=", "OP_ID", "OP_TEST_DELAY"]]]', '--action=REJECT'])).trim();
  t.regex(uuid, /^[0-9a-f-]{36}$/);
  t.not((await vc.gnt(['gnt-debug', 'delay', '0'])).code, 0);
  t.deepEqual(lines(await vc.ok(t, ['gnt-filter', 'list', '--no-headers', '-o', 'uuid,action'])), [`${uuid} REJECT`]);
  await vc.ok(t, ['gnt-filter', 'replace', '--predicates=[["opcode", ["=", "OP_ID", "OP_TEST_DELAY"]]]', '--action=PAUSE', uuid]);
  const id = (await vc.ok(t, ['gnt-debug', 'delay', '--submit', '--print-jobid', '0'])).trim();
  await new Promise((r) => setTimeout(r, 1000));
  t.is((await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status', id])).trim(), 'queued');
  await vc.ok(t, ['gnt-filter', 'delete', uuid]);
  await vc.ok(t, ['gnt-job', 'wait', id]);
  t.is((await vc.ok(t, ['gnt-job', 'list', '--no-headers', '-o', 'status', id])).trim(), 'success');
  t.is((await vc.gnt(['gnt-debug', 'delay', '0'])).code, 0);
  const bad = await vc.gnt(['gnt-filter', 'add', '--action=DROP']);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /Invalid filter action 'DROP'/);
});

test.serial('lists keep the order of the names given and take Ganeti\'s other field names', async (t) => {
  t.deepEqual(lines(await vc.ok(t, ['gnt-node', 'list', '--no-headers', '-o', 'name', 'node3', 'node1', 'node2'])), ['node3', 'node1', 'node2']);
  t.deepEqual(lines(await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name', 'gi2', 'gi1'])), ['gi2', 'gi1']);
  const r = await vc.gnt(['gnt-instance', 'list', '-o', 'name,hv/cpu_cap,hv/bootloader_path,disk.spindles/0,nic.name/5,forthcoming', 'gi1']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^gi1 +- +- +- +- +N$/m, "unavailable values shown as Ganeti does without -v");
});

test.serial('--specs-mem-size=max changes only that bound', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'modify', '--specs-mem-size=max=1024']);
  const big = await vc.gnt([...ADD.slice(0, 6), '-B', 'memory=2048', '--no-name-check', '--no-ip-check', '-I', 'hail', 'big1']);
  t.not(big.code, 0);
  t.regex(big.stderr, /memory-size value 2048 is not in range \[\d+, 1024\]/);
  await vc.ok(t, [...ADD.slice(0, 6), '-B', 'minmem=128M,maxmem=256M', '--no-name-check', '--no-ip-check', '-I', 'hail', 'ok1']);
});

test.serial('verify-disks, test-jobqueue and gnt-storage diagnose', async (t) => {
  await vc.ok(t, ['gnt-cluster', 'verify-disks']);
  t.regex(await vc.ok(t, ['gnt-debug', 'test-jobqueue']), /Job queue test successful/);
  t.regex(await vc.ok(t, ['gnt-storage', 'diagnose']), /Provider: \S+\n---\n {2}Node: node1, status: /);
});
