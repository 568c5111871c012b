// No option that silently lies: every option a gnt-* verb declares is read by the verb (or
// refused there), and every field of an opcode that has a logical unit is read by that LU
// (its file, the files of its folder it imports, its base class) or by the processor. The
// check is on the source text with comments removed: a field nobody reads fails the test,
// naming the field and the file that should read or refuse it.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonParams, getOpcodeDef } from '../../daemons/common/opcodes/define.js';
import '../../daemons/common/opcodes/index.js';
import { checkRefusedFields, NO_EFFECT_FIELDS, REFUSED_FIELDS } from '../../daemons/masterd/cmdlib/field-policy.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function source(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** A .ts file and the files of its own folder (and its base class folder) it imports. */
function withLocalImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
    const dep = resolve(dirname(file), `${m[1]}.ts`);
    if (dep.startsWith(join(ROOT, 'daemons/masterd/cmdlib'))) withLocalImports(dep, seen);
  }
  return [...seen];
}

/** Generic parameters the processor, the queue or the client library read for every opcode. */
const GENERIC = new Set(Object.keys(commonParams));

test('every field of an opcode that has a logical unit is read (or refused) by it', (t) => {
  const registry = readFileSync(join(ROOT, 'daemons/masterd/cmdlib/registry.ts'), 'utf8');
  const imports = new Map([...registry.matchAll(/import \{ ([^}]+) \} from '\.\/([^']+)\.js'/g)]
    .flatMap((m) => m[1]!.split(',').map((n) => [n.trim(), join(ROOT, 'daemons/masterd/cmdlib', `${m[2]}.ts`)] as const)));
  const opIds = new Map([...readdirSync(join(ROOT, 'daemons/common/opcodes')).flatMap((f) =>
    [...readFileSync(join(ROOT, 'daemons/common/opcodes', f), 'utf8').matchAll(/export const (Op\w+) = defineOpcode\('(\w+)'/g)].map((m) => [m[1]!, m[2]!] as const))]);
  const unread: string[] = [];
  const stale: string[] = [];
  let checked = 0;
  for (const m of registry.matchAll(/lu\((Op\w+), (LU\w+)\)/g)) {
    const def = getOpcodeDef(opIds.get(m[1]!)!);
    const file = imports.get(m[2]!);
    t.truthy(def, `${m[1]} is defined`);
    t.truthy(file, `${m[2]} is imported by the registry`);
    const text = withLocalImports(file!).map(source).join('\n');
    for (const field of Object.keys(def!.shape)) {
      if (GENERIC.has(field)) continue;
      checked++;
      const read = new RegExp(`\\.${field}\\b|\\b${field}\\b[^\\n]*\\} = (?:this\\.)?op\\b|'${field}'`).test(text);
      const listed = NO_EFFECT_FIELDS[def!.id]?.[field] ?? REFUSED_FIELDS[def!.id]?.[field];
      // A field its LU now reads must leave the lists, or it would still be refused.
      if (read && listed) stale.push(`${def!.id}.${field} (read by ${file!.slice(ROOT.length + 1)})`);
      if (!read && !listed) unread.push(`${def!.id}.${field} (${file!.slice(ROOT.length + 1)})`);
    }
  }
  t.true(checked > 50, `checked ${checked} fields`);
  t.deepEqual(unread, [], `opcode fields accepted and ignored:\n${unread.join('\n')}`);
  t.deepEqual(stale, [], `implemented fields still listed in cmdlib/field-policy.ts:\n${stale.join('\n')}`);
});

function camel(long: string): string {
  const name = long.replace(/^--(no-)?/, '');
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Files whose functions a verb hands its whole `opts` to (list options, job selection, submit). */
function helperSources(dir: string): string {
  const files = [
    ...readdirSync(join(ROOT, 'gnt-cli/framework')).map((f) => join(ROOT, 'gnt-cli/framework', f)),
    ...readdirSync(join(ROOT, 'daemons/common/client')).map((f) => join(ROOT, 'daemons/common/client', f)),
    ...readdirSync(join(ROOT, 'gnt-cli', dir)).filter((f) => f.endsWith('-common.ts')).map((f) => join(ROOT, 'gnt-cli', dir, f)),
  ].filter((f) => f.endsWith('.ts'));
  return files.map(source).join('\n');
}

/** Options not honoured yet, each with what is missing: listed here so the gap stays visible. */
const KNOWN_GAPS = new Map([
  ['gnt-instance --force-multiple', 'mass operations never ask for a confirmation yet, so there is nothing to skip'],
]);

test('every option a gnt-* verb declares is read (or refused) by the verb', (t) => {
  const unread: string[] = [];
  let checked = 0;
  for (const dir of readdirSync(join(ROOT, 'gnt-cli')).filter((d) => d.startsWith('gnt-'))) {
    const helpers = helperSources(dir);
    for (const f of readdirSync(join(ROOT, 'gnt-cli', dir)).filter((x) => x.endsWith('.ts') && x !== 'command.ts')) {
      const file = join(ROOT, 'gnt-cli', dir, f);
      const text = source(file);
      const handsOver = /\w\((?:ctx, )?(?:[\w.]+, )*opts\b/.test(text);
      for (const m of text.matchAll(/\.option\('(?:-\w, )?(--[a-z0-9-]+)/g)) {
        const key = camel(m[1]!);
        checked++;
        const rest = text.replace(m[0], '');
        const read = new RegExp(`\\bopts\\??\\.${key}\\b|\\b${key}\\b[^\\n]*\\} = opts\\b|'${key}'`);
        if (KNOWN_GAPS.has(`${dir} ${m[1]}`)) continue;
        if (!read.test(rest) && !(handsOver && new RegExp(`\\bopts\\??\\.${key}\\b|'${key}'`).test(helpers))) {
          unread.push(`${dir} ${f.replace(/\.ts$/, '')} ${m[1]}`);
        }
      }
    }
  }
  t.true(checked > 50, `checked ${checked} options`);
  t.deepEqual(unread, [], `options accepted and ignored:\n${unread.join('\n')}`);
});

test('every refused field is refused with a message naming it, and its harmless value passes', (t) => {
  let n = 0;
  for (const [id, fields] of Object.entries(REFUSED_FIELDS)) {
    for (const [field, { option, ok }] of Object.entries(fields)) {
      const bad = [true, false, 'x', ['x'], { a: 1 }].find((v) => !ok(v))!;
      t.throws(() => checkRefusedFields({ OP_ID: id, [field]: bad } as never),
        { message: new RegExp(`${id}: field '${field}' \\(${option.replace(/[()[\]/.*+?|\\]/g, '\\$&')}\\) is not supported`) });
      t.notThrows(() => checkRefusedFields({ OP_ID: id } as never));
      n++;
    }
  }
  t.true(n > 30);
});

test('fields listed as refused or without effect exist in their opcode', (t) => {
  for (const table of [REFUSED_FIELDS, NO_EFFECT_FIELDS]) {
    for (const [id, fields] of Object.entries(table)) {
      const def = getOpcodeDef(id);
      t.truthy(def, id);
      for (const field of Object.keys(fields)) t.true(field in def!.shape, `${id}.${field} exists`);
    }
  }
});
