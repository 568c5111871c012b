// gnt-debug delay SECONDS: OP_TEST_DELAY on the master and/or on nodes, with locks unless -l.
import { OpTestDelay } from '../../daemons/common/opcodes/cluster.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { collect, parseIntOption } from '../../daemons/common/client/keyval.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

interface DelayOpts extends GenericOpts {
  master?: boolean;
  node?: string[];
  repeat?: string;
  interruptible?: boolean;
  /** false with -l/--no-locks (commander's negated option). */
  locks?: boolean;
}

export const verb: VerbDef<DelayOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('--no-master', 'Do not sleep in the master code');
    cmd.option('-n, --node <node>', 'Select nodes to sleep on (repeatable)', collect(String));
    cmd.option('-r, --repeat <n>', 'Number of times to repeat the sleep', '0');
    cmd.option('-i, --interruptible', 'Allows the opcode to be interrupted by using a domain socket');
    cmd.option('-l, --no-locks', "Don't take locks while performing the delay");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [duration]) {
    const seconds = Number(duration);
    if (!duration || !Number.isFinite(seconds) || seconds < 0) {
      throw new OpPrereqError(`Invalid duration '${duration}' (expected a number of seconds)`, { ecode: 'wrong_input' });
    }
    const op = buildOp(ctx, OpTestDelay, {
      duration: seconds,
      on_master: opts.master !== false,
      on_nodes: opts.node ?? [],
      repeat: parseIntOption('--repeat', opts.repeat ?? '0', 0),
      interruptible: !!opts.interruptible,
      no_locks: opts.locks === false,
    }, opts);
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
