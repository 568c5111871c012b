// gnt-node add NODE: checks the node against the cluster (new, or --readd of a known one),
// then OP_NODE_ADD; the master joins the node (certificates, daemons) itself.
import { OpNodeAdd } from '../../daemons/common/opcodes/node.js';
import { parseYesNo } from '../../daemons/common/client/keyval.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { ARGS_ONE, type VerbContext, type VerbDef } from '../framework/spec.js';
import { addPriorityOption } from '../framework/job-options.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';

interface AddOpts extends GenericOpts {
  secondaryIp?: string;
  readd?: boolean;
  sshKeyCheck?: boolean;
  forceJoin?: boolean;
  nodeSetup?: boolean;
  verbose?: boolean;
  nodeGroup?: string;
  masterCapable?: string;
  vmCapable?: string;
  nodeParameters?: string;
}

/** The node's [name, sip, master] when the cluster knows it; null when it does not. */
async function lookupNode(ctx: VerbContext, node: string): Promise<[string, string | null, boolean] | null> {
  const master = await ctx.master();
  try {
    const res = await master.query('node', ['name', 'sip', 'master'], [node], null);
    const row = res.rows[0];
    if (!row || row[0]?.status !== 0) return null;
    return [String(row[0].value), row[1]?.status === 0 ? String(row[1].value) : null, row[2]?.value === true];
  } catch (err) {
    // An unknown name is an error of the query: the node is simply not in the cluster.
    if ((err as { ecode?: string }).ecode === 'unknown_entity' || (err as Error).name === 'OpPrereqError') return null;
    throw err;
  }
}

export const verb: VerbDef<AddOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-s, --secondary-ip <address>', 'Specify the secondary ip for the node');
    cmd.option('--readd', 'Readd old node after replacing it');
    cmd.option('--no-ssh-key-check', 'Disable SSH key fingerprint checking');
    cmd.option('--force-join', 'Force the joining of a node (no longer supported, ignored)');
    cmd.option('--no-node-setup', 'Do not make initial SSH setup on remote node (needs to be done manually)');
    cmd.option('-v, --verbose', 'Increase the verbosity of the operation');
    cmd.option('-g, --node-group <nodegroup>', 'Node group (name or uuid)');
    cmd.option('--master-capable <yes|no>', 'Set the master_capable flag on the node');
    cmd.option('--vm-capable <yes|no>', 'Set the vm_capable flag on the node');
    cmd.option('--node-parameters <params>', 'Node parameters');
    addPriorityOption(cmd);
  },
  async run(ctx, opts, [node]) {
    const yesNo = (o: string, v: string | undefined) => (v === undefined ? undefined : parseYesNo(o, v));
    const params = {
      node_name: node,
      readd: !!opts.readd,
      group: opts.nodeGroup,
      master_capable: yesNo('--master-capable', opts.masterCapable),
      vm_capable: yesNo('--vm-capable', opts.vmCapable),
      ndparams: parseDictOption('--node-parameters', opts.nodeParameters),
      node_setup: opts.nodeSetup !== false,
      ssh_key_check: opts.sshKeyCheck !== false,
      secondary_ip: opts.secondaryIp,
    };
    // Validate before looking the node up, so that bad input never reaches the master.
    buildOp(ctx, OpNodeAdd, params, opts);
    if (opts.forceJoin) ctx.err('The "--force-join" option is no longer supported and will be ignored.');
    const known = await lookupNode(ctx, node!);
    if (opts.readd) {
      if (!known) {
        ctx.err(`Node ${node} not in the cluster - please retry without '--readd'`);
        return 1;
      }
      if (known[2]) {
        ctx.err(`Node ${node} is the master, cannot readd`);
        return 1;
      }
      params.secondary_ip = known[1] ?? undefined;
    } else if (known) {
      ctx.err(`Node ${node} already in the cluster (as ${known[0]}) - please retry with '--readd'`);
      return 1;
    }
    await submitOpCode(ctx, buildOp(ctx, OpNodeAdd, params, opts), opts);
    return 0;
  },
};
