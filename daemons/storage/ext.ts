// The ext disk template: disks provided by an ExtStorage provider (ganeti-extstorage-
// interface(7)), so LVM, Ceph or a SAN plug in as a directory of scripts without changes to
// this program. logical_id = [provider, volume name]; the volume name is Ganeti's
// "<disk uuid>.ext.disk<N>". The path a volume is attached at is remembered in the run dir
// (only attach can tell it), so accessPath works without running a script.
import { createReadStream, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockDeviceError, ParameterError } from '../common/errors.js';
import { isSafeName } from '../common/known-files.js';
import type { Paths } from '../common/paths.js';
import { checkProviderName, EXT_DESCRIPTOR, extParams } from './ext-descriptor.js';
import { checkExtParams, loadProvider, type ExtAction, type ExtProvider } from './ext-provider.js';
import { runExtScript } from './ext-script.js';
import { MIB, toMiB } from './image-file.js';
import type {
  CreatedDisk, ExportStream, StorageContext, StorageDisk, StorageDriver, StorageReport, VolumeInfo,
} from './storage-driver.js';

function bad(msg: string): BlockDeviceError {
  return new BlockDeviceError(msg, { ecode: 'wrong_input' });
}

/** Ganeti's ext volume name: <uuid>.ext.disk<N>. */
export function extVolumeName(disk: StorageDisk): string {
  const idx = /^disk\/(\d+)$/.exec(disk.iv_name ?? '')?.[1] ?? '0';
  return `${disk.uuid}.ext.disk${idx}`;
}

interface Volume { provider: ExtProvider; name: string; env: Record<string, string> }

export class ExtStorage implements StorageDriver {
  readonly kind = EXT_DESCRIPTOR.name;
  readonly capabilities = EXT_DESCRIPTOR.capabilities;

  constructor(private readonly paths: Paths) {}

  /** Provider, volume name and the common environment of a disk (checked: a peer sent it). */
  private volume(disk: StorageDisk, creating = false): Volume {
    let providerName: string;
    try {
      providerName = checkProviderName(disk.logical_id[0] ?? disk.params?.provider, `Disk ${disk.uuid}`);
    } catch (err) {
      throw bad((err as Error).message);
    }
    if (disk.logical_id.length && disk.params?.provider !== undefined && disk.params.provider !== providerName) {
      throw bad(`Disk ${disk.uuid}: provider '${String(disk.params.provider)}' does not match its logical_id ${JSON.stringify(disk.logical_id)}`);
    }
    const name = disk.logical_id[1] ?? (creating ? extVolumeName(disk) : '');
    if (disk.logical_id.length && disk.logical_id.length !== 2) throw bad(`Invalid ext disk logical_id ${JSON.stringify(disk.logical_id)}: expected [provider, volume]`);
    if (!name || !isSafeName(name)) throw bad(`Invalid ExtStorage volume name '${name}'`);
    const provider = loadProvider(this.paths, providerName);
    const params = extParams(disk.params);
    // Only new volumes are held to parameters.list: an existing one must stay removable.
    if (creating) checkExtParams(provider, params);
    const env: Record<string, string> = { VOL_NAME: name, VOL_UUID: disk.uuid };
    if (disk.name) env.VOL_CNAME = disk.name;
    for (const [k, v] of Object.entries(params)) env[`EXTP_${k.toUpperCase()}`] = v;
    return { provider, name, env };
  }

