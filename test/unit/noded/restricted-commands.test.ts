// The node-side checks of gnt-node restricted-command (Ganeti's _PrepareRestrictedCmd and
// RunRestrictedCmd): names, ownership and modes of the directory and the command, the
// generic refusal after the delay, and the run itself (empty environment, in '/').
import test from 'ava';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../../daemons/common/errors.js';
import { nullLogger } from '../../../daemons/common/log.js';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { prepareRestrictedCommand, restrictedCommand, restrictedCommandsDir } from '../../../daemons/noded/backend/restricted-commands.js';
import type { RpcContext } from '../../../daemons/noded/backend/rpc-types.js';

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'rcmd-'));
  const paths = resolvePaths({ GANETI_ROOTDIR: join(root, 'node1'), GANETI_HOSTNAME: 'node1' });
  const ctx = { paths, logger: nullLogger, hooks: { onLeaveCluster() {} } } as unknown as RpcContext;
  return { root, paths, ctx, dir: restrictedCommandsDir(paths) };
}

test('names, modes and file types are checked', (t) => {
  const { root, dir } = setup();
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'ok'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(dir, 'noexec'), '#!/bin/sh\n', { mode: 0o644 });
  writeFileSync(join(dir, 'gw'), '#!/bin/sh\n', { mode: 0o775 });
  chmodSync(join(dir, 'gw'), 0o775);
  mkdirSync(join(dir, 'sub'));
  t.deepEqual(prepareRestrictedCommand(dir, 'ok'), { path: join(dir, 'ok') });
  const problem = (name: string) => { const p = prepareRestrictedCommand(dir, name); return 'problem' in p ? p.problem : ''; };
  t.regex(problem('../ok'), /contains a slash/);
  t.regex(problem('a b'), /invalid characters/);
  t.regex(problem(''), /Missing command name/);
  t.regex(problem('noexec'), /not executable/);
  t.regex(problem('gw'), /writable by group or others/);
  t.regex(problem('sub'), /not a regular file/);
  t.regex(problem('missing'), /Can't stat/);
  chmodSync(dir, 0o777);
  t.regex(problem('ok'), /Directory .* is writable by group or others/);
});

test('a refused command fails after the delay without saying why; a good one runs in / with LC_ALL=C', async (t) => {
  const { root, dir, ctx } = setup();
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const signal = new AbortController().signal;
  await t.throwsAsync(restrictedCommand(ctx, { command: 'x' }, signal, 0), { instanceOf: CommandError, message: /disabled/ });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'show'), '#!/bin/sh\necho "$(pwd) $LC_ALL ${HOME:-nohome}"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'fails'), '#!/bin/sh\necho oops\nexit 3\n', { mode: 0o755 });
  t.deepEqual(await restrictedCommand(ctx, { command: 'show' }, signal, 0), { output: '/ C nohome\n' });
  const err = await t.throwsAsync(restrictedCommand(ctx, { command: 'nope' }, signal, 200));
  t.is(err?.message, "Executing command 'nope' failed");
  await t.throwsAsync(restrictedCommand(ctx, { command: 'fails' }, signal, 0), { message: "Restricted command 'fails' failed: exited with exit code 3; output: oops\n" });
});
