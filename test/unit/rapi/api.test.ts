// ganeti-rapi's request handling without a cluster: routes, authentication and rights,
// Ganeti's error JSON, bodies refused before anything reaches the master, owner accounts.
// The master is a scripted stand-in that records what would have been submitted.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { nullLogger } from '../../../daemons/common/log.js';
import type { MasterLink, Row } from '../../../daemons/rapi/master-link.js';
import { handleApi } from '../../../daemons/rapi/server.js';
import { UsersFile } from '../../../daemons/rapi/users.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: unknown }

const INSTANCES: Row[] = [{ name: 'a1', owner: 'alice' }, { name: 'b1', owner: null }];
const NODES: Row[] = [{ name: 'node1', pinst_list: ['a1', 'b1'], sinst_list: [] }, { name: 'node2', pinst_list: [], sinst_list: [] }];

function fakeLink() {
  const submitted: Record<string, unknown>[][] = [];
  const queries: { what: string; fields: string[]; names: string[]; filter: unknown }[] = [];
  const link = {
    async submit(ops: Record<string, unknown>[]) { submitted.push(ops); return 17; },
    async rows(what: string, fields: string[], names: string[] = [], filter: unknown[] | null = null) {
      queries.push({ what, fields, names, filter });
      if (what === 'node') {
        return NODES.filter((n) => !names.length || names.includes(String(n.name))).map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
      }
      if (what !== 'instance') return [];
      let rows = INSTANCES;
      if (filter && filter[1] === 'owner') rows = rows.filter((r) => r.owner === filter[2]);
      if (filter && filter[1] === 'name') rows = rows.filter((r) => r.name === filter[2]);
      if (names.length) rows = rows.filter((r) => names.includes(String(r.name)));
      return rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
    },
    async call<T>(fn: (m: unknown) => Promise<T>) { return fn({ clusterInfo: async () => ({ name: 'cluster' }) }); },
  };
  return { link: link as unknown as MasterLink, submitted, queries };
}

let server: Server;
let port = 0;
let dir = '';
let fake = fakeLink();

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapi-unit-'));
  const usersFile = join(dir, 'users');
  writeFileSync(usersFile, '# accounts\nadmin {CLEARTEXT}adminpw write\nviewer viewerpw\nalice alicepw user\n');
  const users = new UsersFile(usersFile, nullLogger);
  server = createServer((req, res) => { void handleApi(req, res, { users, link: fake.link, log: nullLogger, requireAuth: false }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
test.after.always(() => { server?.close(); rmSync(dir, { recursive: true, force: true }); });
test.beforeEach(() => { fake = fakeLink(); });

function call(method: string, path: string, opts: { user?: string; body?: string; type?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.user) headers.Authorization = `Basic ${Buffer.from(opts.user).toString('base64')}`;
    if (opts.body !== undefined) headers['Content-Type'] = opts.type ?? 'application/json';
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) as unknown : undefined }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

test.serial('GET /version answers 2 without credentials', async (t) => {
  const r = await call('GET', '/version');
  t.is(r.status, 200);
  t.is(r.body, 2);
});

test.serial('writes without credentials are 401 with the realm and Ganeti error JSON', async (t) => {
  const r = await call('PUT', '/2/instances/b1/shutdown');
  t.is(r.status, 401);
  t.is(r.headers['www-authenticate'], 'Basic realm="Ganeti Remote API"');
  t.deepEqual(r.body, { code: 401, message: 'Unauthorized', explain: '' });
  t.is((await call('GET', '/2/instances', { user: 'admin:wrong' })).status, 401, 'wrong password');
  t.deepEqual(fake.submitted, []);
});

test.serial('a read-only user gets 403; a writer gets a job id and the opcode is the typed one', async (t) => {
  const denied = await call('PUT', '/2/instances/b1/shutdown', { user: 'viewer:viewerpw' });
  t.is(denied.status, 403);
  t.deepEqual(denied.body, { code: 403, message: 'Forbidden', explain: '' });
  t.deepEqual(fake.submitted, []);
  const ok = await call('PUT', '/2/instances/b1/shutdown?dry-run=1', { user: 'admin:adminpw', body: '{"timeout": 30}' });
  t.is(ok.status, 200);
  t.is(ok.body, 17);
  const [op] = fake.submitted[0]!;
  t.like(op, { OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: 'b1', timeout: 30, dry_run: true, no_remember: false });
});

test.serial('bad bodies are 400 naming the field and never reach the master', async (t) => {
  const r = await call('PUT', '/2/instances/b1/modify', { user: 'admin:adminpw', body: '{"beparams": 5}' });
  t.is(r.status, 400);
  t.regex(String((r.body as Row).explain), /beparams/);
  const unknown = await call('PUT', '/2/instances/b1/modify', { user: 'admin:adminpw', body: '{"no_such_param": 1}' });
  t.is(unknown.status, 400);
  t.regex(String((unknown.body as Row).explain), /no_such_param/);
  t.is((await call('PUT', '/2/instances/b1/modify', { user: 'admin:adminpw', body: '{"beparams": ' })).status, 400);
  t.is((await call('PUT', '/2/instances/b1/modify', { user: 'admin:adminpw', body: 'x=1', type: 'text/plain' })).status, 415);
  const stat = await call('PUT', '/2/instances/b1/shutdown', { user: 'admin:adminpw', body: '{"instance_name": "a1"}' });
  t.is(stat.status, 400, 'static parameters cannot be overwritten');
  const v0 = await call('POST', '/2/instances', { user: 'admin:adminpw', body: '{"name": "x"}' });
  t.is(v0.status, 400);
  t.regex(String((v0.body as Row).explain), /version 0 is no longer supported/);
  t.deepEqual(fake.submitted, []);
});

test.serial('instance creation renames name/os and validates with the opcode definition', async (t) => {
  const body = JSON.stringify({ __version__: 1, mode: 'create', name: 'r1', disk_template: 'diskless', disks: [], nics: [{}], os: 'dummy',
    beparams: { memory: 64 }, owner: 'alice' });
  const r = await call('POST', '/2/instances', { user: 'admin:adminpw', body });
  t.is(r.status, 200);
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'r1', os_type: 'dummy', owner: 'alice' });
});

