// The kvm hypervisor on real qemu (Ganeti's hv_kvm): qemu runs daemonized with a pid file,
// a QMP socket that noded keeps a connection to, a serial console socket and VNC; the
// runtime record (runtime.ts) says exactly what runs. State always comes from the process
// and QMP, never from memory, so a restarted noded sees the same picture (re-attach).
//
// Stop = ACPI powerdown, wait up to the timeout, QMP quit, then SIGKILL (force: quit now).
// A guest that powers itself off leaves qemu in state "shutdown" (-no-shutdown): noded
// records that as the user's stop (user_down, Ganeti's USER_down) and ends qemu; nothing
// restarts it. Soft reboot = QMP system_reset; hard reboot is stop + start (noded's backend).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { delay, Mutex } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';
import { isSafeName } from '../../common/known-files.js';
import { createLogger, type Logger } from '../../common/log.js';
import type { Paths } from '../../common/paths.js';
import { readSsconf } from '../../common/ssconf.js';
import { readFakeCapacity, readHostMemory } from '../fake-capacity.js';
import type { MigratingHypervisor, MigrationStatus } from '../migrating.js';
import type { SuspendingHypervisor } from '../suspending.js';
import type { DiskSnapshottingHypervisor, LiveDisk } from '../disk-snapshotting.js';
import type {
  ConsoleInfo, HvInstance, HvInstanceInfo, HvNodeInfo, Hypervisor, ReattachReport, SignalOptions, StartOptions, StopOptions,
} from '../hypervisor.js';
import type { AccelProbe } from './accel.js';
import { kvmConsole } from './console.js';
import { KVM_DESCRIPTOR } from './descriptor.js';
import { KvmDirs } from './dirs.js';
import { liveSnapshotObstacle, mergeWrites, redirectWrites } from './disk-snapshot.js';
import { prepareLaunch, type LaunchEnv } from './launch.js';
import { KvmMigration } from './migration.js';
import { InstanceMonitor } from './monitor.js';
import { defaultNetEnv, setupTaps, tapFlags, teardownTaps, type NetEnv } from './network.js';
import { isInstanceQemu, killQuietly, readPid, waitGone } from './process.js';
import type { QmpEvent } from './qmp.js';
import { QMP_TIMEOUT_MS, runQemu } from './run-qemu.js';
import { readRuntime, removeQuietly, runtimeNames, writeRuntime, type KvmRuntime } from './runtime.js';
import { poolUidsOf, releasePoolUid } from './security.js';
import type { KvmInstance } from './types.js';
import { checkStateFile, checkStatePath, corruptState, incomingUri, saveState, waitLoaded } from './suspend.js';

export interface KvmHypervisorOptions {
  net?: NetEnv;
  logger?: Logger;
  accelProbe?: AccelProbe;
  passwdFile?: string;
  meminfoFile?: string;
  /** How long qemu may take to daemonize (loaded machines are slow). */
  startTimeoutMs?: number;
}

/** Ganeti's default shutdown timeout (120 s) when the caller gives none. */
const DEFAULT_STOP_TIMEOUT_MS = 120_000;
const POWERDOWN_REPEAT_MS = 5000;

export class KvmHypervisor implements Hypervisor, MigratingHypervisor, SuspendingHypervisor, DiskSnapshottingHypervisor {
  readonly kind = KVM_DESCRIPTOR.name;
  readonly capabilities = KVM_DESCRIPTOR.capabilities;
  readonly params = KVM_DESCRIPTOR.params;
  readonly dirs: KvmDirs;
  private readonly net: NetEnv;
  private readonly log: Logger;
  private readonly monitors = new Map<string, InstanceMonitor>();
  private readonly locks = new Map<string, Mutex>();
  /** Instances noded is stopping right now: their guest's power-off is ours, not the user's. */
  private readonly stopping = new Set<string>();

  constructor(private readonly paths: Paths, private readonly opts: KvmHypervisorOptions = {}) {
    this.dirs = new KvmDirs(paths);
    this.net = opts.net ?? defaultNetEnv(paths.confDir);
    this.log = opts.logger ?? createLogger('kvm');
  }

  checkParameterSyntax(hvparams: Record<string, unknown>): void {
    KVM_DESCRIPTOR.checkSyntax(hvparams);
  }

