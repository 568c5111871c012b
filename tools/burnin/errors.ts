// burnin's own failure kinds. Job failures keep the master's typed error (class, ecode) so
// that a step can tell "this cluster does not support the operation" from a real failure.

/** A usage mistake (no -o, no instance): Ganeti prints the usage and exits 2. */
export class UsageError extends Error {}

/** A refused option value or cluster precondition (Ganeti's Err()): message, exit 1. */
export class BurninError extends Error {}

/** One job that failed (or was refused at submission: jobId null). */
export class JobFailed extends Error {
  constructor(readonly instance: string, readonly jobId: number | null, readonly error: Error) {
    super(`${jobId === null ? `submitting the job for ${instance}` : `job ${jobId} for ${instance}`} failed: ${error.message}`);
  }
}

/** Some jobs of a parallel batch failed; each was reported as it was found. */
export class BatchFailed extends Error {
  constructor(readonly failures: JobFailed[], readonly total: number) {
    const first = failures[0];
    super(`${failures.length} of ${total} job(s) failed${first ? ` (first: ${first.message})` : ''}`);
  }
}

/**
 * The master refused a whole step as unknown/unsupported: the step is skipped. jobsRan:
 * the refusal came from running jobs (not at submission), whose earlier opcodes did run.
 */
export class StepUnsupported extends Error {
  constructor(message: string, readonly jobsRan: boolean) {
    super(message);
  }
}

/** SIGINT/SIGTERM: stop submitting, clean up. */
export class Interrupted extends Error {}

/** The HTTP check (-C) found an instance not answering or answering with another name. */
export class InstanceDown extends Error {}

/** Decides whether a job error means "the cluster cannot do this" (skip the step). */
export type UnsupportedTest = (err: Error) => boolean;

/** The master does not know the opcode (at submission) or has no logical unit for it. */
export const unknownOpcode: UnsupportedTest = (e) => e.name === 'OpCodeUnknown';

/**
 * An unknown opcode, or a parameter the master's logical unit refuses as not supported
 * (OP_INSTANCE_SET_PARAMS for NICs, disks or runtime memory): refused before any change.
 */
export const unknownOrUnsupported: UnsupportedTest = (e) => unknownOpcode(e) ||
  (e.name === 'OpPrereqError' && (e as { ecode?: string }).ecode === 'wrong_input' && /not supported/i.test(e.message));