test.serial('unknown resources are 404, missing methods 501', async (t) => {
  const r = await call('GET', '/2/clusters', { user: 'admin:adminpw' });
  t.is(r.status, 404);
  t.deepEqual(r.body, { code: 404, message: 'Not Found', explain: '' });
  const evac = await call('GET', '/2/nodes/node2/evacuate', { user: 'admin:adminpw' });
  t.is(evac.status, 501);
  t.is((evac.body as Row).explain, 'Method GET is unsupported for path /2/nodes/node2/evacuate');
  const post = await call('POST', '/2/nodes/node2/role', { user: 'admin:adminpw' });
  t.is(post.status, 501);
  t.is((post.body as Row).explain, 'Method POST is unsupported for path /2/nodes/node2/role');
});

const ADMIN = { user: 'admin:adminpw' };

test.serial('tags: PUT and DELETE take repeated tag arguments and submit OP_TAGS_SET/DEL for each kind', async (t) => {
  t.is((await call('PUT', '/2/tags?tag=a&tag=b&dry-run=1', ADMIN)).body, 17);
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_TAGS_SET', kind: 'cluster', tags: ['a', 'b'], dry_run: true });
  t.false('name' in fake.submitted[0]![0]! && fake.submitted[0]![0]!.name !== null, 'the cluster has no name');
  const kinds: [string, string][] = [['instances/b1', 'instance'], ['nodes/node1', 'node'], ['groups/default', 'nodegroup'], ['networks/n1', 'network']];
  for (const [path, kind] of kinds) {
    t.is((await call('DELETE', `/2/${path}/tags?tag=x`, ADMIN)).status, 200, path);
    t.like(fake.submitted.at(-1)![0], { OP_ID: 'OP_TAGS_DEL', kind, name: path.split('/')[1], tags: ['x'] });
  }
  t.is((await call('PUT', '/2/tags?tag=a', { user: 'viewer:viewerpw' })).status, 403);
  const body = await call('PUT', '/2/tags', { ...ADMIN, body: '["a"]' });
  t.is(body.status, 400, 'tags in the body only are refused, not ignored');
  t.is((await call('PUT', '/2/nodes/node1/tags?tag=a', { ...ADMIN, body: '["a"]' })).status, 200, "the Python client's repeated body");
  t.is(fake.submitted.length, 6);
});

