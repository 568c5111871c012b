// Assertions on an LU run: the typed error (class, Ganeti error code, message) it failed
// with, or its success; each prints the job log when it does not hold.
import type { ExecutionContext } from 'ava';
import type { GanetiError } from './masterd.js';
import type { LuRun } from './lu-harness.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The run failed with `cls` (and `ecode`) and a message matching `message`. */
export function assertFailed(t: ExecutionContext, run: LuRun, cls: ErrorClass, message: RegExp, ecode?: GanetiError['ecode']): void {
  if (!run.error) {
    t.fail(`expected ${cls.name} /${message.source}/, but the opcode succeeded with ${JSON.stringify(run.result)}\n${run.feedback.join('\n')}`);
    return;
  }
  t.true(run.error instanceof cls, `expected ${cls.name}, got ${run.error.name}: ${run.error.message}`);
  t.regex(run.error.message, message);
  if (ecode !== undefined) t.is((run.error as GanetiError).ecode, ecode);
}

/** The run succeeded; returns its result. */
export function assertSucceeded(t: ExecutionContext, run: LuRun): unknown {
  if (run.error) t.fail(`expected success, got ${run.error.name}: ${run.error.message}\n${run.feedback.join('\n')}`);
  return run.result;
}
