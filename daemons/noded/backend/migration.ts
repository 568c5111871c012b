// Live migration on one node (Ganeti's backend.MigrationInfo/AcceptInstance/MigrateInstance/
// FinalizeMigrationDst/Src): the hypervisor does the transfer; this layer adds the disks.
// Shared file disks are open on both nodes while the memory moves, so the target only
// computes their paths (no lease) and takes the lease over once the transfer succeeded.
import { atomicWrite } from '../../common/atomic-file.js';
import { leaseHolder, leasePath } from '../../storage/lease.js';
import { asMigrating } from '../../hypervisor/migrating.js';
import { getHypervisor } from '../../hypervisor/registry.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { AcceptInstanceRequest__Output } from '../../../proto/generated/ganeti/AcceptInstanceRequest.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { FinalizeMigrationRequest__Output } from '../../../proto/generated/ganeti/FinalizeMigrationRequest.js';
import type { InstanceMigrateRequest__Output } from '../../../proto/generated/ganeti/InstanceMigrateRequest.js';
import type { MigrationRequest__Output } from '../../../proto/generated/ganeti/MigrationRequest.js';
import type { MigrationStatusResponse } from '../../../proto/generated/ganeti/MigrationStatusResponse.js';
import type { NodedContext } from '../context.js';
import { checkInstance, required } from '../validate.js';
import { assembleDisk, diskAccessPaths, shutdownDisk, shutdownInstanceDisks } from './blockdev.js';
import { hvInstance } from './instance.js';

function driver(ctx: NodedContext, inst: Instance__Output) {
  return asMigrating(getHypervisor(inst.hypervisor, ctx.paths));
}

const checked = (inst: Instance__Output | null) => checkInstance(inst, 'instance', { resources: true });

export async function migrationInfo(ctx: NodedContext, req: MigrationRequest__Output, signal: AbortSignal): Promise<{ info: string }> {
  const inst = checked(req.instance);
  return { info: await driver(ctx, inst).migrationInfo(hvInstance(inst), { signal }) };
}

/** Target side: disks reachable here (sharedfile without its lease, others assembled), then the driver. */
export async function acceptInstance(ctx: NodedContext, req: AcceptInstanceRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checked(req.instance);
  const target = required(req.target || null, 'target');
  const hv = driver(ctx, inst);
  const assembled: Instance__Output['disks'] = [];
  try {
    for (const d of inst.disks) {
      if (!d.dev_type || d.dev_type === 'diskless' || d.dev_type === 'sharedfile') continue;
      await assembleDisk(ctx, d, {}, signal);
      assembled.push(d);
    }
    await hv.acceptInstance(hvInstance(inst), req.info, target, diskAccessPaths(ctx, inst.disks), { signal });
  } catch (err) {
    for (const d of assembled.reverse()) await shutdownDisk(ctx, d, {}).catch(() => undefined);
    throw err;
  }
  ctx.logger.info(`accepting instance ${inst.name} for migration`, { target });
  return {};
}

export async function instanceMigrate(ctx: NodedContext, req: InstanceMigrateRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checked(req.instance);
  const target = required(req.target || null, 'target');
  await driver(ctx, inst).migrateInstance(req.cluster_name, hvInstance(inst), target, req.live, { signal });
  ctx.logger.info(`migrating instance ${inst.name}`, { target, live: req.live });
  return {};
}

export async function migrationStatus(ctx: NodedContext, req: MigrationRequest__Output, signal: AbortSignal): Promise<MigrationStatusResponse> {
  const inst = checked(req.instance);
  const st = await driver(ctx, inst).getMigrationStatus(hvInstance(inst), { signal });
  return { status: st.status, transferred_ram: st.transferredRam ?? 0, total_ram: st.totalRam ?? 0, info: st.info ?? '' };
}

/** Target side: keep (success) or drop the received copy; on success the shared disks become ours. */
export async function finalizeMigrationDst(ctx: NodedContext, req: FinalizeMigrationRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checked(req.instance);
  await driver(ctx, inst).finalizeMigrationDst(hvInstance(inst), req.info, req.success, { signal });
  if (req.success) {
    await takeOverLeases(ctx, inst);
  } else {
    for (const d of inst.disks) {
      if (!d.dev_type || d.dev_type === 'diskless' || d.dev_type === 'sharedfile') continue;
      await shutdownDisk(ctx, d, {}).catch(() => undefined);
    }
  }
  ctx.logger.info(`finalized incoming migration of ${inst.name}`, { success: req.success });
  return {};
}

/** Source side: on success stop the old copy and release its disks (the lease is no longer ours). */
export async function finalizeMigrationSrc(ctx: NodedContext, req: FinalizeMigrationRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checked(req.instance);
  await driver(ctx, inst).finalizeMigrationSource(hvInstance(inst), req.success, req.live, { signal });
  if (req.success) await shutdownInstanceDisks(ctx, inst);
  ctx.logger.info(`finalized outgoing migration of ${inst.name}`, { success: req.success });
  return {};
}

/** The lease of each shared file disk now names this node (the source stopped using it). */
async function takeOverLeases(ctx: NodedContext, inst: Instance__Output): Promise<void> {
  const paths = diskAccessPaths(ctx, inst.disks);
  for (const [i, d] of inst.disks.entries()) {
    if (d.dev_type !== 'sharedfile' || !paths[i]) continue;
    if (leaseHolder(paths[i]) === ctx.paths.hostname) continue;
    await atomicWrite(leasePath(paths[i]), `${ctx.paths.hostname}\n`, { mode: 0o640 });
  }
}
