// Ganeti's fake hypervisor (lib/hypervisor/hv_fake.py): one state file per running instance
// at <run>/fake-hypervisor/<name> holding `0`, `<memory MiB>`, `<vcpus>`. Unlike Ganeti it
// accounts memory against per-node capacities (fake-capacity.ts) and refuses a start that
// does not fit, so a virtual cluster can run out of memory like a real one.
//
// Synchronous fs on purpose: reading 10,000 three-line files with openSync/readSync takes
// ~55 ms, while fs/promises readFile in parallel takes ~700 ms (four threadpool hops per file).
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Mutex } from '../../common/async.js';
import { HypervisorError } from '../../common/errors.js';
import { isSafeName } from '../../common/known-files.js';
import type { Paths } from '../../common/paths.js';
import { readFakeCapacity, readHostMemory } from '../fake-capacity.js';
import type { ConsoleInfo, HvInstance, HvInstanceInfo, HvNodeInfo, Hypervisor, SignalOptions } from '../hypervisor.js';
import type { DiskSnapshottingHypervisor, LiveDisk } from '../disk-snapshotting.js';
import type { MigratingHypervisor, MigrationStatus } from '../migrating.js';
import type { SuspendingHypervisor } from '../suspending.js';
import { FAKE_DESCRIPTOR } from './descriptor.js';
import { createOverlays, mergeOverlays } from './disk-snapshot.js';

// userDown: a 4th line `user_down` says the guest powered itself off (tests write it to
// simulate that; Ganeti's hv state "shutdown"): reported as state user_down, still counted.
// paused: a 4th line `paused` (gnt-instance pause): still running, its CPUs stopped.
interface Usage { memory: number; vcpus: number; userDown?: boolean; paused?: boolean }

// Start = check free memory, then write the state file; two concurrent starts must not both
// pass the check. Keyed by directory so that every FakeHypervisor of one node shares it.
const startLocks = new Map<string, Mutex>();

const readBuf = Buffer.alloc(256);
const infos = new WeakMap<Usage, HvInstanceInfo>();

/** Reads one state file; null if it does not exist. Malformed numbers count as 0. */
function readStateFile(file: string): Usage | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let n: number;
  try { n = readSync(fd, readBuf, 0, readBuf.length, 0); } finally { closeSync(fd); }
  const lines = readBuf.toString('latin1', 0, n).split('\n');
  const int = (s: string | undefined) => { const v = parseInt(s ?? '', 10); return Number.isFinite(v) ? v : 0; };
  return { memory: int(lines[1]), vcpus: int(lines[2]), userDown: lines[3]?.trim() === 'user_down', paused: lines[3]?.trim() === 'paused' };
}

/** How long a listing kept under watch is trusted at most before every file is read again
 * (the kernel drops change events silently when its queue overflows; this bounds what a
 * lost event could hide). */
const LISTING_MAX_AGE_MS = 30_000;

/** The directory's running instances as last read, kept while inotify (fs.watch) watches it:
 * a change event marks its file name for a re-read, so a list reads only what changed,
 * whoever changed it (noded, a test, an admin removing a state file). */
interface Listing {
  watcher: FSWatcher;
  ino: bigint;
  /** The directory's mtime at the last readdir: a create or unlink changes it. */
  mtimeNs: bigint;
  names: Set<string>;
  /** File names with a change event since they were read; all: re-read everything. */
  dirty: Set<string>;
  all: boolean;
  readAt: number;
  /** The last answer, while no file changed since: the same array (noded's tagged listing
   * then tells an unchanged node by the array alone, not by 2,000 entries). */
  out: HvInstanceInfo[] | null;
}

/** One turn of the event loop: change events the kernel queued before a request arrived are
 * delivered in the same poll phase as the request, so after this hop they have been seen. */
const eventsSeen = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface FakeHypervisorOptions {
  /** Host memory source when no capacity file exists (tests point it elsewhere). */
  meminfoFile?: string;
}

