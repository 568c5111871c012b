import test from 'ava';
import { ParameterError } from '../../../daemons/common/errors.js';
import {
  buildQueryFilter, compileFilterRegex, globToRegex, isFilterText, parseQueryFilter,
} from '../../../daemons/common/qlang.js';

const p = parseQueryFilter;

test('comparisons produce Ganeti operators', (t) => {
  t.deepEqual(p('name == "x"'), ['=', 'name', 'x']);
  t.deepEqual(p("name != 'x'"), ['!=', 'name', 'x']);
  t.deepEqual(p('pinst_cnt < 3'), ['<', 'pinst_cnt', 3]);
  t.deepEqual(p('pinst_cnt<=3'), ['<=', 'pinst_cnt', 3]);
  t.deepEqual(p('mfree > -5'), ['>', 'mfree', -5]);
  t.deepEqual(p('mfree >= +5'), ['>=', 'mfree', 5]);
  t.deepEqual(p('offline == true'), ['=', 'offline', true]);
  t.deepEqual(p('disk.size/0 == 1024'), ['=', 'disk.size/0', 1024]);
});

test('bare field is a truth test; not/and/or precedence', (t) => {
  t.deepEqual(p('offline'), ['?', 'offline']);
  t.deepEqual(p('not offline'), ['!', ['?', 'offline']]);
  t.deepEqual(p('a or b and c'), ['|', ['?', 'a'], ['&', ['?', 'b'], ['?', 'c']]]);
  t.deepEqual(p('not a and b'), ['&', ['!', ['?', 'a']], ['?', 'b']]);
  t.deepEqual(p('(a or b) and not (c)'), ['&', ['|', ['?', 'a'], ['?', 'b']], ['!', ['?', 'c']]]);
  t.deepEqual(p('a and b and c'), ['&', ['?', 'a'], ['?', 'b'], ['?', 'c']]);
  t.deepEqual(p('name == "x" and not offline'), ['&', ['=', 'name', 'x'], ['!', ['?', 'offline']]]);
  // keywords must be whole words
  t.deepEqual(p('notes'), ['?', 'notes']);
  t.deepEqual(p('not(offline)'), ['!', ['?', 'offline']]);
});

test('quoted strings keep spaces and escaped quotes', (t) => {
  t.deepEqual(p('name == "a b"'), ['=', 'name', 'a b']);
  t.deepEqual(p("name == 'it\\'s'"), ['=', 'name', "it's"]);
  t.deepEqual(p('name == "say \\"hi\\""'), ['=', 'name', 'say "hi"']);
  t.deepEqual(p('name == "and"'), ['=', 'name', 'and']);
});

test('regular expressions with delimiters and flags', (t) => {
  t.deepEqual(p('name =~ m/^web/'), ['=~', 'name', '^web']);
  t.deepEqual(p('name =~ /web\\d+/i'), ['=~', 'name', '(?i)web\\d+']);
  t.deepEqual(p('name =~ m#a/b#si'), ['=~', 'name', '(?is)a/b']);
  t.deepEqual(p('name =~ m/a\\/b/'), ['=~', 'name', 'a/b']);
  t.deepEqual(p('name !~ m|x|'), ['!', ['=~', 'name', 'x']]);
  const re = compileFilterRegex('(?i)web\\d+');
  t.true(re.test('WEB12'));
});

test('globs become anchored DNS-name regexes', (t) => {
  const re = globToRegex('web*');
  t.deepEqual(p('name =* "web*"'), ['=~', 'name', re]);
  t.deepEqual(p("name !* 'web*'"), ['!', ['=~', 'name', re]]);
  const rx = new RegExp(re);
  t.true(rx.test('web1'));
  t.true(rx.test('web1.example.com'));
  t.false(rx.test('aweb1'));
  t.false(new RegExp(globToRegex('*.site')).test('a.b.other'));
  t.true(new RegExp(globToRegex('node?')).test('node1.example.com'));
  t.false(new RegExp(globToRegex('node?')).test('node12'));
});

test('in and not in test list membership', (t) => {
  t.deepEqual(p('"a" in tags'), ['=[]', 'tags', 'a']);
  t.deepEqual(p("'inst1' not in pinst_list"), ['!', ['=[]', 'pinst_list', 'inst1']]);
  t.deepEqual(p('3 in disk.sizes'), ['=[]', 'disk.sizes', 3]);
  t.deepEqual(p('true in x or y'), ['|', ['=[]', 'x', true], ['?', 'y']]);
});

test('errors name the text and the position', (t) => {
  const cases: [string, RegExp][] = [
    ['name ==', /expected a value .* at position 7 \(end of text\)/],
    ['name == "x', /unterminated string at position 8/],
    ['(offline', /expected '\)' at position 8/],
    ['name == 1 )', /unexpected text at position 10/],
    ['name =~ m/x/q', /unknown regular expression flags: 'q' .* at position 12/],
    ['name =~ m/(/', /invalid regular expression/],
    ['name = "x"', /unknown operator .*'==' .* at position 5/],
    ['and', /expected a field name at position 0/],
    ['"x" tags', /expected 'in' after a value/],
    ['', /empty filter/],
  ];
  for (const [text, re] of cases) {
    const err = t.throws(() => p(text), { instanceOf: ParameterError }, text);
    t.regex(err!.message, re, text);
    t.true(err!.message.includes(`'${text}'`), text);
  }
});

test('isFilterText follows Ganeti heuristics', (t) => {
  t.true(isFilterText('name == "x"'));
  t.true(isFilterText('offline and drained'));
  t.true(isFilterText('(x)'));
  t.true(isFilterText('pinst_cnt>1'));
  t.false(isFilterText('node1.example.com'));
  t.false(isFilterText('web*'));
  t.false(isFilterText('inst-1'));
});

test('buildQueryFilter: names, globs, filters', (t) => {
  t.deepEqual(buildQueryFilter([]), { names: [], filter: null });
  t.deepEqual(buildQueryFilter(['a', 'b']), { names: ['a', 'b'], filter: null });
  t.deepEqual(buildQueryFilter(['web*', 'db1']), {
    names: [], filter: ['|', ['=~', 'name', globToRegex('web*')], ['=', 'name', 'db1']],
  });
  t.deepEqual(buildQueryFilter(['not offline']), { names: [], filter: ['!', ['?', 'offline']] });
  t.deepEqual(buildQueryFilter(['a'], 'offline'), { names: ['a'], filter: ['?', 'offline'] });
  t.deepEqual(buildQueryFilter(['w*'], 'offline'), {
    names: [], filter: ['&', ['|', ['=~', 'name', globToRegex('w*')]], ['?', 'offline']],
  });
  t.deepEqual(buildQueryFilter([], null), { names: [], filter: null });
  t.throws(() => buildQueryFilter(['name ==']), { instanceOf: ParameterError });
});
