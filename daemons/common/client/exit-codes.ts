// Ganeti's CLI exit codes (lib/constants.py EXIT_*), which scripts depend on.
export const ExitCode = {
  Success: 0,
  Failure: 1,
  ConfigError: 2,
  NotCluster: 5,
  NotMaster: 11,
  NodeSetupError: 12,
  Confirmation: 13,
  UnknownField: 14,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the CLI reports with its own text (usage mistakes, refused confirmations, a
 * master that cannot be reached): the message goes to stderr as is, with this exit code.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = ExitCode.Failure) {
    super(message);
    this.name = 'CliError';
  }
}

/** The master socket is missing or nobody answers on it (Ganeti's NoMasterError). */
export class NoMasterError extends Error {
  constructor(readonly socketPath: string, cause?: unknown) {
    super(`Cannot connect to the master daemon at ${socketPath}`, cause === undefined ? undefined : { cause });
    this.name = 'NoMasterError';
  }
}
