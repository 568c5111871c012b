// The one size parser, boolean parser and backend-parameter table that the CLI, the tools
// and the master share: Ganeti's ParseUnit rounding and check_bool words, the same
// answer on both sides of the wire.
import test from 'ava';
import { parseBool } from '../../../daemons/common/booleans.js';
import { parseBeParams } from '../../../daemons/common/client/params.js';
import { parseUnit } from '../../../daemons/common/units.js';
import { checkBeParams } from '../../../daemons/masterd/params.js';

test('parseUnit rounds up to a whole MiB, then to a multiple of 4 (Ganeti ParseUnit)', (t) => {
  t.is(parseUnit('0'), 0);
  t.is(parseUnit('1'), 4);
  t.is(parseUnit('1.1'), 4);
  t.is(parseUnit('4'), 4);
  t.is(parseUnit('4.5'), 8);
  t.is(parseUnit('513'), 516);
  t.is(parseUnit('1.5'), 4);
  t.is(parseUnit('0.001G'), 4);
  t.is(parseUnit('1.5T'), 1572864);
  t.is(parseUnit('2 GiB'), 2048);
  t.is(parseUnit('3mb'), 4);
  // Numbers (RAPI, JSON) are parsed like their text, as Ganeti's ParseUnit(str(value)).
  t.is(parseUnit(129), 132);
  t.is(parseUnit(2.5), 4);
});

test('parseUnit refuses what Ganeti refuses, naming the value', (t) => {
  for (const bad of ['', ' 1G', '1G ', '-1', '+4', '1e3', 'G', '1.2.3', '12Q']) {
    t.throws(() => parseUnit(bad), { message: new RegExp(`^Invalid size '${bad.replace(/[.+]/g, '\\$&')}'`) }, bad);
  }
  t.throws(() => parseUnit(-4, "backend parameter 'memory'"), { message: /^Invalid backend parameter 'memory' '-4'/ });
});

test('parseBool takes yes/no/true/false in any case and nothing else', (t) => {
  for (const w of ['yes', 'YES', 'true', 'True']) t.true(parseBool(w, 'x'));
  for (const w of ['no', 'No', 'false', 'FALSE']) t.false(parseBool(w, 'x'));
  t.true(parseBool(true, 'x'));
  for (const w of ['y', 'n', '1', '0', 'on', 'off', '', 'maybe']) {
    t.throws(() => parseBool(w, 'option --foo'), { message: `Invalid boolean value '${w}' for option --foo (allowed: yes, no, true, false)` });
  }
  t.throws(() => parseBool(1, 'option --foo'), { message: /Invalid boolean value 1 for option --foo/ });
});

test('the CLI and the master type backend parameters from the one table, alike', (t) => {
  const cli = parseBeParams('memory=513,vcpus=2,auto_balance=yes,discard_writes=False');
  t.deepEqual(cli, { memory: 516, vcpus: 2, auto_balance: true, discard_writes: false });
  t.deepEqual(checkBeParams({ memory: '513', vcpus: '2', auto_balance: 'yes', discard_writes: 'False' }),
    { maxmem: 516, minmem: 516, vcpus: 2, auto_balance: true, discard_writes: false });
  // Words outside check_bool's are refused on both sides.
  t.throws(() => parseBeParams('auto_balance=on'), { message: /Invalid boolean value 'on' for backend parameter 'auto_balance'/ });
  t.throws(() => checkBeParams({ auto_balance: 'on' }), { message: /'auto_balance' must be a boolean/ });
  t.throws(() => parseBeParams('colour=red'), { message: /Unknown backend parameter 'colour'/ });
  t.throws(() => checkBeParams({ colour: 'red' }), { message: /Unknown backend parameter 'colour'/ });
});
