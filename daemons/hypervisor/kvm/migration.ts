// Live migration of a kvm instance (Ganeti's hv_kvm MigrationInfo / AcceptInstance /
// MigrateInstance / GetMigrationStatus / FinalizeMigrationDst / FinalizeMigrationSource):
// the source hands over its runtime record; the target starts the same machine with
// `-incoming tcp:<its address>:<migration_port>`; the source's qemu is told to migrate there
// with the instance's bandwidth, downtime and capabilities; the master polls query-migrate;
// then the target keeps (or kills) its copy and the source quits (or resumes) its own.
// The source qemu is ended only in finalizeSource(success), i.e. after the target completed.
import { delay } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import type { HvInstance, SignalOptions } from '../hypervisor.js';
import type { MigrationState, MigrationStatus } from '../migrating.js';
import type { KvmDirs } from './dirs.js';
import { prepareLaunch, type LaunchEnv } from './launch.js';
import type { InstanceMonitor } from './monitor.js';
import { setupTaps, tapFlags, type NetEnv } from './network.js';
import { QMP_TIMEOUT_MS, runQemu } from './run-qemu.js';
import { writeRuntime, type KvmRuntime } from './runtime.js';
import type { KvmInstance } from './types.js';

/** What the migration steps need from the driver (kvm.ts keeps these private otherwise). */
export interface KvmMigrationHost {
  dirs: KvmDirs;
  net: NetEnv;
  log: Logger;
  launchEnv(): LaunchEnv;
  monitor(name: string): InstanceMonitor;
  livePid(name: string): number | null;
  runtime(name: string): KvmRuntime | null;
  /** Serialises work on one instance (start/stop/migrate steps). */
  locked<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Ends qemu (if asked) and removes every runtime trace of the instance. */
  cleanup(name: string, kill: boolean): Promise<void>;
  startTimeoutMs: number;
}

/** What the source sends the target: the runtime it runs with (Ganeti sends its serialised runtime). */
interface MigrationInfo { runtime: KvmRuntime }

/** qemu's MigrationStatus values mapped to Ganeti's HV_MIGRATION_* states. */
export function ganetiMigrationState(qemu: string): MigrationState {
  switch (qemu) {
    case 'completed': return 'completed';
    case 'failed': return 'failed';
    case 'cancelled': case 'cancelling': return 'cancelled';
    case 'none': case 'setup': return 'setup';
    default: return 'active';   // active, device, pre-switchover, postcopy-*, wait-unplug
  }
}

/** Ganeti's migration_caps: capability names separated by ':' (e.g. "xbzrle:auto-converge"). */
export function migrationCapabilities(caps: unknown): Array<{ capability: string; state: boolean }> {
  const text = typeof caps === 'string' ? caps.trim() : '';
  if (!text) return [];
  return text.split(':').map((c) => c.trim()).filter(Boolean).map((capability) => ({ capability, state: true }));
}

/** The tcp URI of the incoming side: `target` is the node's own (primary) address. */
export function incomingUri(target: string, port: number): string {
  if (!/^[0-9a-fA-F.:]+$/.test(target)) {
    throw new HypervisorError(`Invalid migration target address '${target}': an IP address is required`, { ecode: 'wrong_input' });
  }
  return target.includes(':') ? `tcp:[${target}]:${port}` : `tcp:${target}:${port}`;
}

function migrationPort(hvparams: Record<string, unknown>): number {
  const p = hvparams.migration_port;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
    throw new HypervisorError(`Invalid migration_port '${String(p)}': an integer between 1 and 65535 is required`, { ecode: 'wrong_input' });
  }
  return p;
}

interface QueryMigrate {
  status?: string;
  'error-desc'?: string;
  downtime?: number;
  'total-time'?: number;
  ram?: { transferred?: number; total?: number; remaining?: number };
}

const MiB = 1048576;
/** How long a target whose source completed may still be receiving before that is an error. */
const INCOMING_SETTLE_MS = 10_000;

export class KvmMigration {
  constructor(private readonly host: KvmMigrationHost) {}

