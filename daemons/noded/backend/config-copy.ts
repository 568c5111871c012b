// A master candidate's copy of the cluster config: config.data plus config.journal, the same
// layout the master keeps (common/config-journal.ts). The master sends the changes since the
// serial this node holds (UploadConfigDeltas), or a full copy; reads (ReadClusterConfig for
// recovery and master-failover, MasterInfo's serial for the vote) see the file with the
// journal applied. The journal is folded into config.data here once it outgrows the file.
import { statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Mutex } from '../../common/async.js';
import { atomicWrite } from '../../common/atomic-file.js';
import { configJournalPath, parseDelta, readConfigCopy } from '../../common/config-journal.js';
import { Journal } from '../../common/journal.js';
import type { ConfigDeltasRequest__Output } from '../../../proto/generated/ganeti/ConfigDeltasRequest.js';
import type { ConfigDeltasResponse } from '../../../proto/generated/ganeti/ConfigDeltasResponse.js';
import type { NodedContext } from '../context.js';
import { invalid } from '../validate.js';
import { checkSsconfKeys, writeSsconfValues } from './ssconf-files.js';

const COMPACT_MIN_BYTES = 1 << 20;
const CONFIG_MODE = 0o640;

/** One writer of this node's copy at a time (deltas, full copies, compaction). */
const lock = new Mutex();

/** What this process knows of a copy, valid while the files are the ones it saw (`stamp`). */
interface Known { stamp: string; serial: number; fileBytes: number; journal: Journal | null; journalIno: number }
const known = new Map<string, Known>();

/** Synchronous: two stats of local files take microseconds, and the promise versions' trips
 * through the thread pool were the largest item of a candidate's noded in a burst of adds
 * (docs/scaling.md, round 14). */
function stampOf(confFile: string): string {
  const s = statSync(confFile, { throwIfNoEntry: false });
  const j = statSync(configJournalPath(confFile), { throwIfNoEntry: false });
  return `${s?.ino}:${s?.mtimeMs}:${s?.size}/${j?.ino}:${j?.size}`;
}

/** The serial this node's copy holds (null: no copy); reads the files only when they changed
 * behind this process's back (a master-failover rewrote them, the master daemon wrote them). */
async function held(confFile: string): Promise<Known | null> {
  const stamp = stampOf(confFile);
  const k = known.get(confFile);
  if (k && k.stamp === stamp) return k;
  await k?.journal?.close();
  known.delete(confFile);
  const copy = await readConfigCopy<{ serial_no: number }>(confFile);
  if (!copy) return null;
  const fresh: Known = { stamp, serial: copy.doc.serial_no, fileBytes: copy.fileText.length, journal: null, journalIno: 0 };
  known.set(confFile, fresh);
  return fresh;
}

/** Replaces the copy with a whole document at `serial`: the journal goes first, so a crash in
 * between leaves an older but whole copy (the master sends a full copy again), never a new
 * file followed by entries of another history. */
async function writeFull(confFile: string, content: Uint8Array, serial: number): Promise<Known> {
  const k = known.get(confFile);
  await k?.journal?.close();
  known.delete(confFile);
  await unlink(configJournalPath(confFile)).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
  await atomicWrite(confFile, content, { mode: CONFIG_MODE });
  const fresh: Known = { stamp: stampOf(confFile), serial, fileBytes: content.length, journal: null, journalIno: 0 };
  known.set(confFile, fresh);
  return fresh;
}

