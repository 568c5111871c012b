// Where a short command's time goes: runs it once under `node --cpu-prof` and sorts the
// samples into categories (module loading/compiling, protobuf, gRPC, commander, project
// code, GC, waiting for the master). The bundles are not minified and esbuild marks each
// source module with a `// path` comment, so a sample's position in a bundle maps back to
// the package or project folder it came from.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[]; positionTicks?: { line: number; ticks: number }[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const CATEGORIES: [RegExp, string][] = [
  [/node_modules\/(protobufjs|@protobufjs|@grpc\/proto-loader|long)\/|proto\/generated|proto\/descriptor/, 'protobuf set-up and codec'],
  [/node_modules\/@grpc\/grpc-js\//, 'gRPC (grpc-js: channel, HTTP/2, TLS)'],
  [/node_modules\/commander\//, 'commander'],
  [/node_modules\//, 'other npm packages'],
  [/^(gnt-cli|daemons|tools)\//, 'project code (CLI, client, common)'],
];

/** Per bundle file: line -> source module, from esbuild's `// path` comments. */
const moduleIndex = new Map<string, [number, string][]>();
function sourceModule(url: string, line: number): string {
  let index = moduleIndex.get(url);
  if (!index) {
    index = [];
    const lines = readFileSync(fileURLToPath(url), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = /^\/\/ ((?:node_modules|gnt-cli|daemons|tools|proto|vcluster)\/\S+)$/.exec(l);
      if (m) index!.push([i, m[1]!]);
    });
    moduleIndex.set(url, index);
  }
  let found = 'bundle top level';
  for (const [start, path] of index) { if (start <= line) found = path; else break; }
  return found;
}

function categorise(stack: CallFrame[], line: number | undefined): string {
  for (let i = stack.length - 1; i >= 0; i--) {
    const f = stack[i]!;
    if (f.url.startsWith('file://') && f.url.includes('/build/bin/')) {
      const mod = sourceModule(f.url, i === stack.length - 1 && line !== undefined ? line : f.lineNumber);
      for (const [re, name] of CATEGORIES) if (re.test(mod)) return name;
      return 'project code (CLI, client, common)';
    }
  }
  const leaf = stack[stack.length - 1]?.functionName ?? '';
  if (leaf === '(idle)') return 'idle: waiting for the master / I/O';
  if (leaf === '(garbage collector)') return 'garbage collection';
  if (leaf === '(program)') return 'V8/native: parse, compile, bootstrap';
  if (stack.some((f) => f.url.includes('node:internal/modules'))) return 'node module loader (resolve, read, link)';
  return 'node internals (bootstrap, net, streams)';
}

/** Milliseconds of samples per category for one run of `node --cpu-prof program args`. */
export function profileCommand(node: string, program: string, args: string[], env: NodeJS.ProcessEnv):
  { wallMs: number; byCategory: Map<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'ganeti-prof-'));
  try {
    const t0 = performance.now();
    const r = spawnSync(node, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', program, ...args],
      { env, encoding: 'utf8', timeout: 60_000 });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile written');
    const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const cache = new Map<number, string>();
    const byCategory = new Map<string, number>();
    // The process's life before the profiler started (node bootstrap) is not sampled.
    byCategory.set('outside the profile (spawn, node bootstrap, exit)', 0);
    prof.samples.forEach((id, i) => {
      let cat = cache.get(id);
      if (cat === undefined) {
        const stack: CallFrame[] = [];
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.unshift(byId.get(cur)!.callFrame);
        const n = byId.get(id)!;
        // The line most sampled inside the leaf function (module top-level code is one function).
        const top = n.positionTicks?.reduce((a, b) => (b.ticks > a.ticks ? b : a));
        cat = categorise(stack, top ? top.line - 1 : undefined);
        cache.set(id, cat);
      }
      byCategory.set(cat, (byCategory.get(cat) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
    });
    const sampled = (prof.endTime - prof.startTime) / 1000;
    byCategory.set('outside the profile (spawn, node bootstrap, exit)', Math.max(0, wallMs - sampled));
    return { wallMs, byCategory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
