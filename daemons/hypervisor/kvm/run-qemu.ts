// Running a prepared instance: clear stale sockets, record which tap each NIC uses (Ganeti's
// nic/<name>/<index>), start qemu daemonized, then finish its set-up through QMP: wait until
// QMP answers (the start is done when the instance is manageable), migration limits, VNC password.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../common/log.js';
import type { KvmDirs } from './dirs.js';
import type { InstanceMonitor } from './monitor.js';
import { startDaemonized } from './process.js';
import { removeQuietly, type KvmRuntime } from './runtime.js';

export const QMP_TIMEOUT_MS = 5000;

export async function runQemu(rt: KvmRuntime, dirs: KvmDirs, monitor: InstanceMonitor, log: Logger, startTimeoutMs: number): Promise<void> {
  for (const f of [dirs.pidFile(rt.name), rt.qmp, dirs.serialSocket(rt.name), dirs.qgaSocket(rt.name)]) removeQuietly(f);
  if (rt.vnc?.kind === 'unix' && rt.vnc.path === dirs.vncSocket(rt.name)) removeQuietly(rt.vnc.path);
  rmSync(dirs.nicInstanceDir(rt.name), { recursive: true, force: true });
  if (rt.nics.some((n) => n.tap)) {
    mkdirSync(dirs.nicInstanceDir(rt.name), { recursive: true });
    for (const n of rt.nics) if (n.tap) writeFileSync(join(dirs.nicInstanceDir(rt.name), String(n.index)), `${n.tap}\n`);
  }
  await startDaemonized(rt.binary, rt.argv0, rt.argv, rt.name, startTimeoutMs);
  await monitor.execute('query-status', undefined, { timeoutMs: QMP_TIMEOUT_MS });
  // Ganeti's migration_bandwidth (MiB/s) and migration_downtime (ms), set up front so any
  // later migration of this qemu uses them.
  const bw = rt.hvparams.migration_bandwidth;
  const downtime = rt.hvparams.migration_downtime;
  if (typeof bw === 'number' && typeof downtime === 'number') {
    await monitor.execute('migrate-set-parameters', { 'max-bandwidth': bw * 1048576, 'downtime-limit': downtime },
      { timeoutMs: QMP_TIMEOUT_MS }).catch((err: unknown) => log.warn(`instance ${rt.name}: ${(err as Error).message}`));
  }
  const pwFile = typeof rt.hvparams.vnc_password_file === 'string' ? rt.hvparams.vnc_password_file : '';
  if (pwFile && rt.vnc?.kind === 'tcp') {
    const password = readFileSync(pwFile, 'utf8').split('\n')[0] ?? '';
    await monitor.execute('set_password', { protocol: 'vnc', password }, { timeoutMs: QMP_TIMEOUT_MS });
  }
}
