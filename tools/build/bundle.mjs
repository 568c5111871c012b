// Bundles every shipped program into build/bin with esbuild: the long-running daemons in one
// build call as ES modules (code they share lands in shared chunks), every program started
// often alone as CommonJS (CJS_TOOLS: no ES module loader at each start). Why bundle: a short-lived command
// loads ~45 ms faster than the same code as separate modules (platform.md), and never
// through tsx. Why split: code a program only sometimes needs (certificates, ssh2) is
// imported with `await import()` and stays in build/bin/chunks, off the start path.
//
// Layout: build/bin/lib/<name>.mjs is the program's bundle (.mjs because split chunks are
// ES modules and must be loaded as such whatever package.json says); build/bin/<name>.mjs
// is a small launcher that turns on Node's compile cache and then imports the bundle;
// build/bin/<name> is a relative symlink to the launcher. Why a launcher: an ES module's
// static imports are all parsed before any of its code runs, so the cache must be on
// before the bundle is even loaded. Running the symlink works: the kernel follows it to
// the launcher's shebang, and node resolves the main module through realpath, so it sees
// the .mjs extension and import.meta.url points into build/bin.
//
// The shebang names the project's node (.runtime/bin/node, installed by
// tools/setup/node.sh) when there is one, so every program runs on Node 22 whatever is
// first on PATH; otherwise `env node`.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync,
  symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'build', 'bin');
const chunkDir = join(outDir, 'chunks');
const libDir = join(outDir, 'lib');
const projectNode = join(root, '.runtime', 'bin', 'node');
// Linux reads at most 255 bytes of a shebang line, and splits it at blanks.
const SHEBANG = existsSync(projectNode) && /^[A-Za-z0-9._/+-]{1,200}$/.test(projectNode)
  ? `#!${projectNode}\n` : '#!/usr/bin/env node\n';

/** The long-running daemons, bundled together as ES modules (code they share in shared chunks,
 * code they only sometimes need loaded later): program name -> entry source, relative to the
 * repository root. Every program started often is CommonJS instead (CJS_TOOLS below). */
const PROGRAMS = {
  'ganeti-masterd': 'daemons/masterd/main.ts',
  'ganeti-rapi': 'daemons/rapi/main.ts',
};

/** V8 flags of some programs' processes (their launcher's shebang runs node through env -S).
 * hail: a short-lived process that parses a document of several MB (5.7 MB at 1,000 nodes and
 * 20,000 instances) and keeps all of it; with a young generation that holds it all it runs no
 * scavenge at all (otherwise nine, each copying the growing parse result): 12% less CPU. Not
 * larger than that: node sets up every page of the semi-spaces at start, 0.33 ms of CPU per MB
 * (hail --help: 49 ms at 32 MB, 60 ms at 64). That request allocates 17.6 MB of young objects. */
const NODE_FLAGS = {
  hail: ['--min-semi-space-size=28', '--max-semi-space-size=28'],
};

/** Environment of some programs' processes, set by the same shebang line (env -S NAME=VALUE).
 * hail: glibc's malloc asks for transparent huge pages for its large blocks (where the kernel
 * gives them on request, the default): the request's bytes and its string, 2 x 5.7 MB at
 * 1,000 nodes and 20,000 instances, take ~800 page faults instead of ~2,800, 5-7 ms less CPU. */
const NODE_ENV = {
  hail: ['GLIBC_TUNABLES=glibc.malloc.hugetlb=1'],
};

/** Programs bundled alone as CommonJS, without the launcher: long-lived processes that must
 * stay small (a CommonJS process loads less of Node than an ES module: docs/scaling.md).
 * They may import only Node's built-in modules (checked: the bundle must be one file). */
const CJS_PROGRAMS = {
  'ganeti-noded': 'daemons/noded/listener.ts',
};

/** Programs started often (every other one), bundled alone as CommonJS, with a CommonJS launcher (compile cache
 * on, NODE_FLAGS): an ES module main loads Node's ES module loader first, 35 ms of CPU on every
 * run (hail --help: 0.065 s as an ES module, 0.03 s like this, the same as `node -e 0`). noded's
 * worker starts at the first call after every idle period, on every node (46 against 69 ms of
 * CPU to load, 55 against 64 MB), and the gnt-* commands at every command a user types
 * (docs/scaling.md, round 16). Code they import lazily is in the one file too (CommonJS has no
 * chunks; the compile cache makes the unused part cheap). They may import the project's modules,
 * Node's built-in ones and CommonJS packages; no top-level await (esbuild refuses it). */
