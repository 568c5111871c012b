// gnt-job info ID… (alias show): Ganeti's ShowJobs layout — status, timestamps with their
// deltas (aligned), total processing time, and per opcode its input, result and log.
import { formatGenericInfo, Inline, ordered, type InfoEntry, type InfoValue } from '../framework/info-printer.js';
import type { Cell } from '../../daemons/common/client/master-api.js';
import { formatTimestamp, pyStr } from '../../daemons/common/client/py-format.js';
import { ARGS_AT_LEAST_ONE, type VerbDef } from '../framework/spec.js';
import { parseJobIds } from './job-common.js';

export const JOB_INFO_FIELDS = ['id', 'status', 'ops', 'opresult', 'opstatus', 'oplog', 'opstart', 'opexec', 'opend',
  'received_ts', 'start_ts', 'end_ts'];

type Ts = [number, number];
const isTs = (v: unknown): v is Ts => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number';
const delta = (from: Ts, to: Ts) => to[0] - from[0] + (to[1] - from[1]) / 1e6;

function jobTimestamp(name: string, ts: unknown, prior?: unknown): InfoEntry {
  if (!isTs(ts)) return [name, `unknown (${pyStr(ts)})`, 'job_timestamp'];
  const d = isTs(prior) ? ` (delta ${delta(prior, ts).toFixed(6)}s)` : '';
  return [name, `${formatTimestamp(ts)}${d}`, 'job_timestamp'];
}

function opTimestamp(name: string, ts: unknown): InfoEntry {
  return [name, isTs(ts) ? formatTimestamp(ts) : 'N/A', 'opcode_timestamp'];
}

/** One job's info tree from a row of JOB_INFO_FIELDS cells. */
export function jobInfoTree(cells: Cell[]): InfoValue {
  const v = (i: number) => cells[i]?.value;
  if (cells[1]?.status !== 0) return `Job ID ${pyStr(v(0))} not found`;
  const list = (i: number) => (Array.isArray(v(i)) ? (v(i) as unknown[]) : []);
  const [recv, start, end] = [v(9), v(10), v(11)];
  const info: InfoEntry[] = [
    ['Job ID', v(0)], ['Status', v(1)],
    jobTimestamp('Received', recv), jobTimestamp('Processing start', start, recv), jobTimestamp('Processing end', end, start),
    ['Total processing time', isTs(end) && isTs(recv) ? `${delta(recv, end).toFixed(6)} seconds` : 'N/A'],
  ];
  const ops = list(2);
  const opcodes = ops.map((op, i) => {
    const log = Array.isArray(list(5)[i]) ? (list(5)[i] as unknown[]) : [];
    const entries: InfoEntry[] = [
      ['Opcode', (op as Record<string, unknown>)?.OP_ID], ['Status', list(4)[i]],
      opTimestamp('Processing start', list(6)[i]), opTimestamp('Execution start', list(7)[i]),
      opTimestamp('Processing end', list(8)[i]),
      ['Input fields', op], ['Result', list(3)[i]],
      ['Execution log', log.map((e) => {
        const [serial, ts, type, msg] = Array.isArray(e) ? e : [];
        return ordered([['Time', formatTimestamp(ts)], ['Content', new Inline([serial, type, type === 'message' ? msg : pyStr(msg)])]]);
      })],
    ];
    return ordered(entries);
  });
  info.push(['Opcodes', opcodes]);
  return ordered(info);
}

export const verb: VerbDef = {
  args: ARGS_AT_LEAST_ONE,
  async run(ctx, _opts, args) {
    const ids = parseJobIds(args);
    const res = await (await ctx.master()).query('job', JOB_INFO_FIELDS, ids.map(String), null);
    ctx.out(formatGenericInfo(res.rows.map(jobInfoTree)));
    return 0;
  },
};
