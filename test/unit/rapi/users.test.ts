// The RAPI users file: Ganeti's format, password schemes, options, changes picked up.
import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullLogger } from '../../../daemons/common/log.js';
import { parseUsersFile, UsersFile, verifyPassword } from '../../../daemons/rapi/users.js';

test('lines, comments, options', (t) => {
  const warnings: string[] = [];
  const users = parseUsersFile('# c\n\njack abc123 read,write\njill pw\nbad\nbob pw frobnicate\n', (w) => warnings.push(w));
  t.deepEqual([...users.keys()], ['jack', 'jill', 'bob']);
  t.deepEqual([...users.get('jack')!.options], ['read', 'write']);
  t.deepEqual([...users.get('jill')!.options], []);
  t.is(warnings.length, 2);
  t.regex(warnings[1]!, /unknown option 'frobnicate'/);
});

test('plain, {cleartext} and {HA1} passwords', (t) => {
  const ha1 = createHash('md5').update('jack:Ganeti Remote API:abc123').digest('hex');
  const users = parseUsersFile(`jack {HA1}${ha1}\njill {CLEARTEXT}pw\njoe plainpw\nzed {sha}xx\n`);
  t.true(verifyPassword(users.get('jack')!, 'abc123'));
  t.false(verifyPassword(users.get('jack')!, 'abc124'));
  t.true(verifyPassword(users.get('jill')!, 'pw'));
  t.false(verifyPassword(users.get('jill')!, '{CLEARTEXT}pw'));
  t.true(verifyPassword(users.get('joe')!, 'plainpw'));
  t.false(verifyPassword(users.get('zed')!, '{sha}xx'), 'unknown schemes let nobody in');
});

test('an owner account must have a valid owner name', (t) => {
  const warnings: string[] = [];
  const users = parseUsersFile('al:ice pw user\nalice pw user\n', (w) => warnings.push(w));
  t.deepEqual([...users.keys()], ['alice']);
  t.is(warnings.length, 1);
});

test('the file is re-read when it changes', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rapi-users-'));
  try {
    const file = join(dir, 'users');
    const users = new UsersFile(file, nullLogger);
    t.is(users.get('a'), undefined, 'no file: nobody');
    writeFileSync(file, 'a pw write\n');
    t.truthy(users.get('a'));
    writeFileSync(file, 'b pw\n# a removed\n');
    t.is(users.get('a'), undefined);
    t.truthy(users.get('b'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
