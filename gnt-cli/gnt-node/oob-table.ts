// What gnt-node power, gnt-node health and gnt-cluster epo share: OP_OOB_COMMAND's result
// ([[RS_NORMAL, node], [status, payload]] per node) and its Node/Status table.
import { CellStatus } from '../../daemons/common/client/master-api.js';
import { formatCellStatus, formatTable } from '../../daemons/common/client/table.js';

export interface OobNodeResult { node: string; status: number; payload: unknown }

export function parseOobResult(result: unknown): OobNodeResult[] {
  return (Array.isArray(result) ? result : []).map((entry) => {
    const [[, node], [status, payload]] = entry as [[number, string], [number, unknown]];
    return { node: String(node), status: Number(status), payload };
  });
}

export const isNormal = (r: OobNodeResult) => r.status === CellStatus.Normal;

/** Rows [node, text] for normal results (text from `text`), Ganeti's verbose status text otherwise. */
export function oobRows(results: OobNodeResult[], text: (r: OobNodeResult) => string[][]): { rows: string[][]; errors: number } {
  const rows: string[][] = [];
  let errors = 0;
  for (const r of results) {
    if (isNormal(r)) rows.push(...text(r));
    else { errors += 1; rows.push([r.node, formatCellStatus(r.status, true)]); }
  }
  return { rows, errors };
}

export function oobTable(rows: string[][], headers: boolean, separator: string | null): string[] {
  return formatTable(rows, [{ title: 'Node', alignRight: false }, { title: 'Status', alignRight: false }], headers, separator);
}
