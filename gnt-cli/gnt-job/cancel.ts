// gnt-job cancel {ID… | --pending|--queued|--waiting [-f]}: the master's answer per job.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { ARGS_ANY, type VerbDef } from '../framework/spec.js';
import { addPendingSelectOptions, multiJobAction, type StatusSelectOpts } from './job-common.js';

interface CancelOpts extends StatusSelectOpts {
  kill?: boolean;
  yesDoIt?: boolean;
}

export const verb: VerbDef<CancelOpts> = {
  args: ARGS_ANY,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--kill', 'Kill running jobs with SIGKILL');
    cmd.option('--yes-do-it', 'Really use --kill');
    addPendingSelectOptions(cmd);
  },
  run(ctx, opts, args) {
    if (opts.kill && !opts.yesDoIt) {
      throw new OpPrereqError('The --kill option must be confirmed with --yes-do-it', { ecode: 'wrong_input' });
    }
    return multiJobAction(ctx, opts, args, `${opts.kill ? 'KILL' : 'Cancel'} job(s) listed above?`,
      (master, id) => master.cancelJob(id, !!opts.kill));
  },
};
