// What a hypervisor driver says about itself without running (Nomad's driver capabilities,
// Ganeti's hv_*.PARAMETERS and CAN_MIGRATE): its name, what it can do, its parameters with
// types, allowed values and Ganeti's defaults, the pure checks of those parameters, and how
// to load the implementation. The master and the CLI read descriptors only; noded loads
// the implementation through load() (registry.ts). Nothing here imports driver code.
import type { RebootType } from '../common/reboot-types.js';
import { ParameterError } from '../common/errors.js';
import type { Paths } from '../common/paths.js';
import type { Hypervisor } from './hypervisor.js';

export type ConsoleKind = 'message' | 'ssh' | 'vnc' | 'spice';
export type { RebootType };

export interface HvCapabilities {
  /** Implements MigratingHypervisor (migrating.ts): an instance moves while it runs. */
  migrate: boolean;
  /** Migration without pausing the guest (Ganeti's migration_mode live). */
  liveMigration: boolean;
  /** Devices added to and removed from a running instance. */
  hotplug: boolean;
  /** Suspend to and resume from a file. */
  suspend: boolean;
  /** Disk snapshots of a running instance: the driver freezes the guest (pauseInstance/continueInstance,
   * suspending.ts) while the node copies its disks, so they are of one point in time. */
  snapshot: boolean;
  /** Disk snapshots of a running instance without stopping its CPUs (disk-snapshotting.ts): its
   * writes go to overlays while the node copies the disks, then are merged back (kvm: QMP). */
  liveSnapshot: boolean;
  /** What getConsole returns for a running instance ('message': no real console). */
  consoles: readonly ConsoleKind[];
  /** soft = the driver resets the guest (rebootInstance); hard and full = noded stops and starts it. */
  rebootTypes: readonly RebootType[];
  /** The cluster allocates a TCP port per instance (Ganeti's HTS_REQ_PORT: VNC). */
  needsNetworkPort: boolean;
}

export interface HvParamSpec {
  type: 'string' | 'bool' | 'int';
  default: string | boolean | number;
  choices?: readonly string[];
}
export type HvParamSchema = Readonly<Record<string, HvParamSpec>>;
type Params = Record<string, unknown>;

export type HypervisorFactory = (paths: Paths) => Hypervisor;

export interface HypervisorDescriptor {
  readonly name: string;
  readonly capabilities: HvCapabilities;
  readonly params: HvParamSchema;
  /** Ganeti's defaults, from the schema. */
  readonly defaults: Readonly<Params>;
  /** Each given value on its own, beyond types and choices (a partial dict is fine); pure: the master runs it. */
  checkValues(p: Params): void;
  /** A filled set before a start: schema, values and the rules between parameters (Ganeti's CheckParameterSyntax). */
  checkSyntax(p: Params): void;
  /** The implementation, imported on first use (noded only). */
  load(): Promise<HypervisorFactory>;
}

export interface HypervisorDefinition {
  name: string;
  capabilities: HvCapabilities;
  params: HvParamSchema;
  checkValues?: (p: Params) => void;
  /** Rules between parameters of a filled set. */
  checkRules?: (p: Params) => void;
  load(): Promise<HypervisorFactory>;
}

export function defineHypervisor(def: HypervisorDefinition): HypervisorDescriptor {
  const checkValues = def.checkValues ?? (() => undefined);
  return Object.freeze({
    name: def.name,
    capabilities: Object.freeze({ ...def.capabilities }),
    params: def.params,
    defaults: Object.freeze(Object.fromEntries(Object.entries(def.params).map(([k, s]) => [k, s.default]))),
    checkValues,
    checkSyntax(p: Params): void {
      checkParamsAgainstSchema(def.name, def.params, p);
      checkValues(p);
      def.checkRules?.(p);
    },
    load: def.load,
  });
}

/**
 * Checks hvparams against a schema: unknown names, wrong types and values outside the
 * allowed choices are refused with a message naming the parameter and what is allowed.
 */
export function checkParamsAgainstSchema(kind: string, schema: HvParamSchema, hvparams: Params): void {
  for (const [key, value] of Object.entries(hvparams)) {
    const spec = schema[key];
    if (!spec) {
      const known = Object.keys(schema).join(', ') || '(none)';
      throw new ParameterError(`Unknown hypervisor parameter '${key}' for ${kind} (known: ${known})`,
        { ecode: 'wrong_input' });
    }
    const ok = spec.type === 'bool' ? typeof value === 'boolean'
      : spec.type === 'int' ? Number.isInteger(value)
        : typeof value === 'string';
    if (!ok) {
      throw new ParameterError(`Hypervisor parameter '${key}' of ${kind} must be of type ${spec.type}, got ${JSON.stringify(value)}`,
        { ecode: 'wrong_input' });
    }
    if (spec.choices && !spec.choices.includes(value as string)) {
      throw new ParameterError(`Invalid value ${JSON.stringify(value)} for hypervisor parameter '${key}' of ${kind} (allowed: ${spec.choices.join(', ')})`,
        { ecode: 'wrong_input' });
    }
  }
}
