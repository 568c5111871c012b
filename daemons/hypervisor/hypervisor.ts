// The Hypervisor interface (STYLE.md 2.2): a small set of lifecycle and query methods plus
// capability flags, instead of Ganeti's base class full of "not supported" stubs.
// Migration lives in the optional MigratingHypervisor interface (migrating.ts); what a
// driver can do and its parameters are declared by its descriptor (descriptor.ts).
import type { ConsoleKind, HvCapabilities, HvParamSchema } from './descriptor.js';

export type { HvCapabilities, HvParamSchema, HvParamSpec } from './descriptor.js';

/** What a hypervisor needs to know about an instance (filled parameters). */
export interface HvInstance {
  name: string;
  hypervisor: string;
  memory: number;                     // MiB (beparams maxmem)
  vcpus: number;
  hvparams: Record<string, unknown>;
}

/** running: the hypervisor runs it; user_down: it stopped by itself (guest shutdown). */
export type HvInstanceState = 'running' | 'user_down';

export interface HvInstanceInfo {
  name: string;
  state: HvInstanceState;
  memory: number;                     // MiB
  vcpus: number;
  hypervisor: string;
}

/** Ganeti's node info keys (hv_base.GetLinuxNodeInfo), all in MiB or counts. */
export interface HvNodeInfo {
  memory_total: number;
  memory_free: number;
  memory_dom0: number;
  cpu_total: number;
  cpu_used: number;
  cpu_nodes: number;
  cpu_sockets: number;
}

/** Ganeti's objects.InstanceConsole, serialised into InstanceRuntime.console_json. */
export interface ConsoleInfo {
  instance: string;
  kind: ConsoleKind;
  message?: string;
  host?: string;
  port?: number;
  user?: string;
  command?: string[];
}

export interface SignalOptions { signal?: AbortSignal }
export interface StartOptions extends SignalOptions {
  paused?: boolean;
  /** Start by loading a saved state (a driver-specific source, e.g. qemu's -incoming URI). */
  incoming?: string;
}
export interface StopOptions extends SignalOptions { force?: boolean; timeoutMs?: number }

export interface Hypervisor {
  readonly kind: string;
  readonly capabilities: HvCapabilities;
  readonly params: HvParamSchema;
  /** The descriptor's checkSyntax: throws ParameterError (wrong_input) naming the bad parameter. */
  checkParameterSyntax(hvparams: Record<string, unknown>): void;
  startInstance(inst: HvInstance, diskPaths: readonly string[], opts?: StartOptions): Promise<void>;
  stopInstance(inst: HvInstance, opts?: StopOptions): Promise<void>;
  rebootInstance(inst: HvInstance, opts?: SignalOptions): Promise<void>;
  listInstances(opts?: SignalOptions): Promise<string[]>;
  getInstanceInfo(name: string, opts?: SignalOptions): Promise<HvInstanceInfo | null>;
  /** Every instance the hypervisor runs. A driver may answer with the very array of its last
   * answer while nothing changed: callers read it, never change it. */
  getAllInstancesInfo(opts?: SignalOptions): Promise<HvInstanceInfo[]>;
  getNodeInfo(opts?: SignalOptions): Promise<HvNodeInfo>;
  /** Problems found on this node, as human-readable lines; empty when healthy. */
  verify(opts?: SignalOptions): Promise<string[]>;
  getConsole(inst: HvInstance): ConsoleInfo;
  /** true while the driver watches running instances in this process (kvm: QMP connections
   * that see a guest power off); noded's worker does not retire while one does. */
  watching?(): boolean;
}

/** What a driver's reattach (after a noded restart) did: the instances attached again, and
 * each one that failed with why (one failure never stops the others). */
export interface ReattachReport {
  attached: string[];
  failed: { name: string; error: string }[];
}
