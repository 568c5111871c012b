// gnt-job change-priority --priority P {ID… | --pending|--queued|--waiting [-f]}.
import { ExitCode } from '../../daemons/common/client/exit-codes.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { parsePriority } from '../../daemons/common/client/submit.js';
import { addPendingSelectOptions, multiJobAction, type StatusSelectOpts } from './job-common.js';

interface PrioOpts extends StatusSelectOpts {
  priority?: string;
}

export const verb: VerbDef<PrioOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('--priority <low|normal|high>', 'Priority for opcode processing');
    cmd.option('-f, --force', 'Force the operation');
    addPendingSelectOptions(cmd);
  },
  run(ctx, opts, args) {
    const prio = parsePriority(opts.priority);
    if (prio === undefined) {
      ctx.err('--priority option must be given.');
      return Promise.resolve(ExitCode.Failure);
    }
    return multiJobAction(ctx, opts, args, 'Change priority of job(s) listed above?',
      (master, id) => master.changePriority(id, prio));
  },
};
