// hinfo, hcheck, hroller (and hbal cases they share code with) against Ganeti 3.0.2's own
// programs: ganeti-out/N.out is what Ganeti's program printed on stdout (and its exit code)
// for line N of ganeti-out/cases.txt, run on the same saved cluster states.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hinfo } from '../../../tools/htools/hinfo.js';
import { hcheck } from '../../../tools/htools/hcheck.js';
import { hroller, buildGraph, colorLF, colorDsatur, colorDcolor, colorGroups } from '../../../tools/htools/hroller.js';
import { hbal } from '../../../tools/htools/hbal.js';
import { hsFixed } from '../../../tools/htools/print-nodes.js';
import type { ToolIo } from '../../../tools/htools/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const TOOLS: Record<string, (argv: string[], io: ToolIo) => Promise<number>> = { hinfo, hcheck, hroller, hbal };

async function run(tool: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const code = await TOOLS[tool]!(argv, { out: (s) => { out += s; }, err: (s) => { err += s; }, masterSocket: () => '/nonexistent' });
  return { code, out, err };
}

const cases = readFileSync(join(here, 'ganeti-out', 'cases.txt'), 'utf8').trim().split('\n');
cases.forEach((line, k) => {
  test(`${line}: the output and exit code of Ganeti's program`, async (t) => {
    const [tool, file, ...args] = line.split(' ') as [string, string, ...string[]];
    const r = await run(tool, ['-t', join(here, file), ...args]);
    t.is(`${r.out}exit=${r.code}\n`, readFileSync(join(here, 'ganeti-out', `${k + 1}.out`), 'utf8'));
  });
});

test('hinfo -p --print-instances prints Ganeti\'s node and instance tables on stderr', async (t) => {
  const r = await run('hinfo', ['-t', join(here, 'drbd-cluster.txt'), '-p', '--print-instances']);
  t.is(r.err, readFileSync(join(here, 'ganeti-out', 'hinfo-tables.err'), 'utf8'));
});

test('hroller refuses an unknown group and a cluster without a master (unless -f)', async (t) => {
  await t.throwsAsync(run('hroller', ['-t', join(here, 'drbd-cluster.txt'), '-G', 'nogroup']), { message: 'Cannot find target group.' });
});

test('the three colourings of a 5-cycle use three colours, never two neighbours alike', (t) => {
  const edges: [number, number][] = [];
  for (let v = 0; v < 5; v++) { edges.push([v, (v + 1) % 5], [(v + 1) % 5, v]); }
  const g = buildGraph(0, 4, edges);
  for (const c of [colorLF(g), colorDsatur(g), colorDcolor(g)]) {
    t.is(colorGroups(c).length, 3);
    for (const [a, b] of edges) t.not(c.get(a), c.get(b));
  }
});

test('numbers are rounded as Haskell\'s printf rounds them (half to even on the shortest digits)', (t) => {
  t.is(hsFixed(0.125, 2), '0.12');
  t.is(hsFixed(-0.03125, 4), '-0.0312');
  t.is(hsFixed(0.135, 2), '0.14');
  t.is(hsFixed(9.9996, 3), '10.000');
});

test('hbal -p --print-instances prints Ganeti\'s initial and final tables on stderr', async (t) => {
  const r = await run('hbal', ['-t', join(here, 'small-cluster.txt'), '-p', '--print-instances', '-l', '4']);
  t.is(r.err, readFileSync(join(here, 'ganeti-out', 'hbal-tables.err'), 'utf8'));
});
