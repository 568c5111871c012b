// A master candidate's copy of the job queue (Ganeti's JobQueueUpdate; the master's side is
// masterd/distribution/queue-replicator.ts). The copy is the queue directory's journal, in
// the master's own journal format, so that this node's masterd, started by a master
// failover, replays it like its own (jqueue/job-store.ts): running jobs then end as
// "Unclean master daemon shutdown", queued ones run. The journal's last entry records which
// master run and which batch the copy follows; a batch that does not follow it, or a journal grown past
// REPLICA_MAX_BYTES, is answered needs_full, and the master's full copy replaces the journal
// and the job files (compacting it). Written only while this node is not the master itself.
// An archival (R<job>, common/job-archive.ts) goes into this node's own queue archive, durably
// before it is acknowledged, and into the journal as A<id>: a full copy replaces the journal
// but leaves the archive, so archived jobs survive it, as Ganeti's jobqueue_rename does.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Mutex } from '../../common/async.js';
import { atomicWrite, ensureDir } from '../../common/atomic-file.js';
import { ParameterError } from '../../common/errors.js';
import { archivedIdOf, archivedJobFile } from '../../common/job-archive.js';
import { Journal, journalLine, parseJournal, syncFileSystems } from '../../common/journal.js';
import { getMasterNode } from '../../common/ssconf.js';
import type { JobQueueUpdateRequest__Output } from '../../../proto/generated/ganeti/JobQueueUpdateRequest.js';
import type { JobQueueUpdateResponse } from '../../../proto/generated/ganeti/JobQueueUpdateResponse.js';
import type { NodedContext } from '../context.js';
import { safeName } from '../validate.js';

/** Past this, the copy asks for a full (compact) copy instead of growing. */
export const REPLICA_MAX_BYTES = 32 << 20;
const ENTRY_RE = /^([JR]\{|[AN]\d+$)/;

interface ReplicaState { master: string; epoch: number; seq: number }

/** The copy's position is its journal's last entry (S{...}; replay skips it), so it is
 * durable with the entries it follows. Cached by journal size: a worker reads the journal
 * only when it did not write it last. */
let cached: { path: string; size: number; state: ReplicaState | null } | null = null;

function positionOf(path: string, size: number): ReplicaState | null {
  if (cached && cached.path === path && cached.size === size) return cached.state;
  let state: ReplicaState | null = null;
  try {
    const last = parseJournal(readFileSync(path)).entries.at(-1);
    if (last?.startsWith('S')) state = JSON.parse(last.slice(1)) as ReplicaState;
  } catch { state = null; }
  cached = { path, size, state };
  return state;
}

/** The copy's journal held open while it is the same file (inode), as config-copy.ts keeps
 * its own: an open, a write, an fdatasync and a close per update were four trips through the
 * thread pool, an append is one. A full copy replaces the file, and the next update opens the new one. */
let appender: { path: string; ino: number; journal: Journal } | null = null;
const lock = new Mutex();

async function dropAppender(): Promise<void> {
  const a = appender;
  appender = null;
  await a?.journal.close().catch(() => { /* already closed */ });
}

/** The journal at `path` if it is still the file (inode `ino`) the caller checked, else null. */
async function appenderFor(path: string, ino: number): Promise<Journal | null> {
  if (appender?.path === path && appender.ino === ino) return appender.journal;
  await dropAppender();
  const { journal } = await Journal.open(path, 0o600);
  appender = { path, ino: statSync(path).ino, journal };
  if (appender.ino === ino) return journal;
  await dropAppender();
  return null;
}

export async function jobQueueUpdate(ctx: NodedContext, req: JobQueueUpdateRequest__Output): Promise<JobQueueUpdateResponse> {
  const master = safeName(req.master, 'master');
  if (getMasterNode(ctx.paths) === ctx.paths.hostname) {
    throw new ParameterError(`This node (${ctx.paths.hostname}) is the master: its job queue is no copy of ${master}'s`, { ecode: 'wrong_state' });
  }
  const bad = req.entries.find((e) => !ENTRY_RE.test(e));
  if (bad !== undefined) throw new ParameterError(`Invalid job queue entry '${bad.slice(0, 40)}' (expected J{job}, A<id>, N<id> or R{job})`, { ecode: 'wrong_input' });
  // An archival is journaled as A<id>, its job written into the archive (below).
  const archived = new Map<number, string>();
  const lines = req.entries.map((e) => {
    if (!e.startsWith('R')) return e;
    const id = archivedIdOf(e);
    if (typeof id === 'string') throw new ParameterError(`Invalid archived job entry '${e.slice(0, 40)}': ${id}`, { ecode: 'wrong_input' });
    archived.set(id, e.slice(1));
    return `A${id}`;
  });
  const epoch = Number(req.epoch); const seq = Number(req.seq);
  const dir = ctx.paths.queueDir;
  const journal = join(dir, 'journal');
  const next: ReplicaState = { master, epoch, seq };
  const payloads = [...lines, `S${JSON.stringify(next)}`];
  // Archivals are written whatever the answer: they do not depend on the copy's position.
  if (archived.size) await writeArchived(ctx.paths.queueArchiveDir, archived);
  // One update at a time: the copy's position and its open journal are this process's.
  return lock.run(async () => {
    if (req.full) {
      // What the queue directory held (an older copy, this node's own queue from when it was
      // master) is replaced: the master's live jobs are all in the entries.
      await ensureDir(dir);
      for (const n of readdirSync(dir)) if (/^job-\d+$/.test(n)) rmSync(join(dir, n), { force: true });
      const buf = Buffer.from(payloads.map(journalLine).join(''));
      await atomicWrite(journal, buf, { mode: 0o600 });
      cached = { path: journal, size: buf.length, state: next };
      return { needs_full: false };
    }
    const st = statSync(journal, { throwIfNoEntry: false });
    const size = st ? st.size : -1;
    const state = size < 0 ? null : positionOf(journal, size);
    if (!state || state.master !== master || state.epoch !== epoch || state.seq !== Number(req.after) || size > REPLICA_MAX_BYTES) {
      return { needs_full: true };
    }
    const copy = await appenderFor(journal, st!.ino);
    if (!copy) return { needs_full: true };
    await copy.append(payloads).catch(async (err: unknown) => { await dropAppender(); throw err; });
    cached = { path: journal, size: copy.size(), state: next };
    return { needs_full: false };
  });
}

/** Writes archived jobs into this node's queue archive and makes them durable (one syncfs,
 * or an fsync per file where that is not available). */
async function writeArchived(archiveDir: string, jobs: Map<number, string>): Promise<void> {
  for (const [id, text] of jobs) {
    const path = archivedJobFile(archiveDir, id);
    await ensureDir(dirname(path));
    await writeFile(path, text, { mode: 0o600 });
  }
  if (await syncFileSystems([archiveDir])) return;
  for (const [id, text] of jobs) await atomicWrite(archivedJobFile(archiveDir, id), text, { mode: 0o600 });
}
