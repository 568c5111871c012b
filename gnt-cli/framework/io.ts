// Everything a verb touches outside itself, injectable for tests: output streams, the
// environment, the master connection, the user's answers, files, and cluster init.
import { readFileSync } from 'node:fs';
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { clientProcessIo } from '../../daemons/common/client/process-io.js';
import type { InitClusterOptions } from '../../daemons/common/cluster-init-options.js';

/** One answer the user may give to a question (Ganeti AskUser choices). */
export interface Choice<T = unknown> {
  key: string;
  value: T;
  help: string;
}

export type InitClusterFn = (opts: InitClusterOptions, feedback: (msg: string) => void) => Promise<void>;

export interface CliIo {
  /** Writes one line to stdout (the newline is added). */
  out(line: string): void;
  /** Writes one line to stderr (the newline is added). */
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Opens the connection to the master; called at most once per run. */
  connectMaster(): Promise<MasterApi>;
  /**
   * Asks a question and returns the chosen value. Without a terminal the last choice is
   * the answer, as Ganeti's AskUser does.
   */
  askUser<T>(question: string, choices: Choice<T>[]): Promise<T>;
  readFile(path: string): string;
  /** Overrides the bootstrap code of gnt-cluster init (tests). */
  initCluster?: InitClusterFn;
  /** Current time in ms since the epoch (reason trail timestamps); Date.now() by default. */
  now?(): number;
}

/** The real process: stdout/stderr, process.env, the master socket from the node's paths. */
export function processIo(): CliIo {
  return {
    ...clientProcessIo(),
    async askUser(question, choices) {
      const { askOnTty } = await import('./confirm.js');
      return askOnTty(question, choices);
    },
    readFile: (path) => readFileSync(path, 'utf8'),
  };
}
