// The sharedfile lease: one opener at a time; an empty lease file (a taker mid-write or a
// crash) is refused with a clear message instead of looping.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockDeviceError } from '../../../daemons/common/errors.js';
import { dropLease, leaseHolder, leasePath, takeLease } from '../../../daemons/storage/lease.js';

function disk() {
  const dir = mkdtempSync(join(tmpdir(), 'lease-'));
  return { path: join(dir, 'd.file'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('an empty lease file is refused, naming it, and left for the admin', (t) => {
  const d = disk();
  writeFileSync(leasePath(d.path), '');
  const err = t.throws(() => takeLease(d.path, 'node1', '/srv/x/d.file'), { instanceOf: BlockDeviceError });
  t.regex(err!.message, /lease file \/srv\/x\/d\.file\.lease names no node/);
  t.is(leaseHolder(d.path), null);
  d.cleanup();
});

test('the lease is taken once, again by its holder, refused to another node, and dropped', (t) => {
  const d = disk();
  takeLease(d.path, 'node1', 'd');
  takeLease(d.path, 'node1', 'd');
  t.throws(() => takeLease(d.path, 'node2', 'd'), { message: /it is open on node node1/ });
  t.false(dropLease(d.path, 'node2'));
  t.true(dropLease(d.path, 'node1'));
  takeLease(d.path, 'node2', 'd');
  t.is(leaseHolder(d.path), 'node2');
  d.cleanup();
});
