// gnt-instance move onto a plain node (not a master candidate) on a 3-node virtual cluster. A
// plain node may not read another node's data; the master grants the target the one pull of
// that move on the source (ExportGrantPull), so the move works, and the right ends with it. A
// plain node pulling without a grant is refused by the source, naming why. gnt-backup export
// onto a plain node goes through the same grant.
import test from 'ava';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../../daemons/common/paths.js';
import { PeerClient } from '../../daemons/noded/backend/peer.js';
import { clusterPerFile, out, type T } from '../../vcluster/test-kit.js';

const vc = clusterPerFile({
  nodes: 3, prefix: '127.0.225', templates: 'diskless,file',
  programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-backup'],
});
const ok = vc.ok;
const root = (node: string) => join(vc.dir, node);
const diskFiles = (node: string, inst: string): string[] => {
  const dir = join(root(node), 'srv/ganeti/file-storage', inst);
  try { return readdirSync(dir).map((f) => join(dir, f)); } catch { return []; }
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const grants = (node: string) => { try { return readdirSync(join(root(node), 'var/lib/ganeti/export-grants/outgoing')); } catch { return []; } };

async function field(t: T, what: 'instance' | 'node', fields: string, name: string): Promise<string> {
  return (await ok(t, [`gnt-${what}`, 'list', '--no-headers', '-o', fields, name])).trim();
}

/** A node daemon client holding `node`'s own certificate, calling `peer`'s noded. */
async function peerOf(t: T, node: string, peer: string): Promise<PeerClient> {
  const ip = await field(t, 'node', 'pip', peer);
  return new PeerClient(resolvePaths({ GANETI_ROOTDIR: root(node), GANETI_HOSTNAME: node }), { name: peer, ip });
}

test.serial('a plain node without a grant may not pull another node\'s dump', async (t) => {
  await ok(t, ['gnt-node', 'modify', '-C', 'no', 'node3']);
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N');
  // A dump as a move leaves it on the source while the target pulls.
  const dir = join(root('node2'), 'var/lib/ganeti/export-out/secret');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'disk0_dump'), 'not for node3');
  const peer = await peerOf(t, 'node3', 'node2');
  try {
    const err = await t.throwsAsync(peer.call('ExportReadChunk', { area: 'outgoing', name: 'secret', file: 'disk0_dump', offset: 0, length: 64 }));
    t.regex(err?.message ?? '', /Permission denied: ExportReadChunk is accepted only from the master or a master candidate \(or a node the master granted this transfer, which this caller was not\); the caller is a plain node/);
    // Nor may it grant itself the pull: that is the master's alone.
    const self = await t.throwsAsync(peer.call('ExportGrantPull', { area: 'outgoing', name: 'secret', node: 'node3', cert_digests: ['ab'.repeat(32)], ttl_seconds: 60 }));
    t.regex(self?.message ?? '', /ExportGrantPull is accepted only from the master; the caller is a plain node/);
    t.deepEqual(grants('node2'), []);
  } finally {
    peer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.serial('move onto a plain node: the source lets it pull that move, the disk arrives intact, the right ends with the move', async (t) => {
  await ok(t, ['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=48M', '-o', 'dummy', '--no-name-check', '--no-ip-check',
    '-B', 'memory=64', '-n', 'node2', 'p1']);
  const [src] = diskFiles('node2', 'p1');
  if (!src) { t.fail('no disk file for p1 on node2'); return; }
  writeFileSync(src, Buffer.from('ganeti-ts plain move\n'.repeat(4096)), { flag: 'r+' });
  const sum = sha(src);
  const r = await vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node3', 'p1'], { timeoutMs: 120_000 });
  t.is(r.code, 0, out(r));
  t.is(await field(t, 'instance', 'pnode', 'p1'), 'node3');
  const [dst] = diskFiles('node3', 'p1');
  t.is(dst && sha(dst), sum, 'node3 has the same bytes');
  t.deepEqual(diskFiles('node2', 'p1'), [], 'the source copy is removed');
  t.true(existsSync(join(root('node3'), 'var/run/ganeti/fake-hypervisor', 'p1')), 'p1 runs on node3');
  t.deepEqual(grants('node2'), [], 'the grant ended with the move');
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N', 'node3 is still a plain node');
  // ... and back: node2 (a candidate) pulls from plain node3.
  const back = await vc.gnt(['gnt-instance', 'move', '-f', '-n', 'node2', 'p1'], { timeoutMs: 120_000 });
  t.is(back.code, 0, out(back));
  t.is(await field(t, 'instance', 'pnode', 'p1'), 'node2');
});

test.serial('gnt-backup export onto a plain node: the primary lets it pull that export, the right ends with it', async (t) => {
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N');
  t.is(await field(t, 'instance', 'pnode', 'p1'), 'node2');
  const [src] = diskFiles('node2', 'p1');
  if (!src) { t.fail('no disk file for p1 on node2'); return; }
  const r = await vc.gnt(['gnt-backup', 'export', '-n', 'node3', 'p1'], { timeoutMs: 120_000 });
  t.is(r.code, 0, out(r));
  const list = await ok(t, ['gnt-backup', 'list', '--node', 'node3']);
  t.regex(list, /node3[\s\S]*p1/);
  t.true(existsSync(join(root('node3'), 'srv/ganeti/export/p1/config.ini')), 'the export is complete on node3');
  t.deepEqual(grants('node2'), [], 'the grant ended with the export');
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N', 'node3 is still a plain node');
  t.is(await field(t, 'instance', 'status', 'p1'), 'running', 'p1 runs again after the export');
});

test.serial('gnt-backup import onto a plain node: the export\'s node lets it pull that export, the disk arrives intact', async (t) => {
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N');
  const [src] = diskFiles('node2', 'p1');
  if (!src) { t.fail('no disk file for p1 on node2'); return; }
  await ok(t, ['gnt-instance', 'shutdown', 'p1']);
  const sum = sha(src);
  await ok(t, ['gnt-backup', 'export', '-n', 'node1', 'p1']);
  const r = await vc.gnt(['gnt-backup', 'import', '-n', 'node3', '--src-node=node1', '--src-dir', 'p1', '-t', 'file', '--disk', '0:size=48M',
    '-o', 'dummy', '--no-name-check', '--no-ip-check', '--no-start', '-B', 'memory=64', 'p2'], { timeoutMs: 120_000 });
  t.is(r.code, 0, out(r));
  t.is(await field(t, 'instance', 'pnode', 'p2'), 'node3');
  const [dst] = diskFiles('node3', 'p2');
  t.is(dst && sha(dst), sum, 'node3 has the exported bytes');
  t.is(await field(t, 'node', 'master_candidate', 'node3'), 'N', 'node3 is still a plain node');
});
