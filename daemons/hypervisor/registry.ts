// Hypervisor kind -> factory, as grpc-js registers load balancers: drivers plug in by
// registering, callers never switch on the kind. Instances are cached per Paths object so a
// node's driver keeps its in-memory state (caches, locks) across requests, while one test
// process can hold drivers for many virtual nodes.
import { HypervisorError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import { FakeHypervisor } from './fake.js';
import type { Hypervisor } from './hypervisor.js';
import { KvmHypervisor } from './kvm/kvm.js';

export type HypervisorFactory = (paths: Paths) => Hypervisor;

const factories = new Map<string, HypervisorFactory>();
const instances = new WeakMap<Paths, Map<string, Hypervisor>>();

export function registerHypervisor(kind: string, factory: HypervisorFactory): void {
  factories.set(kind, factory);
}

export function registeredHypervisors(): string[] {
  return [...factories.keys()];
}

export function isRegisteredHypervisor(kind: string): boolean {
  return factories.has(kind);
}

/** The driver of `kind` for the node of `paths`; HypervisorError (wrong_input) naming the known kinds otherwise. */
export function getHypervisor(kind: string, paths: Paths): Hypervisor {
  let perNode = instances.get(paths);
  if (!perNode) { perNode = new Map(); instances.set(paths, perNode); }
  let hv = perNode.get(kind);
  if (!hv) {
    const factory = factories.get(kind);
    if (!factory) {
      throw new HypervisorError(`Unknown hypervisor '${kind}' (available on this node: ${registeredHypervisors().join(', ')})`,
        { ecode: 'wrong_input' });
    }
    hv = factory(paths);
    perNode.set(kind, hv);
  }
  return hv;
}

// Built-in drivers.
registerHypervisor('fake', (paths) => new FakeHypervisor(paths));
registerHypervisor('kvm', (paths) => new KvmHypervisor(paths));
