// Generates, from proto/ganeti/*.proto (the single source of truth):
//  - proto/generated/descriptor.json: a pre-serialised descriptor, so that programs load
//    the services without parsing .proto text at start-up (platform.md: ~45 ms saved);
//    method options (the node RPCs' `(ganeti.timeout)` class) are kept in it for the
//    runtime, while google.protobuf (only needed to declare that option) is left out;
//  - proto/generated/**.ts: TypeScript types (proto-loader-gen-types, same options as runtime).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const protoDir = join(root, 'proto');
const outDir = join(protoDir, 'generated');
const files = ['ganeti/common.proto', 'ganeti/node.proto', 'ganeti/master.proto'];
// google/protobuf/descriptor.proto, as shipped with protobufjs (declares MethodOptions).
const googleDir = dirname(createRequire(import.meta.url).resolve('protobufjs/package.json'));
mkdirSync(outDir, { recursive: true });

const pbRoot = new protobuf.Root();
pbRoot.resolvePath = (_origin, target) => join(target.startsWith('google/') ? googleDir : protoDir, target);
pbRoot.loadSync(files, { keepCase: true });
const tree = pbRoot.toJSON({ keepComments: false });
// The runtime needs the option values, not their declaration: dropping the extension and
// google.protobuf keeps the descriptor small (every gnt-* command parses it).
delete tree.nested.google;
for (const [name, v] of Object.entries(tree.nested.ganeti.nested)) if (v.extend) delete tree.nested.ganeti.nested[name];
for (const svc of Object.values(tree.nested.ganeti.nested)) {
  for (const m of Object.values(svc.methods ?? {})) delete m.parsedOptions;
}
const json = JSON.stringify(tree);
const descPath = join(outDir, 'descriptor.json');
if (!existsSync(descPath) || readFileSync(descPath, 'utf8') !== json) writeFileSync(descPath, json);

// The types are generated from a copy without the option's declaration: otherwise every
// google.protobuf descriptor message would get a type file that nothing uses.
const plain = mkdtempSync(join(tmpdir(), 'gen-proto-'));
mkdirSync(join(plain, 'ganeti'));
for (const f of files) {
  const text = readFileSync(join(protoDir, f), 'utf8')
    .replace(/^import "google\/.*$/mg, '')
    .replace(/^extend google\.protobuf\.\w+ \{[^}]*\}$/mg, '')
    .replace(/ \{ option \(ganeti\.\w+\) = \w+; \}/g, ';');
  writeFileSync(join(plain, f), text);
}
try {
  execFileSync(join(root, 'node_modules', '.bin', 'proto-loader-gen-types'), [
    '--longs=Number', '--enums=String', '--defaults', '--oneofs', '--keepCase',
    '--grpcLib=@grpc/grpc-js', '--importFileExtension=.js',
    '-I', plain, '-O', outDir, ...files,
  ], { stdio: 'inherit' });
} finally {
  rmSync(plain, { recursive: true, force: true });
}
// Name the source relative to the project, so that the output is the same in every checkout.
for (const dir of [outDir, join(outDir, 'ganeti')]) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const p = join(dir, f);
    const text = readFileSync(p, 'utf8').replace(/^\/\/ Original file: .*\/(ganeti\/\w+\.proto)$/m, '// Original file: proto/$1');
    writeFileSync(p, text);
  }
}
