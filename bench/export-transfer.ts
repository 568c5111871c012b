// The node-to-node transfer of gnt-backup alone, in one process: a node daemon's gRPC server
// (noded's own, over mutual TLS) serves ExportReadChunk from a dump file, and exportPull on the
// other "node" pulls it into an export (chunks, sha256, write, fsync) as on a real cluster.
// MB/s of the pull against a plain copy of the same file; with --cpu-prof, where the time goes.
// Run: npx tsx bench/export-transfer.ts [MiB]   (default 256; binds 127.0.238.50:1811)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../daemons/common/log.js';
import { resolvePaths } from '../daemons/common/paths.js';
import { joinPem } from '../daemons/common/pem.js';
import { serviceMethods } from '../daemons/common/rpc-methods.js';
import { createCa, createNodeCert } from '../daemons/common/tls.js';
import { exportPull, exportReadChunk } from '../daemons/noded/backend/export.js';
import { createUnaryServer } from '../daemons/noded/grpc-server.js';

const MIB = Number(process.argv[2] ?? 256);
const IP = '127.0.238.50';
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };
const root = `/tmp/export-transfer-${process.pid}`;
const src = resolvePaths({ GANETI_ROOTDIR: join(root, 'node1'), GANETI_HOSTNAME: 'node1' });
const dst = resolvePaths({ GANETI_ROOTDIR: join(root, 'node2'), GANETI_HOSTNAME: 'node2' });
try {
  const ca = await createCa('bench');
  for (const [p, name] of [[src, 'node1'], [dst, 'node2']] as const) {
    mkdirSync(p.dataDir, { recursive: true });
    writeFileSync(p.caCertFile, ca.cert);
    const c = await createNodeCert(ca, name, [IP]);
    writeFileSync(p.serverCertFile, joinPem(c));
  }
  const dumpDir = join(src.dataDir, 'export-out', 'big');
  mkdirSync(dumpDir, { recursive: true });
  const dump = join(dumpDir, 'disk0_dump');
  execFileSync('sh', ['-c', `head -c ${MIB * 1048576} /dev/urandom > '${dump}'`]);
  const sha256 = createHash('sha256').update(readFileSync(dump)).digest('hex');
  const own = readFileSync(src.serverCertFile, 'utf8');
  const m = serviceMethods('NodeDaemon').ExportReadChunk!;
  const server = createUnaryServer({
    service: 'ganeti.NodeDaemon',
    methods: new Map([['ExportReadChunk', {
      requestType: m.requestType, responseType: m.responseType,
      handler: (req: Record<string, unknown>) => exportReadChunk({ paths: src, logger: quiet }, req as never),
    }]]),
    tls: { ca: ca.cert, cert: own, key: own },
    toStatus: (err) => ({ code: 13, details: (err as Error).message }),
    maxReceiveBytes: 256 * 1024 * 1024,   // noded's (server.ts)
  });
  await server.listen(IP, 1811);
  let t0 = performance.now();
  execFileSync('cp', [dump, join(root, 'copy')]);
  execFileSync('sync');
  const cpMs = performance.now() - t0;
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const h0 = process.hrtime.bigint() / 1000n;   // the cpu profile's clock (µs): the pull's window in it
  await exportPull({ paths: dst, logger: quiet }, {
    name: 'big', area: 'outgoing', peer_name: 'node1', peer_ip: IP, target: 'export', target_name: 'big',
    files: [{ file: 'disk0_dump', size: String(MIB * 1048576), sha256 }], transport_compress: '', compress: '',
  } as never, new AbortController().signal);
  const pullMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (process.env.EXPORT_BENCH_WINDOW) console.log(`pull window (µs): ${h0} ${process.hrtime.bigint() / 1000n}`);
  await server.close(1000);
  console.log(`${MIB} MiB: cp + sync ${(MIB / (cpMs / 1000)).toFixed(0)} MB/s; pull over TLS (chunks, sha256, write, fsync) ${(MIB / (pullMs / 1000)).toFixed(0)} MB/s, ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, system ${(cpu.system / 1e6).toFixed(1)}) for both ends`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
