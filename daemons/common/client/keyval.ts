// Ganeti's option value syntaxes (lib/cli_opts.py): key=val dicts with no_x / -x forms,
// ident:key=val groups, the ipolicy "min:…/max:…//…" lists, yes|no booleans, comma lists.
import { parseBool } from '../booleans.js';
import { ParameterError } from '../errors.js';

/** A parsed key=val dict: no_x gives false, -x gives null (reset to default), bare x gives true. */
export type KeyVal = Record<string, string | boolean | null>;

const NO_PREFIX = 'no_';
const UN_PREFIX = '-';

function bad(msg: string): never {
  throw new ParameterError(msg, { ecode: 'wrong_input' });
}

/** utils.UnescapeAndSplit: split on sep, where a backslash escapes the separator. */
export function unescapeAndSplit(text: string, sep = ','): string[] {
  if (!text) return [];
  const parts = text.split(sep);
  const out: string[] = [];
  while (parts.length) {
    const e1 = parts.shift()!;
    const trailing = e1.length - e1.replace(/\\+$/, '').length;
    if (trailing % 2 === 1 && parts.length) {
      parts.unshift(e1 + sep + parts.shift()!);
      continue;
    }
    out.push(e1);
  }
  return out.map((v) => v.replace(/\\(.)/g, '$1'));
}

/** key=val[,key=val…]; with prefixes, "no_x" is x=false, "-x" is x=null and "x" is x=true. */
export function splitKeyVal(opt: string, data: string, parsePrefixes = true): KeyVal {
  const dict: KeyVal = {};
  for (const elem of unescapeAndSplit(data)) {
    let key: string;
    let val: string | boolean | null;
    const eq = elem.indexOf('=');
    if (eq >= 0) {
      key = elem.slice(0, eq);
      val = elem.slice(eq + 1);
    } else if (parsePrefixes) {
      if (elem.startsWith(NO_PREFIX)) [key, val] = [elem.slice(NO_PREFIX.length), false];
      else if (elem.startsWith(UN_PREFIX)) [key, val] = [elem.slice(UN_PREFIX.length), null];
      else [key, val] = [elem, true];
    } else {
      bad(`Missing value for key '${elem}' in option ${opt} (expected key=value)`);
    }
    if (!key) bad(`Empty key in option ${opt}: '${data}'`);
    if (Object.hasOwn(dict, key)) bad(`Duplicate key '${key}' in option ${opt}`);
    dict[key] = val;
  }
  return dict;
}

/**
 * ident:key=val,… as (ident, dict). With prefixes "no_ident" gives (ident, false) and
 * "-ident" (not followed by a digit) gives (ident, null): remove or reset a whole group.
 */
export function splitIdentKeyVal(opt: string, value: string, parsePrefixes = true): [string, KeyVal | false | null] {
  const colon = value.indexOf(':');
  const ident = colon >= 0 ? value.slice(0, colon) : value;
  const rest = colon >= 0 ? value.slice(colon + 1) : '';
  if (parsePrefixes && ident.startsWith(NO_PREFIX)) {
    if (rest) bad(`Cannot pass options when removing parameter groups: ${value}`);
    return [ident.slice(NO_PREFIX.length), false];
  }
  if (parsePrefixes && ident.startsWith(UN_PREFIX) && !/^-\d/.test(ident)) {
    if (rest) bad(`Cannot pass options when removing parameter groups: ${value}`);
    return [ident.slice(UN_PREFIX.length), null];
  }
  return [ident, splitKeyVal(opt, rest, parsePrefixes)];
}

/** "a:k=v,k=v/b:k=v//a:…" as a list of {ident: dict} (the --ipolicy-bounds-specs syntax). */
export function splitMultiListIdentKeyVal(opt: string, value: string): Record<string, KeyVal>[] {
  return value.split('//').map((line) => {
    const out: Record<string, KeyVal> = {};
    for (const elem of line.split('/')) {
      if (!elem) bad(`Empty section in option '${opt}'`);
      const [ident, dict] = splitIdentKeyVal(opt, elem, false);
      if (Object.hasOwn(out, ident)) bad(`Duplicated parameter '${ident}' in parsing ${opt}: ${elem}`);
      out[ident] = dict as KeyVal;
    }
    return out;
  });
}

/** yes|no|true|false (any case), as Ganeti's "bool" option type. */
export function parseYesNo(opt: string, value: string): boolean {
  return parseBool(value, `option ${opt}`);
}

/** Comma-separated list (empty string is the empty list). */
export function parseList(value: string): string[] {
  return value ? unescapeAndSplit(value) : [];
}

/** A float, or the word "default" (Ganeti's maybefloat option type). */
export function parseMaybeFloat(opt: string, value: string): number | 'default' {
  if (value.toLowerCase() === 'default') return 'default';
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) bad(`Invalid value '${value}' for option ${opt} (expected a number or 'default')`);
  return n;
}

/** An integer option value; names the option and the bad value. */
export function parseIntOption(opt: string, value: string, min = -Infinity): number {
  const n = Number(value);
  if (!/^[-+]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) bad(`Invalid value '${value}' for option ${opt} (expected an integer)`);
  if (n < min) bad(`Invalid value '${value}' for option ${opt} (must be at least ${min})`);
  return n;
}

/** Commander accumulator for repeatable options. */
export function collect<T>(parse: (v: string) => T): (v: string, prev: T[] | undefined) => T[] {
  return (v, prev) => [...(prev ?? []), parse(v)];
}
