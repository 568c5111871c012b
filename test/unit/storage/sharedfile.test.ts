import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockDeviceError } from '../../../daemons/common/errors.js';
import { resolvePaths, type Paths } from '../../../daemons/common/paths.js';
import { SharedFileStorage } from '../../../daemons/storage/sharedfile.js';
import type { StorageDisk } from '../../../daemons/storage/storage-driver.js';
import { storageConformance } from './conformance.js';

const SHARED = '/srv/ganeti/shared-file-storage';

/** A virtual cluster of `count` nodes whose shared dirs all link to one real directory, as vcluster-setup makes it. */
function cluster(count: number): { dir: string; shared: string; nodes: Paths[]; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ganeti-ts-shared-'));
  const shared = join(dir, 'shared-file-storage');
  mkdirSync(shared);
  const nodes = Array.from({ length: count }, (_, i) => {
    const root = join(dir, `node${i + 1}`);
    mkdirSync(join(root, 'srv/ganeti'), { recursive: true });
    symlinkSync(shared, join(root, SHARED));
    return resolvePaths({ GANETI_ROOTDIR: root, GANETI_HOSTNAME: `node${i + 1}` });
  });
  return { dir, shared, nodes, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const clusters: ReturnType<typeof cluster>[] = [];
function newCluster(count: number) { const c = cluster(count); clusters.push(c); return c; }
test.after.always(() => { for (const c of clusters) c.cleanup(); });

const disk = (uuid: string, size = 16, logical_id: string[] = []): StorageDisk => ({ uuid, dev_type: 'sharedfile', size, logical_id, params: { format: 'raw' } });
const ctx = { instanceName: 'web', sharedFileStorageDir: SHARED };

test('a disk made on one node is the same file on every node', async (t) => {
  const c = newCluster(2);
  const [n1, n2] = c.nodes.map((p) => new SharedFileStorage(p));
  const r = await n1!.create(disk('d1'), ctx);
  t.deepEqual(r.logical_id, ['loop', '/srv/ganeti/shared-file-storage/web/d1.file']);
  t.true(existsSync(join(c.shared, 'web/d1.file')));
  const d = disk('d1', 16, r.logical_id);
  t.is((await n2!.usage(d, ctx))?.size, 16);
  t.deepEqual((await n2!.listVolumes({ sharedFileStorageDir: SHARED })).map((v) => v.name), ['/srv/ganeti/shared-file-storage/web/d1.file']);
});

test('only one node at a time may have a disk open: the lease names it', async (t) => {
  const c = newCluster(2);
  const [n1, n2] = c.nodes.map((p) => new SharedFileStorage(p));
  const r = await n1!.create(disk('d2'), ctx);
  const d = disk('d2', 16, r.logical_id);
  await n1!.assemble(d, ctx);
  t.is(readFileSync(join(c.shared, 'web/d2.file.lease'), 'utf8'), 'node1\n');
  await n1!.assemble(d, ctx);   // idempotent for the holder
  for (const [what, op] of [
    ['open', () => n2!.assemble(d, ctx)],
    ['grow', () => n2!.grow(d, 16, ctx)],
    ['remove', () => n2!.remove(d, ctx)],
  ] as const) {
    const err = await t.throwsAsync(op(), { instanceOf: BlockDeviceError });
    t.is(err.ecode, 'wrong_state');
    t.regex(err.message, new RegExp(`Cannot ${what} disk '/srv/ganeti/shared-file-storage/web/d2.file': it is open on node node1`));
  }
  t.true(existsSync(join(c.shared, 'web/d2.file')), 'the refused remove left the disk');
  // node2 shutting down a disk it does not hold leaves node1's lease alone.
  await n2!.shutdown(d, ctx);
  t.true(existsSync(join(c.shared, 'web/d2.file.lease')));
  await n1!.shutdown(d, ctx);
  t.false(existsSync(join(c.shared, 'web/d2.file.lease')));
  t.is(await n2!.assemble(d, ctx), join(c.dir, 'node2', SHARED, 'web/d2.file'));
  t.is(readFileSync(join(c.shared, 'web/d2.file.lease'), 'utf8'), 'node2\n');
  // The holder may remove the disk; its lease goes with it.
  await n2!.remove(d, ctx);
  t.false(existsSync(join(c.shared, 'web/d2.file')));
  t.false(existsSync(join(c.shared, 'web/d2.file.lease')));
});

test('two nodes assembling at once: exactly one wins', async (t) => {
  const c = newCluster(4);
  const drivers = c.nodes.map((p) => new SharedFileStorage(p));
  const r = await drivers[0]!.create(disk('race'), ctx);
  const d = disk('race', 16, r.logical_id);
  const results = await Promise.allSettled(drivers.map((x) => x.assemble(d, ctx)));
  t.is(results.filter((x) => x.status === 'fulfilled').length, 1);
});

test('paths outside the shared dir and lease files are refused', async (t) => {
  const c = newCluster(1);
  const s = new SharedFileStorage(c.nodes[0]!);
  for (const bad of ['/srv/ganeti/file-storage/web/x.file', '/srv/ganeti/shared-file-storage/web/x.file.lease']) {
    const err = t.throws(() => s.accessPath(disk('x', 16, ['loop', bad]), ctx), { instanceOf: BlockDeviceError });
    t.regex(err.message, /outside the shared file storage dir/);
  }
});

storageConformance('sharedfile', () => {
  const c = cluster(1);
  return {
    driver: new SharedFileStorage(c.nodes[0]!), ctx, raw: true, cleanup: c.cleanup,
    disk: (uuid, size) => disk(uuid, size),
  };
});
