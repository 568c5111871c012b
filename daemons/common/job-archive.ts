// The job archive shared by the master (jqueue/job-store.ts) and a master candidate's copy
// of the queue (noded/backend/queue-replica.ts): where an archived job's file lives, in
// Ganeti's layout (queue/archive/<id div 10000>/job-<id>), and the replicated form of an
// archival. Ganeti renames the job file into the archive on every candidate
// (jobqueue_rename); a candidate here holds no job files, only the master's journal, so the
// archival carries the job's final state: R<job json>. The candidate writes it into its own
// archive (which a full copy of the queue leaves alone) and journals A<id>, so its masterd,
// after a master failover, neither lists the job nor loses it (gnt-job info still shows it).
import { join } from 'node:path';

export function archivedJobFile(archiveDir: string, id: number): string {
  return join(archiveDir, String(Math.floor(id / 10000)), `job-${id}`);
}

/** The entry that replicates the archival of a job whose final state is `text` (JSON). */
export function archiveEntry(text: string): string { return `R${text}`; }

/** The job id of an archival entry, or a reason it is not one. */
export function archivedIdOf(entry: string): number | string {
  let v: unknown;
  try { v = JSON.parse(entry.slice(1)); } catch (err) { return (err as Error).message; }
  const id = (v as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 'no job id';
}
