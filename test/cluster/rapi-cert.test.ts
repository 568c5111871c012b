// The RAPI certificate on a 2-node virtual cluster, as a user meets it: gnt-cluster init
// makes rapi.pem and the master copies it to the other master candidate; gnt-cluster
// renew-crypto --new-rapi-certificate and --rapi-certificate FILE replace it on both, and
// ganeti-rapi serves the new one without a restart; bad files are refused by name and change
// nothing; after gnt-cluster master-failover, ganeti-rapi on the new master serves the same
// certificate and knows the same accounts (the users file is copied too).
import test from 'ava';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { run, startVcluster, type Vcluster } from '../../vcluster/harness.js';

const PREFIX = '127.0.151';
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 2, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'ganeti-master-failover', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node'],
  });
  mkdirSync(join(vc.dir, 'node1/var/lib/ganeti/rapi'), { recursive: true });
  writeFileSync(join(vc.dir, 'node1/var/lib/ganeti/rapi/users'), 'admin adminpw write\n');
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

const pemFile = (node: string) => join(vc.dir, node, 'var/lib/ganeti/rapi.pem');
const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;
const fileFingerprint = (node: string) => (existsSync(pemFile(node)) ? fingerprintOf(readFileSync(pemFile(node), 'utf8')) : null);

/** The certificate ganeti-rapi serves on a node's address, or null when nothing answers. */
function served(host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const s = connect({ host, port: 5080, rejectUnauthorized: false, timeout: 2000 }, () => {
      const fp = s.getPeerX509Certificate()?.fingerprint256 ?? null;
      s.destroy();
      resolve(fp);
    });
    s.on('error', () => resolve(null));
    s.on('timeout', () => { s.destroy(); resolve(null); });
  });
}

async function until<T>(what: string, fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${String(v)} after ${ms} ms\n${vc.logs()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test.serial('init makes rapi.pem, ganeti-rapi serves it and the other candidate holds a copy', async (t) => {
  const fp = fileFingerprint('node1');
  t.truthy(fp);
  t.is(await until('served certificate', () => served(`${PREFIX}.10`), (v) => v === fp), fp);
  t.is(await until('node2 copy', () => fileFingerprint('node2'), (v) => v === fp), fp);
});

test.serial('--new-rapi-certificate replaces it everywhere and ganeti-rapi serves it without a restart', async (t) => {
  const before = fileFingerprint('node1');
  const pid = readFileSync(join(vc.dir, 'node1/var/run/ganeti/ganeti-rapi.pid'), 'utf8').trim();
  await vc.ok(t, ['gnt-cluster', 'renew-crypto', '-f', '--new-rapi-certificate']);
  const after = fileFingerprint('node1');
  t.not(after, before);
  t.is(fileFingerprint('node2'), after, 'the candidate got the new certificate in the same job');
  await until('served certificate', () => served(`${PREFIX}.10`), (v) => v === after);
  t.is(readFileSync(join(vc.dir, 'node1/var/run/ganeti/ganeti-rapi.pid'), 'utf8').trim(), pid, 'same ganeti-rapi process');
});

test.serial('--rapi-certificate FILE installs the given certificate; bad files are refused by name', async (t) => {
  const key = join(vc.dir, 'k.pem');
  const crt = join(vc.dir, 'c.pem');
  const gen = await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=rapi.example', '-days', '2']);
  t.is(gen.code, 0, gen.stderr);
  const mine = join(vc.dir, 'mine.pem');
  writeFileSync(mine, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'));
  const current = fileFingerprint('node1');

  const missing = await vc.gnt(['gnt-cluster', 'renew-crypto', '-f', '--rapi-certificate', join(vc.dir, 'nope.pem')]);
  t.not(missing.code, 0);
  t.regex(missing.stderr, /nope\.pem/);
  const other = await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(vc.dir, 'k2.pem'), '-out', join(vc.dir, 'c2.pem'), '-subj', '/CN=x', '-days', '2']);
  t.is(other.code, 0);
  const mismatched = join(vc.dir, 'mismatch.pem');
  writeFileSync(mismatched, readFileSync(crt, 'utf8') + readFileSync(join(vc.dir, 'k2.pem'), 'utf8'));
  const bad = await vc.gnt(['gnt-cluster', 'renew-crypto', '-f', '--rapi-certificate', mismatched]);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /mismatch\.pem.*private key does not belong/);
  const both = await vc.gnt(['gnt-cluster', 'renew-crypto', '-f', '--rapi-certificate', mine, '--new-rapi-certificate']);
  t.not(both.code, 0);
  t.regex(both.stderr, /Only one of the --new-rapi-certificate and --rapi-certificate/);
  t.is(fileFingerprint('node1'), current, 'refusals change nothing');

  await vc.ok(t, ['gnt-cluster', 'renew-crypto', '-f', '--rapi-certificate', mine]);
  const want = fingerprintOf(readFileSync(crt, 'utf8'));
  t.is(fileFingerprint('node1'), want);
  t.is(fileFingerprint('node2'), want);
  await until('served certificate', () => served(`${PREFIX}.10`), (v) => v === want);
});

test.serial('after master-failover the new master serves the same RAPI certificate', async (t) => {
  const want = fileFingerprint('node1');
  const r = await vc.cmd('node2', ['gnt-cluster', 'master-failover']);
  t.is(r.code, 0, r.stdout + r.stderr);
  await until('certificate served by node2', () => served(`${PREFIX}.11`), (v) => v === want, 30_000);
  t.is(await served(`${PREFIX}.10`), null, 'the old master no longer serves RAPI');
  t.is(readFileSync(join(vc.dir, 'node2/var/lib/ganeti/rapi/users'), 'utf8'), 'admin adminpw write\n');
  const w = await run('curl', ['-sk', '-m', '5', '-u', 'admin:adminpw', '-X', 'PUT', '-o', '/dev/null', '-w', '%{http_code}', `https://${PREFIX}.11:5080/2/tags?tag=moved`]);
  t.is(w.stdout, '200', 'the account works on the new master');
});
