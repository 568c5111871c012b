// What client code needs from the program it runs in: who it is (for the reason trail), the
// master connection, and where its lines go. A gnt-* verb's context is one; the watcher,
// burnin and the RAPI daemon make their own.
import type { MasterApi } from './master-api.js';

export interface ClientContext {
  /** Program and command, as the reason trail names them ("gnt:client:gnt-instance", "startup"). */
  prog: string;
  verb: string;
  /** The master connection, opened on first use. */
  master(): Promise<MasterApi>;
  out(line: string): void;
  err(line: string): void;
  /** Current time in ms since the epoch (reason trail timestamps); Date.now() by default. */
  now?(): number;
}
