// The instance status files (Ganeti's _UpdateInstanceStatus / _MergeInstanceStatus): each
// group run writes watcher.<uuid>.instance-status ("name status" lines, sorted), then all
// groups' files are merged into lib/ganeti/instance-status, the newest file winning for an
// instance seen in two groups. Other tools (and operators) read the merged file.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from '../../daemons/common/atomic-file.js';
import type { WatcherLog } from './log.js';

export const groupStatusFile = (dataDir: string, uuid: string) => join(dataDir, `watcher.${uuid}.instance-status`);
export const globalStatusFile = (dataDir: string) => join(dataDir, 'instance-status');

function format(rows: [string, string][]): string {
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, s]) => `${n} ${s}`).join('\n');
}

export async function writeGroupStatus(dataDir: string, uuid: string, rows: [string, string][], log: WatcherLog): Promise<void> {
  const file = groupStatusFile(dataDir, uuid);
  log.debug(`Updating instance status file '${file}' with ${rows.length} instances`);
  await atomicWrite(file, format(rows), { mode: 0o644 });
}

/** Merges every known group's file into the global one. The run lock keeps writers apart. */
export async function mergeStatus(dataDir: string, groups: string[], log: WatcherLog): Promise<void> {
  const latest = new Map<string, { mtime: number; status: string }>();
  for (const uuid of groups) {
    const file = groupStatusFile(dataDir, uuid);
    let text: string;
    let mtime: number;
    try {
      mtime = statSync(file).mtimeMs;
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') log.debug(`Can't read '${file}', does not exist (yet)`);
      else log.error(`Unable to read '${file}', ignoring: ${(err as Error).message}`);
      continue;
    }
    for (const line of text.split('\n')) {
      const [name, status] = line.trim().split(/\s+/, 2);
      if (!name || !status) continue;
      const prev = latest.get(name);
      if (!prev || prev.mtime < mtime) latest.set(name, { mtime, status });
    }
  }
  await atomicWrite(globalStatusFile(dataDir), format([...latest].map(([n, v]) => [n, v.status])), { mode: 0o644 });
}
