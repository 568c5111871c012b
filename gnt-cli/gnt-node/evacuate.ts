// gnt-node evacuate [-f] [-p | -s] [-I ALLOC | -n NODE] NODE: move every instance off the
// node: OP_NODE_EVACUATE, which the master turns into one job per instance: primary
// instances migrate when running and fail over otherwise (OP_INSTANCE_MIGRATE with
// allow_failover); this build has no DRBD, so no node holds secondaries.
import { nodeEvacuateArgsProblem, OpNodeEvacuate } from '../../daemons/common/opcodes/node.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { moveInstances, nodeInstances } from './move-instances.js';

interface Opts extends GenericOpts {
  force?: boolean;
  primaryOnly?: boolean;
  secondaryOnly?: boolean;
  newSecondary?: string;
  iallocator?: string;
  ignoreIpolicy?: boolean;
  ignoreSoftErrors?: boolean;
  earlyRelease?: boolean;
}

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('-p, --primary-only', 'Evacuate primary instances only');
    cmd.option('-s, --secondary-only', 'Evacuate secondary instances only (applies only to internally mirrored disk templates, e.g. drbd)');
    cmd.option('-n, --new-secondary <node>', 'New node for the instances');
    cmd.option('-I, --iallocator <name>', 'Select the new nodes with this iallocator (default: the cluster default, hail)');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    cmd.option('--ignore-soft-errors', 'Tell the allocator to ignore soft errors (instance policy, vcpu ratio) while evacuating');
    cmd.option('--early-release', 'Release the locks on the secondary node(s) early');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [node]) {
    const problem = nodeEvacuateArgsProblem({ remote_node: opts.newSecondary, iallocator: opts.iallocator, early_release: !!opts.earlyRelease });
    if (problem) throw new OpPrereqError(problem, { ecode: 'wrong_input' });
    if (opts.primaryOnly && opts.secondaryOnly) {
      throw new OpPrereqError('Only one of the --primary-only and --secondary-only options can be passed', { ecode: 'wrong_input' });
    }
    const secondaries = opts.primaryOnly ? [] : await nodeInstances(ctx, node!, 'sinst_list');
    if (secondaries.length) {
      throw new OpPrereqError(`Instances with node ${node} as secondary (${secondaries.join(', ')}) cannot be evacuated: ` +
        'this build has no internally mirrored disk templates', { ecode: 'wrong_state' });
    }
    const instances = opts.secondaryOnly ? [] : await nodeInstances(ctx, node!, 'pinst_list');
    if (!instances.length) {
      const what = opts.primaryOnly ? 'primary instances' : opts.secondaryOnly ? 'secondary instances' : 'instances';
      ctx.err(`No ${what} found on node(s) ${node}`);
      return 0;
    }
    return moveInstances(ctx, instances, {
      question: `Relocate instance(s) ${instances.map((i) => `'${i}'`).join(', ')} from node(s) ${node}?`,
      force: !!opts.force,
      nodeOp: buildOp(ctx, OpNodeEvacuate, {
        node_name: node,
        mode: opts.primaryOnly ? 'primary-only' : opts.secondaryOnly ? 'secondary-only' : 'all',
        early_release: !!opts.earlyRelease,
        ...(opts.newSecondary ? { remote_node: opts.newSecondary } : {}),
        ...(opts.iallocator ? { iallocator: opts.iallocator } : {}),
        ignore_ipolicy: !!opts.ignoreIpolicy,
        ignore_soft_errors: !!opts.ignoreSoftErrors,
      }, opts),
      allGood: () => 'All instances evacuated successfully.',
      someBad: (bad) => `There were ${bad} errors during the node evacuation.`,
    }, opts);
  },
};
