// Compiles a qfilter (Ganeti's list form) into a predicate over one resource's fields,
// once per query. Checks follow lib/query.py (_FilterCompilerHelper); a condition on a
// cell without data (nodata/unavail/offline) passes, as Ganeti's Haskell query does,
// so a down node does not silently hide its instances.
import { ParameterError } from '../../common/errors.js';
import { compileFilterRegex } from '../../common/qlang.js';
import { SpecialValue, type Field, type FieldMap } from './types.js';

export type Predicate<C, T> = (ctx: C, item: T) => boolean;

const LEVELS_MAX = 10;
const LOGIC = new Set(['|', '&']);
const UNARY = new Set(['!', '?']);
const BINARY = new Set(['=', '!=', '<', '<=', '>', '>=', '=~', '=[]']);

function bad(msg: string): never {
  throw new ParameterError(msg, { ecode: 'wrong_input' });
}

/** Every field name a filter refers to, so the caller knows which live data it needs. */
export function filterFields(qfilter: unknown, out: Set<string> = new Set()): Set<string> {
  if (!Array.isArray(qfilter) || qfilter.length === 0) return out;
  const [op, ...rest] = qfilter as unknown[];
  if (op === '|' || op === '&' || op === '!') for (const sub of rest) filterFields(sub, out);
  else if (typeof rest[0] === 'string') out.add(rest[0]);
  return out;
}

/** Python truthiness, which `?` (bare boolean field) uses. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Ganeti's MatchNameComponent: "node1" equals "node1.example.com", case-insensitively. */
export function matchesHostname(value: string, wanted: string): boolean {
  if (value === wanted) return true;
  const v = value.toLowerCase();
  const w = wanted.toLowerCase();
  return v === w || v.startsWith(w + '.');
}

function mergeTime(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return v[0] + v[1] / 1e6;
  return null;
}

function checkValue(field: Field<unknown, unknown>, value: unknown): void {
  const { name, kind } = field.def;
  const isInt = typeof value === 'number' && Number.isInteger(value);
  let ok: boolean;
  if (field.flag === 'jobId') ok = isInt || (typeof value === 'string' && /^\d+$/.test(value));
  else if (field.flag === 'splitTimestamp') ok = mergeTime(value) !== null;
  else if (kind === 'text') ok = typeof value === 'string';
  else if (kind === 'bool') ok = typeof value === 'boolean';
  else if (kind === 'number' || kind === 'unit') ok = isInt;
  else if (kind === 'timestamp') ok = typeof value === 'number';
  else ok = true;
  if (!ok) bad(`Unable to compare field '${name}' (type '${kind}') with ${JSON.stringify(value)}`);
}

type Cmp = (lhs: unknown) => boolean;

function ordered(op: string, rhs: number | string): Cmp {
  return (lhs) => {
    if (typeof lhs !== typeof rhs) return false;
    const l = lhs as number | string;
    switch (op) {
      case '<': return l < rhs;
      case '<=': return l <= rhs;
      case '>': return l > rhs;
      default: return l >= rhs;
    }
  };
}

function binaryTest(field: Field<unknown, unknown>, op: string, value: unknown): Cmp {
  if (op === '=~') {
    if (typeof value !== 'string') bad(`Regular expression for field '${field.def.name}' must be a string`);
    let re: RegExp;
    try { re = compileFilterRegex(value); } catch (e) { return bad(`Invalid regex pattern (${(e as Error).message})`); }
    return (lhs) => typeof lhs === 'string' && re.test(lhs);
  }
  if (op === '=[]') {
    return (lhs) => (Array.isArray(lhs) ? lhs.some((x) => deepEqual(x, value))
      : typeof lhs === 'string' && typeof value === 'string' && lhs.includes(value));
  }
  checkValue(field, value);
  let test: Cmp;
  if (field.flag === 'splitTimestamp' || field.flag === 'jobId') {
    // Job ids and [sec, usec] timestamps compare as plain numbers.
    const rhs = field.flag === 'jobId' ? Number(value) : mergeTime(value)!;
    const conv = field.flag === 'jobId' ? (v: unknown) => Number(v) : mergeTime;
    const cmp = op === '=' || op === '!=' ? (l: unknown) => l === rhs : ordered(op, rhs);
    test = (lhs) => { const l = conv(lhs); return l !== null && cmp(l); };
  } else if (op === '=' || op === '!=') {
    test = field.flag === 'hostname' && typeof value === 'string'
      ? (lhs) => typeof lhs === 'string' && matchesHostname(lhs, value)
      : (lhs) => deepEqual(lhs, value);
  } else {
    if (typeof value !== 'number' && typeof value !== 'string') bad(`Operator '${op}' needs a number or a string`);
    test = ordered(op, value);
  }
  return op === '!=' ? (lhs) => !test(lhs) : test;
}

/** Compiles a qfilter; throws ParameterError for unknown fields, operators or bad operands. */
export function compileFilter<C, T>(fields: FieldMap<C, T>, qfilter: unknown): Predicate<C, T> {
  const lookup = (name: unknown): Field<C, T> => {
    const f = typeof name === 'string' ? fields.get(name) : undefined;
    if (!f) bad(`Unknown field '${String(name)}'`);
    return f;
  };
  const compile = (node: unknown, level: number): Predicate<C, T> => {
    if (!Array.isArray(node) || node.length === 0) bad(`Invalid filter on level ${level}`);
    if (level >= LEVELS_MAX) bad(`Only up to ${LEVELS_MAX} levels are allowed (filter nested too deep)`);
    const [op, ...operands] = node as unknown[];
    if (typeof op !== 'string') bad(`Unknown operator '${String(op)}'`);
    if (LOGIC.has(op)) {
      const subs = operands.map((o) => compile(o, level + 1));
      return op === '|' ? (c, it) => subs.some((s) => s(c, it)) : (c, it) => subs.every((s) => s(c, it));
    }
    if (UNARY.has(op)) {
      if (operands.length !== 1) bad(`Unary operator '${op}' expects exactly one operand`);
      if (op === '!') {
        const inner = compile(operands[0], level + 1);
        return (c, it) => !inner(c, it);
      }
      const f = lookup(operands[0]);
      return (c, it) => {
        const v = f.get(c, it);
        return v instanceof SpecialValue || truthy(v);
      };
    }
    if (BINARY.has(op)) {
      if (operands.length !== 2) bad('Invalid binary operator, expected exactly two operands');
      const f = lookup(operands[0]);
      const test = binaryTest(f as Field<unknown, unknown>, op, operands[1]);
      return (c, it) => {
        const v = f.get(c, it);
        return v instanceof SpecialValue || test(v);
      };
    }
    return bad(`Unknown operator '${op}'`);
  };
  return compile(qfilter, 0);
}
