// What one node RPC costs each side, measured alone: the master's client (grpc-lite over
// h2-lite over TLS, as masterd calls a node daemon) calling a server process (noded's
// grpc-server over h2-server) on loopback, over and over: one call at a time, then eight at a
// time; an empty request (Version) and a candidate's queue update of ten 1.5 KB job entries
// (JobQueueUpdate; the handler writes nothing, only the transport is measured). CPU per call
// of each process: the client's from process.cpuUsage, the server's from /proc/PID/stat.
// The bench bundles itself first, as the daemons are (tools/build/bundle.mjs): tsx keeps
// function names by wrapping every closure, a cost per call the daemons do not pay.
// docs/scaling.md, round 15.
// Run: npx tsx bench/rpc-call.ts [calls per figure, default 4000]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { GrpcLiteClient } from '../daemons/common/client/grpc-lite.js';
import { serviceMethods } from '../daemons/common/rpc-methods.js';
import { createCa, createNodeCert } from '../daemons/common/tls.js';
import { createUnaryServer, type UnaryMethod } from '../daemons/noded/grpc-server.js';

const SERVICE = 'ganeti.NodeDaemon';
const methods = serviceMethods('NodeDaemon');
const typesOf = (name: string) => ({ requestType: methods[name]!.requestType, responseType: methods[name]!.responseType });

interface Creds { ca: string; server: { cert: string; key: string }; client: { cert: string; key: string } }

async function serve(credsFile: string): Promise<void> {
  const c = JSON.parse(readFileSync(credsFile, 'utf8')) as Creds;
  const table = new Map<string, UnaryMethod>([
    ['Version', { ...typesOf('Version'), handler: async () => ({ protocol_version: 1, software_version: 'bench' }) }],
    ['JobQueueUpdate', { ...typesOf('JobQueueUpdate'), handler: async () => ({ needs_full: false }) }],
  ]);
  const server = createUnaryServer({
    service: SERVICE, methods: table, tls: { ca: c.ca, cert: c.server.cert, key: c.server.key },
    toStatus: (err) => ({ code: 13, details: String(err) }), maxReceiveBytes: 64 << 20,
  });
  const port = await server.listen('127.0.0.1', 0);
  process.stdout.write(`${port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

const TICK_MS = 10;
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return (f[11]! + f[12]!) * TICK_MS;
}

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 4000);
  const dir = mkdtempSync(join(tmpdir(), 'rpc-call-'));
  const ca = await createCa('bench');
  const creds: Creds = { ca: ca.cert, server: await createNodeCert(ca, 'node2', ['127.0.0.1']), client: await createNodeCert(ca, 'node1', ['127.0.0.1']) };
  writeFileSync(join(dir, 'creds.json'), JSON.stringify(creds), { mode: 0o600 });
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', join(dir, 'creds.json')], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const client = new GrpcLiteClient(() => connect({ host: '127.0.0.1', port, ca: creds.ca, cert: creds.client.cert, key: creds.client.key,
      servername: 'node2', ALPNProtocols: ['h2'] }), SERVICE);
    const job = JSON.stringify({ id: 1, ops: [{ input: { OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'x'.repeat(40) }, log: 'y'.repeat(1200) }] });
    const requests: Record<string, Record<string, unknown>> = {
      Version: {},
      JobQueueUpdate: { master: 'node1', epoch: 1, seq: 2, after: 1, full: false, entries: Array.from({ length: 10 }, () => `J${job}`) },
    };
    const one = (m: string) => client.unary(m, typesOf(m).requestType, typesOf(m).responseType, requests[m]!, 60_000);
    for (let i = 0; i < 500; i++) await one('Version');   // connection, JIT warm-up
    console.log(`${calls} calls each; CPU per call in µs (client = the master's side, server = the node daemon's)`);
    for (const m of ['Version', 'JobQueueUpdate']) {
      for (const inFlight of [1, 8]) {
        const c0 = process.cpuUsage(); const s0 = procCpuMs(child.pid!); const t0 = performance.now();
        let next = 0;
        await Promise.all(Array.from({ length: inFlight }, async () => { while (next++ < calls) await one(m); }));
        const wall = performance.now() - t0; const c = process.cpuUsage(c0); const s = procCpuMs(child.pid!) - s0;
        console.log(`${m.padEnd(15)} ${String(inFlight).padStart(2)} at a time: client ${((c.user + c.system) / calls).toFixed(0).padStart(4)} (system ${(c.system / calls).toFixed(0).padStart(3)}), ` +
          `server ${(s * 1000 / calls).toFixed(0).padStart(4)}, wall ${(wall * 1000 / calls).toFixed(0).padStart(4)}`);
      }
    }
    client.close();
  } finally {
    child.stdin!.end();
    await new Promise((r) => { if (child.exitCode !== null) r(null); else child.once('exit', r); });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundles this file as the daemons are bundled and runs that instead (with node, no tsx). */
async function runBundled(): Promise<void> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'rpc-call-bundle-'));
  try {
    const out = join(dir, 'rpc-call.mjs');
    await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: 'node', target: 'node22', format: 'esm', outfile: out,
      banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" }, external: ['ssh2', 'cpu-features', '*.node'], logLevel: 'warning' });
    const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
else if (import.meta.url.endsWith('.ts')) await runBundled();
else await main();
