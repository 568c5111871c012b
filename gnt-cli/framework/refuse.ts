// An option this build cannot honour is refused with an error naming it, never accepted
// and ignored (test/unit/options-honest.test.ts walks every declared option).
import { ParameterError } from '../../daemons/common/errors.js';

export function refuseOption(given: unknown, flag: string, why: string): void {
  if (given === undefined || given === false) return;
  throw new ParameterError(`Option ${flag} is not supported: ${why}`, { ecode: 'wrong_input' });
}
