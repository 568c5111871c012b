// The layout tools/build/bundle.mjs produces (checked on the existing build, not rebuilt:
// other tests may be running the programs). The long-running daemons: build/bin/<name> is a
// symlink to <name>.mjs, a launcher that runs directly (on the project's node when there is
// one), turns on the compile cache and loads lib/<name>.mjs, which finds its chunks and has a
// require() for CJS dependencies. Every other program is CommonJS: <name>.cjs, a launcher
// that turns on the compile cache and requires lib/<name>.cjs.
import test from 'ava';
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO, requirePrograms, run } from '../../../vcluster/harness.js';

const DAEMONS = ['ganeti-masterd', 'ganeti-rapi'];
test.before(() => requirePrograms([...DAEMONS, 'daemon-util', 'ensure-dirs']));

for (const name of DAEMONS) {
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
  for (const name of DAEMONS) t.false(readFileSync(join(BIN, 'lib', `${name}.mjs`), 'utf8').includes('sshcrypto'), name);
  for (const name of ['daemon-util', 'gnt-node']) t.false(readFileSync(join(BIN, 'lib', `${name}.cjs`), 'utf8').includes('sshcrypto'), name);
});

test('the commands and tools are CommonJS programs: a launcher (compile cache) and one bundle, which runs', async (t) => {
  requirePrograms(['gnt-cluster', 'gnt-instance', 'hbal']);
  for (const name of ['gnt-cluster', 'gnt-instance', 'daemon-util', 'ensure-dirs', 'hbal']) {
    t.is(readlinkSync(join(BIN, name)), `${name}.cjs`);
    const launcher = readFileSync(join(BIN, `${name}.cjs`), 'utf8');
    t.regex(launcher, /enableCompileCache/);
    t.true(launcher.includes(`require('./lib/${name}.cjs')`));
    t.false(existsSync(join(BIN, `${name}.mjs`)), 'no ES module launcher left from an older build');
  }
  // A verb loaded lazily (its module inside the one bundle) prints its usage.
  const r = await run(join(BIN, 'gnt-instance'), ['add', '--help']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /gnt-instance add/);
});

test('hail is a CommonJS program: a launcher (compile cache, its V8 flags) and one bundle without packages', async (t) => {
  requirePrograms(['hail']);
  t.is(readlinkSync(join(BIN, 'hail')), 'hail.cjs');
  t.is(readlinkSync(join(BIN, 'lib', 'hail')), '../hail.cjs');
  const launcher = readFileSync(join(BIN, 'hail.cjs'), 'utf8');
  t.regex(launcher.split('\n')[0]!, /^#!\/usr\/bin\/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \S+ --min-semi-space-size=28 --max-semi-space-size=28$/);
  t.regex(launcher, /enableCompileCache/);
  t.true(launcher.includes("require('./lib/hail.cjs')"));
  t.false(existsSync(join(BIN, 'hail.mjs')), 'no ES module launcher left from an older build');
  const bundle = readFileSync(join(BIN, 'lib', 'hail.cjs'), 'utf8');
  t.false(bundle.includes('import('), 'nothing loaded later');
  for (const m of bundle.matchAll(/require\("([^"]+)"\)/g)) t.true(m[1]!.startsWith('node:'), `${m[1]} is one of Node's modules`);
  const r = await run(join(BIN, 'hail'), ['--help']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^Usage: hail \[OPTION\.\.\.\] INPUT-FILE/m);
});
