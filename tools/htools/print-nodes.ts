// The tables the htools print (Ganeti's printTable, Node.showField/showHeader with Ganeti 3.0's
// default fields, Cluster.printInsts, Cluster.printStats).
import { pCpu, pDsk, pMem, isRunning, NO_SECONDARY, type Instance, type Node } from '../../daemons/common/htools/model.js';
import { detailedScore } from '../../daemons/common/htools/score.js';

/** Ganeti's printTable: every column padded to its widest cell (numbers right-aligned), the
 * line prefixed by lp and one space. */
export function formatTable(lp: string, header: string[], rows: string[][], isNum: boolean[]): string {
  const all = [header, ...rows];
  const w = header.map((_, k) => Math.max(...all.map((r) => r[k]!.length)));
  return all.map((r) => `${lp} ${r.map((c, k) => (isNum[k] ? c.padStart(w[k]!) : c.padEnd(w[k]!))).join(' ')}\n`).join('');
}

const d = (x: number, w: number) => String(Math.trunc(x)).padStart(w);
/** Haskell's printf "%.Nf": the shortest decimal digits of x rounded half to even (0.125 -> 0.12). */
export function hsFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const [mant, e = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mant!.replace('.', '').split('').map(Number);
  let exp = Number(e) + 1;                 // digits form 0.d1d2... x 10^exp
  const keep = exp + prec;
  if (keep < 0) return (neg ? '-' : '') + (0).toFixed(prec);
  let ds = digits.slice(0, keep);
  while (ds.length < keep) ds.push(0);
  const rest = digits.slice(keep);
  const half = rest.length > 0 && (rest[0]! > 5 || (rest[0] === 5 && (rest.slice(1).some((v) => v > 0) || (ds.length ? ds[ds.length - 1]! % 2 === 1 : false))));
  if (half) {
    let k = ds.length - 1;
    while (k >= 0 && ds[k] === 9) { ds[k] = 0; k--; }
    if (k >= 0) ds[k] = ds[k]! + 1; else { ds = [1, ...ds]; exp++; }
  }
  const intPart = exp > 0 ? ds.slice(0, exp).join('') || '0' : '0';
  const frac = exp > 0 ? ds.slice(exp) : [...Array(-exp).fill(0), ...ds];
  const fs = frac.slice(0, prec).join('').padEnd(prec, '0');
  return `${neg ? '-' : ''}${intPart.replace(/^0+(?=\d)/, '')}${prec ? `.${fs}` : ''}`;
}
const f = (x: number, w: number, p: number) => hsFixed(x, p).padStart(w);
/** Memory not accounted for by the node, its free memory and its instances (Loader's xMem). */
export const xMem = (n: Node) => n.xMem ?? 0;
const iMem = (n: Node) => Math.trunc(n.tMem) - n.nMem - xMem(n) - n.fMem;