export class FakeHypervisor implements Hypervisor, MigratingHypervisor, SuspendingHypervisor, DiskSnapshottingHypervisor {
  readonly kind = FAKE_DESCRIPTOR.name;
  // Migration as Ganeti's hv_fake (MigratingHypervisor, migrating.ts): nothing moves but the state file.
  readonly capabilities = FAKE_DESCRIPTOR.capabilities;
  readonly params = FAKE_DESCRIPTOR.params;
  readonly dir: string;
  private readonly capacityFile: string;
  private readonly hostname: string;
  private readonly meminfoFile: string;
  // Memory/vcpus of state files already read, by name. Starts consult it (plus one readdir)
  // instead of re-reading every file; files appear and vanish only through readdir-visible
  // creates and unlinks, and their contents change only through this class.
  private readonly known = new Map<string, Usage>();
  private listing: Listing | null = null;

  constructor(paths: Paths, opts: FakeHypervisorOptions = {}) {
    this.dir = paths.fakeHvDir;
    this.capacityFile = paths.fakeCapacityFile;
    this.hostname = paths.hostname;
    this.meminfoFile = opts.meminfoFile ?? '/proc/meminfo';
  }

  checkParameterSyntax(hvparams: Record<string, unknown>): void {
    FAKE_DESCRIPTOR.checkSyntax(hvparams);
  }

  async listInstances(): Promise<string[]> {
    return this.names();
  }

  async getInstanceInfo(name: string): Promise<HvInstanceInfo | null> {
    if (!isSafeName(name)) return null;
    const u = readStateFile(join(this.dir, name));
    if (!u) { this.known.delete(name); return null; }
    this.known.set(name, u);
    return this.info(name, u);
  }

  async getAllInstancesInfo(): Promise<HvInstanceInfo[]> {
    await eventsSeen();
    const st = statSync(this.dir, { bigint: true, throwIfNoEntry: false });
    let l = this.listing;
    if (l && (!st || st.ino !== l.ino || performance.now() - l.readAt > LISTING_MAX_AGE_MS)) { this.unwatch(); l = null; }
    if (!st) { this.known.clear(); return []; }
    if (!l) l = this.watch(st.ino);
    if (!l) return this.readAll();   // no watch possible: read every file, every time
    if (l.all) {
      l.all = false;
      l.dirty.clear();
      l.mtimeNs = st.mtimeNs;
      l.readAt = performance.now();
      l.names = new Set(this.names());
      this.known.clear();
      for (const name of l.names) l.dirty.add(name);
    } else if (st.mtimeNs !== l.mtimeNs) {
      // Files came or went (their events are marked too; readdir makes it certain).
      l.mtimeNs = st.mtimeNs;
      const names = new Set(this.names());
      for (const name of l.names) if (!names.has(name)) this.known.delete(name);
      for (const name of names) if (!l.names.has(name)) l.dirty.add(name);
      l.names = names;
      l.out = null;
    } else if (!l.dirty.size && l.out) return l.out;
    this.readStates(l.dirty);
    for (const name of l.dirty) if (this.known.has(name)) l.names.add(name); else l.names.delete(name);
    l.dirty.clear();
    const out: HvInstanceInfo[] = [];
    for (const name of l.names) {
      const u = this.known.get(name);
      if (u) out.push(this.info(name, u));
    }
    l.out = out;
    return out;
  }

  /** Every state file read now. */
  private readAll(): HvInstanceInfo[] {
    const names = this.names();
    this.known.clear();
    this.readStates(names);
    const out: HvInstanceInfo[] = [];
    for (const name of names) {
      const u = this.known.get(name);
      if (u) out.push(this.info(name, u));   // none: stopped between readdir and open
    }
    return out;
  }

  /** Reads the state files of `names` into `known`; a name without one is forgotten. */
  private readStates(names: Iterable<string>): void {
    // Names from readdir are file names: the dir and a slash make the path (path.join's
    // normalising was a sixth of a 200-instance list in noded's interpreter-only worker).
    const prefix = `${this.dir}/`;
    for (const name of names) {
      const u = readStateFile(prefix + name);
      if (u) this.known.set(name, u); else this.known.delete(name);
    }
  }

