// Sizes as Ganeti writes them: a number with an optional unit (M, G, T; MiB when none).
import { ParameterError } from './errors.js';

const FACTORS: Record<string, number> = { '': 1, m: 1, mb: 1, mib: 1, g: 1024, gb: 1024, gib: 1024, t: 1024 * 1024, tb: 1024 * 1024, tib: 1024 * 1024 };

/** Parses '512', '512M', '1G', '1.5T' into MiB (rounded up, as Ganeti's ParseUnit). */
export function parseUnit(input: string | number, what = 'size'): number {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return Math.ceil(input);
    throw new ParameterError(`Invalid ${what} '${input}': must be a non-negative number`, { ecode: 'wrong_input' });
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
  const factor = m ? FACTORS[m[2]!.toLowerCase()] : undefined;
  if (!m || factor === undefined) {
    throw new ParameterError(`Invalid ${what} '${input}': expected a number with an optional unit M, G or T (e.g. 512M, 1G)`,
      { ecode: 'wrong_input' });
  }
  return Math.ceil(Number(m[1]) * factor);
}
