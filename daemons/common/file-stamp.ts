// A file's stamp: which file a path names and which version of it, as one string (device,
// inode, size, mode, change and modification times). A write through atomicWrite renames a
// new inode in; an in-place write changes the size or the times; a chmod changes the mode and
// the change time. Readers that run per request (noded's authorization, OS definitions) keep
// what they parsed while the stamp is the same: one stat instead of open, read and close.
import { readFileSync, statSync } from 'node:fs';

/** The stamp of `path` (symbolic links followed); null when nothing is there, or it cannot be
 * examined (the error's code is part of the stamp then, so a later fix changes it). */
export function fileStamp(path: string): string {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? `${st.dev}:${st.ino}:${st.size}:${st.mode}:${st.mtimeMs}:${st.ctimeMs}` : '-';
  } catch (err) {
    return `!${(err as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/**
 * A reader of small files that parses a file again only when its stamp changed. The value for
 * a missing or unreadable file is parse(null). What it returns for a file that changed between
 * the stat and the read is the newer content, kept under the older stamp: the next call sees a
 * stamp that differs and reads again.
 */
export function stampedReader<T>(parse: (text: string | null) => T): (path: string) => T {
  const kept = new Map<string, { stamp: string; value: T }>();
  return (path) => {
    const stamp = fileStamp(path);
    const hit = kept.get(path);
    if (hit && hit.stamp === stamp) return hit.value;
    let text: string | null = null;
    try { text = readFileSync(path, 'utf8'); } catch { text = null; }
    const value = parse(text);
    kept.set(path, { stamp, value });
    return value;
  };
}
