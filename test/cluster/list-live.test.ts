// Listings keep work between calls (noded keeps each hypervisor's answer while its state
// directory is unchanged, masterd and ganeti-rapi keep their last answer while the nodes'
// answers are the same), but what runs is what the next list shows: an instance stopped
// outside the cluster, or one whose guest powered itself off, is seen by the very next
// `gnt-instance list` and `GET /2/instances?bulk=1`, with the nodes' workers warm.
// node2 holds six instances, so one change there is less than half its list and the node
// answers the master with what changed alone (a delta); a change to most of it goes in full.
import test from 'ava';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { dirname, join } from 'node:path';
import { startVcluster, type Vcluster } from '../../vcluster/harness.js';

let vc: Vcluster;
const HOST = '127.0.46.10';
const fakeState = (node: string, inst: string) => join(vc.dir, node, 'var/run/ganeti/fake-hypervisor', inst);
const agent = new Agent({ keepAlive: true });

function bulk(): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const auth = `Basic ${Buffer.from('viewer:viewerpw').toString('base64')}`;
    const req = request({ host: HOST, port: 5080, path: '/2/instances?bulk=1', agent, rejectUnauthorized: false, headers: { Authorization: auth } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) { reject(new Error(`GET /2/instances?bulk=1: ${res.statusCode} ${body}`)); return; }
        resolve(new Map((JSON.parse(body) as { name: string; status: string }[]).map((i) => [i.name, i.status])));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const OURS = ['l1', 'l2', 'l3'];
const PEERS = ['d1', 'd2', 'd3', 'd4'];
/** The statuses of the given instances only, in their order. */
const only = (m: Map<string, string>, names: string[]) => Object.fromEntries(names.map((n) => [n, m.get(n)]));

async function statuses(): Promise<Map<string, string>> {
  const r = await vc.gnt(['gnt-instance', 'list', '--no-headers', '--separator=|', '-o', 'name,status']);
  if (r.code !== 0) throw new Error(`gnt-instance list: ${r.stderr}`);
  return new Map(r.stdout.trim().split('\n').map((l) => l.split('|') as [string, string]));
}

test.before(async () => {
  vc = await startVcluster({ nodes: 2, prefix: '127.0.46',
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'] });
  const users = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(users), { recursive: true });
  writeFileSync(users, 'viewer viewerpw\n');
  await vc.init();
  await vc.addNodes();
  for (const [name, pnode] of [['l1', 'node2'], ['l2', 'node2'], ['l3', 'node1'], ...PEERS.map((n) => [n, 'node2'])]) {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', pnode!, name!]);
    if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}\n${vc.logs()}`);
  }
  for (let i = 0; i < 40; i++) { if (await bulk().then(() => true, () => false)) break; await new Promise((r) => setTimeout(r, 250)); }
});
test.after.always(async () => { agent.destroy(); await vc?.stop(); });

test.serial('a change made outside the cluster shows in the next list, through the CLI and RAPI', async (t) => {
  // Warm: the same answers twice in a row (the second one from what the daemons kept).
  for (let i = 0; i < 2; i++) {
    t.deepEqual(only(await statuses(), OURS), { l1: 'running', l2: 'running', l3: 'running' });
    t.deepEqual(only(await bulk(), OURS), { l1: 'running', l2: 'running', l3: 'running' });
  }
  rmSync(fakeState('node2', 'l1'));                                // its process died
  t.is((await statuses()).get('l1'), 'ERROR_down');
  t.is((await bulk()).get('l1'), 'ERROR_down');
  appendFileSync(fakeState('node2', 'l2'), 'user_down\n');         // its guest powered itself off, in place
  t.is((await bulk()).get('l2'), 'USER_down');
  t.is((await statuses()).get('l2'), 'USER_down');
  rmSync(fakeState('node1', 'l3'));                                // on the master's own node
  t.deepEqual(only(await statuses(), OURS), { l1: 'ERROR_down', l2: 'USER_down', l3: 'ERROR_down' });
  t.deepEqual(only(await bulk(), OURS), { l1: 'ERROR_down', l2: 'USER_down', l3: 'ERROR_down' });
  writeFileSync(fakeState('node2', 'l1'), '0\n64\n1\n');           // running again (started by hand)
  t.is((await bulk()).get('l1'), 'running');
  t.is((await statuses()).get('l1'), 'running');
});

test.serial('a change to most of a node\'s instances at once shows in full in the next list', async (t) => {
  const running = Object.fromEntries(PEERS.map((n) => [n, 'running']));
  t.deepEqual(only(await statuses(), PEERS), running);
  for (const n of PEERS) rmSync(fakeState('node2', n));           // four of node2's six died
  const down = Object.fromEntries(PEERS.map((n) => [n, 'ERROR_down']));
  t.deepEqual(only(await statuses(), PEERS), down);
  t.deepEqual(only(await bulk(), PEERS), down);
  t.is((await statuses()).get('l1'), 'running');                  // the rest as they were
  writeFileSync(fakeState('node2', 'd3'), '0\n64\n1\n');          // one back: a delta again
  t.deepEqual(only(await bulk(), PEERS), { ...down, d3: 'running' });
  t.deepEqual(only(await statuses(), [...OURS, ...PEERS]), { l1: 'running', l2: 'USER_down', l3: 'ERROR_down', ...down, d3: 'running' });
});
