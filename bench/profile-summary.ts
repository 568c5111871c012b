// Summarises a daemon's .cpuprofile: self time by source module of the bundle (esbuild's
// `// path` comments map a line back to its module) or by node-internal/native frame, and
// the heaviest self-time functions. Run alone: npx tsx bench/profile-summary.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const moduleIndex = new Map<string, [number, string][]>();
function sourceModule(url: string, line: number): string {
  let index = moduleIndex.get(url);
  if (!index) {
    index = [];
    let lines: string[] = [];
    try { lines = readFileSync(fileURLToPath(url), 'utf8').split('\n'); } catch { /* not a file */ }
    lines.forEach((l, i) => {
      const m = /^\/\/ ((?:node_modules|gnt-cli|daemons|tools|proto|vcluster)\/\S+)$/.exec(l);
      if (m) index!.push([i, m[1]!]);
    });
    moduleIndex.set(url, index);
  }
  let found = 'bundle top level';
  for (const [start, path] of index) { if (start <= line) found = path; else break; }
  return found.replace(/^node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*/, 'npm:$1');
}

function frameName(f: CallFrame): string {
  if (f.url.startsWith('file://')) return sourceModule(f.url, f.lineNumber);
  if (f.url.startsWith('node:')) return f.url;
  return f.functionName ? `(${f.functionName})` : '(anonymous native)';
}

/** [category, ms] sorted by time, then the top functions as `fn @ module`. */
export function summariseProfile(file: string, top = 25): [string, number][] {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
  const byModule = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    total += ms;
    const mod = frameName(f);
    byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    const fn = `${f.functionName || '(anon)'} @ ${mod}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return [['busy (not idle)', total], ...sort(byModule).slice(0, top), ['--- top functions ---', 0],
    ...sort(byFn).slice(0, top)];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  for (const [k, v] of summariseProfile(process.argv[2]!, Number(process.argv[3] ?? 25))) console.log(`${k.padEnd(70)} ${v.toFixed(0).padStart(7)}`);
}
