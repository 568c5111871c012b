// A small schema language for opcode parameters: one definition gives the TS type and the
// runtime validator, used by the CLI to build opcodes and by the master to check them.
import { ParameterError } from '../errors.js';

export interface Field<T> {
  readonly kind: string;            // human description used in messages ("an integer")
  readonly isOptional: boolean;
  readonly defaultValue?: () => T;
  readonly doc?: string;
  check(value: unknown, path: string): T;
}

type Check<T> = (v: unknown, path: string) => T;

function field<T>(kind: string, check: Check<T>): Field<T> & FieldOps<T> {
  const f: Field<T> = { kind, isOptional: false, check };
  return withOps(f);
}

interface FieldOps<T> {
  default(v: T | (() => T)): Field<T> & FieldOps<T>;
  optional(): Field<T | null> & FieldOps<T | null>;
}

function withOps<T>(f: Field<T>): Field<T> & FieldOps<T> {
  return Object.assign(f, {
    default(v: T | (() => T)) {
      const fn = typeof v === 'function' ? (v as () => T) : () => structuredClone(v);
      return withOps({ kind: f.kind, check: f.check, isOptional: true, defaultValue: fn });
    },
    optional() {
      const g: Field<T | null> = {
        kind: f.kind, isOptional: true, defaultValue: () => null,
        check: (v, p) => (v === null || v === undefined ? null : f.check(v, p)),
      };
      return withOps(g);
    },
  });
}

function bad(path: string, kind: string, v: unknown): never {
  const shown = typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
  throw new ParameterError(`Parameter '${path}' must be ${kind}, got ${shown}`, { ecode: 'wrong_input' });
}

// Keys that would reach an object's prototype when a dictionary is merged with
// Object.assign or obj[k] = v (JSON.parse keeps them as plain keys): never a parameter.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkKeys(v: unknown, p: string, depth = 0): void {
  if (v === null || typeof v !== 'object' || depth > 32) return;
  for (const [k, x] of Object.entries(v as object)) {
    if (FORBIDDEN_KEYS.has(k)) throw new ParameterError(`Parameter '${p}' must not contain the key '${k}'`, { ecode: 'wrong_input' });
    checkKeys(x, `${p}.${k}`, depth + 1);
  }
}

export const t = {
  str: () => field<string>('a string', (v, p) => (typeof v === 'string' ? v : bad(p, 'a string', v))),
  nonEmpty: () => field<string>('a non-empty string', (v, p) =>
    (typeof v === 'string' && v.length > 0 ? v : bad(p, 'a non-empty string', v))),
  bool: () => field<boolean>('a boolean', (v, p) => (typeof v === 'boolean' ? v : bad(p, 'a boolean', v))),
  int: (min = -Infinity, max = Infinity) => {
    const kind = min > -Infinity && max < Infinity ? `an integer from ${min} to ${max}`
      : min > -Infinity ? `an integer >= ${min}` : 'an integer';
    return field<number>(kind, (v, p) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? (v as number) : bad(p, kind, v)));
  },
  num: (min = -Infinity) => field<number>(min > -Infinity ? `a number >= ${min}` : 'a number',
    (v, p) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : bad(p, `a number >= ${min}`, v))),
  oneOf: <const V extends string>(values: readonly V[]) => {
    const kind = `one of ${values.join(', ')}`;
    return field<V>(kind, (v, p) => (values.includes(v as V) ? (v as V) : bad(p, kind, v)));
  },
  list: <T>(inner: Field<T>) => field<T[]>(`a list of ${inner.kind}`, (v, p) => {
    if (!Array.isArray(v)) bad(p, `a list of ${inner.kind}`, v);
    return (v as unknown[]).map((x, i) => inner.check(x, `${p}[${i}]`));
  }),
  dict: () => field<Record<string, unknown>>('a dictionary', (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(p, 'a dictionary', v);
    checkKeys(v, p);
    return v as Record<string, unknown>;
  }),
  strDict: () => field<Record<string, string>>('a dictionary of strings', (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(p, 'a dictionary of strings', v);
    for (const [k, x] of Object.entries(v as object)) if (typeof x !== 'string') bad(`${p}.${k}`, 'a string', x);
    checkKeys(v, p);
    return v as Record<string, string>;
  }),
  any: () => field<unknown>('any value', (v, p) => { checkKeys(v, p); return v; }),
};

export type Shape = Record<string, Field<unknown>>;
export type Infer<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Validates `input` against `shape`; unknown keys and bad values raise ParameterError naming them. */
export function checkShape<S extends Shape>(shape: S, input: Record<string, unknown>, where: string): Infer<S> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) {
      throw new ParameterError(`${where} has no parameter '${key}' (known: ${Object.keys(shape).sort().join(', ')})`,
        { ecode: 'wrong_input' });
    }
  }
  for (const [key, f] of Object.entries(shape)) {
    const v = input[key];
    if (v === undefined) {
      if (!f.isOptional) throw new ParameterError(`${where}: parameter '${key}' is required`, { ecode: 'wrong_input' });
      out[key] = f.defaultValue ? f.defaultValue() : undefined;
    } else {
      out[key] = f.check(v, key);
    }
  }
  return out as Infer<S>;
}
