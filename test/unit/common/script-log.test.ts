// daemons/common/script-log.ts: the log a node script's output goes to.
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScriptLog } from '../../../daemons/common/script-log.js';

const dir = mkdtempSync(join(tmpdir(), 'script-log-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('output is appended to what the file holds', async (t) => {
  const f = join(dir, 'a.log');
  writeFileSync(f, 'before\n');
  const log = await openScriptLog(f);
  log.write('after\n');
  await new Promise<void>((r) => log.end(() => r()));
  t.is(readFileSync(f, 'utf8'), 'before\nafter\n');
});

test('a file that cannot be opened is refused, naming it', async (t) => {
  writeFileSync(join(dir, 'file'), '');
  const err = await t.throwsAsync(openScriptLog(join(dir, 'file', 'x.log')));
  t.regex(err!.message, /ENOTDIR.*file\/x\.log/);
});

test('a write that fails later (a full disk) loses the line, not the process', async (t) => {
  let stray: Error | null = null;
  const onStray = (e: Error) => { stray = e; };
  process.prependListener('uncaughtException', onStray);
  try {
    const log = await openScriptLog('/dev/full');
    log.write('no room\n');
    await new Promise((r) => setTimeout(r, 200));
    log.destroy();
    t.is(stray, null, `an error escaped: ${String(stray)}`);
  } finally {
    process.removeListener('uncaughtException', onStray);
  }
});
