// noded's drivers, built from the descriptors (descriptors.ts): each descriptor's load()
// imports its implementation, once, when noded starts (loadHypervisorDrivers; only noded and
// node-side tests call it: the master reads descriptors and never loads a driver). Instances are
// cached per Paths object so a node's driver keeps its in-memory state (caches, locks)
// across requests, while one test process can hold drivers for many virtual nodes.
import { driverTable } from '../common/driver-table.js';
import { HypervisorError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import type { HypervisorFactory } from './descriptor.js';
import { findHypervisor, hypervisorNames } from './descriptors.js';
import type { Hypervisor } from './hypervisor.js';

const drivers = driverTable<HypervisorFactory>('hypervisor', hypervisorNames, (name) => findHypervisor(name)!.load());

/** Imports every hypervisor driver (noded's start; node-side tests). */
export const loadHypervisorDrivers = (): Promise<void> => drivers.load();

const instances = new WeakMap<Paths, Map<string, Hypervisor>>();

export function registeredHypervisors(): string[] {
  return [...drivers.factories().keys()];
}

export function isRegisteredHypervisor(kind: string): boolean {
  return drivers.factories().has(kind);
}

/** The driver of `kind` for the node of `paths`; HypervisorError (wrong_input) naming the known kinds otherwise. */
export function getHypervisor(kind: string, paths: Paths): Hypervisor {
  let perNode = instances.get(paths);
  if (!perNode) { perNode = new Map(); instances.set(paths, perNode); }
  let hv = perNode.get(kind);
  if (!hv) {
    const factory = drivers.factories().get(kind);
    if (!factory) {
      throw new HypervisorError(`Unknown hypervisor '${kind}' (available on this node: ${registeredHypervisors().join(', ')})`,
        { ecode: 'wrong_input' });
    }
    hv = factory(paths);
    perNode.set(kind, hv);
  }
  return hv;
}

/** Is any driver already made for this node watching running instances (Hypervisor.watching)? */
export function watchingHypervisors(paths: Paths): boolean {
  for (const hv of instances.get(paths)?.values() ?? []) if (hv.watching?.()) return true;
  return false;
}
