// The cluster config on disk, wherever a copy is kept (the master, every master candidate):
// config.data, a whole document at some serial, plus config.journal, the changes made since
// (one entry per commit, serial + 1 each, in the job journal's format: common/journal.ts).
// A change to one instance of a 10,000-instance cluster is then one small append (and one
// small message to each candidate) instead of a 9 MB rewrite and upload; the journal is
// folded into config.data now and then (compaction). Reading a copy = the file + the
// entries that follow its serial. Entries at or below the file's serial are left over from
// a compaction cut short (file written, journal not yet emptied) and are skipped.
//
// An entry (a delta) names the changed entries of each changed section, not the document:
//   {"s": serial, "t": mtime, "r": {key: whole top-level value}, "d": [deleted top-level keys],
//    "e": {section: {"u": {key: value}, "x": [deleted keys]}}}
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigurationError } from './errors.js';
import { parseJournal } from './journal.js';

export interface ConfigDelta {
  s: number;
  t: number;
  r?: Record<string, unknown>;
  d?: string[];
  e?: Record<string, { u?: Record<string, unknown>; x?: string[] }>;
}

/** What changed since the last commit: per top-level key, the second-level keys written
 * (added, changed or deleted), or 'all' when the value is to be sent whole. */
export type ChangeSet = Map<string, Set<string> | 'all'>;

/** The journal next to a config file (config.data -> config.journal, same directory). */
export function configJournalPath(confFile: string): string {
  return join(dirname(confFile), 'config.journal');
}

/** Adds one commit's changes (a draft's touched/entries/replaced) to `into`. */
export function mergeChanges(into: ChangeSet, touched: Iterable<string>, entries: Map<string, Set<string>>, replaced: Set<string>): void {
  for (const section of touched) {
    if (section === '*' || section === 'serial_no' || section === 'mtime') {
      if (section === '*') into.set('*', 'all');
      continue;
    }
    const prev = into.get(section);
    if (prev === 'all') continue;
    const keys = entries.get(section);
    if (replaced.has(section) || !keys) { into.set(section, 'all'); continue; }
    const set = prev ?? new Set<string>();
    for (const k of keys) set.add(k);
    into.set(section, set);
  }
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The journal entry for `doc` (already at its new serial) given what changed. */
export function buildDelta(doc: object, changes: ChangeSet): string {
  const d = doc as Record<string, unknown>;
  const delta: ConfigDelta = { s: d.serial_no as number, t: d.mtime as number };
  const all = changes.get('*') === 'all';
  const sections = all ? Object.keys(d).filter((k) => k !== 'serial_no' && k !== 'mtime') : [...changes.keys()];
  for (const section of sections) {
    const keys = all ? 'all' : changes.get(section)!;
    const value = d[section];
    if (keys === 'all' || value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (own(d, section)) (delta.r ??= {})[section] = value;
      else (delta.d ??= []).push(section);
      continue;
    }
    const sec = value as Record<string, unknown>;
    const e: { u?: Record<string, unknown>; x?: string[] } = {};
    for (const k of keys) {
      if (own(sec, k)) (e.u ??= {})[k] = sec[k];
      else (e.x ??= []).push(k);
    }
    (delta.e ??= {})[section] = e;
  }
  if (all) {
    // The root itself was replaced: top-level keys that are gone.
    for (const k of changes.keys()) if (k !== '*' && !own(d, k)) (delta.d ??= []).push(k);
  }
  return JSON.stringify(delta);
}

/** Parses and checks one entry; `where` names it in errors. */
export function parseDelta(payload: string, where: string): ConfigDelta {
  let v: unknown;
  try { v = JSON.parse(payload); } catch (err) {
    throw new ConfigurationError(`${where}: not a configuration change (${(err as Error).message})`);
  }
  const d = v as ConfigDelta;
  if (d === null || typeof d !== 'object' || !Number.isSafeInteger(d.s) || typeof d.t !== 'number') {
    throw new ConfigurationError(`${where}: not a configuration change (no serial 's' or mtime 't')`);
  }
  return d;
}

/** Applies a delta to a document at serial delta.s - 1. */
export function applyDelta(doc: object, delta: ConfigDelta): void {
  const d = doc as Record<string, unknown>;
  for (const [k, v] of Object.entries(delta.r ?? {})) d[k] = v;
  for (const k of delta.d ?? []) delete d[k];
  for (const [section, e] of Object.entries(delta.e ?? {})) {
    let sec = d[section] as Record<string, unknown> | undefined;
    if (sec === null || typeof sec !== 'object') d[section] = sec = {};
    for (const [k, v] of Object.entries(e.u ?? {})) sec[k] = v;
    for (const k of e.x ?? []) delete sec[k];
  }
  d.serial_no = delta.s;
  d.mtime = delta.t;
}

/**
 * Applies the entries that follow `doc`'s serial, in order; entries at or below it are
 * skipped. A gap (an entry that is not serial + 1) is a ConfigurationError naming the file.
 * Returns the payloads applied.
 */
export function replayDeltas(doc: object, payloads: string[], file: string): string[] {
  const d = doc as { serial_no: number };
  const applied: string[] = [];
  payloads.forEach((p, i) => {
    const delta = parseDelta(p, `${file}, entry ${i + 1}`);
    if (delta.s <= d.serial_no) return;
    if (delta.s !== d.serial_no + 1) {
      throw new ConfigurationError(`${file}, entry ${i + 1}: holds serial ${delta.s} but the configuration is at ` +
        `serial ${d.serial_no}; the changes in between are missing`);
    }
    applyDelta(doc, delta);
    applied.push(p);
  });
  return applied;
}

/**
 * Reads a journal without changing it. A torn or corrupt last part that holds no intact entry
 * after it (a crash in the middle of an append: that change was never acknowledged) is
 * reported in `cut`; damage followed by intact entries would lose acknowledged changes if
 * cut off, and is a ConfigurationError naming the file, the offset and what follows.
 */
export async function readConfigJournal(path: string): Promise<{ entries: string[]; cut: number }> {
  let buf: Buffer;
  try { buf = await readFile(path); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], cut: 0 };
    throw new ConfigurationError(`Cannot read the configuration journal ${path}: ${(err as Error).message}`, { cause: err });
  }
  return checkJournal(buf, path);
}

