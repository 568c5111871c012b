// gnt-node modify NODE: OP_NODE_SET_PARAMS; the result lists the changes as [param, value].
import { OpNodeSetParams } from '../../daemons/common/opcodes/node.js';
import { parseYesNo } from '../../daemons/common/client/keyval.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { printChanges } from '../framework/changes.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface ModifyOpts extends GenericOpts {
  force?: boolean;
  masterCandidate?: string;
  offline?: string;
  drained?: string;
  masterCapable?: string;
  vmCapable?: string;
  autoPromote?: boolean;
  secondaryIp?: string;
  nodeParameters?: string;
  nodePowered?: string;
}

export const verb: VerbDef<ModifyOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('-C, --master-candidate <yes|no>', 'Set the master_candidate flag on the node');
    cmd.option('-O, --offline <yes|no>', 'Set the offline flag on the node (cluster does not communicate with offline nodes)');
    cmd.option('-D, --drained <yes|no>', 'Set the drained flag on the node (excluded from allocation operations)');
    cmd.option('--master-capable <yes|no>', 'Set the master_capable flag on the node');
    cmd.option('--vm-capable <yes|no>', 'Set the vm_capable flag on the node');
    cmd.option('--auto-promote', 'Lock all nodes and auto-promote as needed to MC status');
    cmd.option('-s, --secondary-ip <address>', 'Specify the secondary ip for the node');
    cmd.option('--node-parameters <params>', 'Node parameters');
    cmd.option('--node-powered <yes|no>', 'Specify if the SoR for node is powered');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [node]) {
    const yesNo = (o: string, v: string | undefined) => (v === undefined ? undefined : parseYesNo(o, v));
    const changes = {
      master_candidate: yesNo('--master-candidate', opts.masterCandidate),
      offline: yesNo('--offline', opts.offline),
      drained: yesNo('--drained', opts.drained),
      master_capable: yesNo('--master-capable', opts.masterCapable),
      vm_capable: yesNo('--vm-capable', opts.vmCapable),
      secondary_ip: opts.secondaryIp,
      ndparams: parseDictOption('--node-parameters', opts.nodeParameters),
      powered: yesNo('--node-powered', opts.nodePowered),
    };
    if (Object.values(changes).every((v) => v === undefined)) {
      ctx.err('Please give at least one of the parameters.');
      return 1;
    }
    const op = buildOp(ctx, OpNodeSetParams, {
      node_name: node, force: !!opts.force, auto_promote: !!opts.autoPromote, ...changes,
    }, opts);
    const res = await submitOrSend(ctx, op, opts);
    printChanges(ctx, 'node', node!, res.result);
    return 0;
  },
};
