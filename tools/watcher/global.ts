// The part of a watcher run before the groups (Ganeti's _GlobalWatcher): on every node keep
// the daemons up and run the watcher hooks; on the master also check RAPI, archive old jobs
// and run every node group. Non-master nodes stop after the first part, successfully.
import type { Paths } from '../../daemons/common/paths.js';
import { NotMasterError } from '../../daemons/common/errors.js';
import { getMasterNode } from '../../daemons/common/ssconf.js';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { checkRapi, daemonUtil, ensureDaemons } from './daemons.js';
import { runGroup } from './group.js';
import { runWatcherHooks } from './hooks.js';
import { isQueueRefusal } from './jobs.js';
import type { WatcherLog } from './log.js';
import type { WatcherOptions } from './options.js';

/** An error the run ends with, and the exit code Ganeti's Main gives it. */
export class WatcherExit extends Error {
  constructor(message: string, readonly code: number) { super(message); }
}

const sameHost = (a: string, b: string) => a === b || a.split('.')[0] === b.split('.')[0];

async function connect(paths: Paths, log: WatcherLog): Promise<MasterApi> {
  const { connectMaster } = await import('../../daemons/common/client/master-client.js');
  const attempt = async () => {
    const m = connectMaster(paths.masterSocket);
    try {
      await m.queryConfigValues!(['master_node']);
      return m;
    } catch (err) { m.close(); throw err; }
  };
  try { return await attempt(); } catch (err) {
    if ((err as Error).name !== 'NoMasterError') throw err;
    log.warning(`Master daemon seems to be down (${(err as Error).message}), trying to restart`);
    if (!(await daemonUtil(['start', 'ganeti-masterd'], log))) throw new WatcherExit("Can't start the master daemon", 1);
    return attempt();
  }
}

/** The node groups to run, by uuid (--nodegroup takes a name or a uuid). */
async function groups(master: MasterApi, only: string | null): Promise<{ run: string[]; all: string[] }> {
  const res = await master.query('group', ['name', 'uuid']);
  const rows = res.rows.map((r) => ({ name: String(r[0]?.value ?? ''), uuid: String(r[1]?.value ?? '') }));
  const all = rows.map((g) => g.uuid);
  if (only === null) return { run: all, all };
  const g = rows.find((x) => x.uuid === only.toLowerCase() || x.name === only);
  if (!g) throw new WatcherExit(`Node group '${only}' is not known (known: ${rows.map((x) => x.name).join(', ')})`, 1);
  return { run: [g.uuid], all };
}

/** Returns the exit code; throws WatcherExit / NotMasterError for the ways a run can end. */
export async function globalWatcher(paths: Paths, opts: WatcherOptions, log: WatcherLog): Promise<number> {
  await ensureDaemons(log);
  await runWatcherHooks(paths.confDir, log);

  const masterName = getMasterNode(paths);
  if (masterName === null) {
    throw new WatcherExit(`Cannot read the master node from ${paths.ssconfFile('master_node')}: is this node part of a cluster?`, 1);
  }
  if (!sameHost(masterName, paths.hostname)) {
    log.debug(`Not on master node (the master is ${masterName}), exiting`);
    return 0;
  }
  const master = await connect(paths, log);
  try {
    await checkRapi(paths, opts.rapiIp, log);
    const [confMaster] = await master.queryConfigValues!(['master_node']);
    if (typeof confMaster !== 'string' || !sameHost(confMaster, paths.hostname)) {
      throw new NotMasterError(`This is not the master node (the master is ${String(confMaster)})`);
    }
    const { archived, left } = await master.autoArchiveJobs!(opts.jobAge);
    log.debug(`Archived ${archived} jobs, left ${left}`);

    const { run, all } = await groups(master, opts.nodegroup);
    let failed = 0;
    // Ganeti forks a child per group; here the groups run one after the other in this
    // process, so --wait-children is always in effect.
    for (const uuid of run) {
      try {
        await runGroup({ master, log, dataDir: paths.watcherStateDir, allGroups: all,
          noVerifyDisks: opts.noVerifyDisks, noStrict: opts.noStrict }, uuid);
      } catch (err) {
        if (isQueueRefusal(err)) throw err;
        log.error(`Watcher for node group '${uuid}' failed: ${(err as Error).message}`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  } finally {
    master.close();
  }
}