  private qmp<T>(name: string, command: string, args?: Record<string, unknown>, opts: SignalOptions = {}): Promise<T> {
    return this.host.monitor(name).execute<T>(command, args, { timeoutMs: QMP_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}) });
  }

  private requireRunning(name: string): KvmRuntime {
    const rt = this.host.runtime(name);
    if (!rt || this.host.livePid(name) === null) {
      throw new HypervisorError(`Instance ${name} is not running on this node`, { ecode: 'wrong_state' });
    }
    return rt;
  }

  /** Source: the runtime the target must reproduce (same memory, vcpus, parameters, devices). */
  async info(inst: HvInstance): Promise<string> {
    const rt = this.requireRunning(inst.name);
    return JSON.stringify({ runtime: rt } satisfies MigrationInfo);
  }

  /** Target: the same machine, waiting for the memory on `target`:migration_port. */
  async accept(hvInst: HvInstance, info: string, target: string, diskPaths: readonly string[], opts: SignalOptions = {}): Promise<void> {
    const inst = hvInst as KvmInstance;
    let src: KvmRuntime;
    try {
      src = (JSON.parse(info) as MigrationInfo).runtime;
      if (!src || src.name !== inst.name || !Array.isArray(src.argv)) throw new Error('not a runtime record of this instance');
    } catch (err) {
      throw new HypervisorError(`Invalid migration information for instance ${inst.name}: ${(err as Error).message}`, { ecode: 'wrong_input' });
    }
    const uri = incomingUri(target, migrationPort(src.hvparams));
    await this.host.locked(inst.name, async () => {
      if (this.host.livePid(inst.name) !== null) {
        throw new HypervisorError(`Can't accept instance ${inst.name}: it is already running on this node`, { ecode: 'wrong_state' });
      }
      this.host.dirs.ensure();
      this.host.dirs.checkSocketPaths(inst.name);
      await this.host.cleanup(inst.name, false);
      // The machine as it runs on the source: its parameters, memory and vcpus; NICs keep their MACs.
      const machine: KvmInstance = { ...inst, hvparams: src.hvparams, memory: src.memory, vcpus: src.vcpus };
      try {
        const rt = await prepareLaunch(machine, diskPaths, false, this.host.launchEnv());
        rt.argv.push('-incoming', uri);
        await setupTaps(rt.nics, this.host.net, tapFlags(rt.hvparams));
        await writeRuntime(this.host.dirs, rt);
        await runQemu(rt, this.host.dirs, this.host.monitor(inst.name), this.host.log, this.host.startTimeoutMs);
        // As Ganeti's AcceptInstance: the incoming side gets migration_caps too (compress,
        // multifd, ... are refused by a target that does not have them).
        await this.setCapabilities(inst.name, { ...src.hvparams, ...inst.hvparams }.migration_caps, true, opts);
      } catch (err) {
        await this.host.cleanup(inst.name, true);
        throw err;
      }
      this.host.log.info(`instance ${inst.name}: waiting for incoming migration`, { uri, signal: !!opts.signal });
    });
  }

  /** Source: limits from the instance's parameters, then `migrate` to the target; returns once started. */
  async migrate(hvInst: HvInstance, target: string, live: boolean, opts: SignalOptions = {}): Promise<void> {
    const name = hvInst.name;
    const rt = this.requireRunning(name);
    const hv = { ...rt.hvparams, ...hvInst.hvparams };
    const uri = incomingUri(target, migrationPort(hv));
    if (!live) await this.qmp(name, 'stop', undefined, opts);
    const params: Record<string, unknown> = {};
    if (typeof hv.migration_bandwidth === 'number') params['max-bandwidth'] = hv.migration_bandwidth * MiB;
    if (typeof hv.migration_downtime === 'number') params['downtime-limit'] = hv.migration_downtime;
    try {
      if (Object.keys(params).length) await this.qmp(name, 'migrate-set-parameters', params, opts);
      await this.setCapabilities(name, hv.migration_caps, true, opts);
      await this.qmp(name, 'migrate', { uri }, opts);
    } catch (err) {
      if (!live) await this.qmp(name, 'cont').catch(() => undefined);
      throw err;
    }
    this.host.log.info(`instance ${name}: migration to ${uri} started`, { live, ...params });
  }

  /** Source: qemu's query-migrate as Ganeti's status; info carries qemu's downtime and total time. */
  async status(hvInst: HvInstance, opts: SignalOptions = {}): Promise<MigrationStatus> {
    const q = await this.qmp<QueryMigrate>(hvInst.name, 'query-migrate', undefined, opts);
    const status = ganetiMigrationState(q?.status ?? 'none');
    const out: MigrationStatus = { status };
    if (q?.ram?.transferred !== undefined) out.transferredRam = Math.round(q.ram.transferred / MiB);
    if (q?.ram?.total !== undefined) out.totalRam = Math.round(q.ram.total / MiB);
    const parts: string[] = [];
    if (q?.['error-desc']) parts.push(q['error-desc']);
    if (typeof q?.downtime === 'number') parts.push(`downtime ${q.downtime} ms`);
    if (typeof q?.['total-time'] === 'number') parts.push(`total time ${q['total-time']} ms`);
    if (parts.length) out.info = parts.join(', ');
    return out;
  }

  /** Target: on success the received machine must run here; on failure it is ended and cleaned up. */
  async finalizeDst(hvInst: HvInstance, success: boolean): Promise<void> {
    const name = hvInst.name;
    await this.host.locked(name, async () => {
      if (!success) {
        await this.host.cleanup(name, true);
        this.host.log.info(`instance ${name}: incoming migration aborted, target copy removed`);
        return;
      }
      if (this.host.livePid(name) === null) {
        throw new HypervisorError(`Instance ${name} is not running on the target after its migration`, { ecode: 'wrong_state' });
      }
      // The source reports completed once it has sent everything; the target may still be
      // loading the last of it (multifd channels, a loaded host): give it a moment.
      let st = await this.qmp<{ status?: string }>(name, 'query-status');
      for (const until = Date.now() + INCOMING_SETTLE_MS; st?.status === 'inmigrate' && Date.now() < until;) {
        await delay(50);
        st = await this.qmp<{ status?: string }>(name, 'query-status');
      }
      if (st?.status === 'inmigrate') {
        throw new HypervisorError(`Instance ${name} has not received its migration yet (qemu status ${st.status})`, { ecode: 'wrong_state' });
      }
      // As Ganeti's FinalizeMigrationDst: the capabilities were for this migration only.
      await this.setCapabilities(name, { ...this.host.runtime(name)?.hvparams, ...hvInst.hvparams }.migration_caps, false)
        .catch((err: unknown) => this.host.log.warn(`instance ${name}: could not clear its migration capabilities: ${String(err)}`));
    });
  }

  /** Turns the instance's migration_caps on or off in its qemu. */
  private async setCapabilities(name: string, caps: unknown, on: boolean, opts: SignalOptions = {}): Promise<void> {
    const list = migrationCapabilities(caps).map((c) => ({ ...c, state: on }));
    if (list.length) await this.qmp(name, 'migrate-set-capabilities', { capabilities: list }, opts);
  }

  /** Source: on success quit the (paused, migrated) qemu; on failure cancel and let the guest run on. */
  async finalizeSource(hvInst: HvInstance, success: boolean): Promise<void> {
    const name = hvInst.name;
    await this.host.locked(name, async () => {
      if (success) {
        // qemu's own figures of the finished transfer, for the log (and bench/migration.ts).
        const q = await this.qmp<QueryMigrate>(name, 'query-migrate').catch(() => null);
        await this.host.cleanup(name, true);
        this.host.log.info(`instance ${name}: migrated away, source copy ended`,
          { downtime_ms: q?.downtime, total_ms: q?.['total-time'], transferred_mib: q?.ram?.transferred !== undefined ? Math.round(q.ram.transferred / MiB) : undefined });
        return;
      }
      if (this.host.livePid(name) === null) {
        throw new HypervisorError(`Instance ${name} is not running on the source any more`, { ecode: 'wrong_state' });
      }
      const q = await this.qmp<QueryMigrate>(name, 'query-migrate').catch(() => null);
      if (q?.status && ganetiMigrationState(q.status) === 'active') await this.qmp(name, 'migrate_cancel').catch(() => undefined);
      const st = await this.qmp<{ status?: string }>(name, 'query-status');
      if (st?.status && st.status !== 'running') await this.qmp(name, 'cont');
      this.host.log.info(`instance ${name}: migration failed or aborted, running on here`, { was: st?.status });
    });
  }
}
