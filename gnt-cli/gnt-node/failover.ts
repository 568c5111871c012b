// gnt-node failover [-f] [--ignore-consistency] [-n NODE | -I ALLOC] NODE: fail over every
// primary instance (stop here, start on the target), one OP_INSTANCE_FAILOVER job each.
import { OpInstanceFailover } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { moveInstances, nodeInstances } from './move-instances.js';

interface Opts extends GenericOpts {
  force?: boolean;
  ignoreConsistency?: boolean;
  targetNode?: string;
  iallocator?: string;
  ignoreIpolicy?: boolean;
}

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--ignore-consistency', 'Ignore the consistency of the disks on the secondary');
    cmd.option('-n, --target-node <node>', 'Target node for the instances (externally mirrored templates only)');
    cmd.option('-I, --iallocator <name>', 'Select the target nodes with this iallocator (default: the cluster default, hail)');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [node]) {
    if (opts.targetNode && opts.iallocator) throw new OpPrereqError('Give either the iallocator or the target node, not both', { ecode: 'wrong_input' });
    const instances = await nodeInstances(ctx, node!, 'pinst_list');
    if (!instances.length) {
      ctx.out(`No primary instances on node ${node}, exiting.`);
      return 0;
    }
    return moveInstances(ctx, instances, {
      question: `Fail over instance(s) ${instances.map((i) => `'${i}'`).join(', ')}?`,
      force: !!opts.force,
      build: (name) => buildOp(ctx, OpInstanceFailover, {
        instance_name: name,
        ignore_consistency: !!opts.ignoreConsistency,
        ...(opts.targetNode ? { target_node: opts.targetNode } : {}),
        ...(opts.iallocator ? { iallocator: opts.iallocator } : {}),
        ignore_ipolicy: !!opts.ignoreIpolicy,
      }, opts),
      allGood: (n) => `All ${n} instance(s) failed over successfully.`,
      someBad: (bad, n) => `There were errors during the failover:\n${bad} error(s) out of ${n} instance(s).`,
    }, opts);
  },
};
