// The optional suspend side of a hypervisor (issue 13), like migrating.ts for migration:
// drivers that can save a running instance to a state file and start it again from that
// file, and stop/continue its virtual CPUs, implement these; capabilities.suspend says so.
import { HypervisorError } from '../common/errors.js';
import type { HvInstance, Hypervisor, SignalOptions } from './hypervisor.js';

export interface SuspendingHypervisor extends Hypervisor {
  /** Saves the running instance's memory and device state to statePath (compressed) and ends it.
   * On failure the instance keeps running and nothing is left at statePath. */
  suspendInstance(inst: HvInstance, statePath: string, opts?: SignalOptions): Promise<void>;
  /** Starts the instance from statePath; the guest continues where it was. The file is removed
   * once the guest runs; a file that cannot be loaded is kept and named in the error. */
  resumeInstance(inst: HvInstance, diskPaths: readonly string[], statePath: string, opts?: SignalOptions): Promise<void>;
  /** Saves the (paused) instance's state to statePath and leaves the instance as it was: the
   * memory part of a snapshot. On failure nothing is left at statePath. */
  saveInstanceState(inst: HvInstance, statePath: string, opts?: SignalOptions): Promise<void>;
  /** Stops the guest's virtual CPUs (qemu stop); the instance keeps its memory. */
  pauseInstance(inst: HvInstance, opts?: SignalOptions): Promise<void>;
  /** Lets a paused guest run again (qemu cont). */
  continueInstance(inst: HvInstance, opts?: SignalOptions): Promise<void>;
}

export function isSuspending(hv: Hypervisor): hv is SuspendingHypervisor {
  const s = hv as Partial<SuspendingHypervisor>;
  return hv.capabilities.suspend && typeof s.suspendInstance === 'function' && typeof s.resumeInstance === 'function';
}

/** The driver as a SuspendingHypervisor, or a refusal naming the hypervisor. */
export function asSuspending(hv: Hypervisor): SuspendingHypervisor {
  if (!isSuspending(hv)) {
    throw new HypervisorError(`Hypervisor '${hv.kind}' does not support suspend and resume`, { ecode: 'wrong_input' });
  }
  return hv;
}
