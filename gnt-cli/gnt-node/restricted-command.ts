// gnt-node restricted-command [-M] [--sync] [-g GROUP] COMMAND [NODE...] (Ganeti's
// gnt_node.RestrictedCommand): runs COMMAND from each node's own restricted-commands
// directory on the online nodes named (or of GROUP). Offline nodes are skipped with a
// note on stderr. Each node's output follows a separator line and "Node: NAME" (with -M:
// every line prefixed "NAME: "); a node where it failed prints why and makes the exit code 1.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { OpRestrictedCommand } from '../../daemons/common/opcodes/restricted-command.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addJobOptions } from '../framework/job-options.js';
import { ARGS_AT_LEAST_ONE, type VerbContext, type VerbDef } from '../framework/spec.js';

interface Opts extends GenericOpts { sync?: boolean; showMachineNames?: boolean; nodeGroup?: string }

/** cli.GetOnlineNodes: the named nodes (or those of a group), offline ones skipped with a note. */
async function onlineNodes(ctx: VerbContext, names: string[], group: string | undefined): Promise<string[]> {
  const res = await (await ctx.master()).query('node', ['name', 'offline', 'group'], names, null);
  const rows = res.rows.map((r) => ({ name: String(r[0]?.value), offline: r[1]?.value === true, group: String(r[2]?.value) }))
    .filter((r) => group === undefined || r.group === group);
  const offline = rows.filter((r) => r.offline).map((r) => r.name);
  if (offline.length) ctx.err(`Note: skipping offline node(s): ${offline.join(', ')}`);
  return rows.filter((r) => !r.offline).map((r) => r.name);
}

export const verb: VerbDef<Opts> = {
  args: ARGS_AT_LEAST_ONE,
  options(cmd) {
    cmd.option('--sync', 'Grab locks while doing the queries in order to ensure more consistent results');
    cmd.option('-M, --show-machine-names', 'Show machine name for every line in output');
    cmd.option('-g, --node-group <nodegroup>', 'Node group (name or uuid)');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [command, ...names]) {
    const group = opts.nodeGroup;
    if (!names.length && group === undefined) throw new OpPrereqError('Node group or node names must be given', { ecode: 'wrong_input' });
    // The master names an unknown group; a uuid is turned into the group's name.
    const groupName = group === undefined ? undefined
      : String((await (await ctx.master()).query('group', ['name'], [group], null)).rows[0]?.[0]?.value ?? group);
    const nodes = await onlineNodes(ctx, names, groupName);
    if (!nodes.length) { ctx.err('No online node to run the command on'); return 1; }
    const sent = await submitOrSend(ctx, buildOp(ctx, OpRestrictedCommand, { command, nodes, use_locking: !!opts.sync }, opts), opts);
    if (sent.submitted) return 0;
    let code = 0;
    const results = sent.result as [boolean, string][];
    nodes.forEach((node, i) => {
      const [ok, text] = results[i] ?? [false, `no result for node ${node}`];
      ctx.out('------------------------------------------------');
      if (!ok) { code = 1; ctx.out(text); return; }
      if (opts.showMachineNames) for (const line of text.split('\n').filter((l, j, all) => j < all.length - 1 || l !== '')) ctx.out(`${node}: ${line}`);
      else { ctx.out(`Node: ${node}`); ctx.out(text); }
    });
    return code;
  },
};
