// Node daemons accept only peers holding a certificate of this cluster's CA, and
// gnt-cluster renew-crypto replaces certificates (and the CA) on every node while the
// daemons keep running: same pids, new certificates served at once, jobs keep working
// during and after, and a certificate of the replaced CA is refused afterwards.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, createNodeCert } from '../../../daemons/common/tls.js';
import { run, startVcluster, type RunResult, type Vcluster } from '../../../vcluster/harness.js';
import {
  daemonPid, jobIdOf, nodeCreds, nodedClient, nodeIp, servedFingerprint, sleep, tryVersion, waitFor, type Creds,
} from '../faults/util.js';

const PREFIX = '127.0.70';
let vc: Vcluster;
const NODES = ['node1', 'node2', 'node3'];

test.before(async () => {
  vc = await startVcluster({ nodes: 4, prefix: PREFIX, nodeMemory: '65536',
    programs: ['ganeti-noded', 'ganeti-masterd', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job', 'gnt-debug'] });
  await vc.init();
  for (const n of ['node2', 'node3']) {
    const r = await vc.gnt(['gnt-node', 'add', '--no-ssh-key-check', n], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`gnt-node add ${n}: ${r.stdout}${r.stderr}\n${vc.logs()}`);
  }
});
test.after.always(async () => { await vc?.stop(); });

const fingerprints = (creds: Creds) => Promise.all(NODES.map((n) => servedFingerprint(nodeIp(PREFIX, n), n, creds)));
const nodedPids = () => NODES.map((n) => daemonPid(vc, n, 'ganeti-noded'));

/** Adds and removes instances on node2/node3 until stopped; every command must succeed. */
function startLoad(tag: string): { stop(): Promise<RunResult[]> } {
  let stopped = false;
  const results: RunResult[] = [];
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      const name = `${tag}${i}`;
      results.push(await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check',
        '--no-ip-check', '-n', i % 2 ? 'node3' : 'node2', name]));
      results.push(await vc.gnt(['gnt-instance', 'remove', '-f', name]));
    }
  })();
  return { stop: async () => { stopped = true; await loop; return results; } };
}

test.serial('noded refuses peers without a certificate of the cluster CA', async (t) => {
  const ip = nodeIp(PREFIX, 'node2');
  const curl = await run('curl', ['-sk', '--http2-prior-knowledge', '-m', '5', '-o', '/dev/null', '-w', '%{http_code}', `https://${ip}:1811/ganeti.NodeDaemon/Version`]);
  t.not(curl.code, 0, `curl without a client certificate got an answer: ${curl.stdout}`);
  const master = nodeCreds(vc, 'node1');
  t.false((await tryVersion(nodedClient(ip, 'node2', { ca: master.ca }))).ok, 'no client certificate');
  const intruderCa = await createCa('intruder');
  const forged = await createNodeCert(intruderCa, 'node1', [nodeIp(PREFIX, 'node1')]);
  const foreign = await tryVersion(nodedClient(ip, 'node2', { ca: master.ca, cert: Buffer.from(forged.cert), key: Buffer.from(forged.key) }));
  t.false(foreign.ok, 'a certificate of another CA, even with the master\'s name');
  t.true((await tryVersion(nodedClient(ip, 'node2', master))).ok, 'the master\'s certificate is accepted');
});

async function renewWhileBusy(t: import('ava').ExecutionContext, args: string[], tag: string): Promise<void> {
  // A job whose node calls run on connections opened before the renewal, across all of it.
  const delay = await vc.gnt(['gnt-debug', 'delay', '--submit', '--no-master', '-n', 'node2', '-n', 'node3', '6']);
  t.is(delay.code, 0, delay.stderr);
  const delayId = jobIdOf(delay);
  await waitFor('the delay job to run', async () => /running/.test((await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(delayId)])).stdout));
  const load = startLoad(tag);
  await sleep(1000);
  const renew = await vc.gnt(['gnt-cluster', 'renew-crypto', ...args, '-f'], { timeoutMs: 120_000 });
  t.is(renew.code, 0, `${renew.stdout}${renew.stderr}\n${vc.logs()}`);
  await sleep(2000);   // keep the load going on the new certificates
  const results = await load.stop();
  t.true(results.length >= 2, 'the load ran');
  for (const r of results) t.is(r.code, 0, `a job during the renewal failed: ${r.stdout}${r.stderr}`);
  await waitFor('the delay job to finish', async () => /success|error/.test((await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(delayId)])).stdout));
  t.regex((await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(delayId)])).stdout, /success/, 'the job spanning the renewal succeeded');
}

test.serial('renew-crypto --new-node-certificates: served at once, no restart, jobs keep working', async (t) => {
  t.timeout(240_000);
  const creds = nodeCreds(vc, 'node1');
  const before = await fingerprints(creds);
  const pids = nodedPids();
  const masterd = daemonPid(vc, 'node1', 'ganeti-masterd');
  await renewWhileBusy(t, ['--new-node-certificates'], 'nc');
  const after = await fingerprints(nodeCreds(vc, 'node1'));
  for (const [i, n] of NODES.entries()) t.not(after[i], before[i], `${n} serves a new certificate`);
  t.deepEqual(nodedPids(), pids, 'no node daemon restarted');
  t.is(daemonPid(vc, 'node1', 'ganeti-masterd'), masterd, 'the master daemon did not restart');
  t.deepEqual(nodeCreds(vc, 'node2').ca, creds.ca, 'the CA is unchanged');
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout);
});

test.serial('renew-crypto --new-cluster-certificate: new CA everywhere, old certificates refused', async (t) => {
  t.timeout(240_000);
  const old = nodeCreds(vc, 'node1');
  const pids = nodedPids();
  await renewWhileBusy(t, ['--new-cluster-certificate'], 'cc');
  const fresh = nodeCreds(vc, 'node1');
  t.notDeepEqual(fresh.ca, old.ca, 'a new CA');
  for (const n of NODES) {
    t.deepEqual(readFileSync(join(vc.dir, n, 'var/lib/ganeti/cluster-ca.pem')), fresh.ca, `${n} trusts only the new CA`);
    await servedFingerprint(nodeIp(PREFIX, n), n, fresh);   // verifies against the new CA only
    t.false((await tryVersion(nodedClient(nodeIp(PREFIX, n), n, { ...old, ca: fresh.ca }))).ok, `${n} refuses the old master certificate`);
    t.true((await tryVersion(nodedClient(nodeIp(PREFIX, n), n, fresh))).ok, `${n} accepts the new master certificate`);
  }
  t.deepEqual(nodedPids(), pids, 'no node daemon restarted');
  // A node joining afterwards gets a certificate of the new CA.
  const add = await vc.gnt(['gnt-node', 'add', '--no-ssh-key-check', 'node4'], { timeoutMs: 120_000 });
  t.is(add.code, 0, `${add.stdout}${add.stderr}`);
  const inst = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-n', 'node4', 'after1']);
  t.is(inst.code, 0, `${inst.stdout}${inst.stderr}`);
  const verify = await vc.gnt(['gnt-cluster', 'verify']);
  t.is(verify.code, 0, verify.stdout);
});

test.serial('renew-crypto without anything to renew is refused', async (t) => {
  const r = await vc.gnt(['gnt-cluster', 'renew-crypto', '-f']);
  t.is(r.code, 1);
  t.regex(r.stderr, /--new-cluster-certificate/);
});
