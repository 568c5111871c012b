// gnt-cluster upgrade {--to VERSION | --resume} (Ganeti's gnt_cluster.UpgradeGanetiCommand).
// Ganeti keeps several versions installed side by side (/usr/lib/ganeti/VERSION) and switches
// the whole cluster between them: drain the queue, stop the daemons, record the intent in
// <datadir>/intent-to-upgrade, switch the links on every node, convert the configuration,
// start the daemons again; --resume finishes an interrupted switch. ganeti-ts installs one
// version at a time (the release a node runs is the one installed on it), so:
// - --to the version the cluster runs: nothing to switch; said so, exit code 0;
// - --to any other version: refused, naming the versions, since no other one is installed
//   side by side to switch to (docs/upgrade.md says how to upgrade ganeti-ts);
// - --resume: as in Ganeti, with no recorded intent there is nothing to resume (exit code 0);
//   an intent file (which only Ganeti writes) is refused with what to do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../../daemons/common/paths.js';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

/** Ganeti's version.ParseVersion: MAJOR.MINOR[.REVISION] with an optional suffix. */
const VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[~+-][A-Za-z0-9.~+-]*)?$/;
/** The Ganeti release whose behaviour this build follows (SOFTWARE_VERSION without our suffix). */
const GANETI_VERSION = SOFTWARE_VERSION.replace(/-ts.*$/, '');

interface Opts { to?: string; resume?: boolean }

export const verb: VerbDef<Opts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--to <version>', 'Upgrade (or downgrade) to the given version');
    cmd.option('--resume', 'Resume any pending Ganeti upgrades');
  },
  async run(ctx, opts) {
    if ((opts.to === undefined) === !opts.resume) {
      ctx.err('Precisely one of the options --to and --resume has to be given');
      return 1;
    }
    if (opts.resume) {
      const intent = join(resolvePaths(ctx.io.env).dataDir, 'intent-to-upgrade');
      if (!existsSync(intent)) return 0;   // nothing pending, as Ganeti
      const target = readFileSync(intent, 'utf8').split(/\0|\n/)[0]!.trim();
      ctx.err(`An upgrade to ${target || 'an unknown version'} was recorded in ${intent}, but ganeti-ts cannot resume it: ` +
        'it installs a single version and never switches between versions side by side. Check that every node runs the ' +
        `same ganeti-ts release (gnt-cluster verify), then remove ${intent}.`);
      return 1;
    }
    const to = opts.to!;
    if (!VERSION_RE.test(to)) {
      ctx.err(`Could not parse version string ${to} (expected MAJOR.MINOR[.REVISION], e.g. ${GANETI_VERSION})`);
      return 1;
    }
    const running = String((await (await ctx.master()).clusterInfo()).software_version);
    if (to === running || to === GANETI_VERSION) {
      ctx.out(`The cluster already runs version ${running}; there is nothing to upgrade.`);
      return 0;
    }
    ctx.err(`Cannot upgrade to ${to}: ganeti-ts installs one version at a time and the cluster runs ${running}; ` +
      'there is no other version installed side by side to switch to. Install the new release on every node and ' +
      'restart its daemons instead (docs/upgrade.md).');
    return 1;
  },
};
