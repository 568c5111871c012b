// Sizes on the command line and in tables, as Ganeti's utils.ParseUnit / utils.FormatUnit:
// sizes travel as MiB integers, users write 512M, 1G, 1.5T (plain numbers are MiB).
import { ParameterError } from '../../daemons/common/errors.js';

export type Units = 'h' | 'm' | 'g' | 't';
export const UNIT_CHOICES: readonly Units[] = ['h', 'm', 'g', 't'];

const UNIT_RE = /^([.\d]+)\s*([a-zA-Z]+)?$/;

/**
 * Parses "512M", "1G", "1.5t", "100" (MiB) into MiB, rounded up to a multiple of 4 as
 * Ganeti does (LVM extents). Throws ParameterError naming the bad value otherwise.
 */
export function parseUnit(input: string | number): number {
  const text = String(input).trim();
  const m = UNIT_RE.exec(text);
  const num = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(num)) {
    throw new ParameterError(`Invalid size '${input}': expected a number of MiB or a number with a unit` +
      ' (M, G or T), e.g. 512M, 1G, 1.5T', { ecode: 'wrong_input' });
  }
  let value = num;
  const unit = (m[2] ?? 'm').toLowerCase();
  if (['g', 'gb', 'gib'].includes(unit)) value *= 1024;
  else if (['t', 'tb', 'tib'].includes(unit)) value *= 1024 * 1024;
  else if (!['m', 'mb', 'mib'].includes(unit)) {
    throw new ParameterError(`Invalid size '${input}': unknown unit '${m[2]}' (allowed: M, G, T)`,
      { ecode: 'wrong_input' });
  }
  let mib = Math.ceil(value);
  if (mib % 4) mib += 4 - (mib % 4);
  return mib;
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