/** The serial_no of a whole config document, or a ParameterError. */
function serialOfFull(content: Uint8Array, field: string): number {
  let doc: { serial_no?: unknown };
  try { doc = JSON.parse(Buffer.from(content).toString('utf8')) as { serial_no?: unknown }; } catch (err) {
    throw invalid(`${field} is not a JSON document: ${(err as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || typeof doc.serial_no !== 'number') throw invalid(`${field} has no serial_no`);
  return doc.serial_no;
}

async function journalOf(confFile: string, k: Known): Promise<Journal> {
  const path = configJournalPath(confFile);
  const ino = statSync(path, { throwIfNoEntry: false })?.ino ?? -1;
  if (!k.journal || ino !== k.journalIno) {
    await k.journal?.close();
    k.journal = (await Journal.open(path, 0o600)).journal;
    k.journalIno = statSync(path).ino;
  }
  return k.journal;
}

/** UploadConfigDeltas: a full copy (when `full` is given), then the deltas that follow this node's serial. */
export async function uploadConfigDeltas(ctx: NodedContext, req: ConfigDeltasRequest__Output): Promise<ConfigDeltasResponse> {
  const confFile = ctx.paths.clusterConfFile;
  const deltas = req.deltas.map((p, i) => ({ p, d: parseDelta(p, `delta ${i + 1}`) }));
  const ssconf = req.ssconf ?? {};
  checkSsconfKeys(ssconf);   // bad input changes nothing, the config included
  const res = await lock.run(async () => {
    let k: Known | null;
    if (req.full.length) {
      const serial = serialOfFull(req.full, 'full');
      if (serial !== Number(req.full_serial)) throw invalid(`full holds serial ${serial}, not full_serial ${String(req.full_serial)}`);
      k = await writeFull(confFile, req.full, serial);
      ctx.logger.info(`took a full configuration copy (serial ${serial}, ${req.full.length} bytes)`);
    } else {
      k = await held(confFile);
    }
    const next = deltas.filter((x) => k !== null && x.d.s > k.serial);
    if (!k || (next.length && next[0]!.d.s !== k.serial + 1)) {
      ctx.logger.info(`configuration deltas from serial ${deltas[0]?.d.s ?? '?'} do not follow this copy's serial ${k?.serial ?? 'none'}: a full copy is needed`);
      return { serial: k?.serial ?? 0, needs_full: true };
    }
    next.forEach((x, i) => { if (i > 0 && x.d.s !== next[i - 1]!.d.s + 1) throw invalid(`delta serials are not consecutive (${next[i - 1]!.d.s}, ${x.d.s})`); });
    if (next.length) {
      const journal = await journalOf(confFile, k);
      await journal.append(next.map((x) => x.p));
      k.serial = next.at(-1)!.d.s;
      k.stamp = stampOf(confFile);
      ctx.logger.debug(`applied ${next.length} configuration deltas (serial ${k.serial})`);
    }
    return { serial: k.serial, needs_full: false, compact: k.journal !== null && k.journal.size() > Math.max(COMPACT_MIN_BYTES, k.fileBytes) };
  });
  if (res.compact) void lock.run(() => compact(ctx, confFile)).catch((err: unknown) => ctx.logger.error(`cannot compact the configuration journal: ${String(err)}`));
  // The ssconf files of the same round, once the config is taken; their failure does not undo
  // it (the master hears of both apart: the config's honesty, ssconf's best effort).
  let ssconfError = '';
  if (!res.needs_full && Object.keys(ssconf).length) {
    await writeSsconfValues(ctx, ssconf).catch((err: unknown) => {
      ssconfError = (err as Error).message;
      ctx.logger.error(`cannot write the ssconf files sent with the configuration: ${ssconfError}`);
    });
  }
  return { serial: res.serial, needs_full: res.needs_full, ssconf_error: ssconfError };
}

/** Folds the journal into config.data: the whole document first, then the journal is emptied
 * (a crash in between leaves entries at or below the file's serial, which readers skip). */
async function compact(ctx: NodedContext, confFile: string): Promise<void> {
  const k = await held(confFile);
  if (!k?.journal) return;
  const copy = await readConfigCopy<{ serial_no: number }>(confFile);
  if (!copy) return;
  const text = JSON.stringify(copy.doc);
  await atomicWrite(confFile, text, { mode: CONFIG_MODE });
  await k.journal.reset();
  k.fileBytes = text.length;
  k.stamp = stampOf(confFile);
  ctx.logger.info(`configuration journal folded into ${confFile} (serial ${copy.doc.serial_no})`);
}

/** UploadFile of 'config': a full copy, which drops the journal. */
export function uploadWholeConfig(ctx: NodedContext, content: Uint8Array): Promise<void> {
  return lock.run(async () => { await writeFull(ctx.paths.clusterConfFile, content, serialOfFull(content, 'content')); });
}

/** This node's copy as one document (config.data with the journal applied), or null. */
export async function readConfigText(confFile: string): Promise<Buffer | null> {
  const copy = await readConfigCopy<object>(confFile);
  if (!copy) return null;
  return Buffer.from(copy.deltas.length ? JSON.stringify(copy.doc) : copy.fileText);
}

/** The serial of this node's copy (null: none). */
export async function heldSerial(confFile: string): Promise<number | null> {
  return lock.run(async () => (await held(confFile))?.serial ?? null);
}
