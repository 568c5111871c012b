// The client's side of `gnt-instance list` for N instances (default 10,000), without a
// cluster: decoding the master's rows_json, formatting the table (Ganeti's layout), and
// writing it to a pipe line by line against all at once. Each figure is the first run in
// a fresh process (what a command pays), then the median of the next ones.
// Run: npx tsx bench/list-format.ts [instances] [--columns]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatQueryResult } from '../daemons/common/client/table.js';
import type { FieldDefinition } from '../daemons/common/client/master-api.js';

const N = Number(process.argv[2] ?? 10_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const FIELDS: FieldDefinition[] = [['name', 'Instance', 'text'], ['hypervisor', 'Hypervisor', 'text'], ['os', 'OS', 'text'],
  ['pnode', 'Primary_node', 'text'], ['status', 'Status', 'text'], ['oper_ram', 'Memory', 'unit']]
  .map(([name, title, kind]) => ({ name: name!, title: title!, kind: kind as FieldDefinition['kind'], doc: '' }));

if (process.argv[3] === '--write') {
  // Child: writes N lines to stdout (a pipe), one write each or one write in all.
  const lines = Array.from({ length: N }, (_, i) => `inst${i}.example.com fake       dummy node${i % 5} running 128M`);
  const t0 = performance.now();
  if (process.argv[4] === 'lines') for (const l of lines) process.stdout.write(`${l}\n`);
  else process.stdout.write(`${lines.join('\n')}\n`);
  process.stderr.write(String(performance.now() - t0));
} else {
  const rows = Array.from({ length: N }, (_, i) =>
    [[0, `inst${i}.example.com`], [0, 'fake'], [0, 'dummy'], [0, `node${i % 5}`], [0, 'running'], [0, 128]]);
  // --columns: the master's columnar answer (QueryResponse.columns_json, what the CLI asks
  // for), decoded and formatted column by column; otherwise the rows_json form. One form per
  // process, so that each "first" figure is a cold command's.
  const columnar = process.argv.includes('--columns');
  const json = columnar ? JSON.stringify(FIELDS.map((_, c) => [0, rows.map((r) => r[c]![1])])) : JSON.stringify(rows);
  const parse: number[] = [];
  const format: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    const result = columnar
      ? { fields: FIELDS, rows: [], columns: (JSON.parse(json) as [0, unknown[]][]).map(([, values]) => ({ statuses: null, values })) }
      : { fields: FIELDS, rows: (JSON.parse(json) as [number, unknown][][]).map((row) => row.map(([status, value]) => ({ status, value }))) };
    const t1 = performance.now();
    formatQueryResult(result, {});
    parse.push(t1 - t0);
    format.push(performance.now() - t1);
  }
  const write = (how: string) => {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(N), '--write', how],
      { encoding: 'utf8', maxBuffer: 256 << 20 });
    return Number(r.stderr);
  };
  const f = (xs: number[]) => `first ${xs[0]!.toFixed(1)} ms, then median ${median(xs.slice(1)).toFixed(1)} ms`;
  const form = columnar ? 'columns_json' : 'rows_json';
  console.log(`${N} rows, ${form} ${(json.length / 1024).toFixed(0)} KiB`);
  console.log(`  decode ${form}: ${f(parse)}`);
  console.log(`  format the table: ${f(format)}`);
  console.log(`  write to a pipe, a write per line: ${write('lines').toFixed(1)} ms; all at once: ${write('all').toFixed(1)} ms`);
}
