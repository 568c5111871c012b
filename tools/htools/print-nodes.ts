// The node table of -p/--print-nodes (Node.showField/showHeader, Ganeti's default fields).
import { pCpu, pDsk, pMem, availDisk, availMem, type Node } from '../../daemons/common/htools/model.js';

type Field = [string, (n: Node) => string, boolean];
const FIELDS: Record<string, Field> = {
  name: ['Name', (n) => n.name, false],
  status: ['F', (n) => (n.offline ? '-' : n.failN1 ? '*' : ' '), false],
  tmem: ['t_mem', (n) => n.tMem.toFixed(0), true],
  nmem: ['n_mem', (n) => String(n.nMem), true],
  xmem: ['x_mem', () => '0', true],
  fmem: ['f_mem', (n) => String(n.fMem), true],
  imem: ['i_mem', (n) => String(Math.max(0, n.tMem - n.nMem - n.fMem)), true],
  rmem: ['r_mem', (n) => String(n.rMem), true],
  amem: ['a_mem', (n) => String(availMem(n)), true],
  tdsk: ['t_dsk', (n) => (n.tDsk / 1024).toFixed(0), true],
  fdsk: ['f_dsk', (n) => (n.fDsk / 1024).toFixed(0), true],
  adsk: ['a_dsk', (n) => (availDisk(n) / 1024).toFixed(0), true],
  tcpu: ['pcpu', (n) => n.tCpu.toFixed(0), true],
  ucpu: ['vcpu', (n) => String(n.uCpu), true],
  pcnt: ['pcnt', (n) => String(n.pList.length), true],
  scnt: ['scnt', (n) => String(n.sList.length), true],
  plist: ['primaries', (n) => n.pList.join(','), false],
  slist: ['secondaries', (n) => n.sList.join(','), false],
  pfmem: ['p_fmem', (n) => pMem(n).toFixed(4), true],
  pfdsk: ['p_fdsk', (n) => pDsk(n).toFixed(4), true],
  rcpu: ['r_cpu', (n) => pCpu(n).toFixed(2), true],
};
const DEFAULT = ['name', 'status', 'tmem', 'nmem', 'imem', 'xmem', 'fmem', 'rmem', 'tdsk', 'fdsk', 'tcpu', 'ucpu', 'pcnt', 'scnt', 'pfmem', 'pfdsk', 'rcpu'];

export function printNodes(nodes: Node[], spec: string): string {
  let names = DEFAULT;
  if (spec) names = spec.startsWith('+') ? [...DEFAULT, ...spec.slice(1).split(',')] : spec.split(',');
  const unknown = names.filter((f) => !FIELDS[f]);
  if (unknown.length) throw new Error(`Unknown field(s) ${unknown.join(', ')} for --print-nodes (known: ${Object.keys(FIELDS).join(', ')})`);
  const fs = names.map((f) => FIELDS[f]!);
  const rows = [fs.map((f) => f[0]), ...nodes.map((n) => fs.map((f) => f[1](n)))];
  const w = fs.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) => `  ${r.map((c, k) => (fs[k]![2] ? c.padStart(w[k]!) : c.padEnd(w[k]!))).join(' ')}`.trimEnd() + '\n').join('');
}
