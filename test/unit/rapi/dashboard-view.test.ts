// What each account's dashboard stream carries: an owner account sees its own instances,
// their jobs and which of them have a console open, nothing about the others.
import test from 'ava';
import { viewFor, type Snapshot } from '../../../daemons/rapi/dashboard-server.js';
import type { RapiUser } from '../../../daemons/rapi/users.js';

const snap: Snapshot = {
  cluster: 'c', nodes: [{ name: 'node1' }],
  instances: [{ name: 'a1', owner: 'alice' }, { name: 'b1', owner: null }],
  jobs: [{ id: 1, ops: [{ instance_name: 'a1' }] }, { id: 2, ops: [{ instance_name: 'b1' }] }],
  consoles: ['a1', 'b1'],
};
const user = (name: string, options: string[]): RapiUser => ({ name, options: new Set(options) } as unknown as RapiUser);

test('a writer sees every open console; an owner only those of its own instances', (t) => {
  const admin = viewFor(snap, { user: user('admin', ['write']), owner: null });
  t.deepEqual(admin.consoles, ['a1', 'b1']);
  t.deepEqual((admin.jobs as { ops?: unknown }[]).map((j) => j.ops), [undefined, undefined], 'opcodes are not sent');
  const alice = viewFor(snap, { user: user('alice', ['user']), owner: 'alice' });
  t.deepEqual(alice.consoles, ['a1']);
  t.deepEqual((alice.instances as { name: string }[]).map((i) => i.name), ['a1']);
  t.deepEqual((alice.jobs as { id: number }[]).map((j) => j.id), [1]);
  t.deepEqual(alice.nodes, []);
});