test.serial('groups: create renames name, modify renames custom_*, assign-nodes takes force, rename and delete', async (t) => {
  await call('POST', '/2/groups?dry-run=1', { ...ADMIN, body: '{"name": "g2", "alloc_policy": null}' });
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_GROUP_ADD', group_name: 'g2', dry_run: true });
  await call('PUT', '/2/groups/g2/modify', { ...ADMIN, body: '{"alloc_policy": "last_resort", "custom_ndparams": {"oob_program": ""}}' });
  t.like(fake.submitted[1]![0], { OP_ID: 'OP_GROUP_SET_PARAMS', group_name: 'g2', alloc_policy: 'last_resort', ndparams: { oob_program: '' } });
  await call('PUT', '/2/groups/g2/assign-nodes?force=1', { ...ADMIN, body: '{"nodes": ["node2"]}' });
  t.like(fake.submitted[2]![0], { OP_ID: 'OP_GROUP_ASSIGN_NODES', group_name: 'g2', nodes: ['node2'], force: true });
  await call('PUT', '/2/groups/g2/rename', { ...ADMIN, body: '{"new_name": "g3"}' });
  t.like(fake.submitted[3]![0], { OP_ID: 'OP_GROUP_RENAME', group_name: 'g2', new_name: 'g3' });
  await call('DELETE', '/2/groups/g3', ADMIN);
  t.like(fake.submitted[4]![0], { OP_ID: 'OP_GROUP_REMOVE', group_name: 'g3' });
  const bad = await call('PUT', '/2/groups/g3/modify', { ...ADMIN, body: '{"alloc_policy": "sometimes"}' });
  t.is(bad.status, 400);
  t.regex(String((bad.body as Row).explain), /alloc_policy/);
  t.is(fake.submitted.length, 5);
});

test.serial('networks: create, connect, disconnect, modify, delete build the network opcodes', async (t) => {
  await call('POST', '/2/networks', { ...ADMIN, body: '{"network_name": "n1", "network": "10.0.0.0/24", "gateway": null, "tags": null}' });
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_NETWORK_ADD', network_name: 'n1', network: '10.0.0.0/24' });
  await call('PUT', '/2/networks/n1/connect', { ...ADMIN, body: '{"group_name": "default", "network_mode": "bridged", "network_link": "br0", "network_vlan": ""}' });
  t.like(fake.submitted[1]![0], { OP_ID: 'OP_NETWORK_CONNECT', network_name: 'n1', group_name: 'default', network_mode: 'bridged' });
  await call('PUT', '/2/networks/n1/disconnect', { ...ADMIN, body: '{"group_name": "default"}' });
  t.like(fake.submitted[2]![0], { OP_ID: 'OP_NETWORK_DISCONNECT', network_name: 'n1', group_name: 'default' });
  await call('PUT', '/2/networks/n1/modify', { ...ADMIN, body: '{"gateway": "10.0.0.1"}' });
  t.like(fake.submitted[3]![0], { OP_ID: 'OP_NETWORK_SET_PARAMS', network_name: 'n1', gateway: '10.0.0.1' });
  await call('DELETE', '/2/networks/n1', ADMIN);
  t.like(fake.submitted[4]![0], { OP_ID: 'OP_NETWORK_REMOVE', network_name: 'n1' });
  t.is((await call('PUT', '/2/networks/n1/connect', { ...ADMIN, body: '{"group_name": "default"}' })).status, 400, 'mode and link are required');
});

test.serial('node role: PUT maps the role name to OP_NODE_SET_PARAMS flags', async (t) => {
  await call('PUT', '/2/nodes/node2/role?auto-promote=1', { ...ADMIN, body: '"drained"' });
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_NODE_SET_PARAMS', node_name: 'node2', drained: true, auto_promote: true });
  await call('PUT', '/2/nodes/node2/role?force=1', { ...ADMIN, body: '"regular"' });
  t.like(fake.submitted[1]![0], { master_candidate: false, offline: false, drained: false, force: true });
  const bad = await call('PUT', '/2/nodes/node2/role', { ...ADMIN, body: '"master"' });
  t.is(bad.status, 400);
  t.is((bad.body as Row).explain, "Can't set 'master' role");
});