  /** Starts watching the directory (before reading it, so no change falls between); null if it cannot be watched. */
  private watch(ino: bigint): Listing | null {
    let watcher: FSWatcher;
    try {
      watcher = watch(this.dir, { persistent: false });
    } catch {
      return null;
    }
    const l: Listing = { watcher, ino, mtimeNs: -1n, names: new Set(), dirty: new Set(), all: true, readAt: 0, out: null };
    watcher.on('change', (_type, file) => {
      const name = typeof file === 'string' ? file : file?.toString();
      // No name, or the directory's own name (it was removed or moved: its watch ends with it): start over.
      if (!name || name === basename(this.dir)) { if (this.listing === l) this.unwatch(); }
      else if (!name.startsWith('.')) l.dirty.add(name);   // dot files are temp files and migrations' copies
    });
    watcher.on('error', () => { if (this.listing === l) this.unwatch(); });
    watcher.unref();
    this.listing = l;
    return l;
  }

  private unwatch(): void {
    const l = this.listing;
    this.listing = null;
    if (l) { l.watcher.removeAllListeners('change'); try { l.watcher.close(); } catch { /* already closed */ } }
  }

  async startInstance(inst: HvInstance, _diskPaths: readonly string[]): Promise<void> {
    const name = this.checkName(inst.name);
    await this.lock().run(() => {
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, name);
      // Starting a guest that shut itself down replaces its leftover state (as kvm cleans up
      // the stopped process first).
      if (readStateFile(file)?.userDown) { unlinkSync(file); this.known.delete(name); }
      if (existsSync(file)) {
        throw new HypervisorError(`Failed to start instance ${name}: already running`, { ecode: 'wrong_state' });
      }
      const node = this.nodeInfo();
      if (inst.memory > node.memory_free) {
        throw new HypervisorError(
          `Not enough memory on node ${this.hostname} to start instance ${name}: needed ${inst.memory} MiB, free ${node.memory_free} MiB`,
          { ecode: 'insufficient_resources' });
      }
      this.writeState(file, name, { memory: inst.memory, vcpus: inst.vcpus });
    });
  }

  async stopInstance(inst: HvInstance): Promise<void> {
    const name = this.checkName(inst.name);
    try {
      unlinkSync(join(this.dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new HypervisorError(`Failed to stop instance ${name}: not running`, { ecode: 'wrong_state' });
    } finally {
      this.known.delete(name);
    }
  }

  /** Ganeti's fake reboot does nothing: the "guest" has no state to lose. */
  async rebootInstance(inst: HvInstance): Promise<void> {
    this.checkName(inst.name);
  }

  /** Suspend (suspending.ts): the state file's content moves to statePath (a small JSON
   * document), the instance stops running here and its memory is free. */
  async suspendInstance(inst: HvInstance, statePath: string): Promise<void> {
    const name = this.checkName(inst.name);
    await this.lock().run(() => {
      const file = join(this.dir, name);
      const u = readStateFile(file);
      if (!u || u.userDown) throw new HypervisorError(`Failed to suspend instance ${name}: not running`, { ecode: 'wrong_state' });
      writeSavedState(name, u, statePath);
      unlinkSync(file);
      this.known.delete(name);
    });
  }

  /** A snapshot's memory: the same document as suspend writes; the instance runs on. */
  async saveInstanceState(inst: HvInstance, statePath: string): Promise<void> {
    const name = this.checkName(inst.name);
    await this.lock().run(() => {
      const u = readStateFile(join(this.dir, name));
      if (!u || u.userDown) throw new HypervisorError(`Failed to save the state of instance ${name}: not running`, { ecode: 'wrong_state' });
      writeSavedState(name, u, statePath);
    });
  }

  /** Resume: the saved memory and vcpus run again; a file that is not this instance's state is refused and kept. */
  async resumeInstance(inst: HvInstance, diskPaths: readonly string[], statePath: string): Promise<void> {
    const name = this.checkName(inst.name);
    let s: { fake?: unknown; name?: unknown; memory?: unknown; vcpus?: unknown } = {};
    try { s = JSON.parse(readFileSync(statePath, 'utf8')) as typeof s; } catch { /* checked below */ }
    if (s.fake !== 1 || s.name !== name || !Number.isInteger(s.memory) || !Number.isInteger(s.vcpus)) {
      throw new HypervisorError(`Cannot resume instance ${name}: its state file '${statePath}' could not be loaded (corrupt or incomplete); ` +
        'the file is kept', { ecode: 'environment_error' });
    }
    await this.startInstance({ ...inst, memory: s.memory as number, vcpus: s.vcpus as number }, diskPaths);
  }

  async pauseInstance(inst: HvInstance): Promise<void> { await this.setPaused(inst.name, true); }
  // Live disk snapshots (disk-snapshotting.ts), as overlays on the disk files (fake/disk-snapshot.ts).
  async redirectDiskWrites(inst: HvInstance, disks: readonly LiveDisk[], opts: SignalOptions = {}): Promise<boolean> {
    if (!readStateFile(join(this.dir, this.checkName(inst.name)))) throw new HypervisorError(`Instance ${inst.name} is not running`, { ecode: 'wrong_state' });
    await createOverlays(disks, opts.signal);
    return true;
  }
  async mergeDiskWrites(_inst: HvInstance, disks: readonly LiveDisk[], opts: SignalOptions = {}): Promise<void> { await mergeOverlays(disks, opts.signal); }
  async continueInstance(inst: HvInstance): Promise<void> { await this.setPaused(inst.name, false); }

  private async setPaused(instName: string, paused: boolean): Promise<void> {
    const name = this.checkName(instName);
    await this.lock().run(() => {
      const file = join(this.dir, name);
      const u = readStateFile(file);
      if (!u || u.userDown) throw new HypervisorError(`Instance ${name} is not running`, { ecode: 'wrong_state' });
      const tmp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
      writeFileSync(tmp, `0\n${u.memory}\n${u.vcpus}\n${paused ? 'paused\n' : ''}`, { mode: 0o644 });
      renameSync(tmp, file);
    });
  }

  // Migration models the protocol so the master's sequence is checked: the target's copy
  // (.incoming-<name>, its memory reserved) becomes the real state file only on
  // finalizeMigrationDst(success); the source's status goes setup -> active -> completed over
  // successive polls; the source's copy ends only on finalizeMigrationSource(success) after
  // completion. Failure injection: a file `fail-migration` (all instances) or
  // `fail-migration-<name>` in the node's run dir makes the transfer fail.
  async migrationInfo(inst: HvInstance): Promise<string> {
    const name = this.checkName(inst.name);
    if (!existsSync(join(this.dir, name))) throw new HypervisorError(`Instance ${name} is not running on this node`, { ecode: 'wrong_state' });
    return '';
  }

  async acceptInstance(inst: HvInstance): Promise<void> {
    const name = this.checkName(inst.name);
    await this.lock().run(() => {
      mkdirSync(this.dir, { recursive: true });
      if (existsSync(join(this.dir, name))) throw new HypervisorError(`Can't accept instance ${name}: already running here`, { ecode: 'wrong_state' });
      const node = this.nodeInfo();
      if (inst.memory > node.memory_free) {
        throw new HypervisorError(`Not enough memory on node ${this.hostname} to accept instance ${name}: needed ${inst.memory} MiB, ` +
          `free ${node.memory_free} MiB`, { ecode: 'insufficient_resources' });
      }
      writeFileSync(join(this.dir, `.incoming-${name}`), `0\n${inst.memory}\n${inst.vcpus}\n`, { mode: 0o644 });
    });
  }

  async migrateInstance(_cluster: string, inst: HvInstance, target: string): Promise<void> {
    const name = this.checkName(inst.name);
    if (!existsSync(join(this.dir, name))) throw new HypervisorError(`Instance ${name} is not running on this node`, { ecode: 'wrong_state' });
    writeFileSync(join(this.dir, `.migration-${name}`), JSON.stringify({ target, polls: 0 }), { mode: 0o644 });
  }

  async getMigrationStatus(inst: HvInstance): Promise<MigrationStatus> {
    const name = this.checkName(inst.name);
    const rec = this.migration(name);
    if (!rec) return { status: 'failed', info: `no migration of ${name} was started on this node` };
    const runDir = join(this.dir, '..');
    if (existsSync(join(runDir, 'fail-migration')) || existsSync(join(runDir, `fail-migration-${name}`))) {
      rec.status = 'failed';
    } else if (rec.status !== 'failed') {
      rec.polls += 1;
      rec.status = rec.polls >= 2 ? 'completed' : 'active';
    }
    writeFileSync(join(this.dir, `.migration-${name}`), JSON.stringify(rec), { mode: 0o644 });
    const total = this.known.get(name)?.memory ?? 0;
    return { status: rec.status, transferredRam: rec.status === 'completed' ? total : Math.floor(total / 2), totalRam: total,
      ...(rec.status === 'failed' ? { info: 'injected migration failure' } : {}) };
  }

  async finalizeMigrationDst(inst: HvInstance, _info: string, success: boolean): Promise<void> {
    const name = this.checkName(inst.name);
    const incoming = join(this.dir, `.incoming-${name}`);
    if (!success) { rmSync(incoming, { force: true }); return; }
    await this.lock().run(() => {
      if (!existsSync(incoming)) throw new HypervisorError(`No incoming migration of instance ${name} on this node`, { ecode: 'wrong_state' });
      const u = readStateFile(incoming)!;
      this.writeState(join(this.dir, name), name, u);
      rmSync(incoming, { force: true });
    });
  }

  async finalizeMigrationSource(inst: HvInstance, success: boolean): Promise<void> {
    const name = this.checkName(inst.name);
    const rec = this.migration(name);
    if (success && rec?.status !== 'completed') {
      throw new HypervisorError(`Migration of instance ${name} has not completed (${rec?.status ?? 'not started'}); not stopping it here`,
        { ecode: 'wrong_state' });
    }
    rmSync(join(this.dir, `.migration-${name}`), { force: true });
    if (success) { rmSync(join(this.dir, name), { force: true }); this.known.delete(name); }
  }

  private migration(name: string): { target: string; polls: number; status?: MigrationStatus['status'] } | null {
    try { return JSON.parse(readFileSync(join(this.dir, `.migration-${name}`), 'utf8')) as { target: string; polls: number }; } catch { return null; }
  }

  async getNodeInfo(): Promise<HvNodeInfo> {
    return this.nodeInfo();
  }

  async verify(): Promise<string[]> {
    const errors: string[] = [];
    if (!existsSync(this.dir)) errors.push(`The required directory '${this.dir}' does not exist`);
    try { readFakeCapacity(this.capacityFile); } catch (err) { errors.push((err as Error).message); }
    return errors;
  }

  getConsole(inst: HvInstance): ConsoleInfo {
    return { instance: inst.name, kind: 'message', message: 'Console not available for fake hypervisor' };
  }

  private nodeInfo(): HvNodeInfo {
    const used = this.usage();
    const cap = readFakeCapacity(this.capacityFile);
    if (cap) {
      return {
        memory_total: cap.memory,
        memory_dom0: cap.memory_dom0,
        memory_free: Math.max(0, cap.memory - cap.memory_dom0 - used.memory),
        cpu_total: cap.cpus, cpu_used: used.vcpus, cpu_nodes: 1, cpu_sockets: 1,
      };
    }
    let text: string;
    try {
      text = readFileSync(this.meminfoFile, 'utf8');
    } catch (err) {
      throw new HypervisorError(`Failed to get node info: ${(err as Error).message}`, { ecode: 'environment_error' });
    }
    const mem = readHostMemory(text);
    return {
      memory_total: mem.total,
      memory_dom0: mem.dom0,
      memory_free: Math.max(0, mem.free - used.memory),   // as Ganeti: host free minus fake instances
      cpu_total: cpus().length, cpu_used: used.vcpus, cpu_nodes: 1, cpu_sockets: 1,
    };
  }

  /** Sum of running instances' memory and vcpus: one readdir (it runs on every start), reads
   * only of unseen files. */
  private usage(): Usage {
    const names = new Set<string>();
    let memory = 0;
    let vcpus = 0;
    for (const entry of this.entries()) {
      let u: Usage | undefined;
      if (entry.startsWith('.incoming-')) {   // an incoming migration holds its memory already (as kvm's -incoming qemu)
        u = readStateFile(join(this.dir, entry)) ?? undefined;
      } else if (!entry.startsWith('.')) {    // dot files are our temp files
        names.add(entry);
        u = this.known.get(entry);
        if (!u) {
          u = readStateFile(join(this.dir, entry)) ?? undefined;
          if (u) this.known.set(entry, u);
        }
      }
      if (u) { memory += u.memory; vcpus += u.vcpus; }
    }
    for (const name of this.known.keys()) if (!names.has(name)) this.known.delete(name);
    return { memory, vcpus };
  }

  private names(): string[] {
    return this.entries().filter((n) => !n.startsWith('.'));   // dot files are our temp files
  }

  /** Every entry of the directory, temp and incoming-migration files included. */
  private entries(): string[] {
    try {
      return readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new HypervisorError(`Failed to list instances: ${(err as Error).message}`, { ecode: 'environment_error' });
    }
  }

  /** Writes a temp file and hard-links it into place: the link fails if another start won. */
  private writeState(file: string, name: string, u: Usage): void {
    const tmp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, `0\n${u.memory}\n${u.vcpus}\n`, { mode: 0o644 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new HypervisorError(`Failed to start instance ${name}: already running`, { ecode: 'wrong_state' });
      }
      throw new HypervisorError(`Failed to start instance ${name}: ${(err as Error).message}`);
    } finally {
      unlinkSync(tmp);
    }
    this.known.set(name, u);
  }

  /** The same answer object while the state is the same Usage (callers may keep work per answer). */
  private info(name: string, u: Usage): HvInstanceInfo {
    let i = infos.get(u);
    if (!i || i.name !== name) { i = this.makeInfo(name, u); infos.set(u, i); }
    return i;
  }

  private makeInfo(name: string, u: Usage): HvInstanceInfo {
    return { name, state: u.userDown ? 'user_down' : 'running', memory: u.memory, vcpus: u.vcpus, hypervisor: this.kind };
  }

  private checkName(name: string): string {
    if (!isSafeName(name)) {
      throw new HypervisorError(`Invalid instance name '${name}' for the fake hypervisor`, { ecode: 'wrong_input' });
    }
    return name;
  }

  private lock(): Mutex {
    let m = startLocks.get(this.dir);
    if (!m) { m = new Mutex(); startLocks.set(this.dir, m); }
    return m;
  }
}

/** The fake's saved machine state: a small JSON document, complete or absent. */
function writeSavedState(name: string, u: { memory: number; vcpus: number; paused?: boolean }, statePath: string): void {
  const tmp = join(dirname(statePath), `.${basename(statePath)}.partial`);
  try {
    writeFileSync(tmp, `${JSON.stringify({ fake: 1, name, memory: u.memory, vcpus: u.vcpus, paused: !!u.paused, saved: Date.now() / 1000 })}\n`);
    renameSync(tmp, statePath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new HypervisorError(`Could not save the state of instance ${name} to '${statePath}': ${(err as Error).message} (the instance keeps running)`);
  }
}
