// Helpers shared by the fault and security tests: job ids, polling, daemon pids, and raw
// clients that talk to a virtual node's noded the way the master (or an intruder) would.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { isAlive } from '../../../daemons/common/process-alive.js';
import { loadServices } from '../../../daemons/common/rpc.js';
import { splitPem } from '../../../daemons/common/pem.js';
import type { NodeDaemonClient } from '../../../proto/generated/ganeti/NodeDaemon.js';
import type { RunResult, Vcluster } from '../../../vcluster/harness.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function jobIdOf(r: RunResult): number {
  const m = /JobID: (\d+)/.exec(r.stdout + r.stderr);
  if (!m) throw new Error(`no job id in: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** Polls until fn returns a truthy value; throws with `what` after timeoutMs. */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 60_000, stepMs = 250): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

export function nodeDir(vc: Vcluster, node: string): string { return join(vc.dir, node); }

export function daemonPid(vc: Vcluster, node: string, daemon: 'ganeti-noded' | 'ganeti-masterd'): number {
  return Number(readFileSync(join(vc.dir, node, 'var/run/ganeti', `${daemon}.pid`), 'utf8'));
}

export { isAlive };

/** A node's address on a virtual cluster made with prefix: nodeK is prefix.(9+K). */
export function nodeIp(prefix: string, node: string): string {
  return `${prefix}.${9 + Number(node.replace('node', ''))}`;
}

export interface Creds { ca: Buffer; cert: Buffer; key: Buffer }

/** The credentials a node holds: its CA bundle and its own certificate and key. */
export function nodeCreds(vc: Vcluster, node: string): Creds {
  const dir = join(vc.dir, node, 'var/lib/ganeti');
  const own = splitPem(readFileSync(join(dir, 'server.pem'), 'utf8'));
  return { ca: readFileSync(join(dir, 'cluster-ca.pem')), cert: Buffer.from(own.cert), key: Buffer.from(own.key) };
}

/** A NodeDaemon client to a virtual node presenting the given client certificate. */
export function nodedClient(ip: string, node: string, creds: { ca: Buffer; cert?: Buffer; key?: Buffer }): NodeDaemonClient {
  const Ctor = loadServices().ganeti.NodeDaemon;
  return new Ctor(`${ip}:1811`, grpc.credentials.createSsl(creds.ca, creds.key ?? null, creds.cert ?? null), {
    'grpc.ssl_target_name_override': node, 'grpc.default_authority': node,
    'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500,
  });
}

/** Version over a fresh client: the software version, or the error's text. */
export function tryVersion(c: NodeDaemonClient, timeoutMs = 5000): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve) => {
    c.Version({}, { deadline: new Date(Date.now() + timeoutMs) }, (err, res) => {
      resolve(err ? { ok: false, text: `${err.code} ${err.details}` } : { ok: true, text: res!.software_version });
    });
  });
}

/** The SHA-256 fingerprint of the certificate a node serves to a client holding creds. */
export function servedFingerprint(ip: string, node: string, creds: Creds): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: ip, port: 1811, servername: node, ca: creds.ca, cert: creds.cert, key: creds.key, ALPNProtocols: ['h2'] }, () => {
      const fp = s.getPeerCertificate().fingerprint256;
      s.destroy();
      resolve(fp);
    });
    s.on('error', reject);
    s.setTimeout(5000, () => { s.destroy(); reject(new Error(`no TLS handshake with ${node} (${ip}) within 5 s`)); });
  });
}

/**
 * Submits a job, waits until `started` says the operation is under way (its own half-done
 * file exists), kills -9 `node`'s noded, starts it again after a pause (as the watcher's next
 * run would), and returns the job's end status and `gnt-job info`.
 */
export async function killNodedDuring(vc: Vcluster, t: { fail(m: string): void }, node: string, args: string[], what: string,
  started: () => boolean): Promise<{ status: string; info: string }> {
  const sub = await vc.gnt([...args.slice(0, 2), '--submit', ...args.slice(2)]);
  if (sub.code !== 0) t.fail(sub.stdout + sub.stderr);
  const job = jobIdOf(sub);
  await waitFor(what, started, 120_000, 50);
  const noded = daemonPid(vc, node, 'ganeti-noded');
  process.kill(noded, 'SIGKILL');
  await waitFor('noded to die', () => !isAlive(noded), 10_000, 50);
  await sleep(2000);
  const start = await vc.cmd(node, ['daemon-util', 'start', 'ganeti-noded']);
  if (start.code !== 0) t.fail(start.stdout + start.stderr);
  const status = await waitFor('the job to end', async () => {
    const r = await vc.gnt(['gnt-job', 'list', '--no-headers', '-o', 'status', String(job)]);
    return /success|error|canceled/.test(r.stdout) ? r.stdout.trim() : null;
  }, 300_000, 250);
  return { status, info: (await vc.gnt(['gnt-job', 'info', String(job)])).stdout };
}

/** `gnt-cluster verify --error-codes`, its whole output. */
export async function verifyOutput(vc: Vcluster): Promise<string> {
  const r = await vc.gnt(['gnt-cluster', 'verify', '--error-codes'], { timeoutMs: 120_000 });
  return r.stdout + r.stderr;
}
