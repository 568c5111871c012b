// Generates, from proto/ganeti/*.proto (the single source of truth):
//  - proto/generated/descriptor.json: a pre-serialised descriptor, so that programs load
//    the services without parsing .proto text at start-up (platform.md: ~45 ms saved);
//  - proto/generated/**.ts: TypeScript types (proto-loader-gen-types, same options as runtime).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const protoDir = join(root, 'proto');
const outDir = join(protoDir, 'generated');
const files = ['ganeti/common.proto', 'ganeti/node.proto', 'ganeti/master.proto'];
mkdirSync(outDir, { recursive: true });

const pbRoot = new protobuf.Root();
pbRoot.resolvePath = (_origin, target) => join(protoDir, target);
pbRoot.loadSync(files, { keepCase: true });
const json = JSON.stringify(pbRoot.toJSON({ keepComments: false }));
const descPath = join(outDir, 'descriptor.json');
if (!existsSync(descPath) || readFileSync(descPath, 'utf8') !== json) writeFileSync(descPath, json);

execFileSync(join(root, 'node_modules', '.bin', 'proto-loader-gen-types'), [
  '--longs=Number', '--enums=String', '--defaults', '--oneofs', '--keepCase',
  '--grpcLib=@grpc/grpc-js', '--importFileExtension=.js',
  '-I', protoDir, '-O', outDir, ...files,
], { stdio: 'inherit' });
