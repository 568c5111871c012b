// Sizes as Ganeti writes and shows them (lib/utils/text.py ParseUnit / FormatUnit): sizes
// travel as MiB integers, users write 512M, 1G, 1.5T (plain numbers are MiB). The one
// parser for the CLI, the tools and the master, so that a size means the same everywhere.
import { ParameterError } from './errors.js';

export type Units = 'h' | 'm' | 'g' | 't';
export const UNIT_CHOICES: readonly Units[] = ['h', 'm', 'g', 't'];

const FACTORS: Record<string, number> = {
  m: 1, mb: 1, mib: 1, g: 1024, gb: 1024, gib: 1024, t: 1024 * 1024, tb: 1024 * 1024, tib: 1024 * 1024,
};

// Ganeti's _PARSEUNIT_REGEX: digits and dots, optional blanks, an optional alphabetic unit;
// no sign and no surrounding blanks (Ganeti matches str(value) as it is).
const UNIT_RE = /^([.\d]+)\s*([a-zA-Z]+)?$/;

/**
 * Parses "512M", "1G", "1.5t", "100" (MiB) or a number into MiB, as Ganeti's ParseUnit:
 * rounded up to a whole MiB, then up to the next multiple of 4 (LVM extents). Throws
 * ParameterError naming the bad value (and `what` it was meant to be) otherwise.
 */
export function parseUnit(input: string | number, what = 'size'): number {
  const text = String(input);
  const m = UNIT_RE.exec(text);
  const num = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(num)) {
    throw new ParameterError(`Invalid ${what} '${text}': expected a number of MiB or a number with a unit` +
      ' (M, G or T), e.g. 512M, 1G, 1.5T', { ecode: 'wrong_input' });
  }
  const factor = FACTORS[(m[2] ?? 'm').toLowerCase()];
  if (factor === undefined) {
    throw new ParameterError(`Invalid ${what} '${text}': unknown unit '${m[2]}' (allowed: M, G, T)`, { ecode: 'wrong_input' });
  }
  const mib = Math.ceil(num * factor);
  return mib % 4 ? mib + 4 - (mib % 4) : mib;
}

/** Python's "%0.1f" % round(x, 1): one decimal place. */
function oneDecimal(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** Formats MiB like utils.FormatUnit: h gives 512M / 1.0G / 197.4G / 1.2T, m/g/t plain numbers. */
export function formatUnit(value: number, units: Units): string {
  if (units === 'm' || (units === 'h' && value < 1024)) {
    return `${Math.round(value)}${units === 'h' ? 'M' : ''}`;
  }
  if (units === 'g' || (units === 'h' && value < 1024 * 1024)) {
    return `${oneDecimal(value / 1024)}${units === 'h' ? 'G' : ''}`;
  }
  return `${oneDecimal(value / 1024 / 1024)}${units === 'h' ? 'T' : ''}`;
}
