// The optional migration side of a hypervisor (STYLE.md 2.2): drivers that can move a
// running instance to another node implement these six steps, which the node daemon maps
// one-to-one onto Ganeti's migration RPCs. A driver says so with capabilities.migrate.
import { HypervisorError } from '../common/errors.js';
import type { HvInstance, Hypervisor, SignalOptions } from './hypervisor.js';

/** Ganeti's HV_MIGRATION_* states; only active keeps the master polling. */
export type MigrationState = 'active' | 'completed' | 'failed' | 'cancelled' | 'setup';

export interface MigrationStatus {
  status: MigrationState;
  transferredRam?: number;     // MiB
  totalRam?: number;           // MiB
  info?: string;
}

export interface MigratingHypervisor extends Hypervisor {
  /** Source: what the target needs to receive the instance (kvm: the runtime), opaque text. */
  migrationInfo(inst: HvInstance, opts?: SignalOptions): Promise<string>;
  /** Target: get ready to receive (kvm: start qemu with -incoming); `target` is this node's address. */
  acceptInstance(inst: HvInstance, info: string, target: string, diskPaths: readonly string[], opts?: SignalOptions): Promise<void>;
  /** Source: start sending the instance to `target` (an address). Returns once started. */
  migrateInstance(clusterName: string, inst: HvInstance, target: string, live: boolean, opts?: SignalOptions): Promise<void>;
  getMigrationStatus(inst: HvInstance, opts?: SignalOptions): Promise<MigrationStatus>;
  /** Target: on success make the received instance the real one; on failure clean it up. */
  finalizeMigrationDst(inst: HvInstance, info: string, success: boolean, opts?: SignalOptions): Promise<void>;
  /** Source: on success stop the (now paused) old copy; on failure resume it. */
  finalizeMigrationSource(inst: HvInstance, success: boolean, live: boolean, opts?: SignalOptions): Promise<void>;
}

export function isMigrating(hv: Hypervisor): hv is MigratingHypervisor {
  const m = hv as Partial<MigratingHypervisor>;
  return hv.capabilities.migrate && typeof m.acceptInstance === 'function' && typeof m.migrateInstance === 'function';
}

/** The driver as a MigratingHypervisor, or Ganeti's refusal naming the hypervisor. */
export function asMigrating(hv: Hypervisor): MigratingHypervisor {
  if (!isMigrating(hv)) {
    throw new HypervisorError(`Hypervisor '${hv.kind}' does not support migration`, { ecode: 'wrong_input' });
  }
  return hv;
}
