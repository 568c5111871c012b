// gnt-node info [NODE…] (alias show): Ganeti's ShowNodeConfig layout from a node query.
import { formatGenericInfo, formatParamsDictInfo, ordered, type InfoEntry, type InfoValue } from '../framework/info-printer.js';
import type { Cell } from '../../daemons/common/client/master-api.js';
import { niceSort } from '../../daemons/common/client/py-format.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';

export const NODE_INFO_FIELDS = ['name', 'pip', 'sip', 'pinst_list', 'sinst_list', 'master_candidate', 'drained',
  'offline', 'master_capable', 'vm_capable', 'powered', 'ndparams', 'custom_ndparams'];

/** One node's info tree; cells in NODE_INFO_FIELDS order (abnormal cells count as null). */
export function nodeInfoTree(cells: Cell[]): InfoValue {
  const v = (i: number) => (cells[i]?.status === 0 ? cells[i]!.value : null);
  const [name, pip, sip, pinst, sinst, mc, drained, offline, masterCapable, vmCapable, powered, nd, customNd] =
    NODE_INFO_FIELDS.map((_, i) => v(i));
  const info: InfoEntry[] = [
    ['Node name', name], ['primary ip', pip], ['secondary ip', sip],
    ['master candidate', mc], ['drained', drained], ['offline', offline],
  ];
  if (powered !== null && powered !== undefined) info.push(['powered', powered]);
  info.push(['master_capable', masterCapable], ['vm_capable', vmCapable]);
  if (vmCapable) {
    info.push(['primary for instances', niceSort((pinst as string[] | null) ?? [])]);
    info.push(['secondary for instances', niceSort((sinst as string[] | null) ?? [])]);
  }
  info.push(['node parameters', formatParamsDictInfo((customNd ?? {}) as Record<string, unknown>,
    (nd ?? {}) as Record<string, unknown>)]);
  return ordered(info);
}

export const verb: VerbDef = {
  args: ARGS_ANY,
  async run(ctx, _opts, args) {
    const res = await (await ctx.master()).query('node', NODE_INFO_FIELDS, args, null);
    ctx.out(formatGenericInfo(res.rows.map(nodeInfoTree)));
    return 0;
  },
};
