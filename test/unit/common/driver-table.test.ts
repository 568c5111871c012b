// driverTable: noded's drivers are imported once, at start; reading the table before that is a
// programming error with a message that says so, not an empty registry that would refuse
// every hypervisor as unknown.
import test from 'ava';
import { ProgrammerError } from '../../../daemons/common/errors.js';
import { driverTable } from '../../../daemons/common/driver-table.js';

test('each driver is imported once, however many callers wait for the load', async (t) => {
  const imported: string[] = [];
  const table = driverTable('test', () => ['a', 'b'], async (name) => { imported.push(name); return () => name; });
  const err = t.throws(() => table.factories(), { instanceOf: ProgrammerError });
  t.regex(err!.message, /test drivers are not loaded yet/);
  await Promise.all([table.load(), table.load()]);
  await table.load();
  t.deepEqual(imported.sort(), ['a', 'b']);
  t.deepEqual([...table.factories().keys()], ['a', 'b']);
  t.is(table.factories().get('b')!(), 'b');
});

test('a driver that fails to import fails the load, for every caller', async (t) => {
  const table = driverTable('test', () => ['a'], async () => { throw new Error('no such module'); });
  await t.throwsAsync(table.load(), { message: 'no such module' });
  await t.throwsAsync(table.load(), { message: 'no such module' });
  t.throws(() => table.factories(), { instanceOf: ProgrammerError });
});
