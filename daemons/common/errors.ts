// Ganeti's error classes (lib/errors.py) and the one table that maps each to a gRPC
// status, a CLI exit code and a message prefix. Only the daemons' service.ts files turn
// errors into statuses; decodeServiceError rebuilds the typed error on the client.
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

const classes: Record<string, new (m: string, o?: { ecode?: ErrorCode | ''; cause?: unknown }) => GanetiError> = {
  GanetiError, OpPrereqError, OpExecError, HypervisorError, BlockDeviceError, ConfigurationError,
  LockTimeoutError, JobQueueDrainError, JobQueueFullError, JobCanceledError, JobLostError,
  NodeUnreachableError, ParameterError, ResolverError, NotMasterError, ProgrammerError,
  OpCodeUnknown, RemoteError, CommandError,
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
};

export function errorMapping(err: { name: string; ecode?: string }): Mapping {
  if (err.ecode && byEcode[err.ecode]) return byEcode[err.ecode]!;
  return byClass[err.name] ?? { status: Status.INTERNAL, exit: 1 };
}

export interface EncodedError { class: string; message: string; ecode: string }

export function encodeError(err: unknown): EncodedError {
  if (err instanceof GanetiError) return { class: err.name, message: err.message, ecode: err.ecode };
  const e = err instanceof Error ? err : new Error(String(err));
  return { class: 'OpExecError', message: e.message, ecode: '' };
}

export function decodeError(enc: EncodedError): GanetiError {
  const Cls = classes[enc.class] ?? GanetiError;
  const err = new Cls(enc.message, { ecode: (enc.ecode || '') as ErrorCode });
  if (!classes[enc.class]) (err as { name: string }).name = enc.class;
  return err;
}

/** Rebuilds a typed error from a gRPC ServiceError (metadata carries class and ecode). */
export function decodeServiceError(err: { code?: number; details?: string; message?: string;
  metadata?: { get(key: string): unknown[] } }): GanetiError {
  const cls = String(err.metadata?.get('ganeti-error-class')?.[0] ?? '');
  const ecode = String(err.metadata?.get('ganeti-ecode')?.[0] ?? '');
  const message = err.details || err.message || 'unknown error';
  if (cls) return decodeError({ class: cls, message, ecode });
  if (err.code === Status.UNAVAILABLE || err.code === Status.DEADLINE_EXCEEDED) {
    return new NodeUnreachableError(message, { ecode: 'temp_insufficient_resources' });
  }
  return new RemoteError(message);
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
