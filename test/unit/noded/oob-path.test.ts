// noded's check of an out-of-band program path for gnt-cluster verify, with Ganeti's texts.
import test from 'ava';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oobPathProblem } from '../../../daemons/noded/backend/node.js';

test('missing, not a file, not executable, fine', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'oob-path-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const prog = join(dir, 'oob');
  writeFileSync(prog, '#!/bin/sh\n');
  chmodSync(prog, 0o644);
  t.is(oobPathProblem(join(dir, 'none')), `error stating out of band helper: [Errno 2] No such file or directory: '${join(dir, 'none')}'`);
  t.is(oobPathProblem(dir), `out of band helper ${dir} is not a file`);
  t.is(oobPathProblem(prog), `out of band helper ${prog} is not executable`);
  chmodSync(prog, 0o755);
  t.is(oobPathProblem(prog), null);
});
