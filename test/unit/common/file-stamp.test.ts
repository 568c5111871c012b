// A file's stamp changes with every kind of write, and a stamped reader parses a file again
// exactly when it changed.
import test from 'ava';
import { chmodSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStamp, stampedReader } from '../../../daemons/common/file-stamp.js';

const dir = mkdtempSync(join(tmpdir(), 'file-stamp-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('a stamp changes with an in-place write, a rename over the file, a chmod, a removal', (t) => {
  const f = join(dir, 'a');
  t.is(fileStamp(f), '-');
  writeFileSync(f, 'one\n');
  const s1 = fileStamp(f);
  t.not(s1, '-');
  t.is(fileStamp(f), s1);
  writeFileSync(f, 'three\n');
  const s2 = fileStamp(f);
  t.not(s2, s1);
  writeFileSync(`${f}.new`, 'three\n');
  renameSync(`${f}.new`, f);
  const s3 = fileStamp(f);
  t.not(s3, s2);
  chmodSync(f, 0o600);
  t.not(fileStamp(f), s3);
  unlinkSync(f);
  t.is(fileStamp(f), '-');
  t.regex(fileStamp(join(f, 'below-a-missing-dir')), /^-$|^!/);
});

test('a stamped reader parses again only when the file changed, and parse(null) when it is missing', (t) => {
  const f = join(dir, 'b');
  const seen: (string | null)[] = [];
  const read = stampedReader((text) => { seen.push(text); return text?.trim() ?? null; });
  t.is(read(f), null);
  writeFileSync(f, 'node1\n');
  t.is(read(f), 'node1');
  t.is(read(f), 'node1');
  t.deepEqual(seen, [null, 'node1\n']);
  writeFileSync(`${f}.new`, 'node2\n');   // same size, another inode
  renameSync(`${f}.new`, f);
  t.is(read(f), 'node2');
  unlinkSync(f);
  t.is(read(f), null);
  t.deepEqual(seen, [null, 'node1\n', 'node2\n', null]);
});
