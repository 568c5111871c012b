// gnt-instance move on a 3-node virtual cluster: a file instance's disk is copied node2 ->
// node3 over the nodes' TLS channel (gzip on the wire, checksum checked on the target), the
// config switches, the source copy goes and the instance runs on node3 only. A move
// interrupted half-way (the source's node daemon killed while the target pulls) leaves the
// instance on node2 with its disk untouched and nothing on node3; refusals change nothing.
import test from 'ava';
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { clusterPerFile, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 3, prefix: '127.0.145', templates: 'diskless,file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'],
});
const ok = vc.ok;
const root = (node: string) => join(vc.dir, node);
const runningOn = (inst: string) => vc.nodes.filter((n) => existsSync(join(root(n), 'var/run/ganeti/fake-hypervisor', inst)));
const add = (name: string, size: string, node: string, template = 'file') =>
  ['gnt-instance', 'add', '-t', template, ...(template === 'diskless' ? [] : ['--disk', `0:size=${size}`]), '-o', 'dummy',
    '--no-name-check', '--no-ip-check', '-B', 'memory=64', '-n', node, name];

/** The instance's disk files on a node (under its file storage dir). */
function diskFiles(node: string, inst: string): string[] {
  const dir = join(root(node), 'srv/ganeti/file-storage', inst);
  try { return readdirSync(dir).map((f) => join(dir, f)); } catch { return []; }
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const entries = (dir: string) => { try { return readdirSync(dir); } catch { return []; } };
const staging = (node: string) => [...entries(join(root(node), 'var/lib/ganeti/import-in')), ...entries(join(root(node), 'var/lib/ganeti/export-out'))];

/** Writes a recognizable pattern at a few offsets, so a copy of zeros would not pass. */
function mark(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    for (const off of [0, 1048576 * 3 + 17, statSync(path).size - 4096]) writeSync(fd, Buffer.from(`ganeti-ts move ${off}\n`.repeat(64)), 0, undefined, off);
  } finally { closeSync(fd); }
}

async function pnode(t: T, inst: string): Promise<string> {
  return (await ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'pnode', inst])).trim();
}

test.serial('move copies a file disk to the target, checked, switches and removes the source copy', async (t) => {
  await ok(t, add('m1', '64M', 'node2'));
  const [src] = diskFiles('node2', 'm1');
  if (!src) { t.fail('no disk file for m1 on node2'); return; }
  mark(src);
  const sum = sha(src);
  const r = await ok(t, ['gnt-instance', 'move', '-f', '-n', 'node3', '--compress', 'gzip', 'm1']);
  t.regex(r, /copying disk 0 \(64 MiB\) to node node3 \(gzip\)/);
  t.is(await pnode(t, 'm1'), 'node3');
  const [dst] = diskFiles('node3', 'm1');
  t.truthy(dst, 'the disk exists on node3');
  t.is(dst && sha(dst), sum, 'the target has the same bytes');
  t.deepEqual(diskFiles('node2', 'm1'), [], 'the source copy is removed');
  t.deepEqual(runningOn('m1'), ['node3'], 'm1 runs once, on node3');
  t.deepEqual([...staging('node2'), ...staging('node3')], [], 'no dump or staged file left behind');
});

test.serial('bad requests are refused with the reason and change nothing', async (t) => {
  const self = await vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node3', 'm1']);
  t.not(self.code, 0);
  t.regex(out(self), /Instance m1 is already on the node node3/);
  const bad = await vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node2', '--compress', 'lzma', 'm1']);
  t.not(bad.code, 0);
  t.regex(out(bad), /Compression tool 'lzma' is not allowed on this cluster \(allowed: none, gzip, gzip-fast, gzip-slow\)/);
  const noNode = await vc.gnt(['gnt-instance', 'move', '-f', 'm1']);
  t.not(noNode.code, 0);
  t.regex(out(noNode), /needs the target node \(-n NODE\)/);
  await ok(t, add('d1', '', 'node2', 'diskless'));
  const dl = await vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node3', 'd1']);
  t.not(dl.code, 0);
  t.regex(out(dl), /Disk template diskless not suitable for copying/);
  t.is(await pnode(t, 'm1'), 'node3');
  t.is(await pnode(t, 'd1'), 'node2');
});

test.serial('a move interrupted half-way leaves the instance intact on the source and no copy on the target', async (t) => {
  await ok(t, add('m2', '768M', 'node2'));
  const [src] = diskFiles('node2', 'm2');
  if (!src) { t.fail('no disk file for m2 on node2'); return; }
  mark(src);
  const sum = sha(src);
  const moving = vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node3', 'm2'], { timeoutMs: 180_000 });
  // Kill node2's noded (the source the target is pulling from) once the target is receiving:
  // into its staging area, or (a raw disk without compression) straight onto the new disk,
  // which is sparse until the first chunk lands.
  const inbox = join(root('node3'), 'var/lib/ganeti/import-in');
  const written = (f: string, blocks: boolean) => { try { const st = statSync(f); return blocks ? st.blocks > 0 : st.size > 0; } catch { return false; } };
  const deadline = Date.now() + 120_000;
  let killed = false;
  while (Date.now() < deadline) {
    const got = entries(inbox).some((f) => written(join(inbox, f), false)) || diskFiles('node3', 'm2').some((f) => written(f, true));
    if (got) {
      const pid = parseInt(readFileSync(join(root('node2'), 'var/run/ganeti/ganeti-noded.pid'), 'utf8'), 10);
      process.kill(pid, 'SIGKILL');
      killed = true;
      break;
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  const r = await moving;
  t.true(killed, `the transfer was never seen on node3: ${out(r)}`);
  t.not(r.code, 0, 'the move fails');
  t.regex(out(r), /Errors during disk copy/);
  const restart = await vc.cmd('node2', ['daemon-util', 'start', 'ganeti-noded']);
  t.is(restart.code, 0, out(restart));
  t.is(await pnode(t, 'm2'), 'node2', 'the config still names the source');
  t.is(sha(src), sum, "the source's disk is untouched");
  t.deepEqual(diskFiles('node3', 'm2'), [], 'no copy of the disk on the target');
  t.deepEqual([...staging('node2'), ...staging('node3')], [], 'no staged or dumped data left behind');
  await ok(t, ['gnt-instance', 'startup', 'm2']);
  t.deepEqual(runningOn('m2'), ['node2'], 'm2 runs again, on its source only');
});

test.serial('migrate --allow-failover moves a file instance by copying its disk; without it the reason is given', async (t) => {
  const refused = await vc.gnt(['gnt-instance', 'migrate', '-f', '-n', 'node1', 'm1']);
  t.not(refused.code, 0);
  t.regex(out(refused), /Instance's disk layout 'file' does not allow migrations/);
  const [before] = diskFiles('node3', 'm1');
  const sum = before && sha(before);
  const r = await ok(t, ['gnt-instance', 'migrate', '-f', '--allow-failover', '-n', 'node1', 'm1']);
  t.regex(r, /switching to failover/);
  t.is(await pnode(t, 'm1'), 'node1');
  const [after] = diskFiles('node1', 'm1');
  t.is(after && sha(after), sum, 'the disk came along, byte for byte');
  t.deepEqual(diskFiles('node3', 'm1'), []);
  t.deepEqual(runningOn('m1'), ['node1']);
});