  async startInstance(hvInst: HvInstance, diskPaths: readonly string[], opts: StartOptions = {}): Promise<void> {
    const inst = hvInst as KvmInstance;
    // hvparams were checked by the master and by noded's backend (checkParameterSyntax) before this.
    const name = this.checkName(inst.name);
    await this.lock(name).run(async () => {
      this.dirs.ensure();
      this.dirs.checkSocketPaths(name);
      const pid = this.livePid(name);
      if (pid !== null) {
        if ((await this.status(name)) !== 'shutdown') {
          throw new HypervisorError(`Failed to start instance ${name}: already running`, { ecode: 'wrong_state' });
        }
      }
      await this.cleanup(name, true);   // leftovers of a user-down, crashed or half-started instance
      const t0 = performance.now();
      let rt: KvmRuntime;
      try {
        rt = await prepareLaunch(inst, diskPaths, !!opts.paused, this.launchEnv());
        if (opts.incoming) rt.argv.push('-incoming', opts.incoming);   // resume (suspend.ts)
        await setupTaps(rt.nics, this.net, tapFlags(rt.hvparams));
        await writeRuntime(this.dirs, rt);
        await runQemu(rt, this.dirs, this.monitor(name), this.log, this.opts.startTimeoutMs ?? 60_000);
      } catch (err) {
        await this.cleanup(name, true);
        throw err;
      }
      this.log.info(`started instance ${name}`, { pid: this.livePid(name), accel: rt.accel, ms: Math.round(performance.now() - t0) });
    });
  }

  async stopInstance(hvInst: HvInstance, opts: StopOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    await this.lock(name).run(async () => {
      const pid = this.livePid(name);
      if (pid === null) {
        await this.cleanup(name, false);
        return;
      }
      const rt = this.runtime(name);
      const timeoutMs = opts.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
      this.stopping.add(name);
      writeFileSync(this.dirs.stoppingMarker(name), `${new Date().toISOString()}\n`);
      try {
        if (!opts.force && rt?.hvparams.acpi !== false) {
          if (!(await this.waitPoweredOff(name, pid, timeoutMs))) {
            this.log.warn(`instance ${name} did not power off within ${Math.round(timeoutMs / 1000)} s, forcing it off`);
          }
        }
        await this.endQemu(name, pid);
      } finally {
        this.stopping.delete(name);
      }
      await this.cleanup(name, false);
      this.log.info(`stopped instance ${name}`, { force: !!opts.force });
    });
  }

