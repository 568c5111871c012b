// gnt-instance failover NAME: asks first (unless -f), then OP_INSTANCE_FAILOVER.
import { OpInstanceFailover } from '../../daemons/common/opcodes/instance.js';
import { askYesNo } from '../framework/confirm.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { expandInstances } from './select.js';

interface FailoverOpts extends GenericOpts {
  force?: boolean;
  ignoreConsistency?: boolean;
  shutdownTimeout?: string;
  targetNode?: string;
  iallocator?: string;
  cleanup?: boolean;
  ignoreIpolicy?: boolean;
}

export const verb: VerbDef<FailoverOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--ignore-consistency', 'Ignore the consistency of the disks on the secondary');
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    cmd.option('-n, --target-node <node>', 'Target node (externally mirrored templates only)');
    cmd.option('-I, --iallocator <name>', 'Select the target node with this iallocator (default: the cluster default, hail)');
    cmd.option('--cleanup', 'Instead of performing the failover, try to recover from a failed cleanup');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const op = buildOp(ctx, OpInstanceFailover, {
      instance_name: name,
      ignore_consistency: !!opts.ignoreConsistency,
      shutdown_timeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0),
      ...(opts.targetNode ? { target_node: opts.targetNode } : {}),
      ...(opts.iallocator ? { iallocator: opts.iallocator } : {}),
      cleanup: !!opts.cleanup,
      ignore_ipolicy: !!opts.ignoreIpolicy,
    }, opts);
    if (!opts.force) {
      await expandInstances(ctx, 'instances', [name!]);
      const ok = await askYesNo(ctx.io, `Failover will happen to image ${name}. This requires a shutdown of the instance. Continue?`);
      if (!ok) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
