// gnt-cluster watcher pause DURATION | continue | info (Ganeti's WatcherOps): the pause file
// that every node's ganeti-watcher honours, set on all nodes through the master.
import { OpPrereqError } from '../../daemons/common/errors.js';
import { watcherPauseMessage } from '../../daemons/common/watcher-pause.js';
import { parseTimespec } from '../gnt-job/autoarchive.js';
import { CliError } from '../../daemons/common/client/exit-codes.js';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { ctime } from '../../daemons/common/client/py-format.js';
import type { VerbDef } from '../framework/spec.js';

const COMMANDS = ['pause', 'continue', 'info'];

function need<K extends keyof MasterApi>(master: MasterApi, method: K): NonNullable<MasterApi[K]> {
  const fn = master[method];
  if (typeof fn !== 'function') throw new CliError(`The master connection does not support ${String(method)}`);
  return (fn as Function).bind(master) as NonNullable<MasterApi[K]>;
}

export const verb: VerbDef = {
  args: { min: 1, max: 2 },
  async run(ctx, _opts, [command, duration]) {
    if (!COMMANDS.includes(command!)) {
      throw new OpPrereqError(`Command '${command}' is not valid (allowed: ${COMMANDS.join(', ')}).`, { ecode: 'wrong_input' });
    }
    if (command === 'pause' && duration === undefined) {
      throw new OpPrereqError('Missing pause duration (seconds, or a number with a suffix s, m, h, d or w, e.g. 1h)',
        { ecode: 'wrong_input' });
    }
    if (command !== 'pause' && duration !== undefined) {
      throw new OpPrereqError(`Command '${command}' takes no argument (got '${duration}')`, { ecode: 'wrong_input' });
    }
    // Parse before connecting: a bad duration must not need (or touch) the master.
    const seconds = command === 'pause' ? parseTimespec(duration!) : 0;
    const master = await ctx.master();
    const now = () => (ctx.io.now?.() ?? Date.now()) / 1000;
    if (command === 'continue') {
      await need(master, 'setWatcherPause')(null);
      ctx.out('The watcher is no longer paused.');
    } else if (command === 'pause') {
      const until = await need(master, 'setWatcherPause')(now() + seconds);
      ctx.out(watcherPauseMessage(until, now(), ctime));
    } else {
      const [until] = await need(master, 'queryConfigValues')(['watcher_pause']);
      ctx.out(watcherPauseMessage(typeof until === 'number' ? until : null, now(), ctime));
    }
    return 0;
  },
};
