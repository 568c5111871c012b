// Ganeti's query filter language (lib/qlang.py), parsed into the qfilter list form the
// master evaluates: ["&", ["=", "name", "x"], ["!", ["?", "offline"]]]. The CLI loads this
// for every `gnt-* list`, so it imports nothing but the error classes.
import { ParameterError } from './errors.js';

export const OP_OR = '|';
export const OP_AND = '&';
export const OP_NOT = '!';
export const OP_TRUE = '?';
export const OP_EQUAL = '=';
export const OP_NOT_EQUAL = '!=';
export const OP_LT = '<';
export const OP_LE = '<=';
export const OP_GT = '>';
export const OP_GE = '>=';
export const OP_REGEXP = '=~';
export const OP_CONTAINS = '=[]';

/** Characters that make a lone CLI argument a filter (qlang FILTER_DETECTION_CHARS, plus < >). */
const FILTER_DETECTION = /[()=/!~'"\\<>\s]/;
const GLOB_DETECTION = /[*?]/;
const REGEX_DELIMS = '/#^|';
const REGEX_FLAGS = new Set(['i', 's']);
const COMPARE_OPS: Record<string, string> = {
  '==': OP_EQUAL, '!=': OP_NOT_EQUAL, '<=': OP_LE, '>=': OP_GE, '<': OP_LT, '>': OP_GT,
};

/**
 * A DNS-name glob ("*.site", "web?") as the regular expression Ganeti uses
 * (utils.DnsNameGlobPattern): '*' and '?' never cross a dot, and matching a leading
 * part of the name is enough ("web*" matches "web1.example.com").
 */
export function globToRegex(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += '[^.]*';
    else if (ch === '?') out += '[^.]';
    else out += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return `^${out}(\\..*)?$`;
}

/** Whether a single command-line argument should be read as a filter, not a name. */
export function isFilterText(arg: string): boolean {
  return FILTER_DETECTION.test(arg);
}

function hasGlob(arg: string): boolean { return GLOB_DETECTION.test(arg); }

/**
 * Turns `gnt-* list` arguments into names and a qfilter, as Ganeti's qlang.MakeFilter:
 * one argument that looks like a filter is parsed; plain names stay names (so the master
 * can report unknown ones); any glob turns every argument into an OR of name conditions
 * (mixing "web*" with "db1" must mean either, not both). `filterOpt` (-F) is ANDed in.
 */
export function buildQueryFilter(args: string[], filterOpt?: string | null): { names: string[]; filter: unknown[] | null } {
  const userFilter = filterOpt != null && filterOpt.trim() !== '' ? parseQueryFilter(filterOpt) : null;
  let names: string[] = [];
  let nameFilter: unknown[] | null = null;
  if (userFilter === null && args.length === 1 && isFilterText(args[0]!)) {
    return { names: [], filter: parseQueryFilter(args[0]!) };
  }
  if (args.some(hasGlob)) {
    nameFilter = [OP_OR, ...args.map((a) => (hasGlob(a) ? [OP_REGEXP, 'name', globToRegex(a)] : [OP_EQUAL, 'name', a]))];
  } else {
    names = [...args];
  }
  if (nameFilter && userFilter) return { names, filter: [OP_AND, nameFilter, userFilter] };
  return { names, filter: nameFilter ?? userFilter };
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(msg: string, at = this.pos): never {
    const near = at >= this.text.length ? 'end of text' : `'${this.text.slice(at, at + 12)}'`;
    throw new ParameterError(
      `Failed to parse query filter '${this.text}': ${msg} at position ${at} (${near})`, { ecode: 'wrong_input' });
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  peekWord(): string | null {
    this.skipSpace();
    const m = /^[A-Za-z][A-Za-z0-9_/.]*/.exec(this.text.slice(this.pos));
    return m ? m[0] : null;
  }

  /** Consumes `word` when it is the next whole word (keywords must not run into a name). */
  acceptWord(word: string): boolean {
    if (this.peekWord() !== word) return false;
    this.pos += word.length;
    return true;
  }

  accept(s: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  parseOr(): unknown[] {
    const parts = [this.parseAnd()];
    while (this.acceptWord('or')) parts.push(this.parseAnd());
    return parts.length === 1 ? parts[0]! : [OP_OR, ...parts];
  }

  parseAnd(): unknown[] {
    const parts = [this.parseNot()];
    while (this.acceptWord('and')) parts.push(this.parseNot());
    return parts.length === 1 ? parts[0]! : [OP_AND, ...parts];
  }

  parseNot(): unknown[] {
    if (this.acceptWord('not')) return [OP_NOT, this.parseNot()];
    return this.parsePrimary();
  }

  parsePrimary(): unknown[] {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('expected a condition');
    if (this.accept('(')) {
      const inner = this.parseOr();
      if (!this.accept(')')) this.fail("expected ')'");
      return inner;
    }
    return this.parseCondition();
  }

  /** A literal on the left of `in`: number, quoted string, or true/false followed by `in`. */
  tryLeftValue(): { ok: true; value: unknown } | { ok: false } {
    const start = this.pos;
    const ch = this.text[this.pos]!;
    if (ch === '"' || ch === "'" || /[-+0-9]/.test(ch)) return { ok: true, value: this.parseValue() };
    const w = this.peekWord();
    if (w === 'true' || w === 'false') {
      this.pos += w.length;
      const save = this.pos;
      if (this.acceptWord('in') || (this.acceptWord('not') && this.peekWord() === 'in')) {
        this.pos = save;
        return { ok: true, value: w === 'true' };
      }
      this.pos = start;   // a field that happens to be called true/false
    }
    return { ok: false };
  }

  parseCondition(): unknown[] {
    const left = this.tryLeftValue();
    if (left.ok) {
      const negate = this.acceptWord('not');
      if (!this.acceptWord('in')) this.fail(negate ? "expected 'in' after 'not'" : "expected 'in' after a value");
      const field = this.parseField();
      const cond = [OP_CONTAINS, field, left.value];
      return negate ? [OP_NOT, cond] : cond;
    }
    const field = this.parseField();
    this.skipSpace();
    const opStart = this.pos;
    if (this.accept('=~') || this.accept('!~')) {
      const negate = this.text.startsWith('!', opStart);
      const cond = [OP_REGEXP, field, this.parseRegex()];
      return negate ? [OP_NOT, cond] : cond;
    }
    if (this.accept('=*') || this.accept('!*')) {
      const negate = this.text.startsWith('!', opStart);
      this.skipSpace();
      const q = this.text[this.pos];
      if (q !== '"' && q !== "'") this.fail('expected a quoted glob pattern');
      const cond = [OP_REGEXP, field, globToRegex(this.parseString())];
      return negate ? [OP_NOT, cond] : cond;
    }
    for (const [tok, op] of Object.entries(COMPARE_OPS)) {
      if (this.accept(tok)) return [op, field, this.parseValue()];
    }
    if (this.text.startsWith('=', this.pos)) this.fail("unknown operator (use '==' for equality)");
    return [OP_TRUE, field];
  }

  parseField(): string {
    const w = this.peekWord();
    if (w === null || w === 'and' || w === 'or' || w === 'not' || w === 'in') this.fail('expected a field name');
    this.pos += w.length;
    return w;
  }

  parseValue(): unknown {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") return this.parseString();
    const num = /^[-+]?[0-9]+(?![A-Za-z0-9_.])/.exec(this.text.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return parseInt(num[0], 10);
    }
    if (this.acceptWord('true')) return true;
    if (this.acceptWord('false')) return false;
    return this.fail('expected a value (number, quoted string, true or false)');
  }

  /** A single- or double-quoted string; a backslash escapes the next character. */
  parseString(): string {
    const start = this.pos;
    const quote = this.text[this.pos++]!;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === quote) return out;
      if (ch === '\\' && this.pos < this.text.length) out += this.text[this.pos++]!;
      else out += ch;
    }
    return this.fail('unterminated string', start);
  }

  /**
   * m/re/flags with any of the delimiters / # ^ | (or a quoted string). Flags i and s are
   * kept as Ganeti does, as a leading "(?is)" group, which the master turns into JS flags.
   */
  parseRegex(): string {
    this.skipSpace();
    const start = this.pos;
    let body: string;
    const first = this.text[this.pos];
    if (first === '"' || first === "'") {
      body = this.parseString();
    } else {
      if (first === 'm' && REGEX_DELIMS.includes(this.text[this.pos + 1] ?? '')) this.pos++;
      const delim = this.text[this.pos];
      if (delim === undefined || !REGEX_DELIMS.includes(delim)) this.fail('expected a regular expression such as m/pattern/i');
      this.pos++;
      body = '';
      for (;;) {
        if (this.pos >= this.text.length) this.fail('unterminated regular expression', start);
        const ch = this.text[this.pos++]!;
        if (ch === delim) break;
        // Only an escaped delimiter loses its backslash; \d and friends stay regex escapes.
        if (ch === '\\' && this.text[this.pos] === delim) { body += delim; this.pos++; } else body += ch;
      }
    }
    const flagsAt = this.pos;
    const flags = /^[A-Za-z]*/.exec(this.text.slice(this.pos))![0];
    this.pos += flags.length;
    const bad = [...flags].filter((f) => !REGEX_FLAGS.has(f));
    if (bad.length) this.fail(`unknown regular expression flags: '${bad.join('')}' (allowed: i, s)`, flagsAt);
    const value = flags ? `(?${[...new Set(flags)].sort().join('')})${body}` : body;
    try {
      compileFilterRegex(value);
    } catch (e) {
      this.fail(`invalid regular expression (${(e as Error).message})`, start);
    }
    return value;
  }
}

/**
 * Compiles a filter regex in Ganeti's (Python) notation: a leading "(?is)" group becomes
 * JS flags and (?P<name>...) becomes (?<name>...). Search semantics, not anchored.
 */
export function compileFilterRegex(pattern: string): RegExp {
  let src = pattern;
  let flags = '';
  const m = /^\(\?([a-zA-Z]+)\)/.exec(src);
  if (m) {
    for (const f of m[1]!) {
      if (f === 'i' || f === 's' || f === 'm') flags += flags.includes(f) ? '' : f;
      else if (f !== 'u' && f !== 'L' && f !== 'x') throw new SyntaxError(`unsupported regex flag '${f}'`);
    }
    src = src.slice(m[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  return new RegExp(src, flags);
}

/** Parses filter text into Ganeti's qfilter list form; throws ParameterError naming the position. */
export function parseQueryFilter(text: string): unknown[] {
  const p = new Parser(text);
  p.skipSpace();
  if (p.pos >= text.length) p.fail('empty filter');
  const result = p.parseOr();
  p.skipSpace();
  if (p.pos < text.length) p.fail('unexpected text');
  return result;
}