test.serial('instances-multi-alloc: one OP_INSTANCE_MULTI_ALLOC job with the checked creations; bad requests are 400', async (t) => {
  const inst = (name: string) => ({ mode: 'create', name, disk_template: 'diskless', disks: [], nics: [{}], os: 'dummy', beparams: { memory: 32 } });
  const ok = await call('POST', '/2/instances-multi-alloc', { ...ADMIN, body: JSON.stringify({ instances: [inst('m1'), inst('m2')], iallocator: 'hail' }) });
  t.is(ok.body, 17);
  t.is(fake.submitted[0]!.length, 1);
  const op = fake.submitted[0]![0]! as Record<string, unknown>;
  t.like(op, { OP_ID: 'OP_INSTANCE_MULTI_ALLOC', iallocator: 'hail' });
  t.deepEqual((op.instances as Record<string, unknown>[]).map((c) => [c.OP_ID, c.instance_name, c.os_type, c.iallocator ?? null]),
    [['OP_INSTANCE_CREATE', 'm1', 'dummy', null], ['OP_INSTANCE_CREATE', 'm2', 'dummy', null]]);
  t.is((await call('POST', '/2/instances-multi-alloc', { ...ADMIN, body: '{}' })).status, 400);
  t.is((await call('POST', '/2/instances-multi-alloc', { ...ADMIN, body: JSON.stringify({ instances: [{ ...inst('m3'), pnode: 'node1' }, inst('m4')] }) })).status, 400);
  t.is((await call('POST', '/2/instances-multi-alloc', { ...ADMIN, body: JSON.stringify({ instances: [inst('m5')], opportunistic_locking: true }) })).status, 400);
  t.is((await call('POST', '/2/instances-multi-alloc', { ...ADMIN, body: JSON.stringify({ instances: [{ ...inst('m6'), memory: 'x' }] }) })).status, 400);
  t.is(fake.submitted.length, 1);
});

test.serial('node migrate and evacuate submit the node opcodes the master turns into jobs', async (t) => {
  const mig = await call('POST', '/2/nodes/node2/migrate', { user: 'admin:adminpw', body: '{"mode": "non-live", "iallocator": "hail"}' });
  t.is(mig.status, 200);
  t.is(mig.body, 17);
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_NODE_MIGRATE', node_name: 'node2', mode: 'non-live', iallocator: 'hail' });
  const evac = await call('POST', '/2/nodes/node2/evacuate', { user: 'admin:adminpw', body: '{"mode": "primary-only", "remote_node": "node3"}' });
  t.is(evac.status, 200);
  t.like(fake.submitted[1]![0], { OP_ID: 'OP_NODE_EVACUATE', node_name: 'node2', mode: 'primary-only', remote_node: 'node3' });
  const bad = await call('POST', '/2/nodes/node2/evacuate', { user: 'admin:adminpw', body: '{"mode": "everything"}' });
  t.is(bad.status, 400);
  t.is((await call('POST', '/2/nodes/node2/migrate', { user: 'viewer:viewerpw', body: '{}' })).status, 403);
  t.is(fake.submitted.length, 2);
});

test.serial('an owner account lists and acts on its own instances only', async (t) => {
  const list = await call('GET', '/2/instances', { user: 'alice:alicepw' });
  t.deepEqual(list.body, [{ id: 'a1', uri: '/2/instances/a1' }]);
  t.deepEqual(fake.queries[0]!.filter, ['=', 'owner', 'alice']);
  const other = await call('PUT', '/2/instances/b1/shutdown', { user: 'alice:alicepw' });
  t.is(other.status, 404);
  t.deepEqual(fake.submitted, []);
  const own = await call('PUT', '/2/instances/a1/shutdown', { user: 'alice:alicepw' });
  t.is(own.status, 200);
  t.like(fake.submitted[0]![0], { OP_ID: 'OP_INSTANCE_SHUTDOWN', instance_name: 'a1' });
  t.is((await call('DELETE', '/2/instances/a1', { user: 'alice:alicepw' })).status, 403, 'owners may not remove');
  t.is((await call('GET', '/2/nodes', { user: 'alice:alicepw' })).status, 403, 'nor look at nodes');
});

test.serial('a request from another site is refused', async (t) => {
  const r = await new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/2/instances/b1/reboot',
      headers: { Origin: 'https://evil.example', Authorization: `Basic ${Buffer.from('admin:adminpw').toString('base64')}` } },
    (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
  t.is(r, 403);
  t.deepEqual(fake.submitted, []);
});
