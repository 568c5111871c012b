// The watcher pause file (Ganeti's lib/ganeti/watcher.pause): one integer, the time in
// seconds since the epoch until which ganeti-watcher does nothing. `gnt-cluster watcher
// pause` writes it on every node through the master; each node's watcher reads its own.
import { readFileSync } from 'node:fs';

/** Seconds since the epoch until which the watcher is paused, or null (no file, past, garbage). */
export function readWatcherPause(file: string, nowSeconds = Date.now() / 1000): number | null {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return null; }
  const value = parseWatcherPause(text);
  return value !== null && value > nowSeconds ? value : null;
}

/** The file's integer, or null when it holds anything else (Ganeti ignores such a file). */
export function parseWatcherPause(text: string): number | null {
  const t = text.trim();
  return /^\d{1,15}$/.test(t) ? Number(t) : null;
}

/** What gnt-cluster watcher prints (Ganeti's _ShowWatcherPause); ctime formats like time.ctime. */
export function watcherPauseMessage(until: number | null, nowSeconds: number, ctime: (s: number) => string): string {
  return until === null || until < nowSeconds
    ? 'The watcher is not paused.'
    : `The watcher is paused until ${ctime(until)}.`;
}
