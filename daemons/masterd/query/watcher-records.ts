// The instance field `watcher`: what ganeti-watcher recorded about an instance it tried to
// restart (or clean up after a shutdown from inside). The watcher keeps its counters in its
// per-group state files on the master (Ganeti's lib/ganeti/watcher.<group-uuid>.data,
// {"instance": {name: {restart_count, restart_when, cleanup_count, cleanup_when}}, "node": …});
// the status field keeps Ganeti's values, and this field says when the watcher gave up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Ganeti's watcher MAXTRIES: attempts before it gives up on an instance. */
export const WATCHER_MAX_TRIES = 5;
const STATE_FILE = /^watcher\.[0-9a-fA-F-]{1,64}\.data$/;

export interface WatcherRecord { restart_count?: number; restart_when?: number; cleanup_count?: number; cleanup_when?: number }

/** Every instance record of every group state file in dataDir; unreadable files are skipped. */
export function readWatcherRecords(dataDir: string): Map<string, WatcherRecord> {
  const out = new Map<string, WatcherRecord>();
  let names: string[] = [];
  try { names = readdirSync(dataDir).filter((n) => STATE_FILE.test(n)); } catch { return out; }
  for (const name of names) {
    try {
      const data = JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as { instance?: Record<string, WatcherRecord> };
      for (const [inst, rec] of Object.entries(data.instance ?? {})) {
        if (rec && typeof rec === 'object') out.set(inst, rec);
      }
    } catch { /* being rewritten or not JSON: the watcher ignores it too */ }
  }
  return out;
}

/** The cell text: null when the watcher has nothing on record for the instance. */
export function watcherText(rec: WatcherRecord | undefined): string | null {
  const restarts = Number(rec?.restart_count ?? 0);
  const cleanups = Number(rec?.cleanup_count ?? 0);
  if (restarts > WATCHER_MAX_TRIES) return `gave up after ${WATCHER_MAX_TRIES} restart attempts`;
  if (restarts > 0) return `restart attempts: ${restarts}/${WATCHER_MAX_TRIES}`;
  if (cleanups > WATCHER_MAX_TRIES) return `gave up after ${WATCHER_MAX_TRIES} cleanup attempts`;
  if (cleanups > 0) return `cleanup attempts: ${cleanups}/${WATCHER_MAX_TRIES}`;
  return null;
}
