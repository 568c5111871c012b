// The one list of hypervisors: name -> descriptor. Adding a hypervisor = a folder with its
// driver and descriptor.ts, plus one line here; test/unit/hypervisor/conformance.ts then
// says whether the driver does what its descriptor declares. The master, the CLI and tools
// read this (schemas, defaults, capabilities) and never load driver code; noded builds its
// driver registry (registry.ts) from the same descriptors.
import { HypervisorError } from '../common/errors.js';
import type { Cluster, Instance } from '../common/objects.js';
import type { HypervisorDescriptor } from './descriptor.js';
import { FAKE_DESCRIPTOR } from './fake/descriptor.js';
import { KVM_DESCRIPTOR } from './kvm/descriptor.js';

export type { ConsoleKind, HvCapabilities, HvParamSchema, HvParamSpec, HypervisorDescriptor, RebootType } from './descriptor.js';

const DESCRIPTORS: ReadonlyMap<string, HypervisorDescriptor> = new Map([
  [FAKE_DESCRIPTOR.name, FAKE_DESCRIPTOR],
  [KVM_DESCRIPTOR.name, KVM_DESCRIPTOR],
]);

/** Every hypervisor this build has, in registry order. */
export function hypervisorNames(): string[] {
  return [...DESCRIPTORS.keys()];
}

export function isKnownHypervisor(name: string): boolean {
  return DESCRIPTORS.has(name);
}

export function findHypervisor(name: string): HypervisorDescriptor | undefined {
  return DESCRIPTORS.get(name);
}

/** The descriptor of `name`; HypervisorError (wrong_input) naming the known ones otherwise. */
export function hypervisorDescriptor(name: string): HypervisorDescriptor {
  const d = DESCRIPTORS.get(name);
  if (!d) throw new HypervisorError(`Unknown hypervisor '${name}' (known: ${hypervisorNames().join(', ')})`, { ecode: 'wrong_input' });
  return d;
}

/** Ganeti's defaults of a hypervisor's parameters (a copy); empty for an unknown one. */
export function hvDefaults(name: string): Record<string, unknown> {
  return { ...(DESCRIPTORS.get(name)?.defaults ?? {}) };
}

/** An instance's effective hvparams (Ganeti's FillHV): defaults < cluster < OS < instance. */
export function fillHvParams(cluster: Cluster, inst: Instance): Record<string, unknown> {
  return {
    ...hvDefaults(inst.hypervisor),
    ...(cluster.hvparams[inst.hypervisor] ?? {}),
    ...(cluster.os_hvp[inst.os]?.[inst.hypervisor] ?? {}),
    ...inst.hvparams,
  };
}
