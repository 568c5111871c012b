// Ganeti's error classes (lib/errors.py), the one table that maps each to a gRPC status,
// a CLI exit code and a message prefix, and the one error encoding of every wire:
// EncodedError {class, message, ecode, cause?}. gRPC statuses carry it in their metadata
// (common/rpc.ts toServiceError, decodeServiceError here), job submissions in the
// EncodedError message, job results in Ganeti's positional form of the same thing
// (encodeJobError/decodeJobError, for Ganeti's clients). Decoding keeps the cause chain.
export const ErrorCode = {
  ResolverError: 'resolver_error',
  InsufficientResources: 'insufficient_resources',
  TempInsufficientResources: 'temp_insufficient_resources',
  WrongInput: 'wrong_input',
  WrongState: 'wrong_state',
  UnknownEntity: 'unknown_entity',
  AlreadyExists: 'already_exists',
  ResourceNotUnique: 'resource_not_unique',
  InternalError: 'internal_error',
  EnvironmentError: 'environment_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class GanetiError extends Error {
  readonly ecode: ErrorCode | '';
  constructor(message: string, opts: { ecode?: ErrorCode | ''; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.ecode = opts.ecode ?? '';
  }
}
export class OpPrereqError extends GanetiError {}
export class OpExecError extends GanetiError {}
export class HypervisorError extends GanetiError {}
export class BlockDeviceError extends GanetiError {}
export class ConfigurationError extends GanetiError {}
export class LockTimeoutError extends GanetiError {}
export class JobQueueDrainError extends GanetiError {}
export class JobQueueFullError extends GanetiError {}
export class JobCanceledError extends GanetiError {}
export class JobLostError extends GanetiError {}
export class NodeUnreachableError extends GanetiError {}
export class ParameterError extends GanetiError {}
export class ResolverError extends GanetiError {}
export class NotMasterError extends GanetiError {}
export class ProgrammerError extends GanetiError {}
export class OpCodeUnknown extends GanetiError {}
export class RemoteError extends GanetiError {}
export class CommandError extends GanetiError {}
/** A node daemon refused a call: the caller's role (from its certificate) may not make it. */
export class PermissionDeniedError extends GanetiError {}

const classes: Record<string, new (m: string, o?: { ecode?: ErrorCode | ''; cause?: unknown }) => GanetiError> = {
  GanetiError, OpPrereqError, OpExecError, HypervisorError, BlockDeviceError, ConfigurationError,
  LockTimeoutError, JobQueueDrainError, JobQueueFullError, JobCanceledError, JobLostError,
  NodeUnreachableError, ParameterError, ResolverError, NotMasterError, ProgrammerError,
  OpCodeUnknown, RemoteError, CommandError,
  PermissionDeniedError,
};

// grpc status codes, numerically (importing grpc-js here would load it into every program).
export const Status = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5,
  ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9,
  ABORTED: 10, OUT_OF_RANGE: 11, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14,
  DATA_LOSS: 15, UNAUTHENTICATED: 16,
} as const;

interface Mapping { status: number; exit: number }

const byEcode: Record<string, Mapping> = {
  wrong_input: { status: Status.INVALID_ARGUMENT, exit: 1 },
  resource_not_unique: { status: Status.INVALID_ARGUMENT, exit: 1 },
  unknown_entity: { status: Status.NOT_FOUND, exit: 1 },
  resolver_error: { status: Status.NOT_FOUND, exit: 1 },
  already_exists: { status: Status.ALREADY_EXISTS, exit: 1 },
  wrong_state: { status: Status.FAILED_PRECONDITION, exit: 1 },
  environment_error: { status: Status.FAILED_PRECONDITION, exit: 1 },
  insufficient_resources: { status: Status.RESOURCE_EXHAUSTED, exit: 1 },
  temp_insufficient_resources: { status: Status.UNAVAILABLE, exit: 1 },
  internal_error: { status: Status.INTERNAL, exit: 1 },
};

const byClass: Record<string, Mapping> = {
  ParameterError: { status: Status.INVALID_ARGUMENT, exit: 1 },
  ResolverError: { status: Status.NOT_FOUND, exit: 1 },
  JobQueueFullError: { status: Status.RESOURCE_EXHAUSTED, exit: 1 },
  JobQueueDrainError: { status: Status.UNAVAILABLE, exit: 1 },
  NodeUnreachableError: { status: Status.UNAVAILABLE, exit: 1 },
  JobCanceledError: { status: Status.CANCELLED, exit: 1 },
  LockTimeoutError: { status: Status.DEADLINE_EXCEEDED, exit: 1 },
  ConfigurationError: { status: Status.DATA_LOSS, exit: 2 },
  NotMasterError: { status: Status.FAILED_PRECONDITION, exit: 11 },
  OpCodeUnknown: { status: Status.UNIMPLEMENTED, exit: 1 },
  OpPrereqError: { status: Status.FAILED_PRECONDITION, exit: 1 },
  PermissionDeniedError: { status: Status.PERMISSION_DENIED, exit: 1 },
};

export function errorMapping(err: { name: string; ecode?: string }): Mapping {
  if (err.ecode && byEcode[err.ecode]) return byEcode[err.ecode]!;
  return byClass[err.name] ?? { status: Status.INTERNAL, exit: 1 };
}

