// Live migration on one node (Ganeti's backend.MigrationInfo/AcceptInstance/MigrateInstance/
// FinalizeMigrationDst/Src): the hypervisor does the transfer; this layer adds the disks.
// Shared file disks are open on both nodes while the memory moves, so the target only
// computes their paths (no lease) and takes the lease over once the transfer succeeded.
import { atomicWrite } from '../../common/atomic-file.js';
import { leaseHolder, leasePath } from '../../storage/lease.js';
import { asMigrating, type MigrationStatus } from '../../hypervisor/migrating.js';
import { getHypervisor } from '../../hypervisor/registry.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { NodedContext } from '../context.js';
import { blockdevAssemble, blockdevShutdown, diskAccessPaths, shutdownInstanceDisks } from './blockdev.js';
import { hvInstance } from './instance.js';

function driver(ctx: NodedContext, inst: Instance__Output) {
  return asMigrating(getHypervisor(inst.hypervisor, ctx.paths));
}

const opt = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function migrationInfo(ctx: NodedContext, inst: Instance__Output, signal?: AbortSignal): Promise<string> {
  return driver(ctx, inst).migrationInfo(hvInstance(inst), opt(signal));
}

/** Target side: disks reachable here (sharedfile without its lease, others assembled), then the driver. */
export async function acceptInstance(ctx: NodedContext, inst: Instance__Output, info: string, target: string,
  givenPaths: readonly string[], signal?: AbortSignal): Promise<void> {
  const hv = driver(ctx, inst);
  const paths = diskAccessPaths(ctx, inst.disks, givenPaths);
  const assembled: Instance__Output['disks'] = [];
  try {
    for (const [i, d] of inst.disks.entries()) {
      if (!d.dev_type || d.dev_type === 'diskless' || d.dev_type === 'sharedfile') continue;
      paths[i] = await blockdevAssemble(ctx, d, {}, signal);
      assembled.push(d);
    }
    await hv.acceptInstance(hvInstance(inst), info, target, paths, opt(signal));
  } catch (err) {
    for (const d of assembled.reverse()) await blockdevShutdown(ctx, d, {}).catch(() => undefined);
    throw err;
  }
  ctx.logger.info(`accepting instance ${inst.name} for migration`, { target });
}

export async function instanceMigrate(ctx: NodedContext, inst: Instance__Output, clusterName: string, target: string,
  live: boolean, signal?: AbortSignal): Promise<void> {
  await driver(ctx, inst).migrateInstance(clusterName, hvInstance(inst), target, live, opt(signal));
  ctx.logger.info(`migrating instance ${inst.name}`, { target, live });
}

export async function migrationStatus(ctx: NodedContext, inst: Instance__Output, signal?: AbortSignal): Promise<MigrationStatus> {
  return driver(ctx, inst).getMigrationStatus(hvInstance(inst), opt(signal));
}

/** Target side: keep (success) or drop the received copy; on success the shared disks become ours. */
export async function finalizeMigrationDst(ctx: NodedContext, inst: Instance__Output, info: string, success: boolean,
  signal?: AbortSignal): Promise<void> {
  await driver(ctx, inst).finalizeMigrationDst(hvInstance(inst), info, success, opt(signal));
  if (success) {
    await takeOverLeases(ctx, inst);
  } else {
    for (const d of inst.disks) {
      if (!d.dev_type || d.dev_type === 'diskless' || d.dev_type === 'sharedfile') continue;
      await blockdevShutdown(ctx, d, {}).catch(() => undefined);
    }
  }
  ctx.logger.info(`finalized incoming migration of ${inst.name}`, { success });
}

/** Source side: on success stop the old copy and release its disks (the lease is no longer ours). */
export async function finalizeMigrationSrc(ctx: NodedContext, inst: Instance__Output, success: boolean, live: boolean,
  signal?: AbortSignal): Promise<void> {
  await driver(ctx, inst).finalizeMigrationSource(hvInstance(inst), success, live, opt(signal));
  if (success) await shutdownInstanceDisks(ctx, inst);
  ctx.logger.info(`finalized outgoing migration of ${inst.name}`, { success });
}

/** The lease of each shared file disk now names this node (the source stopped using it). */
async function takeOverLeases(ctx: NodedContext, inst: Instance__Output): Promise<void> {
  const paths = diskAccessPaths(ctx, inst.disks, []);
  for (const [i, d] of inst.disks.entries()) {
    if (d.dev_type !== 'sharedfile' || !paths[i]) continue;
    if (leaseHolder(paths[i]) === ctx.paths.hostname) continue;
    await atomicWrite(leasePath(paths[i]), `${ctx.paths.hostname}\n`, { mode: 0o640 });
  }
}
