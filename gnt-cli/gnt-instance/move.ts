// gnt-instance move -n NODE NAME: asks first (unless -f), then OP_INSTANCE_MOVE (the disks are
// copied node to node, the instance restarts on the target).
import { OpInstanceMove } from '../../daemons/common/opcodes/instance.js';
import { ParameterError } from '../../daemons/common/errors.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { askYesNo } from '../framework/confirm.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { expandInstances } from './select.js';

interface MoveOpts extends GenericOpts {
  force?: boolean;
  node?: string;
  compress?: string;
  shutdownTimeout?: string;
  ignoreConsistency?: boolean;
  ignoreIpolicy?: boolean;
}

export const verb: VerbDef<MoveOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('-n, --node <node>', 'Target node');
    cmd.option('--compress <tool>', 'Compression tool for the disk data sent to the target (none, gzip, gzip-fast, gzip-slow)', 'none');
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    cmd.option('--ignore-consistency', 'Ignore the consistency of the disks on the secondary');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    if (!opts.node) throw new ParameterError('gnt-instance move needs the target node (-n NODE)', { ecode: 'wrong_input' });
    const op = buildOp(ctx, OpInstanceMove, {
      instance_name: name,
      target_node: opts.node,
      compress: opts.compress ?? 'none',
      shutdown_timeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0),
      ignore_consistency: !!opts.ignoreConsistency,
      ignore_ipolicy: !!opts.ignoreIpolicy,
    }, opts);
    if (!opts.force) {
      await expandInstances(ctx, 'instances', [name!]);
      const ok = await askYesNo(ctx.io, `Instance ${name} will be moved. This requires a shutdown of the instance. Continue?`);
      if (!ok) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
