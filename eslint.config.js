// The lint that CI runs (`npm run lint`). Its main job is to enforce the layers of
// docs/internals.md, which used to be documented only: who may import whom, no import
// cycles, nothing outside test/ imports test/. Imports are resolved like TypeScript does
// (NodeNext: `./x.js` is `./x.ts`), so a rule sees the real file, not the import text.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const D = './daemons';
// Driver descriptors (name, capabilities, parameter schemas, defaults) are data that the
// master and the clients read; the rest of a driver folder is code that only noded runs.
// Paths relative to the driver folder: the one registry and the modules it is built from.
const HV_DESCRIPTORS = ['./descriptors.ts', './descriptor.ts', './fake/descriptor.ts', './kvm/descriptor.ts'];
const STORAGE_DESCRIPTORS = ['./descriptors.ts', './descriptor.ts', './diskless-descriptor.ts', './file-descriptor.ts',
  './ext-descriptor.ts', './unsupported-descriptors.ts'];
const CLIENTS = ['./gnt-cli', './tools', './vcluster', './bench', './test'];

/** A zone: files under `target` may not import files under each of `from`. */
const deny = (target, from, message, extra = {}) => ({ target, from, message, ...extra });
const driverCode = (target, who) => [
  deny(target, `${D}/hypervisor`, `${who} reads hypervisor descriptors only (daemons/hypervisor/descriptors.ts), never driver code`, { except: HV_DESCRIPTORS }),
  deny(target, `${D}/storage`, `${who} reads storage descriptors only (daemons/storage/descriptors.ts), never driver code`, { except: STORAGE_DESCRIPTORS }),
];

const zones = [
  // daemons/common is the leaf every program shares: it imports nothing but itself and proto.
  ...[`${D}/hypervisor`, `${D}/storage`, `${D}/noded`, `${D}/masterd`, `${D}/rapi`, ...CLIENTS]
    .map((f) => deny(`${D}/common`, f, 'daemons/common is the leaf layer: it imports only daemons/common and proto')),
  // Drivers depend only on common.
  ...[`${D}/storage`, `${D}/noded`, `${D}/masterd`, `${D}/rapi`, ...CLIENTS]
    .map((f) => deny(`${D}/hypervisor`, f, 'hypervisor drivers import only daemons/common and proto')),
  ...[`${D}/hypervisor`, `${D}/noded`, `${D}/masterd`, `${D}/rapi`, ...CLIENTS]
    .map((f) => deny(`${D}/storage`, f, 'storage drivers import only daemons/common and proto')),
  // noded runs drivers for the master; it never imports the master or a client.
  ...[`${D}/masterd`, `${D}/rapi`, ...CLIENTS]
    .map((f) => deny(`${D}/noded`, f, 'noded imports only common, the drivers and proto')),
  // The master reads driver descriptors and talks to nodes over RPC only.
  ...[`${D}/noded`, `${D}/rapi`, ...CLIENTS].map((f) => deny(`${D}/masterd`, f, 'masterd imports only common, proto and driver descriptors')),
  ...driverCode(`${D}/masterd`, 'masterd'),
  // Inside masterd, cmdlib (one LU per opcode) sits on top: master-wide code lives beside it.
  deny(`${D}/masterd/!(cmdlib)/**`, `${D}/masterd/cmdlib`, 'master-wide code must not import cmdlib (LUs sit on top of it)'),
  deny(`${D}/masterd/!(processor).ts`, `${D}/masterd/cmdlib`, 'only processor.ts (which runs LUs) imports cmdlib'),
  // RAPI is a client of the master, like gnt-*: common (incl. the client library) only.
  ...[`${D}/noded`, `${D}/masterd`, ...CLIENTS].map((f) => deny(`${D}/rapi`, f, 'ganeti-rapi is a client of the master: it imports daemons/common (the client library) only')),
  ...driverCode(`${D}/rapi`, 'ganeti-rapi'),
  // Clients build opcodes with the client library and talk to daemons over their sockets.
  ...[`${D}/noded`, `${D}/masterd`, `${D}/rapi`, './tools', './vcluster', './bench', './test']
    .map((f) => deny('./gnt-cli', f, 'gnt-* are clients: they import daemons/common (the client library) and their own folder')),
  ...driverCode('./gnt-cli', 'gnt-*'),
  ...[`${D}/noded`, `${D}/masterd`, `${D}/rapi`, './gnt-cli', './vcluster', './bench', './test']
    .map((f) => deny('./tools', f, 'tools are clients: they use daemons/common (the client library), not daemon or CLI code')),
  ...driverCode('./tools', 'tools'),
  ...[`${D}/noded`, `${D}/masterd`, `${D}/rapi`, './gnt-cli', './bench', './test']
    .map((f) => deny('./vcluster', f, 'vcluster imports only daemons/common and its own folder')),
  deny('./bench', './test', 'benchmarks must not depend on tests: share code through vcluster/ or daemons/common'),
];

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'proto/generated/**', '.runtime/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // A descriptor's load() imports its driver lazily and the driver imports its descriptor:
      // that dynamic edge is the design (the master never runs driver code), not a cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }],
      'import-x/no-self-import': 'error',
      // Daemons must never lose an error in a promise nobody awaits (STYLE.md 2.5).
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Tests and benchmarks start and stop things in sequence; a forgotten await there is
    // caught by the test failing, not worth a lint error.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
);
