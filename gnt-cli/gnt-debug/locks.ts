// gnt-debug locks [--no-headers] [--separator=S] [-o FIELDS] [--interval N]: the locks held
// or waited for in the master now (the "lock" query resource), as Ganeti's
// gnt_debug.ListLocks: owners comma-joined, pending waiters as "mode:owner,owner" groups.
// With --interval N the list is printed again every N seconds, an empty line between two
// lists, until interrupted (or a listing fails).
import { delay } from '../../daemons/common/async.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { addListOptions, genericList, type GenericListConfig, type ListOpts } from '../framework/generic-list.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

const names = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String).join(',') : '-');
const LOCKS: GenericListConfig = {
  resource: 'lock',
  defaultFields: ['name', 'mode', 'owner', 'pending'],
  overrides: {
    mode: { format: (v: unknown) => (v ? String(v) : '-') },
    owner: { format: names },
    pending: {
      format: (v: unknown) => (Array.isArray(v) && v.length
        ? (v as [string, string[]][]).map(([mode, owners]) => `${mode}:${owners.join(',')}`).join(' ') : '-'),
    },
  },
  withUnits: false,
};

export const verb: VerbDef<ListOpts & { interval?: string }> = {
  args: ARGS_NONE,   // Ganeti's locks takes no names
  options(cmd) {
    addListOptions(cmd, false);
    cmd.option('--interval <seconds>', 'Time in seconds between repetitions');
  },
  async run(ctx, opts, args) {
    const interval = opts.interval === undefined ? 0 : parseIntOption('--interval', opts.interval, 0);
    for (;;) {
      const code = await genericList(ctx, LOCKS, opts, args);
      if (code !== 0 || !interval) return code;
      ctx.out('');
      await delay(interval * 1000);
    }
  },
};
