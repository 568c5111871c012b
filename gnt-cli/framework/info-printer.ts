// Ganeti's PrintGenericInfo: the YAML-like layout of every "info" command. Values are dicts
// (keys sorted), ordered pairs (kept in order, optionally aligned by group), lists ("- "
// items), inline tuples ("[a, b]") and scalars (Python str()). Children indent 2 spaces.
import { commaJoin, pyStr } from '../../daemons/common/client/py-format.js';

/** One ordered entry: key, value, and optionally an alignment group. */
export type InfoEntry = [string, InfoValue] | [string, InfoValue, string];

/** An ordered dictionary (Ganeti's list of tuples). */
export class Ordered {
  constructor(readonly entries: InfoEntry[]) {}
}

/** A tuple of scalars printed on one line as "[a, b, c]". */
export class Inline {
  constructor(readonly items: unknown[]) {}
}

export type InfoValue = Ordered | Inline | InfoValue[] | { [key: string]: InfoValue } | unknown;

export function ordered(entries: InfoEntry[]): Ordered {
  return new Ordered(entries);
}

const IND = '  ';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Ordered) && !(v instanceof Inline);
}

function serialize(out: string[], data: InfoValue, level: number, afterKey: boolean): void {
  const startBlock = (): boolean => {
    if (afterKey) out.push('\n');
    return afterKey;
  };
  if (data instanceof Ordered && data.entries.length) {
    let indent = startBlock();
    const align = new Map<string, number>();
    for (const e of data.entries) {
      if (e.length > 2) align.set(e[2]!, Math.max(align.get(e[2]!) ?? 0, e[0].length));
    }
    for (const e of data.entries) {
      if (indent) out.push(IND.repeat(level));
      indent = true;
      out.push(`${e[0]}: `);
      if (e.length > 2) out.push(' '.repeat(align.get(e[2]!)! - e[0].length));
      serialize(out, e[1], level + 1, true);
    }
  } else if (data instanceof Ordered || (Array.isArray(data) && !data.length) || (isPlainObject(data) && !Object.keys(data).length)) {
    out.push('\n');
  } else if (data instanceof Inline) {
    out.push(`[${commaJoin(data.items)}]\n`);
  } else if (isPlainObject(data)) {
    let indent = startBlock();
    for (const key of Object.keys(data).sort()) {
      if (indent) out.push(IND.repeat(level));
      indent = true;
      out.push(`${key}: `);
      serialize(out, data[key], level + 1, true);
    }
  } else if (Array.isArray(data)) {
    let indent = startBlock();
    for (const item of data) {
      if (indent) out.push(IND.repeat(level));
      indent = true;
      out.push('- ');
      serialize(out, item, level + 1, false);
    }
  } else {
    out.push(`${pyStr(data)}\n`);
  }
}

/** The text PrintGenericInfo writes (without the final newline). */
export function formatGenericInfo(data: InfoValue): string {
  const out: string[] = [];
  serialize(out, data, 0, false);
  return out.join('').replace(/\n+$/, '');
}

/**
 * cli.FormatParamsDictInfo: each parameter shows the object's own value, or
 * "default (X)" with the effective value when the object does not set it.
 */
export function formatParamsDictInfo(own: Record<string, unknown> | null | undefined,
  actual: Record<string, unknown>): Record<string, InfoValue> {
  const ret: Record<string, InfoValue> = {};
  const mine = own ?? {};
  for (const [key, data] of Object.entries(actual)) {
    if (isPlainObject(data) && Object.keys(data).length) {
      const sub = mine[key];
      ret[key] = formatParamsDictInfo(isPlainObject(sub) ? sub : {}, data);
    } else {
      ret[key] = Object.hasOwn(mine, key) ? pyStr(mine[key]) : `default (${pyStr(data)})`;
    }
  }
  return ret;
}

/** gnt-cluster's _FormatGroupedParams: nested dicts with every leaf as str(). */
export function formatGroupedParams(params: unknown): Record<string, InfoValue> {
  const ret: Record<string, InfoValue> = {};
  if (!isPlainObject(params)) return ret;
  for (const [k, v] of Object.entries(params)) ret[k] = isPlainObject(v) ? formatGroupedParams(v) : pyStr(v);
  return ret;
}