const CJS_TOOLS = {
  hail: 'tools/htools/hail-main.ts',
  'ganeti-noded-worker': 'daemons/noded/main.ts',
  'gnt-cluster': 'gnt-cli/bin/gnt-cluster.ts',
  'gnt-node': 'gnt-cli/bin/gnt-node.ts',
  'gnt-instance': 'gnt-cli/bin/gnt-instance.ts',
  'gnt-job': 'gnt-cli/bin/gnt-job.ts',
  'gnt-os': 'gnt-cli/bin/gnt-os.ts',
  'gnt-debug': 'gnt-cli/bin/gnt-debug.ts',
  'gnt-group': 'gnt-cli/bin/gnt-group.ts',
  'gnt-backup': 'gnt-cli/bin/gnt-backup.ts',
  'gnt-network': 'gnt-cli/bin/gnt-network.ts',
  'gnt-filter': 'gnt-cli/bin/gnt-filter.ts',
  'gnt-storage': 'gnt-cli/bin/gnt-storage.ts',
  'ganeti-cluster-init': 'daemons/masterd/init-main.ts',
  'ganeti-master-failover': 'daemons/masterd/failover-main.ts',
  'ganeti-cluster-command': 'daemons/masterd/cluster-command-main.ts',
  'ganeti-watcher': 'tools/watcher/main.ts',
  'daemon-util': 'tools/daemon-util.ts',
  'ensure-dirs': 'tools/ensure-dirs.ts',
  burnin: 'tools/burnin.ts',
  hbal: 'tools/htools/hbal-main.ts',
  hspace: 'tools/htools/hspace-main.ts',
  hinfo: 'tools/htools/hinfo-main.ts',
  hcheck: 'tools/htools/hcheck-main.ts',
  hroller: 'tools/htools/hroller-main.ts',
};
/** CJS_TOOLS that must stay free of packages (hail: a document in, an answer out, nothing more; checked). */
const NO_PACKAGES = new Set(['hail']);

// Programs other people are still writing may not exist yet: skip them, loudly.
const entryPoints = {};
for (const [name, src] of Object.entries(PROGRAMS)) {
  if (existsSync(join(root, src))) entryPoints[name] = join(root, src);
  else console.warn(`bundle: skipping ${name}: ${src} does not exist`);
}

const options = {
  absWorkingDir: root,
  entryPoints,
  outdir: outDir,
  entryNames: 'lib/[name]',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // CJS dependencies (grpc-js, protobufjs) call require(); an ES module has none, so give
  // every output file one. __dirname/__filename are only used by rarely-run grpc-js code
  // (channelz, orca); map them to their ES module equivalents so that code does not throw.
  banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
  define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  // ssh2 ships a native crypto binding (and optionally cpu-features) found relative to its
  // own files; bundled, the binding would be lost and ssh2 would fall back to slow JS
  // crypto. Only the master's node bootstrap loads it (lazily), so leave it in node_modules.
  external: ['ssh2', 'cpu-features', '*.node'],
  loader: { '.json': 'json' },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  write: false,
};

const started = Date.now();
let result;
let broken = [];
try {
  result = await build(options);
} catch {
  // esbuild has printed each error with its file and line. While programs are being
  // written concurrently one broken program should not stop the others from being
  // rebuilt: find the broken ones, build the rest, and still fail at the end.
  broken = await findBroken(entryPoints);
  for (const name of broken) delete entryPoints[name];
  if (!Object.keys(entryPoints).length) {
    console.error('bundle: build failed');
    process.exit(1);
  }
  try {
    result = await build({ ...options, entryPoints, logLevel: 'silent' });
  } catch {
    console.error('bundle: build failed');
    process.exit(1);
  }
}

mkdirSync(chunkDir, { recursive: true });
mkdirSync(libDir, { recursive: true });
// Programs only: the targets of `await import()` are entry points to esbuild too, but they
// are chunks to us (no launcher, no link).
const programSources = new Set(Object.values(entryPoints).map((p) => relative(root, p)));
const entryOutputs = new Set();
for (const [out, meta] of Object.entries(result.metafile.outputs)) {
  if (meta.entryPoint && programSources.has(meta.entryPoint)) entryOutputs.add(join(root, out));
}
// Chunks first, entries last, each replaced atomically: a command started during a rebuild
// sees either the old or the new file, and a new entry never names a chunk not yet written.
const files = [...result.outputFiles].sort((a, b) =>
  Number(entryOutputs.has(a.path)) - Number(entryOutputs.has(b.path)));
