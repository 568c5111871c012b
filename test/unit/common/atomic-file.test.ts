// atomicWriteMany: a master failover takes over a thousand job files this way; every file is
// either its old or its new content, and nothing temporary is left behind.
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicWriteMany } from '../../../daemons/common/atomic-file.js';

function scratch(): string { return mkdtempSync(join(tmpdir(), 'atomic-many-')); }

test('writes new files and replaces old ones, with their modes, leaving no temporary file', async (t) => {
  const dir = scratch();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'job-1'), 'old');
  await atomicWriteMany(dir, [
    { name: 'job-1', data: 'one' },
    { name: 'job-2', data: Buffer.from('two') },
    { name: 'journal', data: 'j', mode: 0o600 },
  ]);
  t.deepEqual(readdirSync(dir).sort(), ['job-1', 'job-2', 'journal']);
  t.is(readFileSync(join(dir, 'job-1'), 'utf8'), 'one');
  t.is(readFileSync(join(dir, 'job-2'), 'utf8'), 'two');
  t.is(statSync(join(dir, 'journal')).mode & 0o777, 0o600);
  t.is(statSync(join(dir, 'job-2')).mode & 0o777, 0o640);
});

test('a failure before the renames changes no file and removes the temporary ones', async (t) => {
  const dir = scratch();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'job-1'), 'old');
  // A name with a missing directory in it cannot be written: the whole set is refused.
  await t.throwsAsync(atomicWriteMany(dir, [{ name: 'job-1', data: 'new' }, { name: 'no/such/dir', data: 'x' }]), { code: 'ENOENT' });
  t.is(readFileSync(join(dir, 'job-1'), 'utf8'), 'old');
  t.deepEqual(readdirSync(dir), ['job-1']);
});