  /** Soft reboot: a reset of the running machine (same qemu process). */
  async rebootInstance(hvInst: HvInstance, opts: SignalOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    await this.lock(name).run(async () => {
      if (this.livePid(name) === null || (await this.status(name)) === 'shutdown') {
        throw new HypervisorError(`Failed to reboot instance ${name}: not running`, { ecode: 'wrong_state' });
      }
      await this.monitor(name).execute('system_reset', undefined, { timeoutMs: QMP_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}) });
    });
  }

  /** Suspend (suspend.ts): the state goes to statePath, then qemu ends as on a stop. */
  async suspendInstance(hvInst: HvInstance, statePath: string, opts: SignalOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    checkStatePath(statePath);
    await this.lock(name).run(async () => {
      const pid = this.livePid(name);
      if (pid === null || (await this.status(name)) === 'shutdown') {
        throw new HypervisorError(`Failed to suspend instance ${name}: not running`, { ecode: 'wrong_state' });
      }
      const bytes = await saveState(this.monitor(name), name, statePath, opts.signal);
      this.stopping.add(name);
      try { await this.endQemu(name, pid); } finally { this.stopping.delete(name); }
      await this.cleanup(name, false);
      this.log.info(`suspended instance ${name}`, { statePath, bytes });
    });
  }

  /** A snapshot's memory: the state saved as on suspend, then qemu goes on (a guest that ran
   * before runs again; cont after a completed save takes the disks back, as qemu requires). */
  async saveInstanceState(hvInst: HvInstance, statePath: string, opts: SignalOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    checkStatePath(statePath);
    await this.lock(name).run(async () => {
      if (this.livePid(name) === null || (await this.status(name)) === 'shutdown') {
        throw new HypervisorError(`Failed to save the state of instance ${name}: not running`, { ecode: 'wrong_state' });
      }
      const wasRunning = (await this.status(name)) === 'running';
      const bytes = await saveState(this.monitor(name), name, statePath, opts.signal);
      const q = { timeoutMs: QMP_TIMEOUT_MS };
      if (wasRunning) await this.monitor(name).execute('cont', undefined, q);
      this.log.info(`saved the state of instance ${name}`, { statePath, bytes });
    });
  }

  async resumeInstance(hvInst: HvInstance, diskPaths: readonly string[], statePath: string, opts: SignalOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    await checkStateFile(name, statePath);
    const incoming = incomingUri(statePath);
    // A resume from this file whose node daemon died (a retry): its qemu loads the state or
    // runs the loaded guest; wait for it instead of refusing an instance that is "running".
    if (this.livePid(name) !== null && this.runtime(name)?.argv.includes(incoming)) {
      this.log.info(`instance ${name}: qemu started by an earlier resume from '${statePath}' is there, waiting for it`);
    } else {
      try {
        await this.startInstance(hvInst, diskPaths, { ...opts, incoming });
      } catch (err) {   // qemu refused the stream before it even started
        if (err instanceof HypervisorError && err.ecode === 'wrong_state') throw err;
        throw corruptState(name, statePath, (err as Error).message);
      }
    }
    try {
      await waitLoaded(this.monitor(name), name, statePath, () => this.livePid(name) !== null);
    } catch (err) {
      await this.lock(name).run(() => this.cleanup(name, true));
      throw err;
    }
    this.log.info(`resumed instance ${name}`, { statePath });
  }

  async pauseInstance(hvInst: HvInstance, opts: SignalOptions = {}): Promise<void> {
    await this.runState(hvInst.name, 'stop', opts);
  }

  async continueInstance(hvInst: HvInstance, opts: SignalOptions = {}): Promise<void> {
    await this.runState(hvInst.name, 'cont', opts);
  }

  private async runState(instName: string, cmd: 'stop' | 'cont', opts: SignalOptions): Promise<void> {
    const name = this.checkName(instName);
    await this.lock(name).run(async () => {
      if (this.livePid(name) === null || (await this.status(name)) === 'shutdown') {
        throw new HypervisorError(`Instance ${name} is not running`, { ecode: 'wrong_state' });
      }
      await this.monitor(name).execute(cmd, undefined, { timeoutMs: QMP_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}) });
    });
  }

  /** Live disk snapshots (disk-snapshot.ts): the guest's writes go to overlays, its CPUs run on. */
  async redirectDiskWrites(hvInst: HvInstance, disks: readonly LiveDisk[], opts: SignalOptions = {}): Promise<boolean> {
    const name = this.checkName(hvInst.name);
    return this.lock(name).run(async () => {
      const rt = this.runningRuntime(name);
      const obstacle = liveSnapshotObstacle(rt);
      if (obstacle) {
        this.log.info(`instance ${name}: disk snapshots taken frozen, ${obstacle}`);
        return false;
      }
      await redirectWrites(this.monitor(name), name, rt, disks, opts.signal);
      return true;
    });
  }

  async mergeDiskWrites(hvInst: HvInstance, _disks: readonly LiveDisk[], opts: SignalOptions = {}): Promise<void> {
    const name = this.checkName(hvInst.name);
    await this.lock(name).run(async () => mergeWrites(this.monitor(name), name, this.runningRuntime(name), opts.signal));
  }

  private runningRuntime(name: string): KvmRuntime {
    const rt = this.livePid(name) === null ? null : this.runtime(name);
    if (!rt) throw new HypervisorError(`Instance ${name} is not running`, { ecode: 'wrong_state' });
    return rt;
  }

  async listInstances(): Promise<string[]> {
    return (await this.getAllInstancesInfo()).filter((i) => i.state === 'running').map((i) => i.name);
  }

  async getInstanceInfo(name: string): Promise<HvInstanceInfo | null> {
    if (!isSafeName(name)) return null;
    let rt: KvmRuntime | null;
    try { rt = readRuntime(this.dirs, name); } catch (err) {
      this.log.warn((err as Error).message);
      return null;
    }
    if (!rt) return null;
    const down: HvInstanceInfo = { name, state: 'user_down', memory: 0, vcpus: 0, hypervisor: this.kind };
    if (this.livePid(name) === null) return existsSync(this.dirs.shutdownMarker(name)) ? down : null;
    const status = await this.status(name);
    if (status === 'shutdown' && !this.stopping.has(name)) {
      this.settleGuestPowerOff(name, 'guest-shutdown');
      return down;
    }
    let memory = rt.memory;
    if (status) {   // no status answer: QMP is busy or hung, do not wait for it twice
      try {
        const b = await this.monitor(name).execute<{ actual?: number }>('query-balloon', undefined, { timeoutMs: QMP_TIMEOUT_MS });
        if (typeof b?.actual === 'number') memory = Math.round(b.actual / 1048576);
      } catch { /* no balloon answer: the configured memory */ }
    }
    return { name, state: 'running', memory, vcpus: rt.vcpus, hypervisor: this.kind };
  }

  async getAllInstancesInfo(): Promise<HvInstanceInfo[]> {
    const infos = await Promise.all(runtimeNames(this.dirs).map((n) => this.getInstanceInfo(n)));
    return infos.filter((i): i is HvInstanceInfo => i !== null);
  }

  async getNodeInfo(): Promise<HvNodeInfo> {
    let memory = 0;
    let vcpus = 0;
    for (const name of runtimeNames(this.dirs)) {
      if (this.livePid(name) === null) continue;
      const rt = this.runtime(name);
      memory += rt?.memory ?? 0;
      vcpus += rt?.vcpus ?? 0;
    }
    const cap = readFakeCapacity(this.paths.fakeCapacityFile);
    if (cap) {   // a virtual node: its declared capacity, as the fake hypervisor accounts it
      return {
        memory_total: cap.memory, memory_dom0: cap.memory_dom0, memory_free: Math.max(0, cap.memory - cap.memory_dom0 - memory),
        cpu_total: cap.cpus, cpu_used: vcpus, cpu_nodes: 1, cpu_sockets: 1,
      };
    }
    const mem = readHostMemory(readFileSync(this.opts.meminfoFile ?? '/proc/meminfo', 'utf8'));
    return {
      memory_total: mem.total, memory_dom0: mem.dom0, memory_free: mem.free,
      cpu_total: cpus().length, cpu_used: vcpus, cpu_nodes: 1, cpu_sockets: 1,
    };
  }

  async verify(): Promise<string[]> {
    const problems: string[] = [];
    const qemu = String(KVM_DESCRIPTOR.defaults.kvm_path);
    if (!existsSync(qemu)) problems.push(`The qemu binary '${qemu}' does not exist (install qemu-system-x86)`);
    if (!['/usr/bin/socat', '/bin/socat', '/usr/local/bin/socat'].some((p) => existsSync(p))) {
      problems.push('socat is not installed: instance serial consoles cannot be reached');
    }
    return problems;
  }

  getConsole(inst: HvInstance): ConsoleInfo {
    let rt: KvmRuntime | null = null;
    try { rt = readRuntime(this.dirs, inst.name); } catch { rt = null; }
    if (!rt) return { instance: inst.name, kind: 'message', message: `Instance ${inst.name} is not running` };
    return kvmConsole(rt, { hostname: this.paths.hostname, nodeRoot: this.paths.nodeRoot });
  }

  // Live migration (migration.ts): the six steps of MigratingHypervisor.
  private migrationSteps: KvmMigration | null = null;
  private get migration(): KvmMigration {
    this.migrationSteps ??= new KvmMigration({
      dirs: this.dirs, net: this.net, log: this.log, launchEnv: () => this.launchEnv(), monitor: (n) => this.monitor(n),
      livePid: (n) => this.livePid(n), runtime: (n) => this.runtime(n), locked: (n, fn) => this.lock(n).run(fn),
      cleanup: (n, kill) => this.cleanup(n, kill), startTimeoutMs: this.opts.startTimeoutMs ?? 60_000,
    });
    return this.migrationSteps;
  }
  migrationInfo(inst: HvInstance): Promise<string> { return this.migration.info(inst); }
  acceptInstance(inst: HvInstance, info: string, target: string, diskPaths: readonly string[], opts?: SignalOptions): Promise<void> {
    return this.migration.accept(inst, info, target, diskPaths, opts);
  }
  migrateInstance(_cluster: string, inst: HvInstance, target: string, live: boolean, opts?: SignalOptions): Promise<void> {
    return this.migration.migrate(inst, target, live, opts);
  }
  getMigrationStatus(inst: HvInstance, opts?: SignalOptions): Promise<MigrationStatus> { return this.migration.status(inst, opts); }
  finalizeMigrationDst(inst: HvInstance, _info: string, success: boolean): Promise<void> { return this.migration.finalizeDst(inst, success); }
  finalizeMigrationSource(inst: HvInstance, success: boolean): Promise<void> { return this.migration.finalizeSource(inst, success); }

  /**
   * After a noded (re)start: opens the QMP connection of every instance still running, so
   * its events are seen again, and settles instances whose guest powered off meanwhile.
   * Each instance is handled on its own: one that fails is reported in `failed` and the
   * others are still picked up.
   */
  async reattach(): Promise<ReattachReport> {
    const report: ReattachReport = { attached: [], failed: [] };
    for (const name of runtimeNames(this.dirs)) {
      try {
        if (await this.reattachOne(name)) report.attached.push(name);
      } catch (err) {
        const error = (err as Error).message;
        report.failed.push({ name, error });
        this.log.error(`re-attaching to instance ${name} failed: ${error}`);
      }
    }
    return report;
  }

  /** true when the instance runs on and is attached again; false when it was settled or is gone. */
  private async reattachOne(name: string): Promise<boolean> {
    const pid = this.livePid(name);
    if (pid === null) return false;
    const status = await this.status(name);
    if (status === 'shutdown' && !existsSync(this.dirs.stoppingMarker(name))) {
      await this.onGuestPowerOff(name, 'guest-shutdown');
      return false;
    }
    if (status === 'shutdown') {   // noded died in the middle of stopping it: finish the stop
      await this.stopInstance({ name, hypervisor: this.kind, memory: 0, vcpus: 0, hvparams: {} }, { force: true });
      return false;
    }
    this.log.info(`re-attached to running instance ${name}`, { pid, status });
    // A snapshot interrupted while its writes were redirected: merge them into the disks now.
    const rt = this.runtime(name);
    if (rt) await mergeWrites(this.monitor(name), name, rt).catch((err: Error) => this.log.error(err.message));
    return true;
  }

  /** Open QMP connections: their events settle guests that power off (noded's worker stays). */
  watching(): boolean { return this.monitors.size > 0; }

  /** Closes every QMP connection (the instances keep running); what noded's death does implicitly. */
  close(): void {
    for (const name of [...this.monitors.keys()]) this.dropMonitor(name);
  }

  /** A guest stopped by itself: record user_down (only for a power-off), end qemu, free its devices. */
  private async onGuestPowerOff(name: string, reason: string): Promise<void> {
    await this.lock(name).run(async () => {
      if (this.stopping.has(name)) return;
      const pid = this.livePid(name);
      if (pid === null) return;
      if (reason === 'guest-shutdown') {
        writeFileSync(this.dirs.shutdownMarker(name), `${JSON.stringify({ reason, time: Date.now() / 1000 })}\n`);
        this.log.info(`instance ${name} was powered off from inside the guest: recorded as stopped by its user (user_down)`);
      } else {
        this.log.warn(`instance ${name} stopped from inside the guest (${reason}): not running any more`);
      }
      await this.endQemu(name, pid);
      const rt = this.runtime(name);
      if (rt) await teardownTaps(rt.nics, this.net);
      this.releaseUids(name, rt);
      for (const f of [this.dirs.pidFile(name), this.dirs.qmpSocket(name), this.dirs.serialSocket(name), this.dirs.vncSocket(name), this.dirs.qgaSocket(name)]) removeQuietly(f);
    });
  }

  private onEvent(name: string, ev: QmpEvent): void {
    if (ev.event !== 'SHUTDOWN' || ev.data.guest !== true || this.stopping.has(name)) return;
    this.settleGuestPowerOff(name, typeof ev.data.reason === 'string' ? ev.data.reason : 'guest-shutdown');
  }

  /** onGuestPowerOff in the background: a failure is logged, never left to crash noded. */
  private settleGuestPowerOff(name: string, reason: string): void {
    this.onGuestPowerOff(name, reason).catch((err: unknown) =>
      this.log.error(`handling the power-off of instance ${name} failed: ${(err as Error).message}`));
  }

  /** QMP quit, then SIGKILL if qemu is still there after a while. */
  private async endQemu(name: string, pid: number): Promise<void> {
    await this.monitor(name).execute('quit', undefined, { timeoutMs: QMP_TIMEOUT_MS }).catch(() => undefined);
    if (!(await waitGone(pid, 10_000))) {
      this.log.warn(`qemu of instance ${name} (pid ${pid}) ignored quit, killing it`);
      killQuietly(pid);
      await waitGone(pid, 5000);
    }
    this.dropMonitor(name);
  }

  /**
   * ACPI powerdown, repeated every few seconds as Ganeti's stop retries do (a guest still
   * booting has nobody listening to the power button yet), until the guest powered off
   * (qemu status "shutdown") or qemu is gone; false on timeout.
   */
  private async waitPoweredOff(name: string, pid: number, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    let nextPress = 0;
    while (Date.now() < end) {
      if (!this.isAlive(name, pid)) return true;
      if (Date.now() >= nextPress) {
        await this.monitor(name).execute('system_powerdown', undefined, { timeoutMs: QMP_TIMEOUT_MS }).catch(() => undefined);
        nextPress = Date.now() + POWERDOWN_REPEAT_MS;
      }
      if ((await this.status(name)) === 'shutdown') return true;
      await delay(100);
    }
    return false;
  }

  /** Removes every runtime trace of the instance; kills its qemu first when asked. */
  private async cleanup(name: string, kill: boolean): Promise<void> {
    const pid = this.livePid(name);
    if (kill && pid !== null) await this.endQemu(name, pid);
    this.dropMonitor(name);
    let rt: KvmRuntime | null = null;
    try { rt = readRuntime(this.dirs, name); } catch { rt = null; }
    if (rt) await teardownTaps(rt.nics, this.net);
    this.releaseUids(name, rt);
    const files = [this.dirs.pidFile(name), this.dirs.runtimeFile(name), this.dirs.qmpSocket(name), this.dirs.serialSocket(name),
      this.dirs.vncSocket(name), this.dirs.qgaSocket(name), this.dirs.shutdownMarker(name), this.dirs.stoppingMarker(name)];
    for (const f of files) removeQuietly(f);
    rmSync(this.dirs.nicInstanceDir(name), { recursive: true, force: true });
    rmSync(this.dirs.chroot(name), { recursive: true, force: true });
  }

  private releaseUids(name: string, rt: KvmRuntime | null): void {
    releasePoolUid(this.dirs.uidDir, rt?.poolUid ?? null);
    for (const uid of poolUidsOf(this.dirs.uidDir, name)) releasePoolUid(this.dirs.uidDir, uid);
  }

  /** qemu's run state ("running", "paused", "shutdown"…), or "" when QMP does not answer. */
  private async status(name: string): Promise<string> {
    try {
      const s = await this.monitor(name).execute<{ status?: string }>('query-status', undefined, { timeoutMs: QMP_TIMEOUT_MS });
      return s?.status ?? '';
    } catch { return ''; }
  }

  private monitor(name: string): InstanceMonitor {
    let m = this.monitors.get(name);
    if (!m) {
      m = new InstanceMonitor(name, this.dirs.qmpSocket(name), (n, ev) => this.onEvent(n, ev));
      this.monitors.set(name, m);
    }
    return m;
  }

  private dropMonitor(name: string): void {
    this.monitors.get(name)?.close();
    this.monitors.delete(name);
  }

  private livePid(name: string): number | null {
    const pid = readPid(this.dirs.pidFile(name));
    return isInstanceQemu(pid, name, this.dirs.pidFile(name)) ? pid : null;
  }

  private isAlive(name: string, pid: number): boolean {
    return isInstanceQemu(pid, name, this.dirs.pidFile(name));
  }

  private runtime(name: string): KvmRuntime | null {
    try { return readRuntime(this.dirs, name); } catch { return null; }
  }

  private launchEnv(): LaunchEnv {
    return {
      dirs: this.dirs, net: this.net, log: this.log, uidPool: () => readSsconf(this.paths, 'uid_pool') ?? '',
      usedPorts: () => this.usedPorts(),
      ...(this.opts.accelProbe ? { accelProbe: this.opts.accelProbe } : {}),
      ...(this.opts.passwdFile ? { passwdFile: this.opts.passwdFile } : {}),
    };
  }

  private usedPorts(): Set<number> {
    const used = new Set<number>();
    for (const n of runtimeNames(this.dirs)) {
      const v = this.runtime(n)?.vnc;
      if (v?.kind === 'tcp') used.add(v.port);
    }
    return used;
  }

  private checkName(name: string): string {
    if (!isSafeName(name)) throw new HypervisorError(`Invalid instance name '${name}' for the kvm hypervisor`, { ecode: 'wrong_input' });
    return name;
  }

  private lock(name: string): Mutex {
    let m = this.locks.get(name);
    if (!m) { m = new Mutex(); this.locks.set(name, m); }
    return m;
  }
}