const written = new Set();
for (const f of files) {
  const isEntry = entryOutputs.has(f.path);
  // A source hashbang (esbuild keeps it before the banner) belongs to the launcher only.
  const text = asciiOnly(isEntry ? f.text.replace(/^#!.*\n/, '') : f.text);
  writeAtomically(f.path, text, 0o644);
  written.add(f.path);
  if (isEntry) {
    const launcher = join(outDir, basename(f.path));
    writeAtomically(launcher, launcherText(basename(f.path)), 0o755);
    linkProgram(launcher, launcher.replace(/\.mjs$/, ''));
    // Code that finds a sibling program next to its own module (daemon-util, the watcher)
    // runs from lib/: the programs are there too, as links to the launchers.
    linkProgram(join('..', basename(launcher)), join(libDir, basename(launcher, '.mjs')));
  }
}

// Old chunks stay for an hour: a daemon started before this build may still lazily import
// the chunk names it was built with. Older ones are dropped so the directory stays small.
const hourAgo = Date.now() - 3600_000;
for (const name of readdirSync(chunkDir)) {
  const p = join(chunkDir, name);
  if (!written.has(p) && statSync(p).mtimeMs < hourAgo) rmSync(p, { force: true });
}

await buildDashboard();
await buildCommonJsPrograms();
await buildCommonJsTools();

console.log(`bundle: ${Object.keys(entryPoints).length} programs, ${written.size - entryOutputs.size} chunks ` +
  `-> ${relative(root, outDir)} in ${Date.now() - started} ms`);
if (broken.length) {
  console.error(`bundle: FAILED to build ${broken.join(', ')} (errors above); the other programs were built`);
  process.exitCode = 1;
}

/**
 * The web dashboard ganeti-rapi serves: the browser code bundled for the browser, the page
 * and its stylesheet copied, all into build/bin/lib/dashboard (next to the rapi bundle,
 * which serves that directory). Nothing is fetched from outside the cluster at run time.
 */
async function buildDashboard() {
  const src = join(root, 'daemons', 'rapi', 'dashboard');
  if (!existsSync(src)) return;
  const out = join(libDir, 'dashboard');
  mkdirSync(out, { recursive: true });
  const res = await build({
    absWorkingDir: root, entryPoints: [join(src, 'app.ts')], bundle: true, platform: 'browser', format: 'esm',
    target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning', write: false, outfile: join(out, 'app.js'),
  });
  for (const f of res.outputFiles) writeAtomically(f.path, f.text, 0o644);
  for (const name of readdirSync(src)) {
    if (/\.(html|css|svg|png)$/.test(name)) writeAtomically(join(out, name), readFileSync(join(src, name)), 0o644);
  }
  // xterm.js (the browser terminal of the serial console) and noVNC (the VNC console) are
  // bundled into app.js, an ES module (noVNC awaits at top level); xterm's stylesheet is copied.
  writeAtomically(join(out, 'xterm.css'), readFileSync(join(root, 'node_modules', '@xterm', 'xterm', 'css', 'xterm.css')), 0o644);
}

/** CJS_PROGRAMS: build/bin/<name>.cjs with the shebang, linked as build/bin/<name> and lib/<name>. */
async function buildCommonJsPrograms() {
  for (const [name, src] of Object.entries(CJS_PROGRAMS)) {
    const res = await build({
      absWorkingDir: root, entryPoints: [join(root, src)], bundle: true, platform: 'node', target: 'node22', format: 'cjs',
      legalComments: 'none', logLevel: 'warning', write: false, outfile: join(outDir, `${name}.cjs`), metafile: true,
    });
    const own = Object.keys(res.metafile.inputs).filter((f) => !f.startsWith('node:'));
    if (own.length !== 1) throw new Error(`bundle: ${name} must import only Node's built-in modules, not ${own.slice(1).join(', ')}`);
    const file = join(outDir, `${name}.cjs`);
    writeAtomically(file, SHEBANG + asciiOnly(res.outputFiles[0].text), 0o755);
    // An ES module build of the same program from before (launcher and bundle) goes.
    for (const old of [join(outDir, `${name}.mjs`), join(libDir, `${name}.mjs`)]) rmSync(old, { force: true });
    linkProgram(file, join(outDir, name));
    linkProgram(join('..', `${name}.cjs`), join(libDir, name));
  }
}

/** CJS_TOOLS: build/bin/lib/<name>.cjs (the bundle) and build/bin/<name>.cjs (the launcher),
 * linked as build/bin/<name> and lib/<name>. */
async function buildCommonJsTools() {
  const present = Object.entries(CJS_TOOLS).filter(([name, src]) => {
    if (existsSync(join(root, src))) return true;
    console.warn(`bundle: skipping ${name}: ${src} does not exist`);
    return false;
  });
  // Independent builds: esbuild runs them in parallel.
  const results = await Promise.all(present.map(([name, src]) => build({
    absWorkingDir: root, entryPoints: [join(root, src)], bundle: true, platform: 'node', target: 'node22', format: 'cjs',
    legalComments: 'none', logLevel: 'warning', write: false, outfile: join(libDir, `${name}.cjs`), metafile: true,
    external: options.external, loader: options.loader,
    // Code that finds shipped files next to its module (shipped-files.ts) reads import.meta.url.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  })));
  for (const [k, [name]] of present.entries()) {
    const res = results[k];
    const pkgs = Object.keys(res.metafile.inputs).filter((f) => f.includes('node_modules'));
    if (pkgs.length && NO_PACKAGES.has(name)) throw new Error(`bundle: ${name} must not import packages (${pkgs.join(', ')})`);
    writeAtomically(join(libDir, `${name}.cjs`), asciiOnly(res.outputFiles[0].text.replace(/^#!.*\n/, '')), 0o644);
    const launcher = join(outDir, `${name}.cjs`);
    writeAtomically(launcher, cjsLauncherText(name), 0o755);
    // An ES module build of the same program from before (launcher and bundle) goes.
    for (const old of [join(outDir, `${name}.mjs`), join(libDir, `${name}.mjs`)]) rmSync(old, { force: true });
    linkProgram(launcher, join(outDir, name));
    linkProgram(join('..', `${name}.cjs`), join(libDir, name));
  }
}

/** Programs whose own build fails, each tried alone (only on the failure path). */
async function findBroken(entries) {
  const results = await Promise.all(Object.entries(entries).map(([name, src]) =>
    build({ ...options, entryPoints: { [name]: src }, logLevel: 'silent' }).then(() => null, () => name)));
  return results.filter((n) => n !== null);
}

/** Bundle text with every non-ASCII character escaped. esbuild escapes them in code but keeps
 * comments as written, and one non-ASCII character anywhere makes V8 hold the whole source as
 * UTF-16: twice the memory for the life of a daemon (noded's bundle: 282 KB instead of 141 KB). */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function writeAtomically(path, text, mode) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}

/**
 * The launcher: compile cache on, then the bundle. The cache (V8 code for every module the
 * program loads, checked against the source) lives in build/bin/.compile-cache, next to
 * the code it belongs to and dropped with it; where that is not writable (another user's
 * build) Node simply runs without it. NODE_COMPILE_CACHE, when set, wins (Node's own rule).
 */
function launcherText(bundle) {
  return `${shebangOf(basename(bundle, '.mjs'))}// Written by tools/build/bundle.mjs: see there.
import module from 'node:module';
try { module.enableCompileCache?.(new URL('.compile-cache', import.meta.url).pathname); } catch { /* runs uncached */ }
await import('./lib/${bundle}');
`;
}

/** The shebang line of a launcher: the project's node, with the program's NODE_ENV and NODE_FLAGS. */
function shebangOf(name) {
  const flags = NODE_FLAGS[name];
  const env = NODE_ENV[name];
  return flags || env
    ? `#!/usr/bin/env -S ${env ? `${env.join(' ')} ` : ''}${SHEBANG.slice(2).trim().replace(/^\/usr\/bin\/env /, '')}${flags ? ` ${flags.join(' ')}` : ''}\n`
    : SHEBANG;
}

/** launcherText for a CJS_TOOLS program: the bundle is compiled when required, after the cache is on. */
function cjsLauncherText(name) {
  return `${shebangOf(name)}// Written by tools/build/bundle.mjs: see there.
'use strict';
const { enableCompileCache } = require('node:module');
try { enableCompileCache?.(require('node:path').join(__dirname, '.compile-cache')); } catch { /* runs uncached */ }
require('./lib/${name}.cjs');
`;
}

/** link -> target (relative), replaced atomically and only when it changes. */
function linkProgram(target, link) {
  target = target.startsWith('..') ? target : basename(target);
  try {
    if (readlinkSync(link) === target) return;
  } catch { /* missing, or a regular file from an older layout: replace it */ }
  const tmp = `${link}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  symlinkSync(target, tmp);
  renameSync(tmp, link);
}