  private run(v: Volume, action: ExtAction, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<string> {
    return runExtScript(this.paths, v.provider, action, { volName: v.name, env: { ...v.env, ...extra }, ...(signal ? { signal } : {}) });
  }

  private stateFile(v: Volume): string {
    return join(this.paths.runDir, 'extstorage', v.provider.name, v.name);
  }

  /** attach: the first line of stdout is the device path (idempotent by the interface). */
  private async attach(v: Volume, signal?: AbortSignal): Promise<string> {
    const out = await this.run(v, 'attach', {}, signal);
    const path = out.split('\n')[0]!.trim();
    if (!path.startsWith('/')) {
      throw new BlockDeviceError(`ExtStorage provider '${v.provider.name}': attach of volume ${v.name} printed no device path (got '${path}')`);
    }
    mkdirSync(join(this.paths.runDir, 'extstorage', v.provider.name), { recursive: true, mode: 0o750 });
    writeFileSync(this.stateFile(v), `${path}\n`);
    return path;
  }

  async create(disk: StorageDisk, ctx: StorageContext): Promise<CreatedDisk> {
    if (!Number.isInteger(disk.size) || disk.size <= 0) {
      throw new ParameterError(`Disk size must be a positive number of MiB, got ${disk.size}`, { ecode: 'wrong_input' });
    }
    const v = this.volume(disk, true);
    await this.run(v, 'create', { VOL_SIZE: String(disk.size) }, ctx.signal);
    try {
      const path = await this.attach(v, ctx.signal);
      if (v.provider.optional.has('open')) await this.run(v, 'open', { VOL_OPEN_EXCLUSIVE: 'True' }, ctx.signal);
      await this.run(v, 'setinfo', { VOL_METADATA: `originstname+${ctx.instanceName ?? ''}` }, ctx.signal);
      return { path, logical_id: [v.provider.name, v.name], size: disk.size };
    } catch (err) {
      // Do not leave a volume the config will never know about.
      await this.run(v, 'detach').catch(() => undefined);
      await this.run(v, 'remove').catch(() => undefined);
      this.forget(v);
      throw err;
    }
  }

  async remove(disk: StorageDisk, ctx: StorageContext): Promise<void> {
    const v = this.volume(disk);
    // As Ganeti: a volume that cannot be attached is gone already (idempotent removal).
    try { await this.attach(v, ctx.signal); } catch { this.forget(v); return; }
    await this.shutdown(disk, ctx);
    await this.run(v, 'remove', {}, ctx.signal);
  }

  async rename(disk: StorageDisk, newLogicalId: readonly string[]): Promise<CreatedDisk> {
    // Volume names do not contain the instance name: nothing to do, only refuse real renames.
    if (JSON.stringify(newLogicalId) !== JSON.stringify(disk.logical_id)) {
      throw bad(`ExtStorage volumes cannot be renamed (${JSON.stringify(disk.logical_id)} -> ${JSON.stringify(newLogicalId)})`);
    }
    return { path: this.accessPath(disk), logical_id: [...disk.logical_id] };
  }

  async assemble(disk: StorageDisk, ctx: StorageContext): Promise<string> {
    const v = this.volume(disk);
    const path = await this.attach(v, ctx.signal);
    if (v.provider.optional.has('open')) await this.run(v, 'open', { VOL_OPEN_EXCLUSIVE: 'True' }, ctx.signal);
    return path;
  }

  async shutdown(disk: StorageDisk, ctx: StorageContext): Promise<void> {
    const v = this.volume(disk);
    if (v.provider.optional.has('close')) await this.run(v, 'close', {}, ctx.signal);
    await this.run(v, 'detach', {}, ctx.signal);
    this.forget(v);
  }

  async grow(disk: StorageDisk, amountMiB: number, ctx: StorageContext): Promise<number> {
    if (!Number.isInteger(amountMiB) || amountMiB < 0) throw bad(`Invalid grow amount ${amountMiB}: expected a non-negative number of MiB`);
    if (amountMiB === 0) return disk.size;
    const v = this.volume(disk);
    const newSize = disk.size + amountMiB;
    await this.run(v, 'grow', { VOL_SIZE: String(disk.size), VOL_NEW_SIZE: String(newSize) }, ctx.signal);
    return newSize;
  }

  async snapshot(disk: StorageDisk, snapName: string, ctx: StorageContext): Promise<CreatedDisk> {
    if (!isSafeName(snapName)) throw bad(`Invalid snapshot name '${snapName}'`);
    const v = this.volume(disk);
    if (!v.provider.optional.has('snapshot')) {
      throw new BlockDeviceError(`ExtStorage provider '${v.provider.name}' does not support snapshots (it has no snapshot script)`, { ecode: 'wrong_input' });
    }
    const snapVol = `${v.name}.${snapName}`;
    await this.run(v, 'snapshot', { VOL_SNAPSHOT_NAME: snapVol, VOL_SNAPSHOT_SIZE: String(disk.size) }, ctx.signal);
    return { path: '', logical_id: [v.provider.name, snapVol], size: disk.size };
  }

  /**
   * The provider's revert script puts the snapshot volume's content back as the disk's
   * (VOL_NAME, VOL_SNAPSHOT_NAME), atomically: the disk is the old or the reverted one, never
   * a mix (filedisk: a copy renamed over the volume). The ExtStorage interface has no revert,
   * and a copy onto the attached volume would leave it half-written if interrupted, so a
   * provider without the script cannot revert. The instance is stopped (the master's revert
   * does so), so nothing writes meanwhile.
   */
  async revert(disk: StorageDisk, snapshotLogicalId: readonly string[], ctx: StorageContext): Promise<void> {
    const v = this.volume(disk);
    const s = this.volume({ ...disk, logical_id: [...snapshotLogicalId] });
    if (s.provider.name !== v.provider.name || !s.name.startsWith(`${v.name}.`)) {
      throw bad(`Volume ${JSON.stringify(snapshotLogicalId)} is not a snapshot of disk ${disk.uuid} (${v.provider.name}/${v.name})`);
    }
    if (!v.provider.optional.has('revert')) {
      throw bad(`ExtStorage provider '${v.provider.name}' cannot revert to a snapshot: it has no revert script ` +
        '(a copy onto the volume could be left half-done; the script must replace the volume atomically)');
    }
    await this.run(v, 'revert', { VOL_SNAPSHOT_NAME: s.name }, ctx.signal);
  }

  async exportStream(disk: StorageDisk, ctx: StorageContext): Promise<ExportStream> {
    const path = await this.assemble(disk, ctx);
    const stream = createReadStream(path, { end: disk.size * MIB - 1 });
    return { format: 'raw', size: disk.size * MIB, stream, done: async () => { stream.destroy(); } };
  }

  accessPath(disk: StorageDisk): string {
    try {
      return readFileSync(this.stateFile(this.volume(disk)), 'utf8').trim();
    } catch {
      return '';
    }
  }

  async usage(disk: StorageDisk, ctx: StorageContext): Promise<{ size: number; used: number } | null> {
    let path: string;
    try { path = await this.attach(this.volume(disk), ctx.signal); } catch { return null; }
    try {
      const st = statSync(path);
      const size = st.isFile() ? toMiB(st.size) : disk.size;
      return { size, used: st.isFile() ? toMiB(st.blocks * 512) : size };
    } catch {
      return null;
    }
  }

  /** External storage reports its space itself, not through the node. */
  async report(): Promise<StorageReport | null> { return null; }

  async listVolumes(): Promise<VolumeInfo[]> { return []; }

  private forget(v: Volume): void {
    try { unlinkSync(this.stateFile(v)); } catch { /* not attached here */ }
  }
}
