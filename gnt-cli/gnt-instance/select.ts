// Instance selection of the multi-instance verbs (Ganeti's _ExpandMultiNames): names, all
// instances, instances of nodes (primary, secondary or both), or by instance/node tags.
import type { Command } from 'commander';
import { OpPrereqError } from '../../daemons/common/errors.js';
import type { VerbContext } from '../framework/spec.js';

export type SelectMode = 'instances' | 'cluster' | 'nodes' | 'nodes-pri' | 'nodes-sec' |
  'instances-by-tags' | 'nodes-by-tags' | 'nodes-pri-by-tags' | 'nodes-sec-by-tags';

export interface SelectOpts {
  instance?: boolean;
  all?: boolean;
  node?: boolean;
  primary?: boolean;
  secondary?: boolean;
  tags?: boolean;
  nodeTags?: boolean;
  priNodeTags?: boolean;
  secNodeTags?: boolean;
  forceMultiple?: boolean;
}

const FLAGS: [keyof SelectOpts, string, SelectMode][] = [
  ['instance', '--instance', 'instances'], ['all', '--all', 'cluster'], ['node', '--node', 'nodes'],
  ['primary', '--primary', 'nodes-pri'], ['secondary', '--secondary', 'nodes-sec'], ['tags', '--tags', 'instances-by-tags'],
  ['nodeTags', '--node-tags', 'nodes-by-tags'], ['priNodeTags', '--pri-node-tags', 'nodes-pri-by-tags'],
  ['secNodeTags', '--sec-node-tags', 'nodes-sec-by-tags'],
];

export function addSelectOptions(cmd: Command): void {
  cmd.option('--force-multiple', 'Do not ask for confirmation when more than one instance is affected');
  cmd.option('--instance', 'Filter by instance name [default]');
  cmd.option('--all', 'Select all instances in the cluster');
  cmd.option('--node', 'Filter by nodes (primary and secondary)');
  cmd.option('--primary', 'Filter by nodes (primary only)');
  cmd.option('--secondary', 'Filter by nodes (secondary only)');
  cmd.option('--tags', 'Filter by instance tag');
  cmd.option('--node-tags', 'Filter by node tag');
  cmd.option('--pri-node-tags', 'Filter by primary node tag');
  cmd.option('--sec-node-tags', 'Filter by secondary node tag');
}

export function selectMode(opts: SelectOpts): SelectMode {
  const given = FLAGS.filter(([k]) => opts[k]);
  if (given.length > 1) {
    throw new OpPrereqError(`Only one of ${given.map(([, f]) => f).join(', ')} can be given`, { ecode: 'wrong_input' });
  }
  return given[0]?.[2] ?? 'instances';
}

const strList = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** The instance names a selection stands for (the master checks that named ones exist). */
export async function expandInstances(ctx: VerbContext, mode: SelectMode, names: string[]): Promise<string[]> {
  const master = await ctx.master();
  const invalid = (msg: string): never => { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); };
  if (mode === 'cluster') {
    if (names.length) invalid('Cluster filter mode takes no arguments');
    const res = await master.query('instance', ['name'], [], null);
    return res.rows.map((r) => String(r[0]?.value));
  }
  if (mode === 'instances') {
    if (!names.length) invalid('No instance names passed');
    const res = await master.query('instance', ['name'], names, null);
    return res.rows.map((r) => String(r[0]?.value));
  }
  if (mode === 'instances-by-tags') {
    if (!names.length) invalid('No instance tags passed');
    const res = await master.query('instance', ['name', 'tags'], [], null);
    return res.rows.filter((r) => strList(r[1]?.value).some((t) => names.includes(t))).map((r) => String(r[0]?.value));
  }
  const byTags = mode.endsWith('-by-tags');
  if (!names.length) invalid(byTags ? 'No node tags passed' : 'No node names passed');
  const res = byTags
    ? await master.query('node', ['name', 'pinst_list', 'sinst_list', 'tags'], [], null)
    : await master.query('node', ['name', 'pinst_list', 'sinst_list'], names, null);
  const rows = byTags ? res.rows.filter((r) => strList(r[3]?.value).some((t) => names.includes(t))) : res.rows;
  const pri = rows.flatMap((r) => strList(r[1]?.value));
  const sec = rows.flatMap((r) => strList(r[2]?.value));
  if (mode.startsWith('nodes-pri')) return pri;
  if (mode.startsWith('nodes-sec')) return sec;
  return [...pri, ...sec];
}