function checkJournal(buf: Buffer, path: string): { entries: string[]; cut: number } {
  const { entries, valid } = parseJournal(buf);
  if (valid < buf.length) {
    // Is there an intact entry anywhere after the damage? Then it is not a torn tail.
    const nl = buf.indexOf(0x0a, valid);
    const later = nl < 0 ? 0 : intactLines(buf.subarray(nl + 1));
    if (later > 0) {
      throw new ConfigurationError(`The configuration journal ${path} is damaged at byte ${valid} of ${buf.length}, ` +
        `and ${later} intact change(s) follow the damage: cutting it there would lose acknowledged changes`);
    }
  }
  return { entries, cut: buf.length - valid };
}

/** How many lines of buf are intact journal entries. */
function intactLines(buf: Buffer): number {
  let n = 0;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    const end = nl < 0 ? buf.length : nl + 1;
    if (nl >= 0 && parseJournal(buf.subarray(pos, end)).entries.length === 1) n++;
    pos = end;
  }
  return n;
}

export interface ConfigCopy<T> {
  doc: T;
  /** The text of config.data as read (its serial is fileSerial). */
  fileText: string;
  fileSerial: number;
  /** The journal entries applied on top of it, oldest first. */
  deltas: string[];
  /** Bytes of a torn last entry in the journal (not applied). */
  cut: number;
}

/** Reads a copy: config.data plus its journal. Null when config.data does not exist. */
export async function readConfigCopy<T extends object>(confFile: string, journalFile = configJournalPath(confFile)): Promise<ConfigCopy<T> | null> {
  let fileText: string;
  try { fileText = await readFile(confFile, 'utf8'); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigurationError(`Cannot read configuration file ${confFile}: ${(err as Error).message}`, { cause: err });
  }
  const { entries, cut } = await readConfigJournal(journalFile);
  return copyOf<T>(confFile, fileText, entries, cut, journalFile);
}

/** readConfigCopy for tools and tests that read a node's copy synchronously. */
export function readConfigCopySync<T extends object>(confFile: string, journalFile = configJournalPath(confFile)): ConfigCopy<T> {
  const fileText = readFileSync(confFile, 'utf8');
  let buf: Buffer;
  try { buf = readFileSync(journalFile); } catch { buf = Buffer.alloc(0); }
  const { entries, cut } = checkJournal(buf, journalFile);
  return copyOf<T>(confFile, fileText, entries, cut, journalFile);
}

function copyOf<T extends object>(confFile: string, fileText: string, entries: string[], cut: number, journalFile: string): ConfigCopy<T> {
  let doc: T;
  try { doc = JSON.parse(fileText) as T; } catch (err) {
    throw new ConfigurationError(`Cannot parse configuration file ${confFile}: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || typeof doc !== 'object' || typeof (doc as { serial_no?: unknown }).serial_no !== 'number') {
    throw new ConfigurationError(`Configuration file ${confFile} is not a cluster configuration: 'serial_no' is missing`);
  }
  const fileSerial = (doc as unknown as { serial_no: number }).serial_no;
  const deltas = replayDeltas(doc, entries, journalFile);
  return { doc, fileText, fileSerial, deltas, cut };
}
