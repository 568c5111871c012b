// ganeti-watcher: run by cron on every node every 5 minutes (tools/watcher/ganeti-watcher.cron);
// keeps daemons running and, on the master, instances up (Ganeti's lib/watcher). Exit codes
// as Ganeti's: 0 (also when paused, when another run holds the lock, on a non-master node
// and when the job queue refuses work), 1 on failure, 2 on usage errors, 11 when this node
// turns out not to be the master, 12 when a name cannot be resolved.
import { join } from 'node:path';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';
import { resolvePaths, type Paths } from '../../daemons/common/paths.js';
import { readWatcherPause } from '../../daemons/common/watcher-pause.js';
import { globalWatcher, WatcherExit } from './global.js';
import { acquireLock } from './lock.js';
import { createWatcherLog, type WatcherLog } from './log.js';
import { parseArgs, type WatcherOptions } from './options.js';

const EXIT_NOTMASTER = 11;
const EXIT_NODESETUP_ERROR = 12;

export const lockFile = (paths: Paths) => join(paths.lockDir, 'ganeti-watcher.lock');

async function locked(paths: Paths, opts: WatcherOptions, log: WatcherLog): Promise<number> {
  const file = lockFile(paths);
  const lock = acquireLock(file);
  if (!lock.ok) {
    log.error(`Can't acquire lock on ${file}: another watcher run${lock.holder ? ` (pid ${lock.holder})` : ''} holds it`);
    return 0;
  }
  try {
    return await globalWatcher(paths, opts, log);
  } catch (err) {
    const e = err as Error & { code?: unknown };
    switch (e.name) {
      case 'NotMasterError': log.debug(`Not master, exiting (${e.message})`); return EXIT_NOTMASTER;
      case 'ResolverError': log.error(`Cannot resolve hostname '${e.message}', exiting`); return EXIT_NODESETUP_ERROR;
      case 'JobQueueFullError': log.error("Job queue is full, can't query cluster state"); return 0;
      case 'JobQueueDrainError': log.error("Job queue is drained, can't maintain cluster state"); return 0;
    }
    if (err instanceof WatcherExit) {
      log.error(err.message);
      return err.code;
    }
    log.error(e.message || String(err));
    return 1;
  } finally {
    lock.release();
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, SOFTWARE_VERSION);
  if (parsed.kind === 'exit') {
    process.stdout.write(parsed.out);
    process.stderr.write(parsed.err);
    return parsed.code;
  }
  const opts = parsed.opts;
  let paths: Paths;
  try { paths = resolvePaths(process.env); } catch (err) {
    process.stderr.write(`ganeti-watcher: ${(err as Error).message}\n`);
    return 1;
  }
  const log = createWatcherLog(paths.logFile('watcher'), opts.debug);
  const until = readWatcherPause(paths.watcherPauseFile);
  if (until !== null && !opts.ignorePause) {
    log.debug(`Pause has been set, exiting (paused until ${new Date(until * 1000).toISOString()})`);
    return 0;
  }
  return locked(paths, opts, log);
}

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