type Field = [string, (n: Node) => string, boolean];
const FIELDS: Record<string, Field> = {
  idx: ['Index', (n) => d(n.idx, 4), true],
  name: ['Name', (n) => n.name, false],
  fqdn: ['Name', (n) => n.name, false],
  status: ['F', (n) => (n.offline ? '-' : n.failN1 ? '*' : ' '), false],
  tmem: ['t_mem', (n) => f(n.tMem, 5, 0), true],
  nmem: ['n_mem', (n) => d(n.nMem, 5), true],
  xmem: ['x_mem', (n) => d(xMem(n), 5), true],
  fmem: ['f_mem', (n) => d(n.reportedFMem ?? n.fMem, 5), true],
  imem: ['i_mem', (n) => d(iMem(n), 5), true],
  umem: ['u_mem', (n) => d(n.fMem + Math.min(0, xMem(n)), 5), true],
  rmem: ['r_mem', (n) => d(n.rMem, 5), true],
  amem: ['a_mem', (n) => d(n.fMem - n.rMem, 5), true],
  tdsk: ['t_dsk', (n) => f(n.tDsk / 1024, 5, 0), true],
  fdsk: ['f_dsk', (n) => d(Math.floor(n.fDsk / 1024), 5), true],
  tcpu: ['pcpu', (n) => f(n.tCpu, 4, 0), true],
  ucpu: ['vcpu', (n) => d(n.uCpu, 4), true],
  pcnt: ['pcnt', (n) => d(n.pList.length, 3), true],
  scnt: ['scnt', (n) => d(n.sList.length, 3), true],
  plist: ['primaries', (n) => `[${[...n.pList].reverse().join(',')}]`, true],
  slist: ['secondaries', (n) => `[${[...n.sList].reverse().join(',')}]`, true],
  pfmem: ['p_fmem', (n) => f(pMem(n), 6, 4), true],
  pfdsk: ['p_fdsk', (n) => f(pDsk(n), 6, 4), true],
  rcpu: ['r_cpu', (n) => f(pCpu(n), 5, 2), true],
  cload: ['lCpu', (n) => f(n.load, 5, 3), true],
  mload: ['lMem', (n) => f(n.load, 5, 3), true],
  dload: ['lDsk', (n) => f(n.dskLoad, 5, 3), true],
  nload: ['lNet', (n) => f(n.load, 5, 3), true],
  ptags: ['PrimaryTags', (n) => [...n.pTags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, c]) => `${t}=${c}`).join(','), false],
  spindle_count: ['NodeSpindles', (n) => String(n.tSpindles), true],
  hi_spindles: ['MaxSpindles', (n) => String(n.hiSpindles), true],
  inst_spindles: ['InstSpindles', (n) => String(n.instSpindles), true],
};
/** Node.defaultFields of Ganeti 3.0. */
const DEFAULT = ['status', 'name', 'tmem', 'nmem', 'imem', 'xmem', 'fmem', 'umem', 'rmem', 'tdsk', 'fdsk', 'tcpu', 'ucpu',
  'pcnt', 'scnt', 'pfmem', 'pfdsk', 'rcpu', 'cload', 'mload', 'dload', 'nload'];

/** The node table for -p[FIELDS] ("+a,b" adds fields to the default ones). */
export function printNodes(nodes: Node[], spec: string): string {
  let names = DEFAULT;
  if (spec) names = spec.startsWith('+') ? [...DEFAULT, ...spec.slice(1).split(',')] : spec.split(',');
  const unknown = names.filter((x) => !FIELDS[x]);
  if (unknown.length) throw new Error(`Unknown field(s) ${unknown.join(', ')} for --print-nodes (known: ${Object.keys(FIELDS).join(', ')})`);
  const fs = names.map((x) => FIELDS[x]!);
  return formatTable('', fs.map((x) => x[0]), nodes.map((n) => fs.map((x) => x[1](n))), fs.map((x) => x[2]));
}

/** Cluster.printInsts: the instance map of --print-instances. */
export function printInstances(nodes: Node[], insts: Instance[]): string {
  const rows = insts.map((i) => [isRunning(i) ? 'R' : ' ', i.name, nodes[i.pNode]!.name,
    i.sNode === NO_SECONDARY ? '' : nodes[i.sNode]!.name, i.autoBalance ? 'Y' : 'N', d(i.vcpus, 3), d(i.mem, 5),
    d(Math.floor(i.dsk / 1024), 5), f(1, 5, 3), f(1, 5, 3), f(1, 5, 3), f(1, 5, 3)]);
  return formatTable('', ['F', 'Name', 'Pri_node', 'Sec_node', 'Auto_bal', 'vcpu', 'mem', 'dsk', 'lCpu', 'lMem', 'lDsk', 'lNet'], rows,
    [false, false, false, false, false, true, true, true, true, true, true, true]);
}

/** Cluster.printStats: the score's components, values and weights. */
export function printStats(lp: string, nodes: Node[]): string {
  const rows = detailedScore(nodes).map((r) => [r.name, r.value.toFixed(8), `x${r.weight.toFixed(2)}`]);
  return formatTable(lp, ['Field', 'Value', 'Weight'], rows, [false, true, true]);
}
