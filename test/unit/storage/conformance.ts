// The StorageDriver conformance suite (Nomad's DriverHarness idea): the same behaviour is
// asked of every driver that holds data (file raw and qcow2, sharedfile, ext). A driver
// file calls storageConformance() with a factory for a fresh node and driver.
import test from 'ava';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { BlockDeviceError } from '../../../daemons/common/errors.js';
import type { StorageContext, StorageDisk, StorageDriver } from '../../../daemons/storage/storage-driver.js';

export interface ConformanceSetup {
  driver: StorageDriver;
  ctx: StorageContext;
  /** A new disk description (not created yet). */
  disk(uuid: string, sizeMiB: number): StorageDisk;
  /** Raw bytes can be written at the assembled path (false for qcow2 images). */
  raw: boolean;
  cleanup(): void;
}

const MIB = 1024 * 1024;

function writeAt(path: string, offset: number, text: string): void {
  const fd = openSync(path, 'r+');
  try { writeSync(fd, Buffer.from(text), 0, text.length, offset); } finally { closeSync(fd); }
}

function readAt(path: string, offset: number, len: number): string {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(len);
    readSync(fd, b, 0, len, offset);
    return b.toString();
  } finally { closeSync(fd); }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

export function storageConformance(name: string, make: () => Promise<ConformanceSetup> | ConformanceSetup): void {
  const setups: ConformanceSetup[] = [];
  const fresh = async () => { const s = await make(); setups.push(s); return s; };
  test.after.always(() => { for (const s of setups) s.cleanup(); });

  test(`${name}: create gives a logical_id, the size asked for, and refuses to create it twice`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('c1', 64), s.ctx);
    t.true(created.logical_id.length > 0);
    const disk = { ...s.disk('c1', 64), logical_id: created.logical_id };
    t.is((await s.driver.usage(disk, s.ctx))?.size, 64);
    const dup = await t.throwsAsync(s.driver.create(disk, s.ctx), { instanceOf: BlockDeviceError });
    t.regex(dup.message, /exist/);
    t.is((await s.driver.usage(disk, s.ctx))?.size, 64, 'a failed second create leaves the disk alone');
  });

  test(`${name}: assemble gives a usable path (idempotent), data survives shutdown and re-assembly`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('a1', 16), s.ctx);
    const disk = { ...s.disk('a1', 16), logical_id: created.logical_id };
    const path = await s.driver.assemble(disk, s.ctx);
    t.is(await s.driver.assemble(disk, s.ctx), path);
    t.is(s.driver.accessPath(disk, s.ctx), path);
    if (s.raw) writeAt(path, 5 * MIB, 'conformance');
    await s.driver.shutdown(disk, s.ctx);
    await s.driver.shutdown(disk, s.ctx);
    const again = await s.driver.assemble(disk, s.ctx);
    if (s.raw) t.is(readAt(again, 5 * MIB, 11), 'conformance');
    await s.driver.shutdown(disk, s.ctx);
  });

  test(`${name}: grow adds the amount; growing by 0 changes nothing`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('g1', 32), s.ctx);
    const disk = { ...s.disk('g1', 32), logical_id: created.logical_id };
    t.is(await s.driver.grow(disk, 96, s.ctx), 128);
    t.is((await s.driver.usage({ ...disk, size: 128 }, s.ctx))?.size, 128);
    t.is(await s.driver.grow({ ...disk, size: 128 }, 0, s.ctx), 128);
    await t.throwsAsync(s.driver.grow({ ...disk, size: 128 }, -1, s.ctx), { instanceOf: BlockDeviceError });
  });

  test(`${name}: a snapshot is a point-in-time copy`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('s1', 8), s.ctx);
    const disk = { ...s.disk('s1', 8), logical_id: created.logical_id };
    const path = await s.driver.assemble(disk, s.ctx);
    if (s.raw) writeAt(path, 0, 'before');
    const opts = { fileStorageDir: s.ctx.fileStorageDir, sharedFileStorageDir: s.ctx.sharedFileStorageDir, totalMiB: 10_000 };
    const before = await s.driver.report(opts);
    const snap = await s.driver.snapshot(disk, 'snap1', s.ctx);
    t.notDeepEqual(snap.logical_id, created.logical_id);
    const after = await s.driver.report(opts);
    // Snapshots count against the node's disk for the allocator (ext storage reports nothing).
    if (s.driver.kind === 'ext') t.is(after, null);
    else t.is(after?.used, before!.used + 8, 'the snapshot is counted as used');
    if (s.raw) writeAt(path, 0, 'after!');
    const snapDisk = { ...s.disk('s1', 8), logical_id: snap.logical_id };
    t.is((await s.driver.usage(snapDisk, s.ctx))?.size, 8);
    if (s.raw) t.is(readAt(await s.driver.assemble(snapDisk, s.ctx), 0, 6), 'before');
    await s.driver.shutdown(disk, s.ctx);
    await s.driver.remove(snapDisk, s.ctx);
    t.is(await s.driver.usage(snapDisk, s.ctx), null);
  });

  test(`${name}: exportStream yields the disk's content`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('e1', 4), s.ctx);
    const disk = { ...s.disk('e1', 4), logical_id: created.logical_id };
    const path = await s.driver.assemble(disk, s.ctx);
    if (s.raw) writeAt(path, MIB + 3, 'exported');
    const ex = await s.driver.exportStream(disk, s.ctx);
    try {
      const data = await collect(ex.stream);
      t.is(data.length, ex.size);
      if (s.raw) {
        t.is(ex.format, 'raw');
        t.is(data.length, 4 * MIB);
        t.is(data.subarray(MIB + 3, MIB + 11).toString(), 'exported');
      } else {
        t.is(data.subarray(0, 4).toString('latin1'), 'QFI\xfb', 'a qcow2 image streams as qcow2');
      }
    } finally {
      await ex.done();
    }
    await s.driver.shutdown(disk, s.ctx);
  });

  test(`${name}: remove deletes the disk, removing again succeeds`, async (t) => {
    const s = await fresh();
    const created = await s.driver.create(s.disk('r1', 8), s.ctx);
    const disk = { ...s.disk('r1', 8), logical_id: created.logical_id };
    await s.driver.remove(disk, s.ctx);
    t.is(await s.driver.usage(disk, s.ctx), null);
    await t.throwsAsync(s.driver.assemble(disk, s.ctx), { instanceOf: BlockDeviceError });
    await s.driver.remove(disk, s.ctx);
  });

  test(`${name}: report and listVolumes account for the disks`, async (t) => {
    const s = await fresh();
    const opts = { fileStorageDir: s.ctx.fileStorageDir, sharedFileStorageDir: s.ctx.sharedFileStorageDir, totalMiB: 10_000 };
    const before = await s.driver.report(opts);
    const created = await s.driver.create(s.disk('v1', 100), s.ctx);
    const after = await s.driver.report(opts);
    const vols = await s.driver.listVolumes(opts);
    if (s.driver.kind === 'ext') {
      // External storage accounts for itself: nothing is reported by the node.
      t.is(after, null);
      t.deepEqual(vols, []);
      return;
    }
    t.is(after!.used - before!.used, 100);
    t.is(after!.free, 10_000 - after!.used);
    const v = vols.find((x) => x.name === created.logical_id[1]);
    t.truthy(v, JSON.stringify(vols));
    t.is(v!.size, 100);
    t.is(v!.phys, created.path);
  });
}
