// The one boolean parser (Ganeti's cli_opts check_bool): "yes", "no", "true", "false" in
// any case, nothing else. ForceDictType on the master accepts the same words, so that a
// value the CLI takes is never refused later, and a value it refuses is refused everywhere.
import { ParameterError } from './errors.js';

export const BOOLEAN_WORDS = { yes: true, true: true, no: false, false: false } as const;

/** A boolean passes through; a string must be one of BOOLEAN_WORDS. `what` names the value. */
export function parseBool(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (word !== undefined && Object.hasOwn(BOOLEAN_WORDS, word)) return BOOLEAN_WORDS[word as keyof typeof BOOLEAN_WORDS];
  const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  throw new ParameterError(`Invalid boolean value ${shown} for ${what} (allowed: yes, no, true, false)`, { ecode: 'wrong_input' });
}
