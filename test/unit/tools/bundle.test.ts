// The layout tools/build/bundle.mjs produces (checked on the existing build, not rebuilt:
// other tests may be running the programs): build/bin/<name> is a symlink to <name>.mjs, a
// launcher that runs directly (on the project's node when there is one), turns on the
// compile cache and loads lib/<name>.mjs, which finds its chunks and has a require() for
// CJS dependencies.
import test from 'ava';
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO, requirePrograms, run } from '../../../vcluster/harness.js';

test.before(() => requirePrograms(['daemon-util', 'ensure-dirs']));

for (const name of ['daemon-util', 'ensure-dirs']) {
  test(`${name} is an executable symlink to its .mjs bundle`, (t) => {
    t.true(lstatSync(join(BIN, name)).isSymbolicLink());
    t.is(readlinkSync(join(BIN, name)), `${name}.mjs`);
    t.is(statSync(join(BIN, `${name}.mjs`)).mode & 0o755, 0o755);
    const launcher = readFileSync(join(BIN, `${name}.mjs`), 'utf8');
    const projectNode = join(REPO, '.runtime', 'bin', 'node');
    const shebang = existsSync(projectNode) ? `#!${projectNode}\n` : '#!/usr/bin/env node\n';
    t.true(launcher.startsWith(shebang), `shebang ${shebang.trim()} on the first line`);
    t.regex(launcher, /enableCompileCache/);
    t.true(launcher.includes(`await import('./lib/${name}.mjs')`));
    const bundle = readFileSync(join(BIN, 'lib', `${name}.mjs`), 'utf8');
    t.false(bundle.startsWith('#!'));
    t.regex(bundle, /const require = __cr\(import\.meta\.url\)/);
  });
}

test('a bundled program runs through its symlink', async (t) => {
  const r = await run(join(BIN, 'daemon-util'), []);
  t.is(r.code, 1);
  t.regex(r.stderr, /^Usage: daemon-util start\|stop\|restart\|check DAEMON/);
});

test('ssh2 stays out of the bundles (its native binding lives in node_modules)', (t) => {
  for (const name of ['daemon-util', 'ensure-dirs']) {
    t.false(readFileSync(join(BIN, 'lib', `${name}.mjs`), 'utf8').includes('sshcrypto'), name);
  }
});