export interface EncodedError { class: string; message: string; ecode: string; cause?: EncodedError | null }

/** gRPC metadata key of the encoded error (binary: messages are not always ASCII). */
export const ERROR_METADATA_KEY = 'ganeti-error-bin';

/** How many causes are kept: enough for an RPC failure inside an LU, bounded against cycles. */
const MAX_CAUSES = 8;

export function encodeError(err: unknown, depth = 0): EncodedError {
  const e = err instanceof Error ? err : new Error(String(err));
  const enc: EncodedError = err instanceof GanetiError
    ? { class: err.name, message: err.message, ecode: err.ecode }
    : { class: 'OpExecError', message: e.message, ecode: '' };
  if (e.cause !== undefined && e.cause !== null && depth < MAX_CAUSES) enc.cause = encodeError(e.cause, depth + 1);
  return enc;
}

export function decodeError(enc: EncodedError): GanetiError {
  const Cls = classes[enc.class] ?? GanetiError;
  const cause = enc.cause ? decodeError(enc.cause) : undefined;
  const err = new Cls(enc.message, { ecode: (enc.ecode || '') as ErrorCode, cause });
  if (!classes[enc.class]) (err as { name: string }).name = enc.class;
  return err;
}

/** A failed opcode's result as Ganeti stores it (errors.EncodeException): [class, [message,
 * ecode]], with the encoded cause as a third argument when there is one. */
export type JobError = [string, [string, string] | [string, string, EncodedError]];

export function encodeJobError(err: unknown): JobError {
  const e = encodeError(err);
  return [e.class, e.cause ? [e.message, e.ecode, e.cause] : [e.message, e.ecode]];
}

/** The error a failed opcode's result stands for; null when the result is not a JobError. */
export function decodeJobError(result: unknown): GanetiError | null {
  if (!Array.isArray(result) || result.length !== 2 || typeof result[0] !== 'string') return null;
  const [cls, args] = result as [string, unknown];
  if (!Array.isArray(args)) return null;
  const [message, ecode, cause] = args as unknown[];
  return decodeError({
    class: cls, message: typeof message === 'string' ? message : JSON.stringify(message ?? ''),
    ecode: typeof ecode === 'string' ? ecode : '',
    cause: cause && typeof cause === 'object' ? cause as EncodedError : null,
  });
}

/** Rebuilds a typed error from a gRPC ServiceError: the status details are the message, the
 * metadata has the rest of the EncodedError (grpc-js gives a -bin value as a Buffer, a plain
 * HTTP/2 client as base64 text). */
export function decodeServiceError(err: { code?: number; details?: string; message?: string;
  metadata?: { get(key: string): unknown[] } }): GanetiError {
  const raw = err.metadata?.get(ERROR_METADATA_KEY)?.[0];
  const message = err.details || err.message || 'unknown error';
  if (raw !== undefined) {
    try {
      const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(String(raw), 'base64').toString('utf8');
      const enc = JSON.parse(text) as Omit<EncodedError, 'message'>;
      if (typeof enc.class === 'string') return decodeError({ ...enc, message });
    } catch { /* not ours: judge by the status */ }
  }
  if (err.code === Status.UNAVAILABLE || err.code === Status.DEADLINE_EXCEEDED) {
    return new NodeUnreachableError(message, { ecode: 'temp_insufficient_resources' });
  }
  return new RemoteError(message);
}

/** The metadata value of an encoded error: all but the message (the status details carry it),
 * the causes dropped when they would not fit in the trailers. */
export function errorMetadataValue(enc: EncodedError): Buffer {
  const { message: _m, ...rest } = enc;
  const full = Buffer.from(JSON.stringify(rest));
  return full.length <= MAX_METADATA_BYTES ? full : Buffer.from(JSON.stringify({ ...rest, cause: null }));
}

/** gRPC peers refuse trailers over 8-16 KiB; the details already take part of that. */
const MAX_METADATA_BYTES = 4096;

/** Whether a gRPC error came from our service (an encoded error), not from the transport. */
export function isServiceError(err: { metadata?: { get(key: string): unknown[] } }): boolean {
  return (err.metadata?.get(ERROR_METADATA_KEY)?.length ?? 0) > 0;
}

/** The `Failure: …` text Ganeti's CLI prints for an error (lib/cli.py FormatError). */
export function formatFailure(err: { name: string; message: string; ecode?: string }): string {
  switch (err.name) {
    case 'OpPrereqError':
      return err.ecode
        ? `Failure: prerequisites not met for this operation:\nerror type: ${err.ecode}, error details:\n${err.message}`
        : `Failure: prerequisites not met for this operation:\n${err.message}`;
    case 'OpExecError':
      return `Failure: command execution error:\n${err.message}`;
    case 'ParameterError':
      return `Failure: ${err.message}`;
    case 'JobQueueDrainError':
      return 'Failure: the job queue is marked for drain and doesn\'t accept new requests';
    case 'JobQueueFullError':
      return 'Failure: the job queue is full and doesn\'t accept new requests';
    case 'ConfigurationError':
      return `Failure: corrupt configuration file: ${err.message}`;
    default:
      return `Failure: ${err.name === 'GanetiError' || err.name === 'RemoteError' ? '' : err.name + ': '}${err.message}`;
  }
}
