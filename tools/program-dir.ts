// Where the project's own programs are: the node-side tools (daemon-util, the watcher) start
// daemons only from there, by absolute path, never through a PATH lookup. On a machine
// where another Ganeti is installed, PATH would find that install's ganeti-rapi.
//
// Built, a program's bundle is build/bin/lib/<name>.mjs (or .cjs) and its siblings (links to the
// launchers) sit beside it; run from source (tsx), the programs are the repository's
// build/bin. GANETI_PROGRAM_DIR (an absolute path) replaces both, for tests and packagers.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one directory programs are started from; `here` is the caller's import.meta.url. */
export function programDir(here: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.GANETI_PROGRAM_DIR;
  if (override) {
    if (!isAbsolute(override)) throw new Error(`GANETI_PROGRAM_DIR must be an absolute path, not '${override}'`);
    return override;
  }
  const file = fileURLToPath(here);
  if (!file.endsWith('.ts')) return dirname(file);
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'build', 'bin');
  }
  return dirname(file);
}

/** The absolute path of one of our programs, or null when it is not in programDir. */
export function findProgram(name: string, here: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const p = join(programDir(here, env), name);
  try { return statSync(p).isFile() ? p : null; } catch { return null; }
}
