// On a real virtual cluster, node daemons take orders by the caller's role: the master's
// certificate may change a node, a master candidate's may only read, a plain node's (signed
// by the same CA) may do nothing; each refusal names the role. The roles follow the
// config: promoting a node makes its certificate a candidate's on every node.
import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVcluster, type Vcluster } from '../../../vcluster/harness.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import { daemonPid, isAlive, nodeCreds, nodedClient, nodeIp, tryVersion, waitFor } from '../faults/util.js';

const PREFIX = '127.0.100';
let vc: Vcluster;
const clients: NodeDaemonClient[] = [];

test.before(async () => {
  vc = await startVcluster({ nodes: 3, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-debug'] });
  await vc.init();
  for (const n of ['node2', 'node3']) {
    const r = await vc.gnt(['gnt-node', 'add', '--no-ssh-key-check', n], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`gnt-node add ${n}: ${r.stdout}${r.stderr}\n${vc.logs()}`);
  }
  for (const args of [['gnt-cluster', 'modify', '--candidate-pool-size=2'], ['gnt-node', 'modify', '--force', '-C', 'no', 'node3']]) {
    const r = await vc.gnt(args);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
  }
});
test.after.always(async () => {
  for (const c of clients) c.close();
  await vc?.stop();
});

/** A client to `to`'s noded holding `from`'s own certificate. */
function as(from: string, to: string): NodeDaemonClient {
  const c = nodedClient(nodeIp(PREFIX, to), to, nodeCreds(vc, from));
  clients.push(c);
  return c;
}

function callRaw(c: NodeDaemonClient, method: string, req: object): Promise<{ ok: boolean; code: number; text: string }> {
  const fn = (c as unknown as Record<string, Function>)[method]!;
  return new Promise((resolve) => {
    fn.call(c, req, { deadline: new Date(Date.now() + 10_000) }, (err: { code: number; details: string } | null) => {
      resolve(err ? { ok: false, code: err.code, text: err.details } : { ok: true, code: 0, text: '' });
    });
  });
}

const PERMISSION_DENIED = 7;

test.serial('a plain node\'s certificate cannot make another node leave, nor even read it', async (t) => {
  const noded2 = daemonPid(vc, 'node2', 'ganeti-noded');
  const leave = await callRaw(as('node3', 'node2'), 'NodeLeaveCluster', {});
  t.is(leave.code, PERMISSION_DENIED, leave.text);
  t.regex(leave.text, /Permission denied: NodeLeaveCluster is accepted only from the master; the caller is a plain node/);
  const read = await callRaw(as('node3', 'node1'), 'Version', {});
  t.is(read.code, PERMISSION_DENIED, read.text);
  t.regex(read.text, /only from the master or a master candidate; the caller is a plain node/);
  t.true(isAlive(noded2), 'node2\'s noded still runs');
  t.true(existsSync(join(vc.dir, 'node2/var/lib/ganeti/server.pem')), 'node2 is still in the cluster');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout + verify.stderr);
});

test.serial('a master candidate may read another node but not change it; the master may', async (t) => {
  t.true((await tryVersion(as('node2', 'node3'))).ok, 'a candidate reads');
  const upload = await callRaw(as('node2', 'node3'), 'UploadFile', { file: 'config', content: Buffer.from('{}'), mode: 0 });
  t.is(upload.code, PERMISSION_DENIED, upload.text);
  t.regex(upload.text, /UploadFile changes this node and is accepted only from the master \(node1\); the caller is the master candidate node2/);
  // The config by deltas is the master's alone too.
  const deltas = await callRaw(as('node2', 'node3'), 'UploadConfigDeltas', { full: Buffer.from('{"serial_no": 1}'), full_serial: 1, deltas: [] });
  t.is(deltas.code, PERMISSION_DENIED, deltas.text);
  t.regex(deltas.text, /UploadConfigDeltas changes this node and is accepted only from the master \(node1\)/);
  const copy = join(vc.dir, 'node3/var/lib/ganeti/config.data');
  t.not(existsSync(copy) ? readFileSync(copy, 'utf8') : '', '{}', 'the upload was not written');
  const delay = await callRaw(as('node1', 'node3'), 'TestDelay', { duration: 0 });
  t.true(delay.ok, delay.text);
});

test.serial('the master cannot make a node touch files outside its storage dir', async (t) => {
  const victim = join(vc.dir, 'node2/etc/victim');
  writeFileSync(victim, 'keep');
  const disk = { uuid: 'd1', dev_type: 'file', size: 16, logical_id: ['loop', '/etc/victim'], mode: 'rw' };
  const asDir = await callRaw(as('node1', 'node2'), 'BlockdevRemove', { disk, instance_name: 'x', file_storage_dir: '/etc' });
  t.false(asDir.ok);
  t.regex(asDir.text, /Refusing file_storage_dir '\/etc' from the request/);
  const asPath = await callRaw(as('node1', 'node2'), 'BlockdevRemove', { disk, instance_name: 'x' });
  t.false(asPath.ok);
  t.regex(asPath.text, /outside the file storage dir/);
  t.true(existsSync(victim));
  const add = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '--disk', '0:size=16M', '--file-storage-dir=../../../../etc', '-o', 'dummy',
    '--no-name-check', '--no-ip-check', '-n', 'node2', 'esc1']);
  t.is(add.code, 1);
  t.regex(add.stderr + add.stdout, /Invalid --file-storage-dir '\.\.\/\.\.\/\.\.\/\.\.\/etc'/);
});

test.serial('promoting a node makes its certificate a candidate\'s on every node', async (t) => {
  const r = await vc.gnt(['gnt-node', 'modify', '-C', 'yes', 'node3']);
  t.is(r.code, 0, r.stdout + r.stderr);
  await waitFor('node3 reads node2 as a candidate', async () => (await tryVersion(as('node3', 'node2'))).ok, 20_000);
  const leave = await callRaw(as('node3', 'node2'), 'NodeLeaveCluster', {});
  t.regex(leave.text, /the caller is the master candidate node3/);
});

test.serial('opcodes without a logical unit are refused at submit, and gnt-job cancel --kill is refused by masterd', async (t) => {
  const { rawMaster, submitRaw } = await import('../master-client.js');
  const client = rawMaster(vc.dir);
  const res = await submitRaw(client, [JSON.stringify([{ OP_ID: 'OP_INSTANCE_REPLACE_DISKS', instance_name: 'i1', mode: 'replace_auto' }]), JSON.stringify([{ OP_ID: 'OP_OS_DIAGNOSE', output_fields: ['name'], names: [] }])]);
  client.close();
  for (const [i, id] of ['OP_INSTANCE_REPLACE_DISKS', 'OP_OS_DIAGNOSE'].entries()) {
    t.false(res[i]!.ok, `${id} was queued`);
    t.regex(res[i]!.error?.message ?? '', new RegExp(`Opcode 0: Opcode ${id} is not supported by this version of the master daemon`));
  }
  const job = await vc.gnt(['gnt-debug', 'delay', '--submit', '5']);
  const id = /(\d+)/.exec(job.stdout + job.stderr)?.[1];
  t.truthy(id, job.stdout + job.stderr);
  const kill = await vc.gnt(['gnt-job', 'cancel', '-f', '--kill', '--yes-do-it', id!]);
  t.not(kill.code, 0);
  t.regex(kill.stdout + kill.stderr, new RegExp(`Cannot kill job ${id} \\(gnt-job cancel --kill\\): jobs run inside the master daemon`));
  const status = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', id!]);
  t.regex(status.stdout, /running|waiting|queued/, 'the job was not cancelled by a refused --kill');
});
